//! The contact page (`/contact`, public), its settings (Secretariat), the
//! Secretariat's inbox (`/inquiries`), the requester's list
//! (`/inquiries/mine`) and an inquiry's thread. The use cases and access are in
//! `gedhub_app::inquiries`, the spam checks in [`crate::inquiries`].

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use gedhub_app::inquiries::{self as use_cases, InboxQuery};
use gedhub_core::inquiries::{InquiryStatus, TOPICS};
use gedhub_store::inquiries::Inquiry;
use serde::Deserialize;

use crate::context::{RequestContext, SignedIn};
use crate::error::{AppError, Result};
use crate::extract::{AppForm, AppPath, AppQuery};
use crate::i18n::Locale;
use crate::inquiries::{InquiryInput, answered_notice, check_form, send_inquiry, status_notice};
use crate::pages::practices::Choice;
use crate::state::AppState;
use crate::views::{Page, render};

fn topic_choices(locale: &Locale) -> Vec<Choice> {
    TOPICS
        .iter()
        .map(|t| Choice {
            value: (*t).to_owned(),
            label: locale.t(&format!("inquiries-topic-{t}")),
        })
        .collect()
}

fn status_choices(locale: &Locale) -> Vec<Choice> {
    InquiryStatus::ALL
        .iter()
        .map(|s| Choice {
            value: s.as_str().to_owned(),
            label: status_label(locale, *s),
        })
        .collect()
}

fn status_label(locale: &Locale, status: InquiryStatus) -> String {
    locale.t(&format!("inquiries-status-{}", status.as_str()))
}

/// Stored timestamps shown to the minute (UTC), as the reader's language writes them.
fn moment(stored: &str, locale: &Locale) -> String {
    crate::format::stored_date_time(stored, locale)
}

#[derive(Template)]
#[template(path = "contact.html")]
pub struct ContactPage {
    pub page: Page,
    pub address: String,
    pub signed_in: bool,
    pub is_secretariat: bool,
    pub token: String,
    pub topics: Vec<Choice>,
    pub topic: String,
    pub subject: String,
    pub message: String,
}

async fn contact_page(
    state: &AppState,
    context: &RequestContext,
    input: InquiryInput,
) -> Result<ContactPage> {
    let caller = SignedIn::from_context(context).map(|signed_in| signed_in.caller);
    let token = match &caller {
        Some(caller) => use_cases::issue_form_token(state.store(), caller).await?,
        None => String::new(),
    };
    Ok(ContactPage {
        page: Page::new(context, "contact-title"),
        address: use_cases::contact_address(state.store()).await?,
        signed_in: caller.is_some(),
        is_secretariat: caller
            .as_ref()
            .is_some_and(|caller| use_cases::require_inbox(caller).is_ok()),
        token,
        topics: topic_choices(&context.locale),
        topic: if input.topic.is_empty() {
            "other".to_owned()
        } else {
            input.topic
        },
        subject: input.subject,
        message: input.message,
    })
}

/// `GET /contact` (public): the contact address and, for signed-in users,
/// the inquiry form (anonymous visitors get a link to sign in).
pub async fn show_contact(
    State(state): State<AppState>,
    context: RequestContext,
) -> Result<Response> {
    Ok(render(
        &contact_page(&state, &context, InquiryInput::default()).await?,
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct InquiryForm {
    pub topic: String,
    pub subject: String,
    pub message: String,
    /// The form token (minimum fill time).
    pub token: String,
    /// The honeypot: people never see it, so never fill it in.
    pub website: String,
}

/// `POST /inquiries` (signed in): sends an inquiry from the contact form,
/// then shows it; a refusal shows the form again with the text kept.
pub async fn create_inquiry(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppForm(form): AppForm<InquiryForm>,
) -> Result<Response> {
    let input = InquiryInput {
        topic: form.topic.clone(),
        subject: form.subject.clone(),
        message: form.message.clone(),
    };
    let result = match check_form(&state, &signed_in, &form.token, &form.website).await {
        Ok(()) => send_inquiry(&state, &signed_in, input.clone()).await,
        Err(error) => Err(error),
    };
    match result {
        Ok(inquiry) => Ok(Redirect::to(&format!("/inquiries/{}", inquiry.id)).into_response()),
        Err(error) => Err(error),
    }
}

#[derive(Template)]
#[template(path = "contact_settings.html")]
pub struct ContactSettingsPage {
    pub page: Page,
    pub address: String,
    pub saved: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SavedQuery {
    pub saved: String,
}

/// `GET /contact/settings` (Secretariat): the public contact address.
pub async fn show_settings(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppQuery(query): AppQuery<SavedQuery>,
) -> Result<Response> {
    use_cases::require_inbox(&signed_in.caller)?;
    Ok(render(&ContactSettingsPage {
        page: Page::new(&context, "contact-settings-title"),
        address: use_cases::contact_address(state.store()).await?,
        saved: query.saved == "1",
    }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SettingsForm {
    pub address: String,
}

/// `POST /contact/settings` (Secretariat): saves the contact address.
pub async fn save_settings(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppForm(form): AppForm<SettingsForm>,
) -> Result<Response> {
    use_cases::require_inbox(&signed_in.caller)?;
    let result = use_cases::set_contact_address(state.store(), &signed_in.caller, &form.address)
        .await
        .map_err(AppError::from);
    match result {
        Ok(()) => Ok(Redirect::to("/contact/settings?saved=1").into_response()),
        Err(error) => Err(error),
    }
}

/// An inquiry in a list or at the top of its page.
pub struct InquiryRow {
    pub id: i64,
    pub subject: String,
    pub requester: String,
    pub administration: String,
    pub topic: String,
    pub status: String,
    pub updated: String,
}

fn row(locale: &Locale, inquiry: &Inquiry) -> InquiryRow {
    InquiryRow {
        id: inquiry.id,
        subject: inquiry.subject.clone(),
        requester: inquiry.requester_name.clone(),
        administration: inquiry.administration.clone().unwrap_or_default(),
        topic: locale.t(&format!("inquiries-topic-{}", inquiry.topic)),
        status: status_label(locale, inquiry.status),
        updated: moment(&inquiry.updated_at, locale),
    }
}

#[derive(Template)]
#[template(path = "inquiries.html")]
pub struct InquiriesPage {
    pub page: Page,
    pub is_inbox: bool,
    pub statuses: Vec<Choice>,
    pub status: String,
    pub administration: String,
    pub rows: Vec<InquiryRow>,
}

/// The inbox's filters as sent.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct InboxParams {
    pub status: String,
    pub administration: String,
}

/// `GET /inquiries?status=&administration=` (Secretariat): the inbox.
pub async fn show_inbox(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppQuery(query): AppQuery<InboxParams>,
) -> Result<Response> {
    use_cases::require_inbox(&signed_in.caller)?;
    let inquiries = use_cases::list(
        state.store(),
        &signed_in.caller,
        &InboxQuery {
            status: query.status.clone(),
            administration: query.administration.clone(),
        },
    )
    .await?;
    let locale = &context.locale;
    Ok(render(&InquiriesPage {
        page: Page::new(&context, "inquiries-inbox-title"),
        is_inbox: true,
        statuses: status_choices(locale),
        status: query.status.trim().to_owned(),
        administration: query.administration.trim().to_owned(),
        rows: inquiries.iter().map(|i| row(locale, i)).collect(),
    }))
}

/// `GET /inquiries/mine` (signed in): the caller's own inquiries.
pub async fn show_mine(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
) -> Result<Response> {
    let inquiries = use_cases::mine(state.store(), &signed_in.caller).await?;
    let locale = &context.locale;
    Ok(render(&InquiriesPage {
        page: Page::new(&context, "inquiries-mine-title"),
        is_inbox: false,
        statuses: Vec::new(),
        status: String::new(),
        administration: String::new(),
        rows: inquiries.iter().map(|i| row(locale, i)).collect(),
    }))
}

pub struct MessageView {
    pub author: String,
    pub from_secretariat: bool,
    pub body: String,
    pub created: String,
}

#[derive(Template)]
#[template(path = "inquiry.html")]
pub struct InquiryPage {
    pub page: Page,
    pub id: i64,
    pub row: InquiryRow,
    pub requester_email: String,
    pub messages: Vec<MessageView>,
    pub is_secretariat: bool,
    pub statuses: Vec<Choice>,
    pub status: String,
    pub reply: String,
}

fn inquiry_page(
    context: &RequestContext,
    signed_in: &SignedIn,
    inquiry: &Inquiry,
    reply: String,
) -> InquiryPage {
    let locale = &context.locale;
    InquiryPage {
        page: Page::new(context, "inquiries-inbox-title").with_title(inquiry.subject.clone()),
        id: inquiry.id,
        row: row(locale, inquiry),
        requester_email: inquiry.requester_email.clone(),
        messages: inquiry
            .messages
            .iter()
            .map(|m| MessageView {
                author: m.author_name.clone(),
                from_secretariat: m.from_secretariat,
                body: m.body.clone(),
                created: moment(&m.created_at, locale),
            })
            .collect(),
        is_secretariat: signed_in.principal.is_secretariat(),
        statuses: status_choices(locale),
        status: inquiry.status.as_str().to_owned(),
        reply,
    }
}

/// `GET /inquiries/{inquiry}` (the Secretariat and the requester): the
/// thread, the reply form and, for the Secretariat, the status.
pub async fn show_inquiry(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(id): AppPath<i64>,
) -> Result<Response> {
    let inquiry = use_cases::visible(state.store(), &signed_in.caller, id).await?;
    Ok(render(&inquiry_page(
        &context,
        &signed_in,
        &inquiry,
        String::new(),
    )))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReplyForm {
    pub body: String,
}

/// `POST /inquiries/{inquiry}/replies`: adds the caller's message.
pub async fn reply_to_inquiry(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<ReplyForm>,
) -> Result<Response> {
    match use_cases::reply(
        state.store(),
        &signed_in.caller,
        id,
        &form.body,
        answered_notice,
    )
    .await
    .map_err(AppError::from)
    {
        Ok(_) => Ok(Redirect::to(&format!("/inquiries/{id}")).into_response()),
        Err(error) => Err(error),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StatusForm {
    pub status: String,
}

/// `POST /inquiries/{inquiry}/status` (Secretariat): sets the status.
pub async fn set_status(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<StatusForm>,
) -> Result<Response> {
    use_cases::require_inbox(&signed_in.caller)?;
    match use_cases::set_status(
        state.store(),
        &signed_in.caller,
        id,
        &form.status,
        status_notice,
    )
    .await
    .map_err(AppError::from)
    {
        Ok(_) => Ok(Redirect::to(&format!("/inquiries/{id}")).into_response()),
        Err(error) => Err(error),
    }
}
