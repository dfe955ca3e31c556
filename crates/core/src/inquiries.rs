//! Contact and inquiries (issue 8): what an inquiry is, its statuses and
//! topics, and the content rules that keep the inbox free of spam without a
//! third-party service (length limits, a cap on links, a minimum time
//! between showing the form and sending it).

use serde::Serialize;

use crate::{ValidationError, required_text};

/// Where an inquiry stands in the Secretariat's inbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InquiryStatus {
    New,
    InProgress,
    Answered,
    Closed,
}

impl InquiryStatus {
    pub const ALL: [InquiryStatus; 4] = [
        InquiryStatus::New,
        InquiryStatus::InProgress,
        InquiryStatus::Answered,
        InquiryStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            InquiryStatus::New => "new",
            InquiryStatus::InProgress => "in_progress",
            InquiryStatus::Answered => "answered",
            InquiryStatus::Closed => "closed",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == raw.trim())
            .ok_or(ValidationError::new("status", "unknown_status"))
    }

    /// The status after a message: the Secretariat's reply answers the
    /// inquiry; the requester's reply re-opens an answered or closed one
    /// (in progress: the Secretariat has seen the thread before).
    pub fn after_reply(self, from_secretariat: bool) -> Self {
        match (from_secretariat, self) {
            (true, _) => InquiryStatus::Answered,
            (false, InquiryStatus::Answered | InquiryStatus::Closed) => InquiryStatus::InProgress,
            (false, status) => status,
        }
    }
}

/// What an inquiry is about (optional on the form: `other` then).
pub const TOPICS: [&str; 6] = [
    "diagnostic",
    "action_plan",
    "training",
    "experts",
    "practices",
    "other",
];

/// Checks a topic; empty means `other`.
pub fn parse_topic(raw: &str) -> Result<String, ValidationError> {
    let topic = raw.trim();
    if topic.is_empty() {
        return Ok("other".to_owned());
    }
    if TOPICS.contains(&topic) {
        Ok(topic.to_owned())
    } else {
        Err(ValidationError::new("topic", "unknown_topic"))
    }
}

pub const MAX_SUBJECT_CHARS: usize = 200;
pub const MAX_MESSAGE_CHARS: usize = 5_000;
/// Links allowed in one message: enough to point at a document or two,
/// too few for link spam.
pub const MAX_LINKS: usize = 3;
/// Seconds between showing the form and sending it below which the sender
/// is taken for a script (people take longer to type a question).
pub const MIN_FILL_SECONDS: i64 = 3;
/// A form token older than this has expired (the form is shown again).
pub const FORM_TOKEN_HOURS: i64 = 24;
/// New inquiries one user may send per hour.
pub const PER_HOUR: i64 = 5;

/// How many links a text holds (`http://`, `https://`, `www.`).
pub fn count_links(text: &str) -> usize {
    let lower = text.to_lowercase();
    lower.matches("http://").count()
        + lower.matches("https://").count()
        + lower
            .match_indices("www.")
            .filter(|(at, _)| {
                // `https://www.` is already counted.
                !lower[..*at].ends_with("://")
            })
            .count()
}

/// A message of a thread: not blank, at most [`MAX_MESSAGE_CHARS`], at most
/// [`MAX_LINKS`] links.
pub fn parse_message(field: &'static str, raw: &str) -> Result<String, ValidationError> {
    let text = required_text(field, raw, MAX_MESSAGE_CHARS)?;
    if count_links(&text) > MAX_LINKS {
        return Err(ValidationError::new(field, "too_many_links"));
    }
    Ok(text)
}

/// A new inquiry, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInquiry {
    pub topic: String,
    pub subject: String,
    pub message: String,
}

impl NewInquiry {
    /// Checks raw form or JSON input; every problem is reported.
    pub fn parse(topic: &str, subject: &str, message: &str) -> Result<Self, Vec<ValidationError>> {
        let topic = parse_topic(topic);
        let subject = required_text("subject", subject, MAX_SUBJECT_CHARS).and_then(|s| {
            if count_links(&s) > 0 {
                Err(ValidationError::new("subject", "too_many_links"))
            } else {
                Ok(s)
            }
        });
        let message = parse_message("message", message);
        match (topic, subject, message) {
            (Ok(topic), Ok(subject), Ok(message)) => Ok(Self {
                topic,
                subject,
                message,
            }),
            (topic, subject, message) => Err([topic.err(), subject.err(), message.err()]
                .into_iter()
                .flatten()
                .collect()),
        }
    }
}
