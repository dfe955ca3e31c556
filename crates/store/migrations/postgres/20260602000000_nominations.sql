-- Nominations to workshops (PostgreSQL). Keep in step with ../sqlite/.
-- A focal point nominates a person of their administration with a
-- motivation, the person's languages and experience; the Secretariat then
-- confirms (within capacity) or waitlists. `status` is nominated, confirmed
-- or waitlisted.
alter table workshop_participants add column motivation text not null default '';
alter table workshop_participants add column languages text not null default '';
alter table workshop_participants add column experience text not null default '';
alter table workshop_participants add column nominated_by text not null default '';
