-- The LRS's document resources (xAPI State, Activity Profile and Agent
-- Profile): one row per document, keyed by its kind and what the kind is
-- stored against (an empty text where the kind has no such part: a profile
-- has no registration, an activity profile no agent). The bytes are base64
-- text so both engines store them alike; gedhub bounds a document to 1 MB.
-- `etag` is the SHA-1 of the bytes (hexadecimal); `updated` orders `since`.
create table xapi_documents (
    id integer primary key,
    kind text not null,
    activity_id text not null,
    agent_key text not null,
    registration text not null,
    document_id text not null,
    content_type text not null,
    content text not null,
    length integer not null,
    etag text not null,
    updated text not null,
    credential_id integer not null references lrs_credentials(id),
    unique (kind, activity_id, agent_key, registration, document_id)
);
create index xapi_documents_agent on xapi_documents (kind, agent_key, activity_id, updated);

-- Statements whose object is a StatementRef name their target here, so that
-- statement queries also return the statements targeting a match (the
-- voiding statement included; xAPI Communication 2.1.3, XAPI-00162). Few
-- statements have one: the index leaves the others out, so their writes add
-- no index entry.
alter table xapi_statements add column object_statement_id text;
create index xapi_statements_object_statement on xapi_statements (object_statement_id)
    where object_statement_id is not null;
update xapi_statements set object_statement_id = lower(json_extract(received, '$.object.id'))
where json_extract(received, '$.object.objectType') = 'StatementRef';
