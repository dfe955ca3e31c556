-- The practice library, continued (issue 8, sqlite). The GEOAT key elements a
-- practice is about (comma-separated codes such as P1.A,X.3, validated by
-- gedhub_core::practices::parse_key_elements and against the instrument),
-- used to rank related practices on a diagnostic gap or a plan objective.
-- Keep in step with the other engine's folder.
alter table practices add column key_elements text not null default '';

-- Files attached to a practice (reports, photos, guidelines). The bytes are
-- in the file store under storage_key; readable by whoever may read the
-- practice.
create table practice_attachments (
    id integer primary key,
    practice_id integer not null references practices(id) on delete cascade,
    title text not null,
    file_name text not null,
    content_type text not null,
    size_bytes integer not null,
    storage_key text not null,
    added_by text not null,
    added_at text not null
);
create index practice_attachments_by_practice on practice_attachments (practice_id);

-- (PostgreSQL only: a stored tsvector column for the search index. SQLite's
-- FTS5 table needs nothing.)
select 1;
