-- The Secretariat's override of a participant's computed completion, with the
-- reason (PostgreSQL). Keep in step with ../sqlite/. NULL: no override.
alter table workshop_participants add column completion_override bigint;
alter table workshop_participants add column override_reason text not null default '';
