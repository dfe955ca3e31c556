-- The latest current value of each indicator, kept with the indicator so that
-- the Secretariat's overview of every plan reads one row per indicator
-- instead of searching each one's history (SQLite). Keep in step with
-- ../postgres/. Maintained by Store::record_measurements.
alter table plan_indicators add column latest_on text;
alter table plan_indicators add column latest_value real;
update plan_indicators set
    latest_on = (select max(m.measured_on) from indicator_measurements m
                 where m.indicator_id = plan_indicators.id and m.superseded_by is null),
    latest_value = (select m.value from indicator_measurements m
                    where m.indicator_id = plan_indicators.id and m.superseded_by is null
                    order by m.measured_on desc limit 1);
