//! The inquiry rules: statuses after a reply, topics, length and link limits.

use gedhub_core::ValidationError;
use gedhub_core::inquiries::{
    InquiryStatus, MAX_MESSAGE_CHARS, NewInquiry, count_links, parse_topic,
};

#[test]
fn a_secretariat_reply_answers_and_a_requester_reply_reopens() {
    for status in InquiryStatus::ALL {
        assert_eq!(status.after_reply(true), InquiryStatus::Answered);
        assert_eq!(InquiryStatus::parse(status.as_str()), Ok(status));
    }
    assert_eq!(
        InquiryStatus::Answered.after_reply(false),
        InquiryStatus::InProgress
    );
    assert_eq!(
        InquiryStatus::Closed.after_reply(false),
        InquiryStatus::InProgress
    );
    assert_eq!(InquiryStatus::New.after_reply(false), InquiryStatus::New);
    assert!(InquiryStatus::parse("spam").is_err());
}

#[test]
fn topics_default_to_other_and_unknown_ones_are_refused() {
    assert_eq!(parse_topic(""), Ok("other".to_owned()));
    assert_eq!(parse_topic("training"), Ok("training".to_owned()));
    assert_eq!(
        parse_topic("casino"),
        Err(ValidationError::new("topic", "unknown_topic"))
    );
}

#[test]
fn links_are_counted_once_each() {
    assert_eq!(count_links("no link here"), 0);
    assert_eq!(
        count_links("see https://www.wcoomd.org and www.example.org"),
        2
    );
    assert_eq!(count_links("HTTP://A http://b https://c"), 3);
}

#[test]
fn an_inquiry_reports_every_problem() {
    let ok = NewInquiry::parse("", " Question ", "How do we start a diagnostic?").expect("valid");
    assert_eq!(ok.subject, "Question");
    assert_eq!(ok.topic, "other");
    let spam = "buy https://a https://b https://c https://d";
    let problems = NewInquiry::parse("casino", "", spam).expect_err("refused");
    assert_eq!(
        problems,
        vec![
            ValidationError::new("topic", "unknown_topic"),
            ValidationError::new("subject", "required"),
            ValidationError::new("message", "too_many_links"),
        ]
    );
    let long = "a".repeat(MAX_MESSAGE_CHARS + 1);
    assert_eq!(
        NewInquiry::parse("other", "S", &long),
        Err(vec![ValidationError::new("message", "too_long")])
    );
    assert_eq!(
        NewInquiry::parse("other", "see https://x", "m"),
        Err(vec![ValidationError::new("subject", "too_many_links")])
    );
}
