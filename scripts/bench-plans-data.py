#!/usr/bin/env python3
"""Fills a migrated gedhub SQLite database with the action-plan benchmark of
issue 4: every administration gets an adopted plan (unless it has one) with
3 objectives, 12 actions and 30 manual indicators, each with 60 monthly
measurements (5 years). Deterministic (seeded). Usage:

    bench-plans-data.py DATABASE_FILE
"""
import json
import random
import sqlite3
import sys
from datetime import date

INDICATORS = 30
MONTHS = 60
NOW = "2026-01-01T00:00:00Z"


def month_end(index):
    """The last day of the index-th month from January 2021."""
    year, month = 2021 + index // 12, index % 12 + 1
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1).isoformat()


def main(path):
    rng = random.Random(4)
    db = sqlite3.connect(path)
    db.execute("pragma foreign_keys = on")
    codes = [row[0] for row in db.execute(
        "select code from administrations where code not in (select administration_code from action_plans)"
        " order by code")]
    plans = indicators = measurements = 0
    with db:
        for code in codes:
            plan = db.execute(
                "insert into action_plans (administration_code, title, period_start, period_end, owner,"
                " status, created_by, created_at, updated_at)"
                " values (?, ?, '2021-01-01', '2026-12-31', 'HR', 'adopted', 'bench', ?, ?)",
                (code, f"GED action plan {code}", NOW, NOW)).lastrowid
            plans += 1
            objectives = []
            for number in range(3):
                objectives.append(db.execute(
                    "insert into plan_objectives (plan_id, title, created_at) values (?, ?, ?)",
                    (plan, f"Objective {number + 1}", NOW)).lastrowid)
            for number in range(12):
                db.execute(
                    "insert into plan_actions (plan_id, objective_id, title, due_date, status,"
                    " created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)",
                    (plan, objectives[number % 3], f"Action {number + 1}",
                     f"{2022 + number % 5}-06-30",
                     rng.choice(["not_started", "in_progress", "done", "delayed"]), NOW, NOW))
            for number in range(INDICATORS):
                baseline = rng.uniform(5, 30)
                target = baseline + rng.uniform(10, 30)
                indicator = db.execute(
                    "insert into plan_indicators (plan_id, objective_id, name_en, name_fr, unit,"
                    " direction, baseline_value, baseline_date, target_value, target_date,"
                    " milestones, frequency, source_kind, source_detail, created_at)"
                    " values (?, ?, ?, ?, 'percent', 'increase', ?, '2021-01-01', ?, '2026-12-31',"
                    " ?, 'monthly', 'manual', null, ?)",
                    (plan, objectives[number % 3], f"Indicator {number + 1}",
                     f"Indicateur {number + 1}", baseline, target,
                     json.dumps([{"date": "2023-12-31", "value": (baseline + target) / 2}]),
                     NOW)).lastrowid
                indicators += 1
                value = baseline
                rows = []
                for month in range(MONTHS):
                    value += rng.uniform(-0.2, 0.6)
                    rows.append((indicator, month_end(month), value, "", "bench", NOW))
                db.executemany(
                    "insert into indicator_measurements (indicator_id, measured_on, value, comment,"
                    " entered_by, entered_at) values (?, ?, ?, ?, ?, ?)", rows)
                measurements += len(rows)
    # What Store::record_measurements keeps with each indicator.
    with db:
        db.execute(
            "update plan_indicators set"
            " latest_on = (select max(m.measured_on) from indicator_measurements m"
            "   where m.indicator_id = plan_indicators.id and m.superseded_by is null),"
            " latest_value = (select m.value from indicator_measurements m"
            "   where m.indicator_id = plan_indicators.id and m.superseded_by is null"
            "   order by m.measured_on desc limit 1)")
    total_plans = db.execute("select count(*) from action_plans").fetchone()[0]
    print(f"added {plans} plans, {indicators} indicators, {measurements} measurements "
          f"({total_plans} plans in all)", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
