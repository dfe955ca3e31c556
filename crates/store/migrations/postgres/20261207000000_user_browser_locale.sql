-- The language a user's browser asked for at their last visit (issue 19, postgres).
-- Keep in step with the other engine's folder. Set only while the user
-- follows their browser (users.locale is null), so that notifications and
-- e-mails sent while they are away reach them in the language they read
-- gedhub in, not in English. Null until their first visit.
alter table users add column browser_locale text;
