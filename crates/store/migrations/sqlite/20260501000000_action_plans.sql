-- Action plans with monitoring and evaluation (SQLite). Keep in step with ../postgres/.
--
-- A plan belongs to one administration and may start from a validated
-- assessment, whose gaps its objectives address (plan_objective_gaps keeps
-- the diagnostic → plan link queryable both ways). Indicators store their
-- definition as submitted; gedhub_core::monitoring validates it on the way in
-- and again on the way out. Measurements are never updated in place: a
-- correction is a new row that supersedes the old one, so history is kept.
create table action_plans (
    id integer primary key,
    administration_code text not null references administrations(code),
    assessment_id integer references assessments(id),
    title text not null,
    period_start text,
    period_end text,
    owner text not null default '',
    owner_user_id integer references users(id) on delete set null,
    status text not null,
    created_by text not null,
    created_at text not null,
    updated_at text not null
);
create index action_plans_administration on action_plans(administration_code);

create table plan_objectives (
    id integer primary key,
    plan_id integer not null references action_plans(id) on delete cascade,
    title text not null,
    created_at text not null
);
create index plan_objectives_plan on plan_objectives(plan_id);

create table plan_objective_gaps (
    objective_id integer not null references plan_objectives(id) on delete cascade,
    indicator_code text not null,
    primary key (objective_id, indicator_code)
);
create index plan_objective_gaps_code on plan_objective_gaps(indicator_code);

create table plan_actions (
    id integer primary key,
    plan_id integer not null references action_plans(id) on delete cascade,
    objective_id integer not null references plan_objectives(id) on delete cascade,
    title text not null,
    responsible text not null default '',
    responsible_user_id integer references users(id) on delete set null,
    start_date text,
    due_date text not null,
    budget_amount real,
    budget_currency text,
    status text not null,
    progress_notes text not null default '',
    created_at text not null,
    updated_at text not null
);
create index plan_actions_plan on plan_actions(plan_id);

create table plan_indicators (
    id integer primary key,
    plan_id integer not null references action_plans(id) on delete cascade,
    objective_id integer references plan_objectives(id) on delete set null,
    name_en text not null,
    name_fr text not null,
    unit text not null,
    direction text not null,
    baseline_value real not null,
    baseline_date text not null,
    target_value real not null,
    target_date text not null,
    milestones text not null,
    frequency text not null,
    source_kind text not null,
    source_detail text,
    created_at text not null
);
create index plan_indicators_plan on plan_indicators(plan_id);

create table indicator_measurements (
    id integer primary key,
    indicator_id integer not null references plan_indicators(id) on delete cascade,
    measured_on text not null,
    value real not null,
    comment text not null default '',
    entered_by text not null,
    entered_at text not null,
    superseded_by integer
);
-- One current value per indicator and date; the history keeps the others.
create unique index indicator_measurements_current
    on indicator_measurements(indicator_id, measured_on) where superseded_by is null;

-- In-app notifications (the reminder job writes them).
create table notifications (
    id integer primary key,
    user_id integer not null references users(id) on delete cascade,
    subject text not null,
    body text not null,
    link text not null default '',
    created_at text not null,
    read_at text
);
create index notifications_user on notifications(user_id, read_at);

-- E-mails waiting to be sent, written in the same transaction as the
-- notifications so a reminder run is all-or-nothing.
create table outgoing_emails (
    id integer primary key,
    recipient text not null,
    recipient_name text not null,
    subject text not null,
    body text not null,
    created_at text not null,
    sent_at text,
    attempts integer not null default 0,
    last_error text
);

-- One row per (job, day): the primary key is what makes a daily job run once
-- per day even when several servers share the database.
create table job_runs (
    job text not null,
    run_date text not null,
    ran_at text not null,
    detail text not null default '',
    primary key (job, run_date)
);
