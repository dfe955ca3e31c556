-- GEOAT instruments and assessments (SQLite). Keep in step with ../postgres/.

-- An instrument is an immutable document once used: its tree is stored as JSON.
create table instruments (
    code text primary key,
    edition text not null,
    title_en text not null,
    definition text not null,
    imported_by text not null,
    imported_at text not null
);

create table assessments (
    id integer primary key,
    administration_code text not null references administrations(code),
    instrument_code text not null references instruments(code),
    title text not null,
    status text not null,
    created_by integer references users(id),
    created_at text not null,
    updated_at text not null,
    submitted_at text,
    validated_at text,
    validated_by text,
    status_reason text
);
create index assessments_administration on assessments(administration_code, instrument_code);

create table assessment_answers (
    assessment_id integer not null references assessments(id) on delete cascade,
    indicator_code text not null,
    rating integer,
    not_applicable integer not null default 0,
    justification text not null default '',
    evidence text not null default '',
    version integer not null,
    updated_by text not null,
    updated_at text not null,
    primary key (assessment_id, indicator_code)
);

create table assessment_contributors (
    assessment_id integer not null references assessments(id) on delete cascade,
    user_id integer not null references users(id) on delete cascade,
    sections text not null default '',
    facilitator integer not null default 0,
    added_at text not null,
    primary key (assessment_id, user_id)
);

create table answer_comments (
    id integer primary key,
    assessment_id integer not null references assessments(id) on delete cascade,
    indicator_code text not null,
    author_id integer references users(id),
    author_name text not null,
    body text not null,
    created_at text not null
);
create index answer_comments_indicator on answer_comments(assessment_id, indicator_code);

create table attachments (
    id integer primary key,
    assessment_id integer not null references assessments(id) on delete cascade,
    indicator_code text not null,
    file_name text not null,
    content_type text not null,
    size_bytes integer not null,
    sha256 text not null,
    storage_key text not null,
    uploaded_by text not null,
    uploaded_at text not null
);
create index attachments_assessment on attachments(assessment_id, indicator_code);
