//! Knowledge tests (issue 6): the Secretariat's question bank, the pre- and
//! post-test section of a workshop's page with the knowledge gain, and the
//! participant's test page (start, answer, result; the correct answers only
//! once the test is closed).
//!
//! Access: the bank and managing tests are the Secretariat's. A test page is
//! for the workshop's confirmed participants (the Secretariat previews it;
//! anyone else gets 404). The knowledge-gain rows are scoped like the
//! participants (core's `authz::training`); the workshop's figures are shown to
//! the Secretariat.

use std::collections::{BTreeMap, BTreeSet};

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use gedhub_app::training::ParticipantRecord;
use gedhub_app::training::ktests::{self as use_cases, AttachInput, Taking};
use gedhub_core::ValidationError;
use gedhub_core::ktests::{AnswerOption, QuestionDraft, QuestionKind, TestKind, seconds_left};
use gedhub_core::training::knowledge_gain;
use gedhub_store::ktests::{KnowledgeTest, TestState};
use gedhub_store::training::Workshop;

use crate::context::{RequestContext, SignedIn};
use crate::error::Result;
use crate::extract::{AppForm, AppPath};
use crate::format::number;
use crate::i18n::Locale;
use crate::state::AppState;
use crate::training_views::Choice;
use crate::views::{Page, render};

/// Answer rows offered by the question form.
pub const OPTION_SLOTS: usize = 6;

fn pct(value: Option<f64>, locale: &Locale) -> String {
    crate::format::optional_percentage(value, locale)
}

fn points(value: Option<f64>, locale: &Locale) -> String {
    value.map_or_else(
        || "–".to_owned(),
        |v| {
            let sign = if v > 0.0 { "+" } else { "" };
            format!("{sign}{}", number(v, locale))
        },
    )
}

fn kind_label(locale: &Locale, kind: TestKind) -> String {
    locale.t(&format!("ktest-kind-{}", kind.as_str()))
}

fn question_kind_label(locale: &Locale, kind: QuestionKind) -> String {
    locale.t(&format!("ktest-question-kind-{}", kind.as_str()))
}

// ---------------------------------------------------------------- the bank

pub struct BankOption {
    pub text_en: String,
    pub text_fr: String,
    pub correct: bool,
}

pub struct Slot {
    pub index: usize,
    pub text_en: String,
    pub text_fr: String,
    pub correct: bool,
}

pub struct BankRow {
    pub id: i64,
    pub kind_code: String,
    pub kind: String,
    pub text_en: String,
    pub text_fr: String,
    pub options: Vec<BankOption>,
    pub in_use: bool,
    pub slots: Vec<Slot>,
}

#[derive(Template)]
#[template(path = "ktest_questions.html")]
pub struct BankPage {
    pub page: Page,
    pub rows: Vec<BankRow>,
    pub kinds: Vec<Choice>,
    pub slots: Vec<Slot>,
}

fn slots(options: &[AnswerOption]) -> Vec<Slot> {
    (0..OPTION_SLOTS)
        .map(|index| {
            let option = options.get(index);
            Slot {
                index,
                text_en: option.map(|o| o.text_en.clone()).unwrap_or_default(),
                text_fr: option.map(|o| o.text_fr.clone()).unwrap_or_default(),
                correct: option.is_some_and(|o| o.correct),
            }
        })
        .collect()
}

/// `GET /questions` (Secretariat): the bank, a form to add a question and
/// one to edit each question no test uses yet.
pub async fn show_bank(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
) -> Result<Response> {
    let locale = &context.locale;
    let rows = use_cases::bank(state.store(), &signed_in.caller)
        .await?
        .into_iter()
        .map(|q| BankRow {
            id: q.id,
            kind_code: q.question.kind().as_str().to_owned(),
            kind: question_kind_label(locale, q.question.kind()),
            text_en: q.question.text_en().to_owned(),
            text_fr: q.question.text_fr().to_owned(),
            options: q
                .question
                .options()
                .iter()
                .map(|o| BankOption {
                    text_en: o.text_en.clone(),
                    text_fr: o.text_fr.clone(),
                    correct: o.correct,
                })
                .collect(),
            in_use: q.in_use,
            slots: slots(q.question.options()),
        })
        .collect();
    Ok(render(&BankPage {
        page: Page::new(&context, "ktest-bank-title"),
        rows,
        kinds: QuestionKind::ALL
            .iter()
            .map(|k| Choice {
                value: k.as_str().to_owned(),
                label: question_kind_label(locale, *k),
            })
            .collect(),
        slots: slots(&[]),
    }))
}

/// A question from the form: `kind`, `text_en`, `text_fr`, `option_en_N`,
/// `option_fr_N` and one `correct=N` per correct option. Empty option rows
/// are skipped. The use case checks it.
pub fn question_from_form(fields: &[(String, String)]) -> QuestionDraft {
    let value = |name: &str| {
        fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let correct: BTreeSet<usize> = fields
        .iter()
        .filter(|(key, _)| key == "correct")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    let options = (0..OPTION_SLOTS)
        .filter_map(|i| {
            let text_en = value(&format!("option_en_{i}"));
            let text_fr = value(&format!("option_fr_{i}"));
            (!text_en.trim().is_empty() || !text_fr.trim().is_empty()).then(|| AnswerOption {
                text_en,
                text_fr,
                correct: correct.contains(&i),
            })
        })
        .collect();
    QuestionDraft {
        kind: value("kind"),
        text_en: value("text_en"),
        text_fr: value("text_fr"),
        options,
    }
}

/// `POST /questions` (Secretariat).
pub async fn create_question(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppForm(fields): AppForm<Vec<(String, String)>>,
) -> Result<Response> {
    let created = use_cases::create_question(
        state.store(),
        &signed_in.caller,
        question_from_form(&fields),
    )
    .await?;
    Ok(Redirect::to(&format!("/questions#question-{}", created.id)).into_response())
}

/// `POST /questions/{question}` (Secretariat): edit while no test uses it.
pub async fn update_question(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(fields): AppForm<Vec<(String, String)>>,
) -> Result<Response> {
    use_cases::update_question(
        state.store(),
        &signed_in.caller,
        id,
        question_from_form(&fields),
    )
    .await?;
    Ok(Redirect::to(&format!("/questions#question-{id}")).into_response())
}

// ------------------------------------------------- the workshop's section

pub struct TestPanel {
    pub kind: String,
    pub label: String,
    pub attached: bool,
    pub state: String,
    pub questions: usize,
    pub time_limit: String,
    pub can_open: bool,
    pub can_close: bool,
    /// The viewer is a confirmed participant and the test is not a draft.
    pub can_take: bool,
}

pub struct GainRow {
    pub name: String,
    pub pre: String,
    pub post: String,
    pub gain: String,
}

pub struct BankChoice {
    pub id: i64,
    pub text: String,
}

/// The knowledge-test part of a workshop's page.
pub struct WorkshopTests {
    pub panels: Vec<TestPanel>,
    pub bank: Vec<BankChoice>,
    pub rows: Vec<GainRow>,
    /// The workshop's knowledge gain (Secretariat).
    pub summary: String,
    pub can_manage: bool,
}

fn time_limit_label(locale: &Locale, minutes: Option<u32>) -> String {
    match minutes {
        Some(m) => locale.t_args("ktest-minutes", &[("minutes", m.to_string())]),
        None => locale.t("ktest-untimed"),
    }
}

/// The workshop's tests and the knowledge gain of the participants the
/// caller may see (`records` are already scoped).
pub async fn workshop_tests(
    state: &AppState,
    signed_in: &SignedIn,
    locale: &Locale,
    workshop: &Workshop,
    records: &[ParticipantRecord],
) -> Result<WorkshopTests> {
    let can_manage = use_cases::may_manage(&signed_in.caller);
    let tests = use_cases::tests(state.store(), workshop).await?;
    let confirmed_me = records
        .iter()
        .any(|r| r.participant.user_id == signed_in.user.id && r.participant.is_confirmed());
    let panels = TestKind::ALL
        .iter()
        .map(|kind| {
            let test = tests.iter().find(|t| t.kind == *kind);
            TestPanel {
                kind: kind.as_str().to_owned(),
                label: kind_label(locale, *kind),
                attached: test.is_some(),
                state: test.map_or_else(String::new, |t| {
                    locale.t(&format!("ktest-state-{}", t.state.as_str()))
                }),
                questions: test.map_or(0, |t| t.questions.len()),
                time_limit: time_limit_label(locale, test.and_then(|t| t.time_limit_minutes)),
                can_open: can_manage && test.is_some_and(|t| t.state == TestState::Draft),
                can_close: can_manage && test.is_some_and(|t| t.state == TestState::Open),
                can_take: confirmed_me && test.is_some_and(|t| t.state != TestState::Draft),
            }
        })
        .collect();
    let bank = if can_manage {
        state
            .store()
            .questions()
            .await?
            .into_iter()
            .map(|q| BankChoice {
                id: q.id,
                text: q.question.text(&locale.code()).to_owned(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let confirmed: Vec<&ParticipantRecord> = records
        .iter()
        .filter(|r| r.participant.is_confirmed())
        .collect();
    let rows = confirmed
        .iter()
        .map(|r| GainRow {
            name: r.participant.name.clone(),
            pre: pct(r.pre_test_pct, locale),
            post: pct(r.post_test_pct, locale),
            gain: points(
                r.pre_test_pct
                    .zip(r.post_test_pct)
                    .map(|(pre, post)| post - pre),
                locale,
            ),
        })
        .collect();
    let summary = if can_manage {
        let pairs: Vec<(f64, f64)> = confirmed
            .iter()
            .filter_map(|r| r.pre_test_pct.zip(r.post_test_pct))
            .collect();
        let gain = knowledge_gain(&pairs);
        locale.t_args(
            "ktest-gain-summary",
            &[
                ("participants", gain.participants.to_string()),
                ("mean", points(gain.mean_gain_points, locale)),
                ("improved", pct(gain.improved_pct, locale)),
            ],
        )
    } else {
        String::new()
    };
    Ok(WorkshopTests {
        panels,
        bank,
        rows,
        summary,
        can_manage,
    })
}

/// `POST /workshops/{workshop}/tests` (Secretariat): attach (or, while
/// nobody started it, replace) the pre- or post-test: `kind`, one
/// `question=ID` per question in order, `time_limit_minutes` (empty:
/// untimed).
pub async fn attach_test(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(fields): AppForm<Vec<(String, String)>>,
) -> Result<Response> {
    let value = |name: &str| {
        fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let input = AttachInput {
        kind: value("kind"),
        questions: fields
            .iter()
            .filter(|(key, _)| key == "question")
            .map(|(_, v)| v.clone())
            .collect(),
        time_limit_minutes: value("time_limit_minutes"),
    };
    use_cases::attach(state.store(), &signed_in.caller, id, input).await?;
    Ok(Redirect::to(&format!("/workshops/{id}#knowledge-tests")).into_response())
}

#[derive(serde::Deserialize)]
pub struct StateForm {
    /// `open` or `closed`.
    pub state: String,
}

/// `POST /workshops/{workshop}/tests/{kind}/state` (Secretariat): open a
/// draft test or close an open one.
pub async fn set_state(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, kind)): AppPath<(i64, String)>,
    AppForm(form): AppForm<StateForm>,
) -> Result<Response> {
    use_cases::set_state(state.store(), &signed_in.caller, id, &kind, &form.state).await?;
    Ok(Redirect::to(&format!("/workshops/{id}#knowledge-tests")).into_response())
}

// ------------------------------------------------------- taking the test

pub struct TakeOption {
    pub index: usize,
    pub text: String,
    pub chosen: bool,
    pub correct: bool,
}

pub struct TakeQuestion {
    pub id: i64,
    pub number: usize,
    pub text: String,
    pub multiple: bool,
    pub options: Vec<TakeOption>,
    /// Answered exactly right (shown in the review only).
    pub right: bool,
    /// Left unanswered in a submission the page asks to confirm.
    pub unanswered: bool,
}

#[derive(Template)]
#[template(path = "ktest_take.html")]
pub struct TakePage {
    pub page: Page,
    pub workshop_id: i64,
    pub workshop_title: String,
    pub kind: String,
    pub label: String,
    /// `not_open`, `start`, `form`, `result`, `missed` or `preview`.
    pub step: String,
    pub time_limit: String,
    pub seconds_left: String,
    pub remaining: String,
    pub questions: Vec<TakeQuestion>,
    pub score: String,
    /// Show the correct answers (closed test, or the Secretariat's preview).
    pub review: bool,
    /// The answers were sent with questions unanswered: the page warns,
    /// keeps the answers and asks to send again to confirm (one attempt only).
    pub unanswered_warning: String,
}

fn take_questions(
    test: &KnowledgeTest,
    language: &str,
    chosen: &BTreeMap<i64, BTreeSet<usize>>,
    review: bool,
) -> Vec<TakeQuestion> {
    test.questions
        .iter()
        .enumerate()
        .map(|(n, (id, question))| {
            let mine = chosen.get(id).cloned().unwrap_or_default();
            TakeQuestion {
                id: *id,
                number: n + 1,
                text: question.text(language).to_owned(),
                multiple: question.kind().allows_several(),
                right: review && question.is_correct(&mine),
                unanswered: false,
                options: question
                    .options()
                    .iter()
                    .enumerate()
                    .map(|(index, option)| TakeOption {
                        index,
                        text: if language == "fr" {
                            option.text_fr.clone()
                        } else {
                            option.text_en.clone()
                        },
                        chosen: mine.contains(&index),
                        // Never sent before the review.
                        correct: review && option.correct,
                    })
                    .collect(),
            }
        })
        .collect()
}

/// `GET /workshops/{workshop}/tests/{kind}`: the participant's test page,
/// at the step they are at; the Secretariat's preview.
pub async fn show_test(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath((id, kind)): AppPath<(i64, String)>,
) -> Result<Response> {
    Ok(render(
        &take_page(&state, &signed_in, &context, id, &kind, &BTreeMap::new()).await?,
    ))
}

/// The test page at the caller's step; on the form, `typed` are the
/// answers already ticked (kept when a submission is sent back).
async fn take_page(
    state: &AppState,
    signed_in: &SignedIn,
    context: &RequestContext,
    id: i64,
    kind: &str,
    typed: &BTreeMap<i64, BTreeSet<usize>>,
) -> Result<TakePage> {
    let locale = &context.locale;
    let language = locale.code();
    let Taking {
        workshop,
        taker: me,
        test,
        attempt,
    } = use_cases::taking(state.store(), &signed_in.caller, id, kind).await?;
    let closed = test.state == TestState::Closed;
    let none = BTreeMap::new();
    let (step, questions, review, score) = match (&me, &attempt) {
        (None, _) => (
            "preview",
            take_questions(&test, &language, &none, true),
            true,
            None,
        ),
        (Some(_), Some(a)) if a.submitted_at.is_some() => (
            "result",
            if closed {
                take_questions(&test, &language, &a.answers, true)
            } else {
                Vec::new()
            },
            closed,
            a.score_pct,
        ),
        (Some(_), _) if test.state == TestState::Draft => ("not_open", Vec::new(), false, None),
        (Some(_), _) if closed => ("missed", Vec::new(), false, None),
        (Some(_), Some(_)) => (
            "form",
            take_questions(&test, &language, typed, false),
            false,
            None,
        ),
        (Some(_), None) => ("start", Vec::new(), false, None),
    };
    let left = attempt.as_ref().filter(|_| step == "form").and_then(|a| {
        seconds_left(
            a.started_at.0,
            signed_in.caller.now.0,
            test.time_limit_minutes,
        )
    });
    Ok(TakePage {
        page: Page::new(context, "ktest-take-title").with_title(format!(
            "{} – {}",
            kind_label(locale, test.kind),
            workshop.title
        )),
        workshop_id: workshop.id,
        workshop_title: workshop.title.clone(),
        kind: test.kind.as_str().to_owned(),
        label: kind_label(locale, test.kind),
        step: step.to_owned(),
        time_limit: time_limit_label(locale, test.time_limit_minutes),
        seconds_left: left.map(|s| s.to_string()).unwrap_or_default(),
        remaining: left.map_or_else(String::new, |s| {
            locale.t_args(
                "ktest-remaining",
                &[("time", format!("{}:{:02}", s / 60, s % 60))],
            )
        }),
        questions,
        score: pct(score, locale),
        review,
        unanswered_warning: String::new(),
    })
}

/// `POST /workshops/{workshop}/tests/{kind}/start`: starts the clock and
/// shows the questions.
pub async fn start_test(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, kind)): AppPath<(i64, String)>,
) -> Result<Response> {
    let test = use_cases::start(state.store(), &signed_in.caller, id, &kind).await?;
    Ok(Redirect::to(&format!("/workshops/{id}/tests/{}", test.kind.as_str())).into_response())
}

/// The answers of the test form: one `q<ID>=<option index>` per chosen
/// option; any other field is refused.
pub fn answers_from_form(fields: &[(String, String)]) -> Result<BTreeMap<i64, BTreeSet<usize>>> {
    let mut answers: BTreeMap<i64, BTreeSet<usize>> = BTreeMap::new();
    for (key, value) in fields {
        let id = key
            .strip_prefix('q')
            .and_then(|id| id.parse::<i64>().ok())
            .ok_or(ValidationError::new(
                "test_answers",
                "unknown_test_question",
            ))?;
        let option = value
            .parse::<usize>()
            .map_err(|_| ValidationError::new("test_answers", "unknown_answer_option"))?;
        answers.entry(id).or_default().insert(option);
    }
    Ok(answers)
}

/// `POST /workshops/{workshop}/tests/{kind}/submissions`: the test form.
pub async fn submit_form(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, kind)): AppPath<(i64, String)>,
    context: RequestContext,
    AppForm(fields): AppForm<Vec<(String, String)>>,
) -> Result<Response> {
    // `confirm=unanswered`: sent again after the warning below.
    let confirmed = fields
        .iter()
        .any(|(key, value)| key == "confirm" && value == "unanswered");
    let fields: Vec<(String, String)> = fields
        .into_iter()
        .filter(|(key, _)| key != "confirm")
        .collect();
    let answers = answers_from_form(&fields)?;
    let blank = |question: &i64| answers.get(question).is_none_or(BTreeSet::is_empty);
    // The page is built only when a question is blank, not on every submission.
    let any_blank = !confirmed
        && use_cases::test(state.store(), id, &kind)
            .await?
            .questions
            .iter()
            .any(|(question, _)| blank(question));
    if any_blank {
        // One attempt only: before it is spent on a form with questions
        // left blank, say which, keeping every answer ticked.
        let mut page = take_page(&state, &signed_in, &context, id, &kind, &answers).await?;
        if page.step == "form" {
            let mut numbers = Vec::new();
            for question in page.questions.iter_mut() {
                if blank(&question.id) {
                    question.unanswered = true;
                    numbers.push(question.number.to_string());
                }
            }
            if !numbers.is_empty() {
                page.unanswered_warning = context.locale.t_count_args(
                    "ktest-unanswered",
                    numbers.len(),
                    &[("questions", numbers.join(", "))],
                );
                return Ok(render(&page));
            }
        }
    }
    let (test, _) =
        use_cases::submit(state.store(), &signed_in.caller, id, &kind, &answers).await?;
    Ok(Redirect::to(&format!("/workshops/{id}/tests/{}", test.kind.as_str())).into_response())
}
