//! The contact page (`/contact`, public), its settings (Secretariat), the
//! Secretariat's inbox (`/inquiries`), the requester's list
//! (`/inquiries/mine`) and an inquiry's thread. Access and the spam checks
//! are decided in [`crate::inquiries`].

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gedhub_core::inquiries::{InquiryStatus, TOPICS};
use gedhub_core::{AdministrationCode, Email};
use gedhub_store::inquiries::{Inquiry, InquiryFilter};
use serde::Deserialize;

use crate::context::{RequestContext, SignedIn};
use crate::error::{AppError, Result};
use crate::extract::{AppForm, AppPath, AppQuery};
use crate::i18n::Locale;
use crate::inquiries::{
    InquiryInput, change_status, check_form, issue_form_token, reply, send_inquiry, visible_inquiry,
};
use crate::pages::practices::Choice;
use crate::pages::training::require_secretariat;
use crate::state::AppState;
use crate::views::{
    Page, error_detail, is_user_error, render, render_with_status, user_error_messages,
};

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

/// Stored timestamps shown to the minute (`2026-08-20 09:30`, UTC).
fn moment(stored: &str) -> String {
    stored.get(..16).unwrap_or(stored).replace('T', " ")
}

/// The messages a refused submission shows, in the sender's language.
fn refusal_messages(locale: &Locale, error: &AppError) -> Vec<String> {
    match error {
        AppError::RateLimited(code) => vec![error_detail(locale, code, None)],
        _ => user_error_messages(locale, error),
    }
}

fn is_refusal(error: &AppError) -> bool {
    is_user_error(error) || matches!(error, AppError::RateLimited(_))
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
    pub errors: Vec<String>,
}

async fn contact_page(
    state: &AppState,
    context: &RequestContext,
    input: InquiryInput,
    errors: Vec<String>,
) -> Result<ContactPage> {
    let signed_in = context.user.is_some();
    let token = match SignedIn::from_context(context) {
        Some(signed_in) => issue_form_token(state, &signed_in).await?,
        None => String::new(),
    };
    Ok(ContactPage {
        page: Page::new(context, "contact-title"),
        address: state.store().contact_address().await?,
        signed_in,
        is_secretariat: context
            .user
            .as_ref()
            .is_some_and(|u| u.role == gedhub_core::Role::Secretariat),
        token,
        topics: topic_choices(&context.locale),
        topic: if input.topic.is_empty() {
            "other".to_owned()
        } else {
            input.topic
        },
        subject: input.subject,
        message: input.message,
        errors,
    })
}

/// `GET /contact` (public): the contact address and, for signed-in users,
/// the inquiry form (anonymous visitors get a link to sign in).
pub async fn show_contact(
    State(state): State<AppState>,
    context: RequestContext,
) -> Result<Response> {
    Ok(render(
        &contact_page(&state, &context, InquiryInput::default(), Vec::new()).await?,
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
    context: RequestContext,
    AppForm(form): AppForm<InquiryForm>,
) -> Result<Response> {
    let input = InquiryInput {
        topic: form.topic.clone(),
        subject: form.subject.clone(),
        message: form.message.clone(),
    };
    let result = match check_form(&state, &signed_in, &form.token, &form.website).await {
        Ok(()) => send_inquiry(&state, &signed_in, &input).await,
        Err(error) => Err(error),
    };
    match result {
        Ok(inquiry) => Ok(Redirect::to(&format!("/inquiries/{}", inquiry.id)).into_response()),
        Err(error) if is_refusal(&error) => {
            let status = error.status();
            let errors = refusal_messages(&context.locale, &error);
            Ok(render_with_status(
                status,
                &contact_page(&state, &context, input, errors).await?,
            ))
        }
        Err(error) => Err(error),
    }
}

#[derive(Template)]
#[template(path = "contact_settings.html")]
pub struct ContactSettingsPage {
    pub page: Page,
    pub address: String,
    pub saved: bool,
    pub errors: Vec<String>,
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
    require_secretariat(&signed_in)?;
    Ok(render(&ContactSettingsPage {
        page: Page::new(&context, "contact-settings-title"),
        address: state.store().contact_address().await?,
        saved: query.saved == "1",
        errors: Vec::new(),
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
    context: RequestContext,
    AppForm(form): AppForm<SettingsForm>,
) -> Result<Response> {
    require_secretariat(&signed_in)?;
    let result = match Email::parse(&form.address) {
        Ok(address) => state
            .store()
            .set_contact_address(&signed_in.actor(), &address)
            .await
            .map_err(AppError::from),
        Err(error) => Err(AppError::from(error)),
    };
    match result {
        Ok(()) => Ok(Redirect::to("/contact/settings?saved=1").into_response()),
        Err(error) if is_user_error(&error) => Ok(render_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ContactSettingsPage {
                page: Page::new(&context, "contact-settings-title"),
                address: form.address.clone(),
                saved: false,
                errors: user_error_messages(&context.locale, &error),
            },
        )),
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
        updated: moment(&inquiry.updated_at),
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

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct InboxQuery {
    pub status: String,
    pub administration: String,
}

/// Reads the inbox's filters; unknown values are refused (422).
pub fn inbox_filter(query: &InboxQuery) -> Result<InquiryFilter> {
    let status = match query.status.trim() {
        "" => None,
        raw => Some(InquiryStatus::parse(raw)?),
    };
    let administration = match query.administration.trim() {
        "" => None,
        raw => Some(
            AdministrationCode::parse(&raw.to_ascii_uppercase())?
                .as_str()
                .to_owned(),
        ),
    };
    Ok(InquiryFilter {
        status,
        requester: None,
        administration,
    })
}

/// `GET /inquiries?status=&administration=` (Secretariat): the inbox.
pub async fn show_inbox(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppQuery(query): AppQuery<InboxQuery>,
) -> Result<Response> {
    require_secretariat(&signed_in)?;
    let filter = inbox_filter(&query)?;
    let inquiries = state.store().inquiries(&filter).await?;
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
    let inquiries = state
        .store()
        .inquiries(&InquiryFilter {
            requester: Some(signed_in.user.id),
            ..InquiryFilter::default()
        })
        .await?;
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
    pub errors: Vec<String>,
}

fn inquiry_page(
    context: &RequestContext,
    signed_in: &SignedIn,
    inquiry: &Inquiry,
    reply: String,
    errors: Vec<String>,
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
                created: moment(&m.created_at),
            })
            .collect(),
        is_secretariat: signed_in.principal.is_secretariat(),
        statuses: status_choices(locale),
        status: inquiry.status.as_str().to_owned(),
        reply,
        errors,
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
    let inquiry = visible_inquiry(&state, &signed_in, id).await?;
    Ok(render(&inquiry_page(
        &context,
        &signed_in,
        &inquiry,
        String::new(),
        Vec::new(),
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
    context: RequestContext,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<ReplyForm>,
) -> Result<Response> {
    match reply(&state, &signed_in, id, &form.body).await {
        Ok(_) => Ok(Redirect::to(&format!("/inquiries/{id}")).into_response()),
        Err(error) if is_user_error(&error) => {
            let inquiry = visible_inquiry(&state, &signed_in, id).await?;
            Ok(render_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &inquiry_page(
                    &context,
                    &signed_in,
                    &inquiry,
                    form.body.clone(),
                    user_error_messages(&context.locale, &error),
                ),
            ))
        }
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
    context: RequestContext,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<StatusForm>,
) -> Result<Response> {
    require_secretariat(&signed_in)?;
    match change_status(&state, &signed_in, id, &form.status).await {
        Ok(_) => Ok(Redirect::to(&format!("/inquiries/{id}")).into_response()),
        Err(error) if is_user_error(&error) => {
            let inquiry = visible_inquiry(&state, &signed_in, id).await?;
            Ok(render_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &inquiry_page(
                    &context,
                    &signed_in,
                    &inquiry,
                    String::new(),
                    user_error_messages(&context.locale, &error),
                ),
            ))
        }
        Err(error) => Err(error),
    }
}
