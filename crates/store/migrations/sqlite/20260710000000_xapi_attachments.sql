-- Attachment payloads of xAPI statements, sent as multipart/mixed parts and
-- named by their SHA-2 digest: one row per distinct payload however many
-- statements refer to it (statements keep the digest in their JSON). The bytes
-- are base64 text so both engines store them alike; the LRS's body limit
-- (10 MB) bounds a request.
create table xapi_attachments (
    sha2 text primary key,
    content_type text not null,
    length integer not null,
    content text not null,
    stored text not null
);

-- The `agent` filter matches the actor or an Agent/Group object: the object's
-- identity key, written like actor_key.
alter table xapi_statements add column object_agent_key text;
create index xapi_statements_object_agent on xapi_statements (object_agent_key, id);
update xapi_statements set object_agent_key = case
    when json_extract(received, '$.object.mbox') is not null
        then 'mbox:' || lower(json_extract(received, '$.object.mbox'))
    when json_extract(received, '$.object.mbox_sha1sum') is not null
        then 'mbox_sha1sum:' || lower(json_extract(received, '$.object.mbox_sha1sum'))
    when json_extract(received, '$.object.openid') is not null
        then 'openid:' || json_extract(received, '$.object.openid')
    when json_extract(received, '$.object.account.name') is not null
        then 'account:' || json_extract(received, '$.object.account.homePage') || '|' || json_extract(received, '$.object.account.name')
end
where json_extract(received, '$.object.objectType') in ('Agent', 'Group');
