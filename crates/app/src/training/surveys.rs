//! Feedback and follow-up surveys, a workshop's evaluation (Kirkpatrick
//! levels 1–3) and the facts of a certificate of completion (issue 6): the
//! use cases the pages, `/api/v1/workshops/{workshop}/…` and the daily job
//! share.
//!
//! Access: the Secretariat configures surveys, sends the follow-up and
//! reads the evaluation (to anyone else the evaluation does not exist: it
//! shows participants' data). Confirmed participants answer, once; to
//! anyone else a survey does not exist. A certificate is for those who may
//! see the participant's record, once they completed (`not_completed`).

use chrono::NaiveDate;
use gedhub_core::authz::training as policy;
use gedhub_core::surveys::{
    ItemKind, LikertSummary, SurveyKind, default_follow_up_date, likert_summary, results_visible,
};
use gedhub_core::training::{KnowledgeGain, knowledge_gain};
use gedhub_core::{ValidationError, parse_date};
use gedhub_store::notifications::{NewEmail, NewNotification};
use gedhub_store::surveys::{Answer, Survey, SurveyItem};
use gedhub_store::training::{Participant, Workshop};
use gedhub_store::users::User;
use gedhub_store::{Actor, Store, StoreError};

use super::{ParticipantRecord, participant_records, visible_participant};
use crate::caller::Caller;
use crate::error::{AppError, Result};

/// A survey kind in an address: an unknown one is a missing page.
pub fn path_kind(code: &str) -> Result<SurveyKind> {
    SurveyKind::parse(code).map_err(|_| AppError::NotFound)
}

/// The evaluation shows participants' answers: the Secretariat only, and to
/// anyone else it does not exist (`NotFound`).
pub fn require_evaluator(caller: &Caller) -> Result<()> {
    if policy::may_evaluate(&caller.principal) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Configuring surveys is the Secretariat's (`Forbidden` for others).
fn require_manager(caller: &Caller) -> Result<()> {
    caller.require(policy::may_manage_training(&caller.principal))
}

/// The caller as a confirmed participant of the workshop, else `NotFound`.
pub async fn respondent(
    store: &Store,
    caller: &Caller,
    workshop: &Workshop,
) -> Result<Participant> {
    store
        .participants(workshop.id)
        .await?
        .into_iter()
        .find(|p| p.user_id == caller.user_id && p.is_confirmed())
        .ok_or(AppError::NotFound)
}

// ----- results and the evaluation ------------------------------------------------

/// One item's results.
#[derive(Debug, Clone)]
pub struct ItemResult {
    pub item: SurveyItem,
    /// For Likert items.
    pub likert: Option<LikertSummary>,
    /// Free-text answers, with the respondent's name when not anonymous.
    pub texts: Vec<(String, Option<String>)>,
}

/// A survey's results, withheld (`visible` false, no items) while an
/// anonymous survey has fewer than `ANONYMITY_THRESHOLD` responses.
#[derive(Debug, Clone)]
pub struct SurveyResults {
    pub survey: Survey,
    pub items: Vec<SurveyItem>,
    pub responses: usize,
    pub visible: bool,
    pub results: Vec<ItemResult>,
}

/// A survey's results (see [`SurveyResults`]).
pub async fn survey_results(store: &Store, survey: Survey) -> Result<SurveyResults> {
    let items = store.survey_items(survey.id).await?;
    let responses = store.survey_response_count(survey.id).await?;
    let visible = results_visible(survey.anonymous, responses);
    let mut results = Vec::new();
    if visible {
        let answers = store.survey_answers(survey.id).await?;
        for item in &items {
            let mine = answers.iter().filter(|a| a.item_id == item.id);
            results.push(match item.kind {
                ItemKind::Likert => ItemResult {
                    item: item.clone(),
                    likert: Some(likert_summary(
                        &mine.filter_map(|a| a.likert).collect::<Vec<u8>>(),
                    )),
                    texts: Vec::new(),
                },
                ItemKind::FreeText => ItemResult {
                    item: item.clone(),
                    likert: None,
                    texts: mine
                        .filter(|a| !a.text.is_empty())
                        .map(|a| {
                            (
                                a.text.clone(),
                                // Never a name for an anonymous survey, whatever is stored.
                                if survey.anonymous {
                                    None
                                } else {
                                    a.respondent.clone()
                                },
                            )
                        })
                        .collect(),
                },
            });
        }
    }
    Ok(SurveyResults {
        survey,
        items,
        responses,
        visible,
        results,
    })
}

/// The three levels of a workshop's evaluation, and its attendance.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub workshop: Workshop,
    pub reaction: Option<SurveyResults>,
    pub behaviour: Option<SurveyResults>,
    pub learning: KnowledgeGain,
    pub confirmed: usize,
    pub mean_attendance_pct: Option<f64>,
    pub completed: usize,
    pub completion_pct: Option<f64>,
}

/// A workshop's evaluation (the Secretariat; see [`require_evaluator`]).
pub async fn evaluation(store: &Store, caller: &Caller, id: i64) -> Result<Evaluation> {
    require_evaluator(caller)?;
    let workshop = store.workshop(id).await?;
    let records: Vec<_> = participant_records(store, caller, &workshop)
        .await?
        .into_iter()
        .filter(|r| r.participant.is_confirmed())
        .collect();
    // Pre- and post-test scores come from the participants' records (the
    // knowledge tests fill them); only those with both count.
    let pairs: Vec<(f64, f64)> = records
        .iter()
        .filter_map(|r| Some((r.pre_test_pct?, r.post_test_pct?)))
        .collect();
    let attendances: Vec<f64> = records.iter().filter_map(|r| r.attendance_pct).collect();
    let completed = records.iter().filter(|r| r.completion.completed).count();
    let confirmed = records.len();
    let mut reaction = None;
    let mut behaviour = None;
    for survey in store.surveys(workshop.id).await? {
        let kind = survey.kind;
        let results = survey_results(store, survey).await?;
        match kind {
            SurveyKind::Feedback => reaction = Some(results),
            SurveyKind::FollowUp => behaviour = Some(results),
        }
    }
    Ok(Evaluation {
        workshop,
        reaction,
        behaviour,
        learning: knowledge_gain(&pairs),
        confirmed,
        mean_attendance_pct: (!attendances.is_empty())
            .then(|| attendances.iter().sum::<f64>() / attendances.len() as f64),
        completed,
        completion_pct: (confirmed > 0).then(|| completed as f64 / confirmed as f64 * 100.0),
    })
}

// ----- configuring surveys ----------------------------------------------------------

/// Creates a workshop's survey of `kind` (the Secretariat); a follow-up is
/// sent on `send_on` (empty: the workshop's last day plus three months).
pub async fn create(
    store: &Store,
    caller: &Caller,
    id: i64,
    kind: &str,
    anonymous: bool,
    send_on: &str,
) -> Result<Survey> {
    require_manager(caller)?;
    let workshop = store.workshop(id).await?;
    let kind = SurveyKind::parse(kind)?;
    let send_on = match send_on.trim() {
        "" => default_follow_up_date(workshop.dates.end()),
        text => parse_date("send_on", text)?,
    };
    Ok(store
        .create_survey(&caller.actor, &workshop, kind, anonymous, Some(send_on))
        .await?)
}

/// Adds an item (`likert` or `free_text`) to a survey (the Secretariat).
pub async fn add_item(
    store: &Store,
    caller: &Caller,
    id: i64,
    kind: &str,
    item_kind: &str,
    text_en: &str,
    text_fr: &str,
) -> Result<SurveyItem> {
    require_manager(caller)?;
    let kind = path_kind(kind)?;
    let survey = store.survey(id, kind).await?;
    let item_kind = ItemKind::parse(item_kind)?;
    Ok(store
        .add_survey_item(&caller.actor, &survey, item_kind, text_en, text_fr)
        .await?)
}

/// Opens (`1`) or closes (`0`) a survey (the Secretariat).
pub async fn set_open(
    store: &Store,
    caller: &Caller,
    id: i64,
    kind: &str,
    open: &str,
) -> Result<SurveyKind> {
    require_manager(caller)?;
    let kind = path_kind(kind)?;
    let survey = store.survey(id, kind).await?;
    let open = match open.trim() {
        "1" => true,
        "0" => false,
        _ => return Err(ValidationError::new("open", "unknown_survey_status").into()),
    };
    store.set_survey_open(&caller.actor, &survey, open).await?;
    Ok(kind)
}

// ----- follow-up invitations --------------------------------------------------------

/// An invitation's subject and body, in the invitee's language: the
/// wording is the edge's (translations), who is invited is decided here.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub subject: String,
    pub body: String,
}

/// Sends a follow-up's invitations to the workshop's confirmed
/// participants: a notification linking to the survey and an e-mail,
/// worded by `wording` for each person. Returns how many were invited.
pub async fn send_invitations<W>(
    store: &Store,
    actor: &Actor,
    workshop: &Workshop,
    survey: &Survey,
    wording: &W,
) -> std::result::Result<usize, StoreError>
where
    W: Fn(&User, &Workshop) -> Invitation + Sync,
{
    let link = format!("/workshops/{}/surveys/{}", workshop.id, survey.kind);
    let mut notifications = Vec::new();
    let mut emails = Vec::new();
    for participant in store.participants(workshop.id).await? {
        if !participant.is_confirmed() {
            continue;
        }
        let user = store.user(participant.user_id).await?;
        let Invitation { subject, body } = wording(&user, workshop);
        notifications.push(NewNotification {
            user_id: participant.user_id,
            subject: subject.clone(),
            body: body.clone(),
            link: link.clone(),
        });
        emails.push(NewEmail {
            recipient: participant.email.clone(),
            recipient_name: participant.name.clone(),
            subject,
            body: format!("{body}\n\n{link}"),
        });
    }
    store
        .send_follow_up(actor, survey, &notifications, &emails)
        .await?;
    Ok(notifications.len())
}

/// The daily job's part: sends every follow-up whose day has come. A
/// follow-up sent meanwhile by the Secretariat (or another server) is
/// skipped.
pub async fn send_due_follow_ups<W>(
    store: &Store,
    today: NaiveDate,
    wording: &W,
) -> std::result::Result<usize, StoreError>
where
    W: Fn(&User, &Workshop) -> Invitation + Sync,
{
    let actor = Actor::system("follow-up surveys");
    let mut invited = 0;
    for survey in store.due_follow_ups(today).await? {
        let workshop = store.workshop(survey.workshop_id).await?;
        match send_invitations(store, &actor, &workshop, &survey, wording).await {
            Ok(count) => invited += count,
            Err(StoreError::Conflict(_)) => {}
            Err(other) => return Err(other),
        }
    }
    Ok(invited)
}

/// Sends the follow-up now (the Secretariat; once: `survey_already_sent`).
pub async fn send_follow_up<W>(
    store: &Store,
    caller: &Caller,
    id: i64,
    kind: &str,
    wording: &W,
) -> Result<SurveyKind>
where
    W: Fn(&User, &Workshop) -> Invitation + Sync,
{
    require_manager(caller)?;
    let kind = path_kind(kind)?;
    let workshop = store.workshop(id).await?;
    let survey = store.survey(id, kind).await?;
    send_invitations(store, &caller.actor, &workshop, &survey, wording).await?;
    Ok(kind)
}

// ----- answering ----------------------------------------------------------------------

/// A survey as its respondent sees it.
#[derive(Debug, Clone)]
pub struct Answering {
    pub workshop: Workshop,
    pub survey: Survey,
    pub items: Vec<SurveyItem>,
    /// The caller already answered (once only).
    pub answered: bool,
}

/// The survey for the caller to answer (confirmed participants).
pub async fn answering(store: &Store, caller: &Caller, id: i64, kind: &str) -> Result<Answering> {
    let kind = path_kind(kind)?;
    let workshop = store.workshop(id).await?;
    respondent(store, caller, &workshop).await?;
    let survey = store.survey(id, kind).await?;
    let answered = store.has_answered(survey.id, caller.user_id).await?;
    let items = store.survey_items(survey.id).await?;
    Ok(Answering {
        workshop,
        survey,
        items,
        answered,
    })
}

/// Records the caller's answers, once (`survey_already_answered`);
/// `read` turns what was sent into answers, knowing the survey's items.
/// Returns how many answers were recorded.
pub async fn answer(
    store: &Store,
    caller: &Caller,
    id: i64,
    kind: &str,
    read: impl FnOnce(&[SurveyItem]) -> std::result::Result<Vec<(i64, Answer)>, ValidationError>,
) -> Result<usize> {
    let kind = path_kind(kind)?;
    let workshop = store.workshop(id).await?;
    respondent(store, caller, &workshop).await?;
    let survey = store.survey(id, kind).await?;
    let items = store.survey_items(survey.id).await?;
    let answers = read(&items)?;
    store
        .submit_survey_response(&caller.actor, &survey, caller.user_id, &answers)
        .await?;
    Ok(answers.len())
}

// ----- certificates -----------------------------------------------------------------

/// What a certificate of completion states.
#[derive(Debug, Clone)]
pub struct Completed {
    pub workshop: Workshop,
    pub record: ParticipantRecord,
}

/// The completed participant named by e-mail, for their certificate: for
/// those who may see their record; a confirmed participant only
/// (`NotFound`), once completed (computed or overridden; `not_completed`).
pub async fn certificate(
    store: &Store,
    caller: &Caller,
    id: i64,
    email: &str,
) -> Result<Completed> {
    let workshop = store.workshop(id).await?;
    let participant = visible_participant(store, caller, &workshop, email).await?;
    if !participant.is_confirmed() {
        return Err(AppError::NotFound);
    }
    let record = participant_records(store, caller, &workshop)
        .await?
        .into_iter()
        .find(|r| r.participant.user_id == participant.user_id && r.participant.is_confirmed())
        .ok_or(AppError::NotFound)?;
    if !record.completion.completed {
        return Err(AppError::Conflict {
            code: "not_completed",
        });
    }
    Ok(Completed { workshop, record })
}
