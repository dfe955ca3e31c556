#!/usr/bin/env python3
"""Generates a realistic, synthetic HR extract for the workforce-statistics benchmark.

    python3 scripts/bench-workforce-data.py --rows 1000000 --seed 42 --out /var/tmp/workforce-1m.csv

Standard library only; the same seed gives the same file. The extract has the
columns of issue 5 (required and optional) for reference year 2025:
- ~40 grades (G01..G40) and 25 categories of equal-value work, each category
  spanning a few neighbouring grades;
- management levels none/middle/senior/top, rarer and better paid the higher,
  with women's share falling with the level;
- sex F/M about 48/50, with ~1 % X and ~1 % U;
- basic pay rising with grade, with a few percent less for women on average,
  part-time hours (20-32 h) for ~15 % (more often women), a year-long pay
  for most and pro-rata pay for the year's joiners and leavers;
- ~30 % receiving variable pay, more often men and more at higher grades;
- hire, exit and promotion dates, some in 2025; birth year, training days;
- unique pseudonymous ids (a bijection of the row number, so no duplicate).
"""

import argparse
import random

HEADER = [
    "employee_id", "sex", "grade", "category", "management_level", "function", "unit",
    "annual_basic_pay", "annual_variable_pay", "weekly_hours", "hire_date", "exit_date",
    "last_promotion_date", "birth_year", "training_days",
]
FUNCTIONS = ["Inspection", "Valuation", "Enforcement", "Audit", "Risk management",
             "Tariff and classification", "IT", "Human resources", "Finance", "Legal",
             "Training", "Intelligence"]
UNITS = [f"Regional Directorate {i % 12 + 1:02d} / Office {i:02d}" for i in range(1, 61)]
LEVELS = ["none", "middle", "senior", "top"]
# Women's share by level: the leaky pipeline.
FEMALE_SHARE = {"none": 0.50, "middle": 0.40, "senior": 0.31, "top": 0.22}


def date(rng, year):
    return f"{year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", required=True)
    parser.add_argument("--year", type=int, default=2025)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    year = args.year
    grade_base = [26_000 * (1.045 ** g) for g in range(40)]
    with open(args.out, "w", encoding="utf-8", newline="") as out:
        out.write(",".join(HEADER) + "\n")
        lines = []
        for i in range(args.rows):
            r = rng.random()
            level = "none" if r < 0.86 else "middle" if r < 0.96 else "senior" if r < 0.993 else "top"
            s = rng.random()
            female_share = FEMALE_SHARE[level]
            if s < 0.01:
                sex = "X"
            elif s < 0.02:
                sex = "U"
            elif s < 0.02 + female_share * 0.98:
                sex = "F"
            else:
                sex = "M"
            low = {"none": 0, "middle": 18, "senior": 28, "top": 35}[level]
            high = {"none": 30, "middle": 34, "senior": 38, "top": 39}[level]
            grade = rng.randint(low, high)
            # Women sit a little lower in the grades of each level.
            if sex == "F" and grade > low and rng.random() < 0.25:
                grade -= 1
            category = min(24, grade * 25 // 40 + (1 if rng.random() < 0.2 else 0))
            part_time = rng.random() < (0.22 if sex == "F" else 0.08)
            hours = rng.choice([20.0, 24.0, 28.0, 32.0]) if part_time else rng.choice([37.5, 38.0, 40.0])
            full_time_pay = grade_base[grade] * rng.uniform(0.92, 1.10) * (0.97 if sex == "F" else 1.0)
            level_bonus = {"none": 1.0, "middle": 1.08, "senior": 1.15, "top": 1.25}[level]
            hired = rng.random() < 0.06
            exited = rng.random() < 0.05
            months = 12
            if hired:
                hire_date = date(rng, year)
                months = rng.randint(1, 12)
            else:
                hire_date = date(rng, rng.randint(1985, year - 1))
            exit_date = ""
            if exited:
                exit_date = date(rng, year)
                months = max(1, months - rng.randint(0, 11))
            basic = full_time_pay * level_bonus * hours / 38.0 * months / 12.0
            receives = rng.random() < (0.26 if sex == "F" else 0.33) + grade * 0.002
            variable = round(basic * rng.uniform(0.02, 0.15), 2) if receives else 0
            promo = ""
            p = rng.random()
            if p < 0.08:
                promo = date(rng, year)
            elif p < 0.6:
                promo = date(rng, rng.randint(2000, year - 1))
            ident = f"{(i * 0x9E3779B97F4A7C15) % 2**64:016x}"
            lines.append(",".join([
                ident, sex, f"G{grade + 1:02d}", f"CAT-{category + 1:02d}", level,
                rng.choice(FUNCTIONS), rng.choice(UNITS), f"{basic:.2f}",
                f"{variable:.2f}" if variable else "0", f"{hours:g}", hire_date, exit_date,
                promo, str(rng.randint(1960, 2003)), f"{rng.randint(0, 20) / 2:g}",
            ]))
            if len(lines) == 10_000:
                out.write("\n".join(lines) + "\n")
                lines = []
        if lines:
            out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
