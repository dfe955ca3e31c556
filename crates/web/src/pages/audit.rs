//! The audit log, for the Secretariat.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use gedhub_app::users as use_cases;
use gedhub_store::audit::AuditEntry;

use crate::audit::AuditQuery;
use crate::context::{RequestContext, SignedIn};
use crate::error::Result;
use crate::extract::AppQuery;
use crate::state::AppState;
use crate::views::{Page, render};

pub struct AuditRow {
    pub when: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub key: String,
    pub administration: String,
    pub before: String,
    pub after: String,
}

impl From<AuditEntry> for AuditRow {
    fn from(entry: AuditEntry) -> Self {
        let json = |value: Option<serde_json::Value>| {
            value
                .and_then(|v| serde_json::to_string_pretty(&v).ok())
                .unwrap_or_default()
        };
        Self {
            when: entry
                .occurred_at
                .chars()
                .take(19)
                .collect::<String>()
                .replace('T', " "),
            actor: entry.actor,
            action: entry.action,
            entity: entry.entity,
            key: entry.entity_key,
            administration: entry.administration.unwrap_or_default(),
            before: json(entry.before),
            after: json(entry.after),
        }
    }
}

#[derive(Template)]
#[template(path = "audit.html")]
pub struct AuditPage {
    pub page: Page,
    pub rows: Vec<AuditRow>,
    pub query: AuditQuery,
    pub previous_link: Option<String>,
    pub next_link: Option<String>,
}

fn page_link(query: &AuditQuery, page: u32) -> String {
    let mut query = query.clone();
    query.page = Some(page);
    let pairs: Vec<(&str, String)> = [
        ("actor", query.actor),
        ("entity", query.entity),
        ("action", query.action),
        ("administration", query.administration),
        ("from", query.from),
        ("to", query.to),
        ("page", query.page.map(|p| p.to_string())),
    ]
    .into_iter()
    .filter_map(|(key, value)| value.filter(|v| !v.is_empty()).map(|v| (key, v)))
    .collect();
    format!(
        "/audit?{}",
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    )
}

/// `GET /audit` (Secretariat): filter by actor, entity, action,
/// administration and dates; newest first.
pub async fn show_audit(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppQuery(query): AppQuery<AuditQuery>,
) -> Result<Response> {
    use_cases::require_administrator(&signed_in.caller)?;
    let current = query.page.unwrap_or(1).max(1);
    let result =
        use_cases::audit(state.store(), &signed_in.caller, &query.filter()?, current).await?;
    let page = Page::new(&context, "audit-title");
    Ok(render(&AuditPage {
        previous_link: (current > 1).then(|| page_link(&query, current - 1)),
        next_link: result.has_more.then(|| page_link(&query, current + 1)),
        rows: result.entries.into_iter().map(AuditRow::from).collect(),
        query,
        page,
    }))
}
