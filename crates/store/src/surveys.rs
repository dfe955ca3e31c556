//! Feedback and follow-up surveys of workshops (issue 6, Kirkpatrick levels 1
//! and 3). The rules (kinds, Likert summary, anonymity threshold) are in
//! `gedhub_core::surveys`.
//!
//! Anonymity: for an anonymous survey the response row has no user id and no
//! time, and its key is random; the only trace of the person is a marker in
//! `survey_respondents` ("has answered", to refuse a second answer) and the
//! audit entry "answered survey N", neither of which says which response is
//! theirs.

use chrono::NaiveDate;
use gedhub_core::surveys::{ItemKind, SurveyKind, likert_value};
use gedhub_core::{UserId, ValidationError};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::audit::{Change, snapshot};
use crate::notifications::{NewEmail, NewNotification};
use crate::plans::date_to_db;
use crate::training::Workshop;
use crate::{Actor, Result, Store, StoreError, Timestamp};

/// Longest accepted item text and free-text answer, in characters.
pub const MAX_TEXT_CHARS: usize = 4000;
/// Most items in one survey.
pub const MAX_ITEMS: usize = 50;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Survey {
    pub id: i64,
    pub workshop_id: i64,
    pub kind: SurveyKind,
    pub anonymous: bool,
    pub is_open: bool,
    /// Follow-up: the day the invitations go out.
    pub send_on: Option<NaiveDate>,
    /// When the invitations went out.
    pub sent_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurveyItem {
    pub id: i64,
    pub kind: ItemKind,
    pub text_en: String,
    pub text_fr: String,
}

impl SurveyItem {
    /// The item's text in `language` (French when asked and written, else English).
    pub fn text(&self, language: &str) -> &str {
        if language == "fr" && !self.text_fr.is_empty() {
            &self.text_fr
        } else {
            &self.text_en
        }
    }
}

/// One answer as submitted: a Likert value or a text.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Likert(i64),
    Text(String),
}

/// One stored answer, with the respondent's name when the survey is not
/// anonymous.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredAnswer {
    pub item_id: i64,
    pub likert: Option<u8>,
    pub text: String,
    pub respondent: Option<String>,
}

fn day_from_db(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| StoreError::ShippedData(format!("stored date {text:?}")))
}

const SURVEY_COLUMNS: &str = "id, workshop_id, kind, anonymous, is_open, send_on, sent_at";

fn survey_from_row(row: &AnyRow) -> Result<Survey> {
    Ok(Survey {
        id: row.try_get("id")?,
        workshop_id: row.try_get("workshop_id")?,
        kind: SurveyKind::parse(&row.try_get::<String, _>("kind")?)?,
        anonymous: row.try_get::<i64, _>("anonymous")? != 0,
        is_open: row.try_get::<i64, _>("is_open")? != 0,
        send_on: row
            .try_get::<Option<String>, _>("send_on")?
            .map(|text| day_from_db(&text))
            .transpose()?,
        sent_at: row.try_get("sent_at")?,
    })
}

/// A random response key (128 bits, hex).
fn response_key() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|error| StoreError::Randomness(error.to_string()))?;
    Ok(hex::encode(bytes))
}

impl Store {
    /// Creates the workshop's survey of `kind` (once: `survey_exists`), open.
    /// A follow-up gets `send_on` (required for it, ignored for feedback).
    pub async fn create_survey(
        &self,
        actor: &Actor,
        workshop: &Workshop,
        kind: SurveyKind,
        anonymous: bool,
        send_on: Option<NaiveDate>,
    ) -> Result<Survey> {
        let send_on = match kind {
            SurveyKind::Feedback => None,
            SurveyKind::FollowUp => {
                Some(send_on.ok_or(ValidationError::new("send_on", "required"))?)
            }
        };
        let mut tx = self.begin_audited(actor).await?;
        let sql = format!(
            "insert into surveys (workshop_id, kind, anonymous, is_open, send_on, created_by, created_at) \
             values ($1, $2, $3, 1, $4, $5, $6) returning {SURVEY_COLUMNS}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(workshop.id)
            .bind(kind.as_str())
            .bind(i64::from(anonymous))
            .bind(send_on.map(date_to_db))
            .bind(actor.label.clone())
            .bind(Timestamp::now().to_db())
            .fetch_one(&mut *tx)
            .await
            .map_err(StoreError::on_unique("survey_exists"))?;
        let survey = survey_from_row(&row)?;
        tx.record(Change::new("create", "survey", survey.id).after(snapshot(&survey)))
            .await?;
        tx.commit().await?;
        Ok(survey)
    }

    /// The workshop's surveys (feedback first).
    pub async fn surveys(&self, workshop_id: i64) -> Result<Vec<Survey>> {
        let sql = format!(
            "select {SURVEY_COLUMNS} from surveys where workshop_id = $1 order by kind, id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(workshop_id)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(survey_from_row).collect()
    }

    /// The workshop's survey of `kind` (`NotFound` when it has none).
    pub async fn survey(&self, workshop_id: i64, kind: SurveyKind) -> Result<Survey> {
        let sql =
            format!("select {SURVEY_COLUMNS} from surveys where workshop_id = $1 and kind = $2");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(workshop_id)
            .bind(kind.as_str())
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        survey_from_row(&row)
    }

    /// A survey's items in order.
    pub async fn survey_items(&self, survey_id: i64) -> Result<Vec<SurveyItem>> {
        let rows = sqlx::query(
            "select id, kind, text_en, text_fr from survey_items where survey_id = $1 order by ordinal, id",
        )
        .bind(survey_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(SurveyItem {
                    id: row.try_get(0)?,
                    kind: ItemKind::parse(&row.try_get::<String, _>(1)?)?,
                    text_en: row.try_get(2)?,
                    text_fr: row.try_get(3)?,
                })
            })
            .collect()
    }

    /// Adds an item at the end. The English text is required; items cannot
    /// be added once someone answered (`survey_has_responses`), so every
    /// response answers the same questions.
    pub async fn add_survey_item(
        &self,
        actor: &Actor,
        survey: &Survey,
        kind: ItemKind,
        text_en: &str,
        text_fr: &str,
    ) -> Result<SurveyItem> {
        let (text_en, text_fr) = (text_en.trim(), text_fr.trim());
        if text_en.is_empty() {
            return Err(ValidationError::new("text_en", "required").into());
        }
        for (field, text) in [("text_en", text_en), ("text_fr", text_fr)] {
            if text.chars().count() > MAX_TEXT_CHARS {
                return Err(ValidationError::new(field, "too_long").into());
            }
        }
        let mut tx = self.begin_audited(actor).await?;
        let responses: i64 =
            sqlx::query("select count(*) from survey_responses where survey_id = $1")
                .bind(survey.id)
                .fetch_one(&mut *tx)
                .await?
                .try_get(0)?;
        if responses > 0 {
            return Err(StoreError::Conflict("survey_has_responses"));
        }
        let count: i64 = sqlx::query("select count(*) from survey_items where survey_id = $1")
            .bind(survey.id)
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
        if usize::try_from(count).unwrap_or(usize::MAX) >= MAX_ITEMS {
            return Err(StoreError::Conflict("too_many_items"));
        }
        let row = sqlx::query(
            "insert into survey_items (survey_id, ordinal, kind, text_en, text_fr) \
             values ($1, $2, $3, $4, $5) returning id",
        )
        .bind(survey.id)
        .bind(count + 1)
        .bind(kind.as_str())
        .bind(text_en.to_owned())
        .bind(text_fr.to_owned())
        .fetch_one(&mut *tx)
        .await?;
        let item = SurveyItem {
            id: row.try_get(0)?,
            kind,
            text_en: text_en.to_owned(),
            text_fr: text_fr.to_owned(),
        };
        tx.record(
            Change::new(
                "create",
                "survey_item",
                format!("{}/{}", survey.id, item.id),
            )
            .after(snapshot(&item)),
        )
        .await?;
        tx.commit().await?;
        Ok(item)
    }

    /// Opens or closes a survey to answers.
    pub async fn set_survey_open(&self, actor: &Actor, survey: &Survey, open: bool) -> Result<()> {
        let mut tx = self.begin_audited(actor).await?;
        sqlx::query("update surveys set is_open = $1 where id = $2")
            .bind(i64::from(open))
            .bind(survey.id)
            .execute(&mut *tx)
            .await?;
        tx.record(
            Change::new(if open { "open" } else { "close" }, "survey", survey.id)
                .before(serde_json::json!({"is_open": survey.is_open}))
                .after(serde_json::json!({"is_open": open})),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether the person has answered the survey.
    pub async fn has_answered(&self, survey_id: i64, user_id: UserId) -> Result<bool> {
        Ok(
            sqlx::query("select 1 from survey_respondents where survey_id = $1 and user_id = $2")
                .bind(survey_id)
                .bind(user_id.0)
                .fetch_optional(self.pool())
                .await?
                .is_some(),
        )
    }

    /// Stores a participant's answers (the caller checked that they are a
    /// confirmed participant). Refused when the survey is closed
    /// (`survey_closed`), answered already (`survey_already_answered`, nothing
    /// changed), an answer names another survey's item (`unknown_item`), is of
    /// the wrong kind (`wrong_answer_kind`) or out of range; a Likert item
    /// left out is simply not answered. For an anonymous survey, nothing
    /// links the person to the response (see the module documentation).
    pub async fn submit_survey_response(
        &self,
        actor: &Actor,
        survey: &Survey,
        user_id: UserId,
        answers: &[(i64, Answer)],
    ) -> Result<()> {
        if !survey.is_open {
            return Err(StoreError::Conflict("survey_closed"));
        }
        let items = self.survey_items(survey.id).await?;
        let mut rows: Vec<(i64, Option<i64>, String)> = Vec::new();
        for (item_id, answer) in answers {
            let item = items
                .iter()
                .find(|item| item.id == *item_id)
                .ok_or(ValidationError::new("answers", "unknown_item"))?;
            if rows.iter().any(|(id, _, _)| id == item_id) {
                return Err(ValidationError::new("answers", "duplicate_item").into());
            }
            match (item.kind, answer) {
                (ItemKind::Likert, Answer::Likert(value)) => {
                    rows.push((
                        *item_id,
                        Some(i64::from(likert_value(*value)?)),
                        String::new(),
                    ));
                }
                (ItemKind::FreeText, Answer::Text(text)) => {
                    let text = text.trim();
                    if text.chars().count() > MAX_TEXT_CHARS {
                        return Err(ValidationError::new("answers", "too_long").into());
                    }
                    if !text.is_empty() {
                        rows.push((*item_id, None, text.to_owned()));
                    }
                }
                _ => return Err(ValidationError::new("answers", "wrong_answer_kind").into()),
            }
        }
        let key = response_key()?;
        let mut tx = self.begin_audited(actor).await?;
        sqlx::query("insert into survey_respondents (survey_id, user_id) values ($1, $2)")
            .bind(survey.id)
            .bind(user_id.0)
            .execute(&mut *tx)
            .await
            .map_err(StoreError::on_unique("survey_already_answered"))?;
        sqlx::query(
            "insert into survey_responses (response_key, survey_id, user_id) values ($1, $2, $3)",
        )
        .bind(key.clone())
        .bind(survey.id)
        .bind((!survey.anonymous).then_some(user_id.0))
        .execute(&mut *tx)
        .await?;
        for (item_id, likert, text) in &rows {
            sqlx::query(
                "insert into survey_answers (response_key, item_id, likert, answer_text) values ($1, $2, $3, $4)",
            )
            .bind(key.clone())
            .bind(*item_id)
            .bind(*likert)
            .bind(text.clone())
            .execute(&mut *tx)
            .await?;
        }
        // An anonymous survey's audit entry says who answered, never what
        // nor which response.
        let after = if survey.anonymous {
            serde_json::json!({"anonymous": true})
        } else {
            serde_json::json!({"response": key, "answers": rows.len()})
        };
        tx.record(Change::new("answer", "survey", survey.id).after(after))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// How many responses a survey has.
    pub async fn survey_response_count(&self, survey_id: i64) -> Result<usize> {
        let count: i64 = sqlx::query("select count(*) from survey_responses where survey_id = $1")
            .bind(survey_id)
            .fetch_one(self.pool())
            .await?
            .try_get(0)?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    /// Every answer of a survey, by item and then by the random response key
    /// (so free texts are not listed in the order they came in).
    pub async fn survey_answers(&self, survey_id: i64) -> Result<Vec<StoredAnswer>> {
        let rows = sqlx::query(
            "select a.item_id, a.likert, a.answer_text, u.name \
             from survey_answers a join survey_responses r on r.response_key = a.response_key \
             left join users u on u.id = r.user_id \
             where r.survey_id = $1 order by a.item_id, a.response_key",
        )
        .bind(survey_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(StoredAnswer {
                    item_id: row.try_get(0)?,
                    likert: row
                        .try_get::<Option<i64>, _>(1)?
                        .and_then(|v| u8::try_from(v).ok()),
                    text: row.try_get(2)?,
                    respondent: row.try_get(3)?,
                })
            })
            .collect()
    }

    /// Sends a follow-up survey's invitations: one notification (and one
    /// e-mail) per confirmed participant, given by the caller, written in the
    /// same transaction that marks the survey sent. Only once
    /// (`survey_already_sent`); only follow-ups (`not_a_follow_up`).
    pub async fn send_follow_up(
        &self,
        actor: &Actor,
        survey: &Survey,
        notifications: &[NewNotification],
        emails: &[NewEmail],
    ) -> Result<()> {
        if survey.kind != SurveyKind::FollowUp {
            return Err(StoreError::Conflict("not_a_follow_up"));
        }
        let mut tx = self.begin_audited(actor).await?;
        let now = Timestamp::now().to_db();
        let marked =
            sqlx::query("update surveys set sent_at = $1 where id = $2 and sent_at is null")
                .bind(now.clone())
                .bind(survey.id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if marked == 0 {
            return Err(StoreError::Conflict("survey_already_sent"));
        }
        crate::notifications::deliver_in(&mut tx, notifications, emails, &now).await?;
        tx.record(
            Change::new("send", "survey", survey.id)
                .after(serde_json::json!({"invitations": notifications.len()})),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Follow-up surveys whose day has come and that have not gone out.
    pub async fn due_follow_ups(&self, today: NaiveDate) -> Result<Vec<Survey>> {
        let sql = format!(
            "select {SURVEY_COLUMNS} from surveys where kind = 'follow_up' and sent_at is null \
             and send_on is not null and send_on <= $1 order by id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(date_to_db(today))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(survey_from_row).collect()
    }
}

impl Store {
    /// Demo surveys: the Brussels 2023 workshop's anonymous feedback (17 of
    /// 20 answered) and its follow-up (sent, 12 answered), and the virtual
    /// 2024 workshop's feedback in French (6 of 7 answered, with names).
    pub(crate) async fn seed_demo_surveys(&self) -> Result<()> {
        let actor = Actor::system("demo");
        let workshops = self.workshops().await?;
        let brussels = workshops.iter().find(|w| w.language == "en");
        let virtual_2024 = workshops.iter().find(|w| w.language == "fr");
        let (Some(brussels), Some(virtual_2024)) = (brussels, virtual_2024) else {
            return Ok(());
        };
        if !self.surveys(brussels.id).await?.is_empty() {
            return Ok(());
        }
        let feedback_items: [(ItemKind, &str, &str); 5] = [
            (
                ItemKind::Likert,
                "The workshop met my expectations.",
                "L'atelier a répondu à mes attentes.",
            ),
            (
                ItemKind::Likert,
                "I can now use the GEOAT in my administration.",
                "Je peux désormais utiliser le GEOAT dans mon administration.",
            ),
            (
                ItemKind::Likert,
                "The facilitators were well prepared.",
                "Les animateurs étaient bien préparés.",
            ),
            (
                ItemKind::Likert,
                "I feel ready to facilitate a national workshop.",
                "Je me sens prêt·e à animer un atelier national.",
            ),
            (
                ItemKind::FreeText,
                "What would you change in the workshop?",
                "Que changeriez-vous dans l'atelier ?",
            ),
        ];
        let follow_up_items: [(ItemKind, &str, &str); 3] = [
            (
                ItemKind::Likert,
                "I have applied what I learned in my daily work.",
                "J'ai mis en pratique ce que j'ai appris dans mon travail.",
            ),
            (
                ItemKind::Likert,
                "My administration supports gender equality work.",
                "Mon administration soutient le travail sur l'égalité de genre.",
            ),
            (
                ItemKind::FreeText,
                "What have you applied since the workshop?",
                "Qu'avez-vous mis en pratique depuis l'atelier ?",
            ),
        ];
        let english_comments = [
            "More time for the GEOAT exercises.",
            "A session on collecting sex-disaggregated HR data.",
            "Share the slides before the workshop.",
            "More examples from small administrations.",
        ];
        let applied = [
            "Ran a GEOAT self-assessment with our HR unit.",
            "Presented the findings to senior management.",
            "Started a mentoring scheme for women officers.",
            "Added gender equality to our induction training.",
        ];
        let french_comments = [
            "Plus de temps pour les exercices en sous-groupes.",
            "Des exemples d'administrations d'Afrique de l'Ouest.",
            "Une meilleure connexion pour les sessions en ligne.",
        ];
        let plan = [
            (
                brussels,
                SurveyKind::Feedback,
                true,
                &feedback_items[..],
                17,
                &english_comments[..],
            ),
            (
                brussels,
                SurveyKind::FollowUp,
                true,
                &follow_up_items[..],
                12,
                &applied[..],
            ),
            (
                virtual_2024,
                SurveyKind::Feedback,
                false,
                &feedback_items[..],
                6,
                &french_comments[..],
            ),
        ];
        for (workshop, kind, anonymous, items, respondents, comments) in plan {
            let survey = self
                .create_survey(
                    &actor,
                    workshop,
                    kind,
                    anonymous,
                    Some(gedhub_core::surveys::default_follow_up_date(
                        workshop.dates.end(),
                    )),
                )
                .await?;
            let mut stored = Vec::new();
            for (item_kind, text_en, text_fr) in items {
                stored.push(
                    self.add_survey_item(&actor, &survey, *item_kind, text_en, text_fr)
                        .await?,
                );
            }
            let participants = self.participants(workshop.id).await?;
            for (index, participant) in participants.iter().take(respondents).enumerate() {
                let answers: Vec<(i64, Answer)> = stored
                    .iter()
                    .enumerate()
                    .filter_map(|(position, item)| match item.kind {
                        // Mostly 4s and 5s, a few 3s and one 2.
                        ItemKind::Likert => {
                            let value = [5, 4, 4, 5, 3, 4, 5, 2, 4, 5][(index + position * 3) % 10];
                            Some((item.id, Answer::Likert(value)))
                        }
                        ItemKind::FreeText => comments
                            .get(index)
                            .map(|text| (item.id, Answer::Text((*text).to_owned()))),
                    })
                    .collect();
                let person = Actor::user(participant.user_id, &participant.email);
                self.submit_survey_response(&person, &survey, participant.user_id, &answers)
                    .await?;
            }
            if kind == SurveyKind::FollowUp {
                // Sent in June 2023 (the invitations of the past are not replayed).
                self.send_follow_up(&actor, &survey, &[], &[]).await?;
            }
            self.set_survey_open(&actor, &survey, false).await?;
        }
        Ok(())
    }
}
