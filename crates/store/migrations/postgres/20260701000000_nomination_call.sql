-- The call for nominations of a workshop, and account set-up links for
-- nominees (PostgreSQL). Keep in step with ../sqlite/.
-- A workshop's call is open when it is created; the Secretariat closes and
-- reopens it, with an optional last day for nominations.
alter table workshops add column nominations_open bigint not null default 1;
alter table workshops add column nominations_close_on text;

-- One-time links with which a nominee sets the password of the account
-- gedhub created for them. Only the secret's SHA-256 is stored.
create table account_setup_tokens (
    token_hash text primary key,
    user_id bigint not null references users(id) on delete cascade,
    created_at text not null,
    expires_at text not null,
    used_at text
);
