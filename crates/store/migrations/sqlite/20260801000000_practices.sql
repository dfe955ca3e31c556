-- The shared practice library (issue 8, sqlite). A practice belongs to the
-- administration it comes from; its text (title, summary, what was done,
-- results) is kept per language in practice_texts, the original and any
-- translations. practice_search is the full-text index over the texts'
-- normalised words (see gedhub_core::practices::search_terms), kept in step
-- by the store functions in the same transaction and rebuilt on restore.
-- Keep in step with the other engine's folder.
create table practices (
    id integer primary key,
    administration_code text not null references administrations(code),
    year integer not null,
    areas text not null,
    original_language text not null,
    contact text not null,
    status text not null,
    review_comment text not null default '',
    author_user_id integer references users(id) on delete set null,
    author text not null,
    created_at text not null,
    updated_at text not null,
    published_at text
);
create index practices_by_administration on practices (administration_code);
create index practices_by_status on practices (status);

create table practice_texts (
    id integer primary key,
    practice_id integer not null references practices(id) on delete cascade,
    language text not null,
    title text not null,
    summary text not null,
    what_was_done text not null,
    results text not null,
    updated_by text not null,
    updated_at text not null,
    unique (practice_id, language)
);

-- rowid = practice_texts.id; body = the normalised words of the text.
create virtual table practice_search using fts5 (
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
