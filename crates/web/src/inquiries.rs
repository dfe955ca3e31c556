//! Contact and inquiries (issue 8): who sees an inquiry, the spam checks
//! in front of the inbox, and what the requester is told.
//!
//! Access (`Access::Inquiry` in the route table): the Secretariat and the
//! inquiry's requester; to everyone else an inquiry does not exist (404).
//!
//! Spam resistance, without any third-party service:
//! - only signed-in users send inquiries (anonymous visitors see the address);
//! - a per-user limit of new inquiries per hour (429 `inquiry_rate_limited`);
//! - length limits and a cap on links (`gedhub_core::inquiries`);
//! - on the form only: a honeypot field people never see, and a single-use
//!   token issued with the form (stored server-side), refused when the form
//!   comes back sooner than a person could fill it in.
//!
//! Every refusal is shown to the sender with their text kept, in their
//! language: a filled honeypot is refused too, not discarded, so a person
//! whose browser filled the hidden field in never loses a message.

use gedhub_core::ValidationError;
use gedhub_core::inquiries::{FORM_TOKEN_HOURS, InquiryStatus, NewInquiry, parse_message};
use gedhub_store::inquiries::{Inquiry, Notice, Reply};
use gedhub_store::notifications::{NewEmail, NewNotification};
use gedhub_store::users::User;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::context::SignedIn;
use crate::error::{AppError, Result};
use crate::i18n::recipient_locale;
use crate::state::AppState;

/// A new inquiry as sent by the form or the API.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct InquiryInput {
    /// `diagnostic`, `action_plan`, `training`, `experts`, `practices` or
    /// `other` (the default).
    pub topic: String,
    /// At most 200 characters, no links.
    pub subject: String,
    /// At most 5,000 characters and 3 links.
    pub message: String,
}

/// The inquiry `id` if the caller may see it: the Secretariat or its
/// requester; `NotFound` for everyone else.
pub async fn visible_inquiry(state: &AppState, signed_in: &SignedIn, id: i64) -> Result<Inquiry> {
    let inquiry = state.store().inquiry(id).await?;
    if signed_in.principal.is_secretariat() || inquiry.requester_id == signed_in.user.id {
        Ok(inquiry)
    } else {
        Err(AppError::NotFound)
    }
}

/// A new form token for the caller (the form's minimum fill time counts
/// from now).
pub async fn issue_form_token(state: &AppState, signed_in: &SignedIn) -> Result<String> {
    let now = state.now();
    Ok(state
        .store()
        .issue_inquiry_token(
            signed_in.user.id,
            now,
            now.minus(chrono::Duration::hours(FORM_TOKEN_HOURS)),
        )
        .await?)
}

/// The form's own checks: the honeypot stays empty, and the token was
/// issued to the caller, is unused, not expired, and old enough.
pub async fn check_form(
    state: &AppState,
    signed_in: &SignedIn,
    token: &str,
    honeypot: &str,
) -> Result<()> {
    if !honeypot.trim().is_empty() {
        tracing::warn!(user = %signed_in.user.email, "inquiry form: honeypot filled in");
        return Err(ValidationError::new("website", "honeypot_filled").into());
    }
    let issued = state
        .store()
        .take_inquiry_token(signed_in.user.id, token.trim())
        .await?;
    let now = state.now();
    match issued {
        Some(issued) if issued < now.minus(chrono::Duration::hours(FORM_TOKEN_HOURS)) => {
            Err(ValidationError::new("form", "form_expired").into())
        }
        Some(issued)
            if issued
                > now.minus(chrono::Duration::seconds(
                    state.config().inquiry_min_fill_seconds,
                )) =>
        {
            Err(ValidationError::new("form", "sent_too_fast").into())
        }
        Some(_) => Ok(()),
        None => Err(ValidationError::new("form", "form_expired").into()),
    }
}

/// Checks and records a new inquiry from the caller, within the hourly
/// limit (`inquiry_rate_limited`, 429).
pub async fn send_inquiry(
    state: &AppState,
    signed_in: &SignedIn,
    input: &InquiryInput,
) -> Result<Inquiry> {
    let inquiry = NewInquiry::parse(&input.topic, &input.subject, &input.message)
        .map_err(AppError::Invalid)?;
    let now = state.now();
    let sent = state
        .store()
        .inquiries_sent_since(signed_in.user.id, now.minus(chrono::Duration::hours(1)))
        .await?;
    if sent >= state.config().inquiries_per_hour {
        return Err(AppError::RateLimited("inquiry_rate_limited"));
    }
    Ok(state
        .store()
        .create_inquiry(&signed_in.actor(), &signed_in.user, &inquiry, now)
        .await?)
}

/// Adds the caller's message to a thread they may see. The Secretariat's
/// message answers it and tells the requester (notification and e-mail);
/// the requester's re-opens it.
pub async fn reply(state: &AppState, signed_in: &SignedIn, id: i64, body: &str) -> Result<Inquiry> {
    let inquiry = visible_inquiry(state, signed_in, id).await?;
    let body = parse_message("body", body)?;
    let from_secretariat = signed_in.principal.is_secretariat();
    let notice = if from_secretariat && inquiry.requester_id != signed_in.user.id {
        let requester = state.store().user(inquiry.requester_id).await?;
        notice_to(&requester, &inquiry, "inquiries-notice-answered", true)
    } else {
        Notice::default()
    };
    Ok(state
        .store()
        .reply_to_inquiry(
            &signed_in.actor(),
            id,
            Reply {
                author: &signed_in.user,
                from_secretariat,
                body: &body,
                notice: &notice,
                now: state.now(),
            },
        )
        .await?)
}

/// The Secretariat sets an inquiry's status; the requester gets an in-app
/// notification (no e-mail: the answer itself was e-mailed).
pub async fn change_status(
    state: &AppState,
    signed_in: &SignedIn,
    id: i64,
    status: &str,
) -> Result<Inquiry> {
    if !signed_in.principal.is_secretariat() {
        return Err(AppError::Forbidden);
    }
    let status = InquiryStatus::parse(status)?;
    let inquiry = state.store().inquiry(id).await?;
    let notice = if inquiry.status != status && inquiry.requester_id != signed_in.user.id {
        let requester = state.store().user(inquiry.requester_id).await?;
        notice_to(&requester, &inquiry, "inquiries-notice-status", false)
    } else {
        Notice::default()
    };
    Ok(state
        .store()
        .set_inquiry_status(&signed_in.actor(), id, status, &notice, state.now())
        .await?)
}

/// The requester's notification (and e-mail when `email`), in their
/// language, linking to the inquiry.
fn notice_to(requester: &User, inquiry: &Inquiry, key: &str, email: bool) -> Notice {
    let locale = recipient_locale(requester, None);
    let link = format!("/inquiries/{}", inquiry.id);
    let subject = locale.t_args(
        &format!("{key}-subject"),
        &[("subject", inquiry.subject.clone())],
    );
    let body = locale.t(&format!("{key}-body"));
    Notice {
        notifications: vec![NewNotification {
            user_id: requester.id,
            subject: subject.clone(),
            body: body.clone(),
            link: link.clone(),
        }],
        emails: if email {
            vec![NewEmail {
                recipient: requester.email.as_str().to_owned(),
                recipient_name: requester.name.clone(),
                subject,
                body: format!("{body}\n\n{link}"),
            }]
        } else {
            Vec::new()
        },
    }
}
