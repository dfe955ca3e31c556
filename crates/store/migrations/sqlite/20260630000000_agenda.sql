-- Workshop agenda, facilitators, session attendance, exercises and the
-- facilitators' assessments (SQLite). Keep in step with ../postgres/.
create table workshop_facilitators (
    workshop_id integer not null references workshops(id) on delete cascade,
    user_id integer not null references users(id) on delete cascade,
    added_by text not null,
    added_at text not null,
    primary key (workshop_id, user_id)
);

create table workshop_sessions (
    id integer primary key,
    workshop_id integer not null references workshops(id) on delete cascade,
    day text not null,
    start_time text not null,
    end_time text not null,
    title_en text not null,
    title_fr text not null default '',
    description text not null default '',
    created_at text not null
);

-- A material is a link, or a file kept in the file store (`storage_key`).
create table session_materials (
    id integer primary key,
    session_id integer not null references workshop_sessions(id) on delete cascade,
    title text not null,
    link text not null default '',
    file_name text not null default '',
    content_type text not null default '',
    size_bytes integer not null default 0,
    storage_key text not null default '',
    added_by text not null,
    added_at text not null
);

create table session_attendance (
    session_id integer not null references workshop_sessions(id) on delete cascade,
    user_id integer not null references users(id) on delete cascade,
    present integer not null,
    recorded_by text not null,
    recorded_at text not null,
    primary key (session_id, user_id)
);

-- `max_score` for a scored exercise, else `rubric_levels` (one level a
-- line, lowest first).
create table exercises (
    id integer primary key,
    workshop_id integer not null references workshops(id) on delete cascade,
    title text not null,
    kind text not null,
    max_score real,
    rubric_levels text not null default '',
    created_at text not null
);

create table exercise_group_members (
    exercise_id integer not null references exercises(id) on delete cascade,
    group_name text not null,
    user_id integer not null references users(id) on delete cascade,
    primary key (exercise_id, user_id)
);

-- One result per participant (a group's result is written for each member,
-- with `group_name`); `percent` is computed from the score or level.
create table exercise_results (
    exercise_id integer not null references exercises(id) on delete cascade,
    user_id integer not null references users(id) on delete cascade,
    score real,
    level integer,
    percent real not null,
    group_name text not null default '',
    recorded_by text not null,
    recorded_at text not null,
    primary key (exercise_id, user_id)
);

create table facilitator_assessments (
    workshop_id integer not null references workshops(id) on delete cascade,
    participant_id integer not null references users(id) on delete cascade,
    facilitator_id integer not null references users(id) on delete cascade,
    ged_tools integer not null,
    ged_tools_comment text not null default '',
    technical_expertise integer not null,
    technical_expertise_comment text not null default '',
    support_members integer not null,
    support_members_comment text not null default '',
    facilitate_senior_officials integer not null,
    facilitate_senior_officials_comment text not null default '',
    updated_at text not null,
    primary key (workshop_id, participant_id, facilitator_id)
);

-- A row once the Secretariat has released a workshop's assessments.
create table facilitator_assessment_releases (
    workshop_id integer primary key references workshops(id) on delete cascade,
    released_by text not null,
    released_at text not null
);
