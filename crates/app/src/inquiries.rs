//! Contact and inquiries (issue 8): the use cases the inquiry pages and the
//! `/api/v1/inquiries` endpoints share.
//!
//! Access (core's policy, `gedhub_core::authz::inquiries`): an inquiry is
//! the Secretariat's and its requester's; for anyone else it does not exist
//! (`NotFound`). The Secretariat keeps the inbox and sets statuses.
//!
//! What the requester is told (a notification, an e-mail) is written in
//! their language at the edge, which holds the translations: the use cases
//! that tell them take a `compose` function and call it only when the rules
//! say the requester is to hear of it.

use gedhub_core::authz::inquiries as policy;
use gedhub_core::inquiries::{FORM_TOKEN_HOURS, InquiryStatus, NewInquiry, parse_message};
use gedhub_core::{AdministrationCode, ValidationError};
use gedhub_store::Store;
use gedhub_store::inquiries::{Inquiry, InquiryFilter, Notice, Reply};
use gedhub_store::users::User;

use crate::caller::Caller;
use crate::error::{AppError, Problems, Result};

/// The inquiry `id` if the caller may see it.
pub async fn visible(store: &Store, caller: &Caller, id: i64) -> Result<Inquiry> {
    let inquiry = store.inquiry(id).await?;
    if policy::may_see_inquiry(&caller.principal, inquiry.requester_id) {
        Ok(inquiry)
    } else {
        Err(AppError::NotFound)
    }
}

/// The inbox (`Forbidden` unless the caller keeps it).
pub fn require_inbox(caller: &Caller) -> Result<()> {
    caller.require(policy::may_keep_inbox(&caller.principal))
}

/// The inbox's filters as typed (`?status=&administration=`).
#[derive(Debug, Clone, Default)]
pub struct InboxQuery {
    pub status: String,
    pub administration: String,
}

impl TryFrom<&InboxQuery> for InquiryFilter {
    type Error = Problems;

    /// Every unknown value, each at its field.
    fn try_from(query: &InboxQuery) -> std::result::Result<Self, Problems> {
        let mut problems = Problems::new();
        let status = match query.status.trim() {
            "" => None,
            raw => problems.check(InquiryStatus::parse(raw)),
        };
        let administration = match query.administration.trim() {
            "" => None,
            raw => problems
                .check(AdministrationCode::parse(&raw.to_ascii_uppercase()))
                .map(|code| code.as_str().to_owned()),
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(InquiryFilter {
            status,
            requester: None,
            administration,
        })
    }
}

/// The inquiries matching `query` the caller may see: every one for the
/// Secretariat, their own for anyone else; most recently changed first.
pub async fn list(store: &Store, caller: &Caller, query: &InboxQuery) -> Result<Vec<Inquiry>> {
    let mut filter = InquiryFilter::try_from(query)?;
    if !policy::may_keep_inbox(&caller.principal) {
        filter.requester = Some(caller.user_id);
    }
    Ok(store.inquiries(&filter).await?)
}

/// The caller's own inquiries (whoever they are).
pub async fn mine(store: &Store, caller: &Caller) -> Result<Vec<Inquiry>> {
    Ok(store
        .inquiries(&InquiryFilter {
            requester: Some(caller.user_id),
            ..InquiryFilter::default()
        })
        .await?)
}

/// A new inquiry as typed (form or API body).
#[derive(Debug, Clone, Default)]
pub struct InquiryInput {
    pub topic: String,
    pub subject: String,
    pub message: String,
}

/// The caller sent as many inquiries in the last hour as they may
/// (`inquiry_rate_limited`): not a conflict with the data, a limit the
/// edge answers with "too many requests".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimited;

/// Checks and records a new inquiry from the caller, unless they sent
/// `per_hour` or more in the last hour (`Ok(Err(RateLimited))`).
pub async fn send(
    store: &Store,
    caller: &Caller,
    input: &InquiryInput,
    per_hour: i64,
) -> Result<std::result::Result<Inquiry, RateLimited>> {
    let inquiry = NewInquiry::parse(&input.topic, &input.subject, &input.message)
        .map_err(|problems| AppError::Invalid(problems.into_iter().collect()))?;
    let sent = store
        .inquiries_sent_since(caller.user_id, caller.now.minus(chrono::Duration::hours(1)))
        .await?;
    if sent >= per_hour {
        return Ok(Err(RateLimited));
    }
    let requester = store.user(caller.user_id).await?;
    Ok(Ok(store
        .create_inquiry(&caller.actor, &requester, &inquiry, caller.now)
        .await?))
}

/// A new single-use form token for the caller (the form's minimum fill time
/// counts from the caller's now); expired ones are swept.
pub async fn issue_form_token(store: &Store, caller: &Caller) -> Result<String> {
    Ok(store
        .issue_inquiry_token(
            caller.user_id,
            caller.now,
            caller.now.minus(chrono::Duration::hours(FORM_TOKEN_HOURS)),
        )
        .await?)
}

/// Takes the caller's form `token` and checks it was issued to them, is
/// unused, not expired and at least `min_fill_seconds` old.
pub async fn take_form_token(
    store: &Store,
    caller: &Caller,
    token: &str,
    min_fill_seconds: i64,
) -> Result<()> {
    let issued = store
        .take_inquiry_token(caller.user_id, token.trim())
        .await?;
    let now = caller.now;
    match issued {
        Some(issued) if issued < now.minus(chrono::Duration::hours(FORM_TOKEN_HOURS)) => {
            Err(ValidationError::new("form", "form_expired").into())
        }
        Some(issued) if issued > now.minus(chrono::Duration::seconds(min_fill_seconds)) => {
            Err(ValidationError::new("form", "sent_too_fast").into())
        }
        Some(_) => Ok(()),
        None => Err(ValidationError::new("form", "form_expired").into()),
    }
}

/// Adds the caller's message to a thread they may see. The Secretariat's
/// message answers it and tells the requester (`compose(requester,
/// inquiry)`); the requester's re-opens it.
pub async fn reply(
    store: &Store,
    caller: &Caller,
    id: i64,
    body: &str,
    compose: impl FnOnce(&User, &Inquiry) -> Notice,
) -> Result<Inquiry> {
    let inquiry = visible(store, caller, id).await?;
    let body = parse_message("body", body)?;
    let notice = if policy::answers_inquiry(&caller.principal, inquiry.requester_id) {
        let requester = store.user(inquiry.requester_id).await?;
        compose(&requester, &inquiry)
    } else {
        Notice::default()
    };
    let author = store.user(caller.user_id).await?;
    Ok(store
        .reply_to_inquiry(
            &caller.actor,
            id,
            Reply {
                author: &author,
                from_secretariat: caller.principal.is_secretariat(),
                body: &body,
                notice: &notice,
                now: caller.now,
            },
        )
        .await?)
}

/// The Secretariat sets an inquiry's status; a requester other than the
/// caller hears of a change (`compose(requester, inquiry)`).
pub async fn set_status(
    store: &Store,
    caller: &Caller,
    id: i64,
    status: &str,
    compose: impl FnOnce(&User, &Inquiry) -> Notice,
) -> Result<Inquiry> {
    require_inbox(caller)?;
    let status = InquiryStatus::parse(status)?;
    let inquiry = store.inquiry(id).await?;
    let notice = if inquiry.status != status && inquiry.requester_id != caller.user_id {
        let requester = store.user(inquiry.requester_id).await?;
        compose(&requester, &inquiry)
    } else {
        Notice::default()
    };
    Ok(store
        .set_inquiry_status(&caller.actor, id, status, &notice, caller.now)
        .await?)
}

/// The public contact address.
pub async fn contact_address(store: &Store) -> Result<String> {
    Ok(store.contact_address().await?)
}

/// The Secretariat changes the public contact address.
pub async fn set_contact_address(store: &Store, caller: &Caller, address: &str) -> Result<()> {
    require_inbox(caller)?;
    let address = gedhub_core::Email::parse(address)?;
    Ok(store.set_contact_address(&caller.actor, &address).await?)
}
