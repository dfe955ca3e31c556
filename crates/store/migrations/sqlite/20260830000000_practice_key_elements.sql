-- The practice library, continued (issue 8, sqlite): the GEOAT key elements a
-- practice is about (comma-separated codes such as P1.A,X.3, validated by
-- gedhub_core::practices::parse_key_elements and against the instrument),
-- used to rank related practices on a diagnostic gap or a plan objective.
-- Keep in step with the other engine's folder.
alter table practices add column key_elements text not null default '';
