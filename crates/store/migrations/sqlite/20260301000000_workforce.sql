-- Workforce statistics (sqlite). Keep in step with the other engine's folder.
--
-- Privacy by design: only the aggregates of an HR extract are stored (the
-- report as JSON), with the file's checksum and row counts; the rows
-- themselves are never written anywhere.
create table workforce_reports (
    id integer primary key,
    administration_code text not null references administrations(code),
    reference_year integer not null,
    report text not null,
    file_sha256 text not null,
    rows_read integer not null,
    rows_rejected integer not null,
    min_group integer not null,
    computed_by text not null,
    computed_at text not null,
    unique (administration_code, reference_year)
);
