//! Knowledge tests (issue 6): the Secretariat's question bank, the pre- and
//! post-test attached to a workshop, and each participant's one attempt. The
//! rules (validation, all-or-nothing scoring, timing) are in
//! `gedhub_core::ktests`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use gedhub_core::ktests::{
    AnswerOption, Question, QuestionDraft, TestKind, grade, on_time, time_limit,
};
use gedhub_core::{UserId, ValidationError};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::audit::Change;
use crate::training::Workshop;
use crate::{Actor, Result, Store, StoreError, Timestamp};

/// Most questions a test may have.
pub const MAX_TEST_QUESTIONS: usize = 100;

/// A question of the bank.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BankQuestion {
    pub id: i64,
    pub question: Question,
    pub updated_at: String,
    /// Attached to a test: it can no longer be edited.
    pub in_use: bool,
}

/// Where a test stands. Only an open test is taken; only a closed one shows
/// the correct answers. Draft → open → closed, never back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TestState {
    Draft,
    Open,
    Closed,
}

impl TestState {
    pub fn as_str(self) -> &'static str {
        match self {
            TestState::Draft => "draft",
            TestState::Open => "open",
            TestState::Closed => "closed",
        }
    }

    pub fn parse(code: &str) -> std::result::Result<Self, ValidationError> {
        match code.trim() {
            "draft" => Ok(TestState::Draft),
            "open" => Ok(TestState::Open),
            "closed" => Ok(TestState::Closed),
            _ => Err(ValidationError::new("test_state", "unknown_test_state")),
        }
    }
}

/// A workshop's pre- or post-test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KnowledgeTest {
    pub id: i64,
    pub workshop_id: i64,
    pub kind: TestKind,
    pub time_limit_minutes: Option<u32>,
    pub state: TestState,
    /// (question id, question), in order.
    pub questions: Vec<(i64, Question)>,
}

/// A participant's attempt at a test.
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    pub test_id: i64,
    pub user_id: UserId,
    pub started_at: Timestamp,
    pub submitted_at: Option<Timestamp>,
    /// Question id → chosen option indexes.
    pub answers: BTreeMap<i64, BTreeSet<usize>>,
    pub score_pct: Option<f64>,
}

/// A participant's pre- and post-test scores, when submitted.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    pub pre: Option<f64>,
    pub post: Option<f64>,
}

fn stored(what: &str) -> StoreError {
    StoreError::ShippedData(format!("stored knowledge test data: {what}"))
}

fn question_from_row(row: &AnyRow) -> Result<(i64, Question)> {
    let options: Vec<AnswerOption> = serde_json::from_str(&row.try_get::<String, _>("options")?)
        .map_err(|_| stored("options"))?;
    let question = Question::new(QuestionDraft {
        kind: row.try_get("kind")?,
        text_en: row.try_get("text_en")?,
        text_fr: row.try_get("text_fr")?,
        options,
    })
    .map_err(|_| stored("question"))?;
    Ok((row.try_get("id")?, question))
}

fn timestamp(text: &str) -> Result<Timestamp> {
    Timestamp::from_db(text).ok_or_else(|| stored("timestamp"))
}

fn attempt_from_row(row: &AnyRow) -> Result<Attempt> {
    Ok(Attempt {
        test_id: row.try_get("test_id")?,
        user_id: UserId(row.try_get("user_id")?),
        started_at: timestamp(&row.try_get::<String, _>("started_at")?)?,
        submitted_at: row
            .try_get::<Option<String>, _>("submitted_at")?
            .as_deref()
            .map(timestamp)
            .transpose()?,
        answers: serde_json::from_str(&row.try_get::<String, _>("answers")?)
            .map_err(|_| stored("answers"))?,
        score_pct: row.try_get("score_pct")?,
    })
}

fn question_snapshot(id: i64, question: &Question) -> Option<serde_json::Value> {
    Some(serde_json::json!({"id": id, "question": question}))
}

const ATTEMPT_COLUMNS: &str = "test_id, user_id, started_at, submitted_at, answers, score_pct";

impl Store {
    /// Adds a (validated) question to the bank.
    pub async fn create_question(
        &self,
        actor: &Actor,
        question: &Question,
    ) -> Result<BankQuestion> {
        let options = serde_json::to_string(question.options()).map_err(|_| stored("options"))?;
        let now = Timestamp::now().to_db();
        let mut tx = self.begin_audited(actor).await?;
        let id: i64 = sqlx::query(
            "insert into ktest_questions (kind, text_en, text_fr, options, created_by, created_at, updated_at) \
             values ($1, $2, $3, $4, $5, $6, $7) returning id",
        )
        .bind(question.kind().as_str())
        .bind(question.text_en().to_owned())
        .bind(question.text_fr().to_owned())
        .bind(options)
        .bind(actor.label.clone())
        .bind(now.clone())
        .bind(now.clone())
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        tx.record(
            Change::new("create", "ktest_question", id).after(question_snapshot(id, question)),
        )
        .await?;
        tx.commit().await?;
        Ok(BankQuestion {
            id,
            question: question.clone(),
            updated_at: now,
            in_use: false,
        })
    }

    /// Replaces a question of the bank, as long as no test uses it
    /// (`question_in_use`: the scores already given must stay true).
    pub async fn update_question(
        &self,
        actor: &Actor,
        id: i64,
        question: &Question,
    ) -> Result<BankQuestion> {
        let options = serde_json::to_string(question.options()).map_err(|_| stored("options"))?;
        let now = Timestamp::now().to_db();
        let mut tx = self.begin_audited(actor).await?;
        let row = sqlx::query(
            "select id, kind, text_en, text_fr, options from ktest_questions where id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let (_, before) = question_from_row(&row)?;
        let used = sqlx::query("select 1 from ktest_test_questions where question_id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
        if used {
            return Err(StoreError::Conflict("question_in_use"));
        }
        sqlx::query(
            "update ktest_questions set kind = $1, text_en = $2, text_fr = $3, options = $4, updated_at = $5 \
             where id = $6",
        )
        .bind(question.kind().as_str())
        .bind(question.text_en().to_owned())
        .bind(question.text_fr().to_owned())
        .bind(options)
        .bind(now.clone())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.record(
            Change::new("update", "ktest_question", id)
                .before(question_snapshot(id, &before))
                .after(question_snapshot(id, question)),
        )
        .await?;
        tx.commit().await?;
        Ok(BankQuestion {
            id,
            question: question.clone(),
            updated_at: now,
            in_use: false,
        })
    }

    /// The question bank, oldest first.
    pub async fn questions(&self) -> Result<Vec<BankQuestion>> {
        let rows = sqlx::query(
            "select q.id, q.kind, q.text_en, q.text_fr, q.options, q.updated_at, \
             (select count(*) from ktest_test_questions t where t.question_id = q.id) as uses \
             from ktest_questions q order by q.id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let (id, question) = question_from_row(row)?;
                Ok(BankQuestion {
                    id,
                    question,
                    updated_at: row.try_get("updated_at")?,
                    in_use: row.try_get::<i64, _>("uses")? > 0,
                })
            })
            .collect()
    }

    /// Attaches a test of `kind` to a workshop with the questions in order
    /// and an optional time limit, or replaces its questions and limit while
    /// nobody has started it (`test_has_attempts`). A new test is a draft.
    pub async fn attach_test(
        &self,
        actor: &Actor,
        workshop: &Workshop,
        kind: TestKind,
        question_ids: &[i64],
        time_limit_minutes: Option<u32>,
    ) -> Result<KnowledgeTest> {
        let limit = time_limit(time_limit_minutes)?;
        if question_ids.is_empty() {
            return Err(ValidationError::new("test_questions", "no_questions_chosen").into());
        }
        if question_ids.len() > MAX_TEST_QUESTIONS {
            return Err(ValidationError::new("test_questions", "too_many_test_questions").into());
        }
        let distinct: BTreeSet<i64> = question_ids.iter().copied().collect();
        if distinct.len() != question_ids.len() {
            return Err(ValidationError::new("test_questions", "duplicate_test_question").into());
        }
        let mut tx = self.begin_audited(actor).await?;
        for id in question_ids {
            let known = sqlx::query("select 1 from ktest_questions where id = $1")
                .bind(*id)
                .fetch_optional(&mut *tx)
                .await?
                .is_some();
            if !known {
                return Err(ValidationError::new("test_questions", "unknown_test_question").into());
            }
        }
        let existing = sqlx::query(
            "select id, time_limit_minutes, state from ktest_tests where workshop_id = $1 and kind = $2",
        )
        .bind(workshop.id)
        .bind(kind.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let limit_db = limit.map(i64::from);
        let (test_id, before) = match existing {
            Some(row) => {
                let id: i64 = row.try_get(0)?;
                let attempts: i64 =
                    sqlx::query("select count(*) from ktest_attempts where test_id = $1")
                        .bind(id)
                        .fetch_one(&mut *tx)
                        .await?
                        .try_get(0)?;
                if attempts > 0 {
                    return Err(StoreError::Conflict("test_has_attempts"));
                }
                let old_questions: Vec<i64> = sqlx::query(
                    "select question_id from ktest_test_questions where test_id = $1 order by position",
                )
                .bind(id)
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .map(|r| r.try_get(0))
                .collect::<std::result::Result<_, _>>()?;
                let before = serde_json::json!({
                    "questions": old_questions,
                    "time_limit_minutes": row.try_get::<Option<i64>, _>(1)?,
                    "state": row.try_get::<String, _>(2)?,
                });
                sqlx::query("update ktest_tests set time_limit_minutes = $1 where id = $2")
                    .bind(limit_db)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("delete from ktest_test_questions where test_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                (id, Some(before))
            }
            None => {
                let id: i64 = sqlx::query(
                    "insert into ktest_tests (workshop_id, kind, time_limit_minutes, state, created_at) \
                     values ($1, $2, $3, 'draft', $4) returning id",
                )
                .bind(workshop.id)
                .bind(kind.as_str())
                .bind(limit_db)
                .bind(Timestamp::now().to_db())
                .fetch_one(&mut *tx)
                .await
                .map_err(StoreError::on_unique("test_exists"))?
                .try_get(0)?;
                (id, None)
            }
        };
        for (position, id) in question_ids.iter().enumerate() {
            sqlx::query(
                "insert into ktest_test_questions (test_id, position, question_id) values ($1, $2, $3)",
            )
            .bind(test_id)
            .bind(i64::try_from(position).unwrap_or(i64::MAX))
            .bind(*id)
            .execute(&mut *tx)
            .await?;
        }
        tx.record(
            Change::new(
                if before.is_some() { "update" } else { "create" },
                "ktest_test",
                format!("{}/{}", workshop.id, kind.as_str()),
            )
            .before(before)
            .after(serde_json::json!({
                "questions": question_ids,
                "time_limit_minutes": limit,
            })),
        )
        .await?;
        tx.commit().await?;
        self.test(workshop.id, kind).await
    }

    /// A workshop's tests (pre first).
    pub async fn tests(&self, workshop_id: i64) -> Result<Vec<KnowledgeTest>> {
        let mut tests = Vec::new();
        for kind in TestKind::ALL {
            match self.test(workshop_id, kind).await {
                Ok(test) => tests.push(test),
                Err(StoreError::NotFound) => {}
                Err(other) => return Err(other),
            }
        }
        Ok(tests)
    }

    /// A workshop's test of `kind` with its questions.
    pub async fn test(&self, workshop_id: i64, kind: TestKind) -> Result<KnowledgeTest> {
        let row = sqlx::query(
            "select id, time_limit_minutes, state from ktest_tests where workshop_id = $1 and kind = $2",
        )
        .bind(workshop_id)
        .bind(kind.as_str())
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        let id: i64 = row.try_get(0)?;
        let questions = sqlx::query(
            "select q.id, q.kind, q.text_en, q.text_fr, q.options from ktest_test_questions t \
             join ktest_questions q on q.id = t.question_id where t.test_id = $1 order by t.position",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(question_from_row)
        .collect::<Result<Vec<_>>>()?;
        Ok(KnowledgeTest {
            id,
            workshop_id,
            kind,
            time_limit_minutes: row
                .try_get::<Option<i64>, _>(1)?
                .and_then(|m| u32::try_from(m).ok()),
            state: TestState::parse(&row.try_get::<String, _>(2)?)?,
            questions,
        })
    }

    /// Opens a draft test or closes an open one (`invalid_test_transition`
    /// otherwise: a closed test has shown its answers and stays closed).
    pub async fn set_test_state(
        &self,
        actor: &Actor,
        test: &KnowledgeTest,
        state: TestState,
    ) -> Result<()> {
        let mut tx = self.begin_audited(actor).await?;
        let before: String = sqlx::query("select state from ktest_tests where id = $1")
            .bind(test.id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?
            .try_get(0)?;
        let allowed = matches!(
            (TestState::parse(&before)?, state),
            (TestState::Draft, TestState::Open) | (TestState::Open, TestState::Closed)
        );
        if !allowed {
            return Err(StoreError::Conflict("invalid_test_transition"));
        }
        sqlx::query("update ktest_tests set state = $1 where id = $2")
            .bind(state.as_str())
            .bind(test.id)
            .execute(&mut *tx)
            .await?;
        tx.record(
            Change::new(
                "set_state",
                "ktest_test",
                format!("{}/{}", test.workshop_id, test.kind.as_str()),
            )
            .before(serde_json::json!({"state": before}))
            .after(serde_json::json!({"state": state.as_str()})),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A participant's attempt at a test, if started.
    pub async fn attempt(&self, test_id: i64, user_id: UserId) -> Result<Option<Attempt>> {
        let sql = format!(
            "select {ATTEMPT_COLUMNS} from ktest_attempts where test_id = $1 and user_id = $2"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(test_id)
            .bind(user_id.0)
            .fetch_optional(self.pool())
            .await?
            .as_ref()
            .map(attempt_from_row)
            .transpose()
    }

    /// Every attempt at a test.
    pub async fn attempts(&self, test_id: i64) -> Result<Vec<Attempt>> {
        let sql = format!(
            "select {ATTEMPT_COLUMNS} from ktest_attempts where test_id = $1 order by user_id"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(test_id)
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(attempt_from_row)
            .collect()
    }

    /// The administration of a confirmed participant, or
    /// `not_a_participant`; and the test must be open (`test_not_open`).
    async fn taker(
        connection: &mut sqlx::AnyConnection,
        workshop: &Workshop,
        test: &KnowledgeTest,
        user_id: UserId,
    ) -> Result<Option<String>> {
        let administration: Option<Option<String>> = sqlx::query(
            "select administration_code from workshop_participants \
             where workshop_id = $1 and user_id = $2 and status = 'confirmed'",
        )
        .bind(workshop.id)
        .bind(user_id.0)
        .fetch_optional(&mut *connection)
        .await?
        .map(|row| row.try_get(0))
        .transpose()?;
        let Some(administration) = administration else {
            return Err(ValidationError::new("test_taker", "not_a_participant").into());
        };
        let state: String = sqlx::query("select state from ktest_tests where id = $1")
            .bind(test.id)
            .fetch_optional(&mut *connection)
            .await?
            .ok_or(StoreError::NotFound)?
            .try_get(0)?;
        if state != TestState::Open.as_str() {
            return Err(StoreError::Conflict("test_not_open"));
        }
        Ok(administration)
    }

    /// Starts a confirmed participant's attempt at an open test at `at` (the
    /// clock of a timed test starts here). Starting again returns the
    /// attempt unchanged.
    pub async fn start_attempt(
        &self,
        actor: &Actor,
        workshop: &Workshop,
        test: &KnowledgeTest,
        user_id: UserId,
        at: Timestamp,
    ) -> Result<Attempt> {
        let mut tx = self.begin_audited(actor).await?;
        let administration = Self::taker(&mut tx, workshop, test, user_id).await?;
        let sql = format!(
            "select {ATTEMPT_COLUMNS} from ktest_attempts where test_id = $1 and user_id = $2"
        );
        if let Some(row) = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(test.id)
            .bind(user_id.0)
            .fetch_optional(&mut *tx)
            .await?
        {
            return attempt_from_row(&row);
        }
        sqlx::query(
            "insert into ktest_attempts (test_id, user_id, started_at, answers) values ($1, $2, $3, '{}')",
        )
        .bind(test.id)
        .bind(user_id.0)
        .bind(at.to_db())
        .execute(&mut *tx)
        .await?;
        tx.record(
            Change::new(
                "start",
                "ktest_attempt",
                format!("{}/{}/{}", workshop.id, test.kind.as_str(), user_id),
            )
            .administration(administration.as_deref())
            .after(serde_json::json!({"started_at": at.to_db()})),
        )
        .await?;
        tx.commit().await?;
        Ok(Attempt {
            test_id: test.id,
            user_id,
            started_at: at,
            submitted_at: None,
            answers: BTreeMap::new(),
            score_pct: None,
        })
    }

    /// Submits a confirmed participant's answers to an open test at `at` and
    /// scores them. Once only (`already_submitted`, nothing changed); a timed
    /// attempt must arrive within the limit plus the grace
    /// (`time_limit_exceeded`). Without a started attempt, the clock starts
    /// at the submission.
    pub async fn submit_attempt(
        &self,
        actor: &Actor,
        workshop: &Workshop,
        test: &KnowledgeTest,
        user_id: UserId,
        answers: &BTreeMap<i64, BTreeSet<usize>>,
        at: Timestamp,
    ) -> Result<Attempt> {
        let graded = grade(&test.questions, answers)?;
        let mut tx = self.begin_audited(actor).await?;
        let administration = Self::taker(&mut tx, workshop, test, user_id).await?;
        let sql = format!(
            "select {ATTEMPT_COLUMNS} from ktest_attempts where test_id = $1 and user_id = $2"
        );
        let existing = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(test.id)
            .bind(user_id.0)
            .fetch_optional(&mut *tx)
            .await?
            .as_ref()
            .map(attempt_from_row)
            .transpose()?;
        let started_at = match &existing {
            Some(attempt) if attempt.submitted_at.is_some() => {
                return Err(StoreError::Conflict("test_already_submitted"));
            }
            Some(attempt) => attempt.started_at,
            None => at,
        };
        if !on_time(started_at.0, at.0, test.time_limit_minutes) {
            return Err(StoreError::Conflict("time_limit_exceeded"));
        }
        let answers_json = serde_json::to_string(answers).map_err(|_| stored("answers"))?;
        if existing.is_some() {
            let done = sqlx::query(
                "update ktest_attempts set submitted_at = $1, answers = $2, score_pct = $3 \
                 where test_id = $4 and user_id = $5 and submitted_at is null",
            )
            .bind(at.to_db())
            .bind(answers_json)
            .bind(graded.score_pct)
            .bind(test.id)
            .bind(user_id.0)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() != 1 {
                return Err(StoreError::Conflict("test_already_submitted"));
            }
        } else {
            sqlx::query(
                "insert into ktest_attempts (test_id, user_id, started_at, submitted_at, answers, score_pct) \
                 values ($1, $2, $3, $4, $5, $6)",
            )
            .bind(test.id)
            .bind(user_id.0)
            .bind(at.to_db())
            .bind(at.to_db())
            .bind(answers_json)
            .bind(graded.score_pct)
            .execute(&mut *tx)
            .await
            .map_err(StoreError::on_unique("test_already_submitted"))?;
        }
        let attempt = Attempt {
            test_id: test.id,
            user_id,
            started_at,
            submitted_at: Some(at),
            answers: answers.clone(),
            score_pct: Some(graded.score_pct),
        };
        tx.record(
            Change::new(
                "submit",
                "ktest_attempt",
                format!("{}/{}/{}", workshop.id, test.kind.as_str(), user_id),
            )
            .administration(administration.as_deref())
            .after(serde_json::json!({
                "started_at": started_at.to_db(),
                "submitted_at": at.to_db(),
                "answers": answers,
                "score_pct": graded.score_pct,
            })),
        )
        .await?;
        tx.commit().await?;
        Ok(attempt)
    }

    /// Each participant's submitted pre- and post-test scores, by user id.
    pub async fn test_scores(&self, workshop_id: i64) -> Result<HashMap<i64, Scores>> {
        let rows = sqlx::query(
            "select t.kind, a.user_id, a.score_pct from ktest_attempts a \
             join ktest_tests t on t.id = a.test_id \
             where t.workshop_id = $1 and a.submitted_at is not null",
        )
        .bind(workshop_id)
        .fetch_all(self.pool())
        .await?;
        let mut scores: HashMap<i64, Scores> = HashMap::new();
        for row in rows {
            let kind = TestKind::parse(&row.try_get::<String, _>(0)?)?;
            let entry = scores.entry(row.try_get(1)?).or_default();
            let score: Option<f64> = row.try_get(2)?;
            match kind {
                TestKind::Pre => entry.pre = score,
                TestKind::Post => entry.post = score,
            }
        }
        Ok(scores)
    }
}
