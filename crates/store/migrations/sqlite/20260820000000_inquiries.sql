-- Contact and inquiries (issue 8, sqlite). An inquiry is a thread between a
-- signed-in user (the requester) and the Secretariat: inquiry_messages holds
-- its messages, the first one being the requester's question.
-- inquiry_form_tokens are the short-lived tokens the inquiry form carries
-- (minimum fill time; single use; not backed up). contact_settings holds the
-- public contact address (one row, id 1; the built-in default until the
-- Secretariat saves one). Keep in step with the other engine's folder.
create table inquiries (
    id integer primary key,
    requester_user_id integer not null references users(id) on delete cascade,
    administration_code text references administrations(code),
    topic text not null,
    subject text not null,
    status text not null,
    created_at text not null,
    updated_at text not null
);
create index inquiries_by_requester on inquiries (requester_user_id, created_at);
create index inquiries_by_status on inquiries (status);

create table inquiry_messages (
    id integer primary key,
    inquiry_id integer not null references inquiries(id) on delete cascade,
    author_user_id integer references users(id) on delete set null,
    author_name text not null,
    from_secretariat integer not null,
    body text not null,
    created_at text not null
);
create index inquiry_messages_by_inquiry on inquiry_messages (inquiry_id);

create table inquiry_form_tokens (
    token text primary key,
    user_id integer not null references users(id) on delete cascade,
    issued_at text not null
);

create table contact_settings (
    id integer primary key check (id = 1),
    address text not null,
    updated_by text not null,
    updated_at text not null
);
