//! A user's notifications (the reminder job writes them): newest first,
//! unread ones marked, and "mark all as read".

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

use crate::context::{RequestContext, SignedIn};
use serde::Deserialize;

use crate::error::Result;
use crate::extract::AppForm;
use crate::state::AppState;
use crate::views::{Page, render};

/// How many notifications the page shows.
const SHOWN: i64 = 50;

pub struct NotificationRow {
    pub subject: String,
    pub lines: Vec<String>,
    pub link: String,
    pub created_at: String,
    pub unread: bool,
}

#[derive(Template)]
#[template(path = "notifications.html")]
pub struct NotificationsPage {
    pub page: Page,
    pub rows: Vec<NotificationRow>,
    pub unread: i64,
    /// The newest notification shown: "mark as read" goes up to it.
    pub newest: i64,
}

/// `GET /notifications`.
pub async fn show_notifications(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
) -> Result<Response> {
    let unread = state
        .store()
        .unread_notifications(signed_in.user.id)
        .await?;
    let notifications = state
        .store()
        .notifications(signed_in.user.id, SHOWN)
        .await?;
    let newest = notifications.first().map_or(0, |n| n.id);
    let rows = notifications
        .into_iter()
        .map(|n| NotificationRow {
            subject: n.subject,
            lines: n.body.lines().map(str::to_owned).collect(),
            link: n.link,
            created_at: crate::format::stored_date_time(&n.created_at, &context.locale),
            unread: n.read_at.is_none(),
        })
        .collect();
    Ok(render(&NotificationsPage {
        page: Page::new(&context, "notifications-title"),
        rows,
        unread,
        newest,
    }))
}

#[derive(Deserialize)]
pub struct MarkReadForm {
    /// The newest notification the page showed.
    pub up_to: i64,
}

/// `POST /notifications/read` (`up_to`): marks the caller's notifications
/// read up to the newest one the page showed.
pub async fn mark_read(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppForm(form): AppForm<MarkReadForm>,
) -> Result<Response> {
    state
        .store()
        .mark_notifications_read(signed_in.user.id, form.up_to)
        .await?;
    Ok(Redirect::to("/notifications").into_response())
}
