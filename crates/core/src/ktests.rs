//! Knowledge tests (issue 6): a question bank of single-choice,
//! multiple-choice and true/false questions in English and French, pre- and
//! post-tests made of them, and their scoring.
//!
//! Readings taken here:
//! - **All or nothing.** A question counts as correct when the set of options
//!   the participant chose is exactly the set of correct options: for a
//!   multiple-choice question, missing one correct option or adding one wrong
//!   option makes the whole question wrong (no partial credit). An
//!   unanswered question is wrong.
//! - `score % = correct questions ÷ questions of the test × 100`.
//! - **Timing.** A timed attempt counts from when the participant started it;
//!   it is accepted up to the limit plus [`GRACE_SECONDS`] (network and
//!   clicking time), refused after.
//! - The knowledge gain is [`crate::training::knowledge_gain`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::values::ValidationError;

/// Seconds accepted after a timed test's limit before a submission is late.
pub const GRACE_SECONDS: i64 = 30;
/// Most options a question may have.
pub const MAX_OPTIONS: usize = 10;
/// Longest question or option text, in characters.
pub const MAX_TEXT_CHARS: usize = 2000;
/// Longest accepted time limit, in minutes (a day).
pub const MAX_TIME_LIMIT_MINUTES: u32 = 24 * 60;

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// One option among several.
    SingleChoice,
    /// Any number of options; at least one is correct.
    MultipleChoice,
    /// Two options (true, false), one correct.
    TrueFalse,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 3] = [
        QuestionKind::SingleChoice,
        QuestionKind::MultipleChoice,
        QuestionKind::TrueFalse,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::SingleChoice => "single_choice",
            QuestionKind::MultipleChoice => "multiple_choice",
            QuestionKind::TrueFalse => "true_false",
        }
    }

    pub fn parse(code: &str) -> Result<Self, ValidationError> {
        QuestionKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == code.trim())
            .ok_or(ValidationError::new(
                "question_kind",
                "unknown_question_kind",
            ))
    }

    /// Whether a participant may choose more than one option.
    pub fn allows_several(self) -> bool {
        self == QuestionKind::MultipleChoice
    }
}

impl fmt::Display for QuestionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A pre-test (before the workshop) or a post-test (after it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestKind {
    Pre,
    Post,
}

impl TestKind {
    pub const ALL: [TestKind; 2] = [TestKind::Pre, TestKind::Post];

    pub fn as_str(self) -> &'static str {
        match self {
            TestKind::Pre => "pre",
            TestKind::Post => "post",
        }
    }

    pub fn parse(code: &str) -> Result<Self, ValidationError> {
        TestKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == code.trim())
            .ok_or(ValidationError::new("test_kind", "unknown_test_kind"))
    }
}

impl fmt::Display for TestKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One answer option, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerOption {
    pub text_en: String,
    pub text_fr: String,
    pub correct: bool,
}

/// A question as typed in, before validation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuestionDraft {
    pub kind: String,
    pub text_en: String,
    pub text_fr: String,
    pub options: Vec<AnswerOption>,
}

/// A valid question: texts in both languages, 2–10 options with texts in
/// both languages, one correct option (single choice, true/false) or at
/// least one (multiple choice). True/false has exactly two options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    kind: QuestionKind,
    text_en: String,
    text_fr: String,
    options: Vec<AnswerOption>,
}

fn check_text(
    problems: &mut Vec<ValidationError>,
    field: &'static str,
    text: &str,
    required: &'static str,
) {
    if text.trim().is_empty() {
        problems.push(ValidationError::new(field, required));
    } else if text.chars().count() > MAX_TEXT_CHARS {
        problems.push(ValidationError::new(field, "too_long"));
    }
}

impl Question {
    /// Validates a draft; every problem is reported at once.
    pub fn new(draft: QuestionDraft) -> Result<Self, Vec<ValidationError>> {
        let mut problems = Vec::new();
        let kind = QuestionKind::parse(&draft.kind)
            .map_err(|error| problems.push(error))
            .ok();
        check_text(
            &mut problems,
            "question_text_en",
            &draft.text_en,
            "required",
        );
        check_text(
            &mut problems,
            "question_text_fr",
            &draft.text_fr,
            "required",
        );
        let options: Vec<AnswerOption> = draft
            .options
            .into_iter()
            .map(|option| AnswerOption {
                text_en: option.text_en.trim().to_owned(),
                text_fr: option.text_fr.trim().to_owned(),
                correct: option.correct,
            })
            .collect();
        if options.len() < 2 {
            problems.push(ValidationError::new(
                "answer_options",
                "too_few_answer_options",
            ));
        }
        if options.len() > MAX_OPTIONS {
            problems.push(ValidationError::new(
                "answer_options",
                "too_many_answer_options",
            ));
        }
        if options
            .iter()
            .any(|o| o.text_en.is_empty() || o.text_fr.is_empty())
        {
            problems.push(ValidationError::new(
                "answer_options",
                "answer_option_text_required",
            ));
        }
        if options.iter().any(|o| {
            o.text_en.chars().count() > MAX_TEXT_CHARS || o.text_fr.chars().count() > MAX_TEXT_CHARS
        }) {
            problems.push(ValidationError::new("answer_options", "too_long"));
        }
        let correct = options.iter().filter(|o| o.correct).count();
        match kind {
            Some(QuestionKind::SingleChoice | QuestionKind::TrueFalse) if correct != 1 => {
                problems.push(ValidationError::new(
                    "answer_options",
                    "exactly_one_correct",
                ));
            }
            Some(QuestionKind::MultipleChoice) if correct == 0 => {
                problems.push(ValidationError::new("answer_options", "no_correct_option"));
            }
            _ => {}
        }
        if kind == Some(QuestionKind::TrueFalse) && options.len() != 2 {
            problems.push(ValidationError::new(
                "answer_options",
                "true_false_two_options",
            ));
        }
        match kind {
            Some(kind) if problems.is_empty() => Ok(Self {
                kind,
                text_en: draft.text_en.trim().to_owned(),
                text_fr: draft.text_fr.trim().to_owned(),
                options,
            }),
            _ => Err(problems),
        }
    }

    pub fn kind(&self) -> QuestionKind {
        self.kind
    }

    pub fn text_en(&self) -> &str {
        &self.text_en
    }

    pub fn text_fr(&self) -> &str {
        &self.text_fr
    }

    /// The text in `language` (`fr`, otherwise English).
    pub fn text(&self, language: &str) -> &str {
        if language == "fr" {
            &self.text_fr
        } else {
            &self.text_en
        }
    }

    pub fn options(&self) -> &[AnswerOption] {
        &self.options
    }

    /// Indexes (from 0) of the correct options.
    pub fn correct_set(&self) -> BTreeSet<usize> {
        self.options
            .iter()
            .enumerate()
            .filter(|(_, o)| o.correct)
            .map(|(i, _)| i)
            .collect()
    }

    /// All or nothing: the chosen set is exactly the correct set.
    pub fn is_correct(&self, chosen: &BTreeSet<usize>) -> bool {
        *chosen == self.correct_set()
    }
}

/// Checks the options a participant chose for a question: every index must
/// exist, and a single-choice or true/false question takes one option.
pub fn check_choice(question: &Question, chosen: &BTreeSet<usize>) -> Result<(), ValidationError> {
    if chosen.iter().any(|&i| i >= question.options.len()) {
        return Err(ValidationError::new(
            "test_answers",
            "unknown_answer_option",
        ));
    }
    if !question.kind.allows_several() && chosen.len() > 1 {
        return Err(ValidationError::new(
            "test_answers",
            "one_answer_option_only",
        ));
    }
    Ok(())
}

/// A graded attempt.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Grade {
    pub correct: usize,
    pub questions: usize,
    /// `correct ÷ questions × 100`.
    pub score_pct: f64,
}

/// Grades `answers` (question id → chosen option indexes) against the test's
/// questions, in order. A question left out is unanswered (wrong); an answer
/// to a question not in the test, an unknown option, or several options on a
/// one-option question is refused. A test without questions cannot be graded
/// (`test_without_questions`).
pub fn grade(
    questions: &[(i64, Question)],
    answers: &BTreeMap<i64, BTreeSet<usize>>,
) -> Result<Grade, ValidationError> {
    if questions.is_empty() {
        return Err(ValidationError::new(
            "test_answers",
            "test_without_questions",
        ));
    }
    if answers
        .keys()
        .any(|id| !questions.iter().any(|(question_id, _)| question_id == id))
    {
        return Err(ValidationError::new(
            "test_answers",
            "unknown_test_question",
        ));
    }
    let mut correct = 0;
    for (id, question) in questions {
        let chosen = answers.get(id).cloned().unwrap_or_default();
        check_choice(question, &chosen)?;
        if question.is_correct(&chosen) {
            correct += 1;
        }
    }
    Ok(Grade {
        correct,
        questions: questions.len(),
        score_pct: correct as f64 / questions.len() as f64 * 100.0,
    })
}

/// Checks a time limit in minutes (1 to a day; `None`: untimed).
pub fn time_limit(minutes: Option<u32>) -> Result<Option<u32>, ValidationError> {
    match minutes {
        Some(m) if m == 0 || m > MAX_TIME_LIMIT_MINUTES => Err(ValidationError::new(
            "time_limit_minutes",
            "invalid_time_limit",
        )),
        other => Ok(other),
    }
}

/// Whether an attempt started at `started` and submitted at `submitted` is on
/// time: always for an untimed test, otherwise within the limit plus
/// [`GRACE_SECONDS`].
pub fn on_time(
    started: DateTime<Utc>,
    submitted: DateTime<Utc>,
    limit_minutes: Option<u32>,
) -> bool {
    match limit_minutes {
        None => true,
        Some(minutes) => {
            submitted - started
                <= chrono::Duration::minutes(i64::from(minutes))
                    + chrono::Duration::seconds(GRACE_SECONDS)
        }
    }
}

/// Seconds left of a timed attempt at `now` (0 when over; `None` untimed).
pub fn seconds_left(
    started: DateTime<Utc>,
    now: DateTime<Utc>,
    limit_minutes: Option<u32>,
) -> Option<i64> {
    limit_minutes.map(|minutes| {
        (started + chrono::Duration::minutes(i64::from(minutes)) - now)
            .num_seconds()
            .max(0)
    })
}
