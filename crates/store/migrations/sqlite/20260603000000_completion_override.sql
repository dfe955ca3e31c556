-- The Secretariat's override of a participant's computed completion, with the
-- reason (SQLite). Keep in step with ../postgres/. NULL: no override.
alter table workshop_participants add column completion_override integer;
alter table workshop_participants add column override_reason text not null default '';
