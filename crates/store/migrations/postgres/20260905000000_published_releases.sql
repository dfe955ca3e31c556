-- Disclosure control (issue 17): the figures published across Members for a
-- closed period (the programme's global and regional figures, a GEOAT
-- instrument's benchmarks), computed once and then kept as they are, so that
-- no later data can move a figure someone has seen. `kind` is `programme` or
-- `geoat:<instrument code>`; `body` is the release as JSON (its figures and,
-- for the audit of the next periods, the contributions behind each shown
-- one). Keep in step with the other engine's folder.
create table published_releases (
    kind text not null,
    period integer not null,
    body text not null,
    published_at text not null,
    primary key (kind, period)
);
