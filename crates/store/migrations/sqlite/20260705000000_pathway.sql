-- The pathway to Recognized GED Expert (issue 7, sqlite). Keep in step with the
-- other engine's folder.
--
-- One row per recorded move: who moved whom, from where to where, when, why,
-- which prerequisites were waived by an override, and the evidence (the facts
-- read at that moment, as JSON). A person's stage is their latest row's
-- to_stage; without a row they are at `nominated`.
create table pathway_events (
    id integer primary key,
    user_id integer not null references users(id) on delete cascade,
    from_stage text not null,
    to_stage text not null,
    reason text not null,
    overridden text not null,
    evidence text not null,
    recorded_by text not null,
    recorded_at text not null
);
create index pathway_events_by_user on pathway_events (user_id, id);

-- The Secretariat's settings: the post-test threshold of `trained` and the
-- weights of the selection composite. One row; absent means the defaults.
create table pathway_settings (
    id integer primary key check (id = 1),
    trained_post_test_pct real not null,
    weight_post_test real not null,
    weight_knowledge_gain real not null,
    weight_attendance real not null,
    weight_exercises real not null,
    weight_rubric real not null
);

-- Labels the Secretariat gives the stages (e.g. "WCO GED Champion"), per
-- language; a stage without one shows its standard translated name.
create table pathway_labels (
    stage text not null,
    language text not null,
    label text not null,
    primary key (stage, language)
);
