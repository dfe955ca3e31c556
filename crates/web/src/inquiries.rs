//! Contact and inquiries (issue 8) at the web edge: the spam checks in
//! front of the inbox and what the requester is told, in their language.
//! The use cases and who sees an inquiry are in `gedhub_app::inquiries` and
//! `gedhub_core::authz::inquiries` (`Access::Inquiry` in the route table).
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

use gedhub_app::inquiries::{self as use_cases, RateLimited};
use gedhub_core::ValidationError;
use gedhub_store::inquiries::{Inquiry, Notice};
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

impl From<InquiryInput> for use_cases::InquiryInput {
    fn from(input: InquiryInput) -> Self {
        Self {
            topic: input.topic,
            subject: input.subject,
            message: input.message,
        }
    }
}

impl From<RateLimited> for AppError {
    fn from(_: RateLimited) -> Self {
        AppError::RateLimited("inquiry_rate_limited")
    }
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
    Ok(use_cases::take_form_token(
        state.store(),
        &signed_in.caller,
        token,
        state.config().inquiry_min_fill_seconds,
    )
    .await?)
}

/// Sends the caller's inquiry within the configured hourly limit (429
/// `inquiry_rate_limited` beyond it).
pub async fn send_inquiry(
    state: &AppState,
    signed_in: &SignedIn,
    input: InquiryInput,
) -> Result<Inquiry> {
    Ok(use_cases::send(
        state.store(),
        &signed_in.caller,
        &input.into(),
        state.config().inquiries_per_hour,
    )
    .await??)
}

/// What the requester hears when the Secretariat answers: a notification
/// and an e-mail.
pub fn answered_notice(requester: &User, inquiry: &Inquiry) -> Notice {
    notice_to(requester, inquiry, "inquiries-notice-answered", true)
}

/// What the requester hears when the status changes: a notification only
/// (the answer itself was e-mailed).
pub fn status_notice(requester: &User, inquiry: &Inquiry) -> Notice {
    notice_to(requester, inquiry, "inquiries-notice-status", false)
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
