//! Knowledge tests (issue 6): the question bank, a workshop's pre- and
//! post-test, taking them and the knowledge gain; the use cases the pages
//! and `/api/v1/workshops/{workshop}/tests/…` share.
//!
//! Access: the bank and managing tests are the Secretariat's. A test is
//! taken by the workshop's confirmed participants (the Secretariat previews
//! it; for anyone else it does not exist). An attempt is read by those who
//! may see the participant's record.

use std::collections::{BTreeMap, BTreeSet};

use gedhub_core::ValidationError;
use gedhub_core::authz::training as policy;
use gedhub_core::ktests::{Question, QuestionDraft, TestKind};
use gedhub_store::ktests::{Attempt, BankQuestion, KnowledgeTest, TestState};
use gedhub_store::training::{Participant, Workshop};
use gedhub_store::{Store, StoreError};

use super::{ParticipantRecord, participant_records, visible_participant};
use crate::caller::Caller;
use crate::error::{AppError, Problems, Result};

/// The test kind in an address: an unknown kind is an unknown page.
pub fn path_kind(kind: &str) -> Result<TestKind> {
    TestKind::parse(kind).map_err(|_| AppError::NotFound)
}

/// Whether the caller manages tests (the Secretariat).
pub fn may_manage(caller: &Caller) -> bool {
    policy::may_manage_training(&caller.principal)
}

fn require_manager(caller: &Caller) -> Result<()> {
    caller.require(may_manage(caller))
}

/// The caller as a confirmed participant of the workshop (`Some`), or the
/// Secretariat who is not one (`None`: it may preview, and the store refuses
/// its answers); anyone else: `NotFound`.
pub async fn taker(
    store: &Store,
    caller: &Caller,
    workshop: &Workshop,
) -> Result<Option<Participant>> {
    let me = store
        .participants(workshop.id)
        .await?
        .into_iter()
        .find(|p| p.user_id == caller.user_id && p.is_confirmed());
    match me {
        Some(me) => Ok(Some(me)),
        None if policy::may_preview_tests(&caller.principal) => Ok(None),
        None => Err(AppError::NotFound),
    }
}

// ----- the bank -----------------------------------------------------------------

/// Every question of the bank (the Secretariat).
pub async fn bank(store: &Store, caller: &Caller) -> Result<Vec<BankQuestion>> {
    require_manager(caller)?;
    Ok(store.questions().await?)
}

/// Adds a question to the bank (the Secretariat); every problem at once.
pub async fn create_question(
    store: &Store,
    caller: &Caller,
    draft: QuestionDraft,
) -> Result<BankQuestion> {
    require_manager(caller)?;
    let question = Question::new(draft).map_err(Problems::from_iter)?;
    Ok(store.create_question(&caller.actor, &question).await?)
}

/// Changes a question while no test uses it (the Secretariat).
pub async fn update_question(
    store: &Store,
    caller: &Caller,
    id: i64,
    draft: QuestionDraft,
) -> Result<BankQuestion> {
    require_manager(caller)?;
    let question = Question::new(draft).map_err(Problems::from_iter)?;
    Ok(store.update_question(&caller.actor, id, &question).await?)
}

// ----- a workshop's tests ---------------------------------------------------------

/// A test to attach, as typed: its kind, its questions' ids in order and
/// its time limit in minutes (empty: untimed).
#[derive(Debug, Clone, Default)]
pub struct AttachInput {
    pub kind: String,
    pub questions: Vec<String>,
    pub time_limit_minutes: String,
}

/// Attaches (or, while nobody started it, replaces) the pre- or post-test
/// (the Secretariat).
pub async fn attach(
    store: &Store,
    caller: &Caller,
    id: i64,
    input: AttachInput,
) -> Result<KnowledgeTest> {
    require_manager(caller)?;
    let workshop = store.workshop(id).await?;
    let kind = TestKind::parse(input.kind.trim())?;
    let questions = input
        .questions
        .iter()
        .map(|v| {
            v.trim()
                .parse::<i64>()
                .map_err(|_| ValidationError::new("test_questions", "unknown_test_question"))
        })
        .collect::<std::result::Result<Vec<i64>, _>>()?;
    let limit = match input.time_limit_minutes.trim() {
        "" => None,
        text => Some(
            text.parse::<u32>()
                .map_err(|_| ValidationError::new("time_limit_minutes", "invalid_time_limit"))?,
        ),
    };
    Ok(store
        .attach_test(&caller.actor, &workshop, kind, &questions, limit)
        .await?)
}

/// Opens a draft test or closes an open one (`state`: `open` or `closed`;
/// the Secretariat).
pub async fn set_state(
    store: &Store,
    caller: &Caller,
    id: i64,
    kind: &str,
    state: &str,
) -> Result<()> {
    require_manager(caller)?;
    let test = store.test(id, path_kind(kind)?).await?;
    let state = TestState::parse(state)?;
    Ok(store.set_test_state(&caller.actor, &test, state).await?)
}

/// The workshop's tests.
pub async fn tests(store: &Store, workshop: &Workshop) -> Result<Vec<KnowledgeTest>> {
    Ok(store.tests(workshop.id).await?)
}

// ----- taking a test ----------------------------------------------------------------

/// What the test page shows the caller: the workshop, the caller as a
/// taker (see [`taker`]), the test and their attempt.
#[derive(Debug, Clone)]
pub struct Taking {
    pub workshop: Workshop,
    pub taker: Option<Participant>,
    pub test: KnowledgeTest,
    pub attempt: Option<Attempt>,
}

/// The test as the caller takes (or previews) it.
pub async fn taking(store: &Store, caller: &Caller, id: i64, kind: &str) -> Result<Taking> {
    let workshop = store.workshop(id).await?;
    let taker = taker(store, caller, &workshop).await?;
    let test = store.test(id, path_kind(kind)?).await?;
    let attempt = match &taker {
        Some(me) => store.attempt(test.id, me.user_id).await?,
        None => None,
    };
    Ok(Taking {
        workshop,
        taker,
        test,
        attempt,
    })
}

/// The questions of a test (to warn of blank answers before submitting).
pub async fn test(store: &Store, id: i64, kind: &str) -> Result<KnowledgeTest> {
    Ok(store.test(id, path_kind(kind)?).await?)
}

/// Starts the caller's attempt (and its clock) at the request's time.
pub async fn start(store: &Store, caller: &Caller, id: i64, kind: &str) -> Result<KnowledgeTest> {
    let workshop = store.workshop(id).await?;
    taker(store, caller, &workshop).await?;
    let test = store.test(id, path_kind(kind)?).await?;
    store
        .start_attempt(&caller.actor, &workshop, &test, caller.user_id, caller.now)
        .await?;
    Ok(test)
}

/// Submits answers for the caller (question id → chosen option indexes);
/// the store checks who, when and how often. Returns the test and the
/// score in percent.
pub async fn submit(
    store: &Store,
    caller: &Caller,
    id: i64,
    kind: &str,
    answers: &BTreeMap<i64, BTreeSet<usize>>,
) -> Result<(KnowledgeTest, f64)> {
    let workshop = store.workshop(id).await?;
    taker(store, caller, &workshop).await?;
    let test = store.test(id, path_kind(kind)?).await?;
    let attempt = store
        .submit_attempt(
            &caller.actor,
            &workshop,
            &test,
            caller.user_id,
            answers,
            caller.now,
        )
        .await?;
    let score = attempt
        .score_pct
        .ok_or_else(|| AppError::from(StoreError::ShippedData("unscored attempt".into())))?;
    Ok((test, score))
}

/// A participant's attempt at a test, if the caller may see their record.
pub async fn attempt(
    store: &Store,
    caller: &Caller,
    id: i64,
    kind: &str,
    email: &str,
) -> Result<(KnowledgeTest, Attempt)> {
    let workshop = store.workshop(id).await?;
    let participant = visible_participant(store, caller, &workshop, email).await?;
    let test = store.test(id, path_kind(kind)?).await?;
    let attempt = store
        .attempt(test.id, participant.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((test, attempt))
}

/// The confirmed participants' records, for the workshop's knowledge gain
/// (the Secretariat).
pub async fn knowledge_gain(
    store: &Store,
    caller: &Caller,
    id: i64,
) -> Result<Vec<ParticipantRecord>> {
    require_manager(caller)?;
    let workshop = store.workshop(id).await?;
    Ok(participant_records(store, caller, &workshop)
        .await?
        .into_iter()
        .filter(|r| r.participant.is_confirmed())
        .collect())
}
