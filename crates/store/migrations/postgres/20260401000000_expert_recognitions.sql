-- Recognized GED Experts (postgres). Keep in step with the other engine's folder.
--
-- One row per expert whose recognition the Secretariat recorded. Recognition
-- has a validity period (three years by default); only a Recognized Expert
-- whose recognition is valid may facilitate, and so validate, an assessment.
-- The pathway that leads here (issue 7) will write this table too.
create table expert_recognitions (
    user_id bigint primary key references users(id) on delete cascade,
    recognized_on text not null,
    valid_until text not null,
    recorded_by text not null,
    recorded_at text not null
);
