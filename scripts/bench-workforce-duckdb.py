#!/usr/bin/env python3
"""The DuckDB peer of gedhub's workforce statistics, for the benchmark.

    /var/tmp/bench-venv/bin/python scripts/bench-workforce-duckdb.py FILE.csv 2025

Loads the same CSV (typed columns, all cores) and computes the same indicators
as gedhub_core::workforce, printing them as JSON (timing on stderr):
- headcounts by sex; duplicate ids and invalid values counted (gedhub checks them too);
- (a)/(c) mean and median gap of hourly_pay, (b)/(d) of variable pay over
  receivers, (e) receipt shares;
- (f) quartile bands, in the simple form: ntile(4) over hourly_pay. NOTE: this
  is not gedhub's exact rule (ntile gives the remainder to the first bands,
  lower/lower-middle/upper-middle, instead of lower/upper-middle/lower-middle,
  and does not share tied pay across a boundary in proportion); it is the
  acceptable peer for timing only;
- (g) per category and sex: counts, mean and median of hourly_basic and
  hourly_pay, mean and median variable pay of receivers;
- representation by grade and by management level; flows (hires, exits,
  promotions dated in the reference year) by sex.
Medians are quantile_cont(…, 0.5): the mean of the two middle values for an
even count, the same rule as gedhub.
"""

import json
import sys
import time

import duckdb


def main():
    path, year = sys.argv[1], int(sys.argv[2])
    start = time.perf_counter()
    con = duckdb.connect()
    con.execute(
        """
        create table raw as select * from read_csv(?, header = true, delim = ',', quote = '"',
          columns = {
            'employee_id': 'varchar', 'sex': 'varchar', 'grade': 'varchar', 'category': 'varchar',
            'management_level': 'varchar', 'function': 'varchar', 'unit': 'varchar',
            'annual_basic_pay': 'double', 'annual_variable_pay': 'double', 'weekly_hours': 'double',
            'hire_date': 'date', 'exit_date': 'date', 'last_promotion_date': 'date',
            'birth_year': 'integer', 'training_days': 'double'})
        """,
        [path],
    )
    con.execute(
        """
        create table w as select
          upper(left(trim(sex), 1)) as sex, grade, category,
          coalesce(nullif(lower(trim(management_level)), ''), 'none') as level,
          annual_basic_pay as basic, annual_variable_pay as variable,
          (annual_basic_pay + annual_variable_pay) / (weekly_hours * 52) as hourly_pay,
          annual_basic_pay / (weekly_hours * 52) as hourly_basic,
          year(hire_date) = ? as hired, year(exit_date) = ? as exited,
          year(last_promotion_date) = ? as promoted
        from raw
        """,
        [year, year, year],
    )
    q = lambda sql: con.execute(sql).fetchall()
    out = {"reference_year": year}
    out["validation"] = q(
        """select count(*) - count(distinct employee_id),
                  count(*) filter (where annual_basic_pay < 0 or annual_variable_pay < 0
                                   or weekly_hours <= 0 or employee_id is null or sex is null)
           from raw"""
    )
    out["workers"] = q("select sex, count(*) from w group by sex order by sex")
    out["pay"] = q(
        """select sex, avg(hourly_pay), quantile_cont(hourly_pay, 0.5),
                  count(*) filter (where variable > 0),
                  avg(variable) filter (where variable > 0),
                  quantile_cont(variable, 0.5) filter (where variable > 0)
           from w where sex in ('F', 'M') group by sex order by sex"""
    )
    out["quartiles"] = q(
        """select band, count(*), avg((sex = 'F')::int) * 100, avg((sex = 'M')::int) * 100
           from (select sex, ntile(4) over (order by hourly_pay) as band
                 from w where sex in ('F', 'M'))
           group by band order by band"""
    )
    out["categories"] = q(
        """select category, sex, count(*),
                  avg(hourly_basic), quantile_cont(hourly_basic, 0.5),
                  avg(hourly_pay), quantile_cont(hourly_pay, 0.5),
                  avg(variable) filter (where variable > 0),
                  quantile_cont(variable, 0.5) filter (where variable > 0)
           from w where sex in ('F', 'M') group by category, sex order by category, sex"""
    )
    out["by_grade"] = q(
        """select grade, count(*) filter (where sex = 'F'), count(*) filter (where sex = 'M'),
                  count(*) filter (where sex = 'X'), count(*) filter (where sex = 'U'),
                  100.0 * count(*) filter (where sex = 'F') / count(*)
           from w group by grade order by grade"""
    )
    out["by_level"] = q(
        """select level, count(*) filter (where sex = 'F'), count(*) filter (where sex = 'M'),
                  count(*) filter (where sex = 'X'), count(*) filter (where sex = 'U'),
                  100.0 * count(*) filter (where sex = 'F') / count(*)
           from w group by level order by level"""
    )
    out["flows"] = q(
        """select sex, count(*), count(*) filter (where hired), count(*) filter (where exited),
                  count(*) filter (where promoted)
           from w group by sex order by sex"""
    )
    elapsed = time.perf_counter() - start
    print(json.dumps(out, default=str, indent=1))
    print(f"duckdb {duckdb.__version__}: {elapsed * 1e3:.1f} ms", file=sys.stderr)


if __name__ == "__main__":
    main()
