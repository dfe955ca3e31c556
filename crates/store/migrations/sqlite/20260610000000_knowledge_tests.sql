-- Knowledge tests (SQLite). Keep in step with ../postgres/.
-- The Secretariat's question bank: `options` is a JSON array of
-- {"text_en","text_fr","correct"}; `kind` is single_choice, multiple_choice
-- or true_false.
create table ktest_questions (
    id integer primary key,
    kind text not null,
    text_en text not null,
    text_fr text not null,
    options text not null,
    created_by text not null,
    created_at text not null,
    updated_at text not null
);

-- A workshop's pre- or post-test (`kind` pre or post, one of each).
-- `state`: draft (attached, not open yet), open, closed.
create table ktest_tests (
    id integer primary key,
    workshop_id integer not null references workshops(id) on delete cascade,
    kind text not null,
    time_limit_minutes integer,
    state text not null,
    created_at text not null,
    unique (workshop_id, kind)
);

-- The questions of a test, in order.
create table ktest_test_questions (
    test_id integer not null references ktest_tests(id) on delete cascade,
    position integer not null,
    question_id integer not null references ktest_questions(id),
    primary key (test_id, position)
);

-- One attempt per participant per test: started (for timing), then
-- submitted once with its answers (JSON {question_id: [option indexes]}) and
-- its score.
create table ktest_attempts (
    test_id integer not null references ktest_tests(id) on delete cascade,
    user_id integer not null references users(id) on delete cascade,
    started_at text not null,
    submitted_at text,
    answers text not null default '{}',
    score_pct real,
    primary key (test_id, user_id)
);
