-- gedhub foundation schema (SQLite). Keep in step with ../postgres/.
-- Timestamps are UTC text, fixed width (YYYY-MM-DDTHH:MM:SS.ffffffZ), so they sort as text.

create table administrations (
    code text primary key,
    name_en text not null,
    name_fr text not null,
    region text not null,
    wco_member integer not null default 1,
    created_at text not null,
    updated_at text not null
);

create table users (
    id integer primary key,
    email text not null unique,
    name text not null,
    role text not null,
    administration_code text references administrations(code),
    password_hash text not null,
    locale text,
    created_at text not null,
    updated_at text not null
);
create index users_administration on users(administration_code);

create table sessions (
    token_hash text primary key,
    user_id integer not null references users(id) on delete cascade,
    created_at text not null,
    expires_at text not null
);
create index sessions_user on sessions(user_id);

create table api_tokens (
    id integer primary key,
    token_hash text not null unique,
    user_id integer not null references users(id) on delete cascade,
    created_at text not null
);

create table login_attempts (
    id integer primary key,
    email text not null,
    address text not null,
    attempted_at text not null,
    succeeded integer not null
);
create index login_attempts_email on login_attempts(email, attempted_at);
create index login_attempts_address on login_attempts(address, attempted_at);

create table audit_log (
    id integer primary key,
    occurred_at text not null,
    actor_user_id integer,
    actor_email text,
    action text not null,
    entity text not null,
    entity_key text not null,
    administration_code text,
    before_json text,
    after_json text
);
create index audit_log_occurred on audit_log(occurred_at);
