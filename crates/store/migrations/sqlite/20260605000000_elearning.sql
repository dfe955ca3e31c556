-- E-learning modules, their completions, and the Learning Record Store
-- (SQLite). Keep in step with ../postgres/.
create table elearning_modules (
    id integer primary key,
    code text not null unique,
    title_en text not null,
    title_fr text not null,
    lms_course_id text not null,
    activity_iri text not null unique,
    created_by text not null,
    created_at text not null
);

-- One completion per person and module, whichever way it arrived first:
-- source is lms_report, xapi or certificate; reference names the report
-- (its SHA-256), the statement id or the certificate.
create table elearning_completions (
    module_id integer not null references elearning_modules(id) on delete cascade,
    user_id integer not null references users(id) on delete cascade,
    completed_on text not null,
    source text not null,
    reference text not null default '',
    recorded_at text not null,
    primary key (module_id, user_id)
);

-- A participant's own e-certificate, waiting for the Secretariat.
-- status: pending, confirmed or rejected.
create table elearning_certificates (
    id integer primary key,
    module_id integer not null references elearning_modules(id) on delete cascade,
    user_id integer not null references users(id) on delete cascade,
    completed_on text not null,
    file_name text not null,
    content_type text not null,
    size_bytes integer not null,
    sha256 text not null,
    storage_key text not null,
    status text not null,
    decided_by text not null default '',
    decided_at text,
    uploaded_at text not null
);

-- HTTP Basic credentials of one LMS at /xapi; only the secret's SHA-256.
create table lrs_credentials (
    id integer primary key,
    name text not null,
    api_key text not null unique,
    secret_hash text not null,
    created_by text not null,
    created_at text not null
);

-- Statements exactly as received (`received`, one statement's JSON), with
-- what the LRS adds (statement_id, stored, authority; id is the arrival order) and the facts the queries filter
-- on. Never updated, except `voided` when a voiding statement arrives.
create table xapi_statements (
    id integer primary key,
    statement_id text not null unique,
    received text not null,
    stored text not null,
    credential_id integer not null references lrs_credentials(id),
    actor_key text,
    verb_id text not null,
    activity_id text,
    registration text,
    voids text,
    voided integer not null default 0
);
create index xapi_statements_verb on xapi_statements (verb_id, id);
create index xapi_statements_activity on xapi_statements (activity_id, id);
create index xapi_statements_actor on xapi_statements (actor_key, id);
