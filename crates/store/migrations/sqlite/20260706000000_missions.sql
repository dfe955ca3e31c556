-- Support to Members (issue 7, sqlite). Keep in step with the other engine's
-- folder.

-- An expert's profile, kept by the expert: languages and GED expertise areas
-- (comma-separated codes), a bio, and how many missions a year they take.
create table expert_profiles (
    user_id integer primary key references users(id) on delete cascade,
    bio text not null,
    languages text not null,
    areas text not null,
    max_missions_per_year integer not null,
    updated_at text not null
);

-- The availability calendar: periods (inclusive) an expert cannot deliver.
create table expert_unavailability (
    id integer primary key,
    user_id integer not null references users(id) on delete cascade,
    from_date text not null,
    to_date text not null,
    note text not null
);
create index expert_unavailability_by_user on expert_unavailability (user_id);

-- A Member's request for support. status: submitted, accepted (a mission was
-- created), declined (with the Secretariat's answer).
create table support_requests (
    id integer primary key,
    administration_code text not null references administrations(code),
    kind text not null,
    language text not null,
    mode text not null,
    preferred_from text,
    preferred_to text,
    context text not null,
    status text not null,
    answer text not null,
    requested_by text not null,
    requested_at text not null
);
create index support_requests_by_administration on support_requests (administration_code);

-- A mission delivering support. status: planned, delivered, cancelled.
create table missions (
    id integer primary key,
    request_id integer references support_requests(id),
    administration_code text not null references administrations(code),
    kind text not null,
    mode text not null,
    language text not null,
    areas text not null,
    start_date text not null,
    end_date text not null,
    agenda text not null,
    status text not null,
    report text not null,
    recommendations text not null,
    reported_at text,
    member_rating integer,
    member_comment text not null,
    feedback_at text,
    created_by text not null,
    created_at text not null
);
create index missions_by_administration on missions (administration_code);

-- The mission's experts: one lead, any number of co-facilitators.
create table mission_members (
    mission_id integer not null references missions(id) on delete cascade,
    user_id integer not null references users(id) on delete cascade,
    role text not null,
    primary key (mission_id, user_id)
);

-- The lead's (or the Secretariat's) evaluation of a co-facilitator against
-- the rubric (four 1–5 scores with comments as JSON) and the verdict.
create table mission_evaluations (
    mission_id integer not null references missions(id) on delete cascade,
    user_id integer not null references users(id) on delete cascade,
    scores text not null,
    positive integer not null,
    comment text not null,
    evaluated_by text not null,
    evaluated_at text not null,
    primary key (mission_id, user_id)
);
