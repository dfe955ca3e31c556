-- Attachment payloads of xAPI statements, sent as multipart/mixed parts and
-- named by their SHA-2 digest: one row per distinct payload however many
-- statements refer to it (statements keep the digest in their JSON). The bytes
-- are base64 text so both engines store them alike; the LRS's body limit
-- (10 MB) bounds a request.
create table xapi_attachments (
    sha2 text primary key,
    content_type text not null,
    length bigint not null,
    content text not null,
    stored text not null
);

-- The `agent` filter matches the actor or an Agent/Group object: the object's
-- identity key, written like actor_key.
alter table xapi_statements add column object_agent_key text;
create index xapi_statements_object_agent on xapi_statements (object_agent_key, id);
update xapi_statements set object_agent_key = case
    when received::jsonb #>> '{object,mbox}' is not null
        then 'mbox:' || lower(received::jsonb #>> '{object,mbox}')
    when received::jsonb #>> '{object,mbox_sha1sum}' is not null
        then 'mbox_sha1sum:' || lower(received::jsonb #>> '{object,mbox_sha1sum}')
    when received::jsonb #>> '{object,openid}' is not null
        then 'openid:' || (received::jsonb #>> '{object,openid}')
    when received::jsonb #>> '{object,account,name}' is not null
        then 'account:' || (received::jsonb #>> '{object,account,homePage}') || '|' || (received::jsonb #>> '{object,account,name}')
end
where received::jsonb #>> '{object,objectType}' in ('Agent', 'Group');
