-- Feedback and follow-up surveys of workshops (sqlite). Keep in step with ../postgres/.
-- One survey of each kind (feedback, follow_up) per workshop.
create table surveys (
    id integer primary key,
    workshop_id integer not null references workshops(id) on delete cascade,
    kind text not null,
    anonymous integer not null,
    is_open integer not null,
    -- Follow-up: the day its invitations go out (NULL for feedback).
    send_on text,
    -- When the invitations went out (NULL: not yet).
    sent_at text,
    created_by text not null,
    created_at text not null,
    unique (workshop_id, kind)
);

create table survey_items (
    id integer primary key,
    survey_id integer not null references surveys(id) on delete cascade,
    ordinal integer not null,
    kind text not null,
    text_en text not null,
    text_fr text not null
);

-- Who has answered: the only link between a person and an anonymous survey,
-- kept to refuse a second answer. It says nothing of what they answered and
-- has no time, so it cannot be matched to a response.
create table survey_respondents (
    survey_id integer not null references surveys(id) on delete cascade,
    user_id integer not null references users(id) on delete cascade,
    primary key (survey_id, user_id)
);

-- One row per response. The key is random (not a sequence) so that the order
-- of responses cannot be matched to the order of the markers above or of the
-- audit log; user_id is NULL when the survey is anonymous, and no time is kept.
create table survey_responses (
    response_key text primary key,
    survey_id integer not null references surveys(id) on delete cascade,
    user_id integer references users(id) on delete set null
);

create table survey_answers (
    response_key text not null references survey_responses(response_key) on delete cascade,
    item_id integer not null references survey_items(id) on delete cascade,
    likert integer,
    answer_text text not null default '',
    primary key (response_key, item_id)
);
