//! The shared practice library (issue 8): practices, their texts per
//! language, the review workflow and full-text search.
//!
//! Search: every text's normalised words (`gedhub_core::practices::
//! search_text`) are written to `practice_search` in the same transaction as
//! the text. On SQLite that table is FTS5 (ranked by `bm25`), on PostgreSQL a
//! plain table with a stored `words` column (`to_tsvector('simple', body)`,
//! generated) and a GIN index on it (ranked by `ts_rank`). Queries go through the same normaliser, so both engines match
//! the same plain words and find the same practices.
//!
//! Tenancy: the web layer decides who may read a practice
//! (`gedhub_core::practices::can_see`) and which statuses a search covers.

use std::collections::HashMap;

use gedhub_core::practices::{PracticeStatus, Review, parse_language, search_text};
use gedhub_core::{AdministrationCode, ValidationError, required_text};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::audit::{Change, snapshot};
use crate::{Actor, Backend, Result, Store, StoreError, Timestamp};

/// The text of a practice in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PracticeText {
    pub language: String,
    pub title: String,
    pub summary: String,
    pub what_was_done: String,
    pub results: String,
}

impl PracticeText {
    /// Checks raw form or JSON input.
    pub fn parse(
        language: &str,
        title: &str,
        summary: &str,
        what_was_done: &str,
        results: &str,
    ) -> Result<Self, ValidationError> {
        Ok(Self {
            language: parse_language(language)?,
            title: required_text("title", title, 200)?,
            summary: required_text("summary", summary, 2_000)?,
            what_was_done: required_text("what_was_done", what_was_done, 20_000)?,
            results: required_text("results", results, 20_000)?,
        })
    }

    fn indexed(&self) -> String {
        search_text(&format!(
            "{} {} {} {}",
            self.title, self.summary, self.what_was_done, self.results
        ))
    }
}

/// Stands in for a missing original text (the store always writes one with
/// the practice, so this is never shown in practice).
static NO_TEXT: PracticeText = PracticeText {
    language: String::new(),
    title: String::new(),
    summary: String::new(),
    what_was_done: String::new(),
    results: String::new(),
};

/// What the author gives: the practice and its text in its original language.
#[derive(Debug, Clone)]
pub struct PracticeForm {
    pub administration: AdministrationCode,
    pub year: i32,
    /// GEOAT area codes (`gedhub_core::missions::AREAS`).
    pub areas: Vec<String>,
    /// GEOAT key elements (`P1.A`, `X.3`), each of one of `areas`.
    pub key_elements: Vec<String>,
    pub contact: String,
    pub text: PracticeText,
}

impl PracticeForm {
    /// Checks raw form or JSON input.
    pub fn parse(
        administration: &str,
        year: i64,
        areas: &[&str],
        contact: &str,
        text: PracticeText,
    ) -> Result<Self, ValidationError> {
        if !(1990..=2100).contains(&year) {
            return Err(ValidationError::new("year", "invalid_year"));
        }
        let areas = gedhub_core::missions::parse_areas(areas.iter().copied())?;
        if areas.is_empty() {
            return Err(ValidationError::new("areas", "required"));
        }
        Ok(Self {
            administration: AdministrationCode::parse(administration)?,
            year: year as i32,
            areas,
            key_elements: Vec::new(),
            contact: required_text("contact", contact, 300)?,
            text,
        })
    }

    /// Adds the GEOAT key elements the practice is about (`P1.A`, `X.3`;
    /// format checked here, existence in the instrument by the store). The
    /// area of each key element joins the practice's areas, so a practice
    /// tagged `P1.A` is always found under area `P1`.
    pub fn with_key_elements(mut self, codes: &[&str]) -> Result<Self, ValidationError> {
        self.key_elements = gedhub_core::practices::parse_key_elements(codes.iter().copied())?;
        let mut areas: Vec<&str> = self.areas.iter().map(String::as_str).collect();
        areas.extend(
            self.key_elements
                .iter()
                .filter_map(|code| gedhub_core::practices::area_of_code(code)),
        );
        self.areas = gedhub_core::missions::parse_areas(areas)?;
        Ok(self)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Practice {
    pub id: i64,
    pub administration: String,
    pub year: i32,
    pub areas: Vec<String>,
    /// GEOAT key elements (`P1.A`, `X.3`) the practice is about.
    pub key_elements: Vec<String>,
    pub original_language: String,
    pub contact: String,
    pub status: PracticeStatus,
    /// The Secretariat's comment when it asked for changes.
    pub review_comment: String,
    #[serde(skip)]
    pub author_user_id: Option<gedhub_core::UserId>,
    pub author: String,
    pub created_at: String,
    pub updated_at: String,
    pub published_at: Option<String>,
    /// The original text first, then translations by language code.
    pub texts: Vec<PracticeText>,
}

impl Practice {
    /// The text to show a reader of `language`: the translation when there
    /// is one (`true`), otherwise the original (`false`).
    pub fn text_for(&self, language: &str) -> (&PracticeText, bool) {
        match self.texts.iter().find(|t| t.language == language) {
            Some(text) => (text, true),
            None => (self.original(), false),
        }
    }

    pub fn original(&self) -> &PracticeText {
        self.texts
            .iter()
            .find(|t| t.language == self.original_language)
            .or_else(|| self.texts.first())
            .unwrap_or(&NO_TEXT)
    }

    pub fn languages(&self) -> Vec<&str> {
        self.texts.iter().map(|t| t.language.as_str()).collect()
    }
}

/// A search of the library; empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct PracticeQuery {
    /// Words to find (all of them, after normalisation).
    pub words: String,
    /// Only this status; `None` for every status (the Secretariat's view).
    pub status: Option<PracticeStatus>,
    pub area: Option<String>,
    /// Region code of the practice's administration (`ESA`, …).
    pub region: Option<String>,
    pub year: Option<i32>,
    /// Practices with a text in this language.
    pub language: Option<String>,
    /// Only this administration's practices.
    pub administration: Option<String>,
    /// Only practices this user wrote.
    pub author: Option<gedhub_core::UserId>,
    /// At most this many (1–200; 50 when 0).
    pub limit: u32,
}

/// One result, best first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PracticeHit {
    pub practice: Practice,
    /// Higher is better; 0 when no words were searched.
    pub score: f64,
}

enum Bind {
    Text(String),
    Int(i64),
}

#[derive(Default)]
struct Binds(Vec<Bind>);

impl Binds {
    fn text(&mut self, value: impl Into<String>) -> String {
        self.0.push(Bind::Text(value.into()));
        format!("${}", self.0.len())
    }
    fn int(&mut self, value: i64) -> String {
        self.0.push(Bind::Int(value));
        format!("${}", self.0.len())
    }
}

const PRACTICE_COLUMNS: &str = "p.id, p.administration_code, p.year, p.areas, p.original_language, \
     p.contact, p.status, p.review_comment, p.author_user_id, p.author, p.created_at, p.updated_at, \
     p.published_at, p.key_elements";

fn practice_from_row(row: &AnyRow) -> Result<Practice> {
    let areas: String = row.try_get(3)?;
    let status: String = row.try_get(6)?;
    let year: i64 = row.try_get(2)?;
    Ok(Practice {
        id: row.try_get(0)?,
        administration: row.try_get(1)?,
        year: i32::try_from(year).unwrap_or_default(),
        areas: areas
            .split(',')
            .filter(|a| !a.is_empty())
            .map(str::to_owned)
            .collect(),
        original_language: row.try_get(4)?,
        contact: row.try_get(5)?,
        status: PracticeStatus::parse(&status)?,
        review_comment: row.try_get(7)?,
        author_user_id: row.try_get::<Option<i64>, _>(8)?.map(gedhub_core::UserId),
        author: row.try_get(9)?,
        created_at: row.try_get(10)?,
        updated_at: row.try_get(11)?,
        published_at: row.try_get(12)?,
        key_elements: row
            .try_get::<String, _>(13)?
            .split(',')
            .filter(|a| !a.is_empty())
            .map(str::to_owned)
            .collect(),
        texts: Vec::new(),
    })
}

async fn write_text(
    connection: &mut sqlx::AnyConnection,
    actor: &Actor,
    practice_id: i64,
    text: &PracticeText,
) -> Result<()> {
    let now = Timestamp::now().to_db();
    let existing: Option<i64> =
        sqlx::query("select id from practice_texts where practice_id = $1 and language = $2")
            .bind(practice_id)
            .bind(text.language.clone())
            .fetch_optional(&mut *connection)
            .await?
            .map(|row| row.try_get(0))
            .transpose()?;
    let text_id = match existing {
        Some(id) => {
            sqlx::query(
                "update practice_texts set title = $1, summary = $2, what_was_done = $3, \
                 results = $4, updated_by = $5, updated_at = $6 where id = $7",
            )
            .bind(text.title.clone())
            .bind(text.summary.clone())
            .bind(text.what_was_done.clone())
            .bind(text.results.clone())
            .bind(actor.label.clone())
            .bind(now)
            .bind(id)
            .execute(&mut *connection)
            .await?;
            sqlx::query("delete from practice_search where rowid = $1")
                .bind(id)
                .execute(&mut *connection)
                .await?;
            id
        }
        None => sqlx::query(
            "insert into practice_texts (practice_id, language, title, summary, what_was_done, \
             results, updated_by, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
        )
        .bind(practice_id)
        .bind(text.language.clone())
        .bind(text.title.clone())
        .bind(text.summary.clone())
        .bind(text.what_was_done.clone())
        .bind(text.results.clone())
        .bind(actor.label.clone())
        .bind(now)
        .fetch_one(&mut *connection)
        .await?
        .try_get(0)?,
    };
    sqlx::query("insert into practice_search (rowid, body) values ($1, $2)")
        .bind(text_id)
        .bind(text.indexed())
        .execute(&mut *connection)
        .await?;
    Ok(())
}

async fn practice_in(connection: &mut sqlx::AnyConnection, id: i64) -> Result<Practice> {
    let sql = format!("select {PRACTICE_COLUMNS} from practices p where p.id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&mut *connection)
        .await?
        .ok_or(StoreError::NotFound)?;
    let mut practice = practice_from_row(&row)?;
    let rows = sqlx::query(
        "select language, title, summary, what_was_done, results from practice_texts \
         where practice_id = $1 order by language",
    )
    .bind(id)
    .fetch_all(&mut *connection)
    .await?;
    practice.texts = rows.iter().map(text_from_row).collect::<Result<_>>()?;
    sort_texts(&mut practice);
    Ok(practice)
}

fn sort_texts(practice: &mut Practice) {
    let original = practice.original_language.clone();
    practice
        .texts
        .sort_by_key(|t| (t.language != original, t.language.clone()));
}

fn text_from_row(row: &AnyRow) -> Result<PracticeText> {
    Ok(PracticeText {
        language: row.try_get(0)?,
        title: row.try_get(1)?,
        summary: row.try_get(2)?,
        what_was_done: row.try_get(3)?,
        results: row.try_get(4)?,
    })
}

/// Rewrites the whole search index from the texts (after a restore, which
/// does not carry the derived index).
pub(crate) async fn rebuild_search(connection: &mut sqlx::AnyConnection) -> Result<()> {
    sqlx::query("delete from practice_search")
        .execute(&mut *connection)
        .await?;
    let rows = sqlx::query(
        "select language, title, summary, what_was_done, results, id from practice_texts",
    )
    .fetch_all(&mut *connection)
    .await?;
    for row in &rows {
        let text = text_from_row(row)?;
        let id: i64 = row.try_get(5)?;
        sqlx::query("insert into practice_search (rowid, body) values ($1, $2)")
            .bind(id)
            .bind(text.indexed())
            .execute(&mut *connection)
            .await?;
    }
    Ok(())
}

impl Store {
    /// Records a new practice with its original text, as a draft or already
    /// submitted for review.
    pub async fn create_practice(
        &self,
        actor: &Actor,
        form: &PracticeForm,
        draft: bool,
    ) -> Result<Practice> {
        self.check_key_elements(&form.key_elements).await?;
        let status = if draft {
            PracticeStatus::Draft
        } else {
            PracticeStatus::Submitted
        };
        let mut tx = self.begin_audited(actor).await?;
        let now = Timestamp::now().to_db();
        let known = sqlx::query("select 1 from administrations where code = $1")
            .bind(form.administration.as_str().to_owned())
            .fetch_optional(&mut *tx)
            .await?;
        if known.is_none() {
            return Err(ValidationError::new("administration", "unknown_administration").into());
        }
        let id: i64 = sqlx::query(
            "insert into practices (administration_code, year, areas, original_language, contact, \
             status, review_comment, author_user_id, author, created_at, updated_at, key_elements) \
             values ($1, $2, $3, $4, $5, $6, '', $7, $8, $9, $9, $10) returning id",
        )
        .bind(form.administration.as_str().to_owned())
        .bind(i64::from(form.year))
        .bind(form.areas.join(","))
        .bind(form.text.language.clone())
        .bind(form.contact.clone())
        .bind(status.as_str())
        .bind(actor.user_id.map(|id| id.0))
        .bind(actor.label.clone())
        .bind(now)
        .bind(form.key_elements.join(","))
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        write_text(&mut tx, actor, id, &form.text).await?;
        let practice = practice_in(&mut tx, id).await?;
        tx.record(
            Change::new("create", "practice", id)
                .administration(practice.administration.as_str())
                .after(snapshot(&practice)),
        )
        .await?;
        tx.commit().await?;
        Ok(practice)
    }

    /// One practice with all its texts (whoever asks: the caller checks
    /// `can_see`).
    pub async fn practice(&self, id: i64) -> Result<Practice> {
        let mut connection = self.pool().acquire().await?;
        practice_in(&mut connection, id).await
    }

    /// Replaces a draft's details and original text. Only drafts can be
    /// edited (`not_editable` otherwise).
    pub async fn update_practice(
        &self,
        actor: &Actor,
        id: i64,
        form: &PracticeForm,
    ) -> Result<Practice> {
        self.check_key_elements(&form.key_elements).await?;
        let mut tx = self.begin_audited(actor).await?;
        let before = practice_in(&mut tx, id).await?;
        if !before.status.editable() {
            return Err(StoreError::Conflict("not_editable"));
        }
        if form.administration.as_str() != before.administration {
            return Err(ValidationError::new("administration", "cannot_change").into());
        }
        let now = Timestamp::now().to_db();
        sqlx::query(
            "update practices set year = $1, areas = $2, original_language = $3, contact = $4, \
             updated_at = $5, key_elements = $6 where id = $7",
        )
        .bind(i64::from(form.year))
        .bind(form.areas.join(","))
        .bind(form.text.language.clone())
        .bind(form.contact.clone())
        .bind(now)
        .bind(form.key_elements.join(","))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        write_text(&mut tx, actor, id, &form.text).await?;
        let after = practice_in(&mut tx, id).await?;
        tx.record(
            Change::new("update", "practice", id)
                .administration(after.administration.as_str())
                .before(snapshot(&before))
                .after(snapshot(&after)),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Adds or replaces the text of a practice in another language than its
    /// original (a translation), in any status but archived.
    pub async fn set_practice_translation(
        &self,
        actor: &Actor,
        id: i64,
        text: &PracticeText,
    ) -> Result<Practice> {
        let mut tx = self.begin_audited(actor).await?;
        let before = practice_in(&mut tx, id).await?;
        if before.status == PracticeStatus::Archived {
            return Err(StoreError::Conflict("not_editable"));
        }
        if text.language == before.original_language {
            return Err(ValidationError::new("language", "same_as_original").into());
        }
        write_text(&mut tx, actor, id, text).await?;
        sqlx::query("update practices set updated_at = $1 where id = $2")
            .bind(Timestamp::now().to_db())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let after = practice_in(&mut tx, id).await?;
        tx.record(
            Change::new("translate", "practice", id)
                .administration(after.administration.as_str())
                .before(snapshot(&before))
                .after(snapshot(&after)),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Moves a practice in the review workflow. `transition_not_allowed`
    /// when the move does not exist from its status; the comment is kept
    /// when changes are requested (and required then).
    pub async fn review_practice(
        &self,
        actor: &Actor,
        id: i64,
        review: Review,
        comment: &str,
    ) -> Result<Practice> {
        let comment = comment.trim();
        if review == Review::RequestChanges {
            required_text("comment", comment, 5_000)?;
        }
        let mut tx = self.begin_audited(actor).await?;
        let before = practice_in(&mut tx, id).await?;
        let status = before
            .status
            .after(review)
            .ok_or(StoreError::Conflict("transition_not_allowed"))?;
        let now = Timestamp::now().to_db();
        let review_comment = match review {
            Review::RequestChanges => comment.to_owned(),
            Review::Submit | Review::Publish => String::new(),
            Review::Archive => before.review_comment.clone(),
        };
        let published_at = match status {
            PracticeStatus::Published => Some(now.clone()),
            PracticeStatus::Archived => before.published_at.clone(),
            _ => None,
        };
        sqlx::query(
            "update practices set status = $1, review_comment = $2, published_at = $3, \
             updated_at = $4 where id = $5",
        )
        .bind(status.as_str())
        .bind(review_comment)
        .bind(published_at)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let after = practice_in(&mut tx, id).await?;
        tx.record(
            Change::new(review.as_str(), "practice", id)
                .administration(after.administration.as_str())
                .before(snapshot(&before))
                .after(snapshot(&after)),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Searches the library: practices with every normalised word of
    /// `query.words` in one of their texts, best first; without words, the
    /// newest first.
    pub async fn search_practices(&self, query: &PracticeQuery) -> Result<Vec<PracticeHit>> {
        let terms = gedhub_core::practices::search_terms(&query.words);
        let mut binds = Binds::default();
        let mut sql = String::new();
        if terms.is_empty() {
            sql.push_str(
                "select p.id, 0 from practices p \
                 join administrations a on a.code = p.administration_code where 1 = 1",
            );
        } else {
            let matched = match self.backend() {
                Backend::Sqlite => {
                    // Normalised terms are letters and digits only: quoting
                    // each makes the FTS5 query an AND of plain words. FTS5's
                    // `rank` column is its bm25 score (lower is better); the
                    // column, unlike a bm25() call, survives SQLite's
                    // flattening of the subquery.
                    let fts = terms
                        .iter()
                        .map(|t| format!("\"{t}\""))
                        .collect::<Vec<_>>()
                        .join(" ");
                    format!(
                        "select rowid as text_id, -rank as score \
                         from practice_search where practice_search match {}",
                        binds.text(fts)
                    )
                }
                // `words` is the stored `to_tsvector('simple', body)`
                // (a generated column with a GIN index).
                Backend::Postgres => format!(
                    "select rowid as text_id, \
                     cast(ts_rank(words, q) as double precision) as score \
                     from practice_search, plainto_tsquery('simple', {}) q \
                     where words @@ q",
                    binds.text(terms.join(" "))
                ),
            };
            // Materialised: the full-text match runs once and drives the
            // joins (left to the planner, SQLite re-ran it per practice).
            sql.push_str(&format!(
                "with s as materialized ({matched}) \
                 select p.id, max(s.score) as score from s \
                 join practice_texts t on t.id = s.text_id \
                 join practices p on p.id = t.practice_id \
                 join administrations a on a.code = p.administration_code where 1 = 1"
            ));
        }
        if let Some(status) = query.status {
            sql.push_str(&format!(" and p.status = {}", binds.text(status.as_str())));
        }
        if let Some(area) = &query.area {
            sql.push_str(&format!(
                " and (',' || p.areas || ',') like {}",
                binds.text(format!("%,{area},%"))
            ));
        }
        if let Some(region) = &query.region {
            sql.push_str(&format!(" and a.region = {}", binds.text(region.clone())));
        }
        if let Some(year) = query.year {
            sql.push_str(&format!(" and p.year = {}", binds.int(i64::from(year))));
        }
        if let Some(language) = &query.language {
            sql.push_str(&format!(
                " and exists (select 1 from practice_texts l where l.practice_id = p.id \
                 and l.language = {})",
                binds.text(language.clone())
            ));
        }
        if let Some(administration) = &query.administration {
            sql.push_str(&format!(
                " and p.administration_code = {}",
                binds.text(administration.clone())
            ));
        }
        if let Some(author) = query.author {
            sql.push_str(&format!(" and p.author_user_id = {}", binds.int(author.0)));
        }
        let limit = match query.limit {
            0 => 50,
            n => n.min(200),
        };
        if terms.is_empty() {
            sql.push_str(" order by p.year desc, p.id desc");
        } else {
            sql.push_str(" group by p.id order by score desc, p.id desc");
        }
        sql.push_str(&format!(" limit {}", binds.int(i64::from(limit))));
        // The SQL is built from constant fragments; every value is bound.
        let mut statement = sqlx::query(sqlx::AssertSqlSafe(sql));
        for bind in binds.0 {
            statement = match bind {
                Bind::Text(value) => statement.bind(value),
                Bind::Int(value) => statement.bind(value),
            };
        }
        let rows = statement.fetch_all(self.pool()).await?;
        let ranked: Vec<(i64, f64)> = rows
            .iter()
            .map(|row| {
                let id: i64 = row.try_get(0)?;
                let score = if terms.is_empty() {
                    0.0
                } else {
                    row.try_get::<f64, _>(1)?
                };
                Ok((id, score))
            })
            .collect::<Result<_>>()?;
        self.practices_by_id(ranked).await
    }

    async fn practices_by_id(&self, ranked: Vec<(i64, f64)>) -> Result<Vec<PracticeHit>> {
        if ranked.is_empty() {
            return Ok(Vec::new());
        }
        let list = ranked
            .iter()
            .map(|(id, _)| id.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        // `list` holds integers read from the database, nothing else.
        let sql = format!("select {PRACTICE_COLUMNS} from practices p where p.id in ({list})");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(self.pool())
            .await?;
        let mut practices: HashMap<i64, Practice> = HashMap::new();
        for row in &rows {
            let practice = practice_from_row(row)?;
            practices.insert(practice.id, practice);
        }
        let sql = format!(
            "select language, title, summary, what_was_done, results, practice_id \
             from practice_texts where practice_id in ({list})"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(self.pool())
            .await?;
        for row in &rows {
            let practice_id: i64 = row.try_get(5)?;
            if let Some(practice) = practices.get_mut(&practice_id) {
                practice.texts.push(text_from_row(row)?);
            }
        }
        Ok(ranked
            .into_iter()
            .filter_map(|(id, score)| {
                let mut practice = practices.remove(&id)?;
                sort_texts(&mut practice);
                Some(PracticeHit { practice, score })
            })
            .collect())
    }

    /// Refreshes the planner's statistics of the library's tables, after a
    /// bulk load (PostgreSQL's autovacuum does it eventually; until then its
    /// planner guesses row counts, and searches are slower).
    pub async fn analyze_practices(&self) -> Result<()> {
        let tables: &[&str] = match self.backend() {
            Backend::Postgres => &[
                "analyze practices",
                "analyze practice_texts",
                "analyze practice_search",
            ],
            Backend::Sqlite => &["analyze practices", "analyze practice_texts"],
        };
        for statement in tables {
            sqlx::query(*statement).execute(self.pool()).await?;
        }
        Ok(())
    }

    /// Refuses key elements the shipped GEOAT instrument does not have
    /// (`unknown_key_element`); when that instrument is not loaded (a bare
    /// database), only the format checked by the form applies.
    async fn check_key_elements(&self, codes: &[String]) -> Result<()> {
        if codes.is_empty() {
            return Ok(());
        }
        let instrument = match self
            .instrument(crate::instruments_shipped::SHIPPED_INSTRUMENT)
            .await
        {
            Ok(instrument) => instrument,
            Err(StoreError::NotFound) => return Ok(()),
            Err(error) => return Err(error),
        };
        let known = |code: &String| {
            instrument
                .sections
                .iter()
                .flat_map(|s| &s.key_elements)
                .any(|k| k.code.eq_ignore_ascii_case(code))
        };
        if codes.iter().all(known) {
            Ok(())
        } else {
            Err(ValidationError::new("key_elements", "unknown_key_element").into())
        }
    }

    /// Published practices related to a GEOAT gap (an indicator code such as
    /// `P1.A.2`, or a key element `P1.A`): those tagged with the same key
    /// element first, then the others of the same area (principle), newest
    /// first within each; at most `limit`. Empty for a code that maps to no
    /// area. Published only: what a diagnostic gap or a plan objective shows
    /// to whoever reads it.
    pub async fn related_practices(&self, code: &str, limit: u32) -> Result<Vec<Practice>> {
        let Some(area) = gedhub_core::practices::area_of_code(code) else {
            return Ok(Vec::new());
        };
        let key_element = gedhub_core::practices::key_element_of(code).unwrap_or_default();
        let limit = i64::from(limit.clamp(1, 50));
        let rows = sqlx::query(
            "select p.id from practices p where p.status = $1 \
             and (',' || p.areas || ',') like $2 \
             order by case when (',' || p.key_elements || ',') like $3 then 0 else 1 end, \
             p.year desc, p.id desc limit $4",
        )
        .bind(PracticeStatus::Published.as_str())
        .bind(format!("%,{area},%"))
        .bind(format!("%,{key_element},%"))
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        let ranked = rows
            .iter()
            .map(|row| Ok((row.try_get::<i64, _>(0)?, 0.0)))
            .collect::<Result<Vec<_>>>()?;
        Ok(self
            .practices_by_id(ranked)
            .await?
            .into_iter()
            .map(|hit| hit.practice)
            .collect())
    }
}

/// A file attached to a practice (its bytes are in the file store).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PracticeAttachment {
    pub id: i64,
    pub practice_id: i64,
    pub title: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    #[serde(skip)]
    pub storage_key: String,
    pub added_by: String,
    pub added_at: String,
}

const ATTACHMENT_COLUMNS: &str = "id, practice_id, title, file_name, content_type, size_bytes, \
     storage_key, added_by, added_at";

fn attachment_from_row(row: &AnyRow) -> Result<PracticeAttachment> {
    Ok(PracticeAttachment {
        id: row.try_get(0)?,
        practice_id: row.try_get(1)?,
        title: row.try_get(2)?,
        file_name: row.try_get(3)?,
        content_type: row.try_get(4)?,
        size_bytes: row.try_get(5)?,
        storage_key: row.try_get(6)?,
        added_by: row.try_get(7)?,
        added_at: row.try_get(8)?,
    })
}

impl Store {
    /// Records a file whose bytes the caller put in the file store. Not on
    /// an archived practice (`not_editable`); who may attach is decided by
    /// the web layer.
    pub async fn add_practice_attachment(
        &self,
        actor: &Actor,
        practice_id: i64,
        attachment: &PracticeAttachment,
    ) -> Result<PracticeAttachment> {
        let title = required_text("title", &attachment.title, 200)?;
        let mut tx = self.begin_audited(actor).await?;
        let practice = practice_in(&mut tx, practice_id).await?;
        if practice.status == PracticeStatus::Archived {
            return Err(StoreError::Conflict("not_editable"));
        }
        let now = Timestamp::now().to_db();
        let id: i64 = sqlx::query(
            "insert into practice_attachments (practice_id, title, file_name, content_type, \
             size_bytes, storage_key, added_by, added_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
        )
        .bind(practice_id)
        .bind(title.clone())
        .bind(attachment.file_name.clone())
        .bind(attachment.content_type.clone())
        .bind(attachment.size_bytes)
        .bind(attachment.storage_key.clone())
        .bind(actor.label.clone())
        .bind(now.clone())
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        let stored = PracticeAttachment {
            id,
            practice_id,
            title,
            added_by: actor.label.clone(),
            added_at: now,
            ..attachment.clone()
        };
        tx.record(
            Change::new("create", "practice_attachment", id)
                .administration(practice.administration.as_str())
                .after(snapshot(&stored)),
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// A practice's attachments, oldest first (the caller checks `can_see`).
    pub async fn practice_attachments(&self, practice_id: i64) -> Result<Vec<PracticeAttachment>> {
        let sql = format!(
            "select {ATTACHMENT_COLUMNS} from practice_attachments where practice_id = $1 order by id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(practice_id)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(attachment_from_row).collect()
    }

    /// One attachment of this practice (another practice's: not found).
    pub async fn practice_attachment(
        &self,
        practice_id: i64,
        id: i64,
    ) -> Result<PracticeAttachment> {
        let sql = format!(
            "select {ATTACHMENT_COLUMNS} from practice_attachments where practice_id = $1 and id = $2"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(practice_id)
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        attachment_from_row(&row)
    }

    /// Removes an attachment's record and returns it, so the caller deletes
    /// its bytes from the file store (after the commit: a failed delete
    /// leaves an orphan file, never a record without its file).
    pub async fn delete_practice_attachment(
        &self,
        actor: &Actor,
        practice_id: i64,
        id: i64,
    ) -> Result<PracticeAttachment> {
        let mut tx = self.begin_audited(actor).await?;
        let practice = practice_in(&mut tx, practice_id).await?;
        let sql = format!(
            "select {ATTACHMENT_COLUMNS} from practice_attachments where practice_id = $1 and id = $2"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(practice_id)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let before = attachment_from_row(&row)?;
        sqlx::query("delete from practice_attachments where id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.record(
            Change::new("delete", "practice_attachment", id)
                .administration(practice.administration.as_str())
                .before(snapshot(&before)),
        )
        .await?;
        tx.commit().await?;
        Ok(before)
    }
}
