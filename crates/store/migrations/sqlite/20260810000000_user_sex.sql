-- A person's sex for the programme's counts of people trained (issue 8, sqlite).
-- Keep in step with the other engine's folder. On users, not on workshop
-- participations: it is a property of the person, recorded once and counted
-- the same in every workshop they attend. Optional: female, male, other or
-- undisclosed; null when never asked (counted apart as unknown).
alter table users add column sex text;
