-- Documents of a mission (issue 7, sqlite): terms of reference, agendas,
-- presentations, reports. The bytes are in the file store under storage_key.
-- Keep in step with the other engine's folder.
create table mission_documents (
    id integer primary key,
    mission_id integer not null references missions(id) on delete cascade,
    title text not null,
    file_name text not null,
    content_type text not null,
    size_bytes integer not null,
    storage_key text not null,
    added_by text not null,
    added_at text not null
);
create index mission_documents_by_mission on mission_documents (mission_id);
