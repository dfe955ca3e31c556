//! `/achievements/{slug}`: the achievements credentials name resolve, as an
//! HTML page in the reader's language or, asked for JSON, as the Open
//! Badges `Achievement` (JSON-LD); `/achievements/{slug}/image.svg` is its
//! image. Public, like the credentials that point here.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use gedhub_core::credentials::{self, AchievementText, CredentialKind};
use serde_json::Value;

use crate::context::RequestContext;
use crate::credentials::{RECOGNITION_SLUG, issuer, localized_achievement, workshop_slug};
use crate::error::{AppError, Result};
use crate::extract::AppPath;
use crate::i18n::Locale;
use crate::state::AppState;
use crate::views::{Page, render};

const RECOGNITION_IMAGE: &str = include_str!("../../static/achievements/recognized-ged-expert.svg");
const WORKSHOP_IMAGE: &str = include_str!("../../static/achievements/workshop.svg");

/// An achievement gedhub awards.
struct Found {
    kind: CredentialKind,
    slug: String,
    /// The workshop's title, first and last day, and attendance threshold.
    workshop: Option<(String, String, String, String)>,
}

/// The achievement of `slug`: the recognition, or a workshop for which a
/// credential was issued (other workshops are not public).
async fn find(state: &AppState, slug: &str) -> Result<Found> {
    if slug == RECOGNITION_SLUG {
        return Ok(Found {
            kind: CredentialKind::ExpertRecognition,
            slug: slug.to_owned(),
            workshop: None,
        });
    }
    let id: i64 = slug
        .strip_prefix("workshop-")
        .and_then(|id| id.parse().ok())
        .ok_or(AppError::NotFound)?;
    if workshop_slug(id) != slug || state.store().workshop_credentials(id).await?.is_empty() {
        return Err(AppError::NotFound);
    }
    let workshop = state.store().workshop(id).await?;
    Ok(Found {
        kind: CredentialKind::WorkshopCompletion,
        slug: slug.to_owned(),
        workshop: Some((
            workshop.title.clone(),
            workshop.dates.start().to_string(),
            workshop.dates.end().to_string(),
            workshop.rules.min_attendance_pct.to_string(),
        )),
    })
}

/// The achievement's texts in `locale`'s language.
fn text(state: &AppState, found: &Found, locale: &Locale) -> AchievementText {
    let (title, start, end, pct) = found.workshop.clone().unwrap_or_default();
    let (name, description) = localized_achievement(
        found.kind,
        &title,
        found.workshop.as_ref().map(|_| (start, end)),
        locale,
        None,
    );
    let criteria = match found.kind {
        CredentialKind::ExpertRecognition => locale.t("achievement-recognition-criteria"),
        CredentialKind::WorkshopCompletion => {
            locale.t_args("achievement-workshop-criteria", &[("pct", pct)])
        }
    };
    AchievementText {
        id: issuer(state).achievement_url(&found.slug),
        name,
        description,
        criteria,
        language: locale.code(),
    }
}

#[derive(Template)]
#[template(path = "achievement.html")]
pub struct AchievementPage {
    pub page: Page,
    pub text: AchievementText,
    pub kind: String,
    pub image: String,
    pub issuer_name: String,
    pub issuer_id: String,
}

/// Whether the client asked for JSON rather than a page.
fn wants_json(headers: &HeaderMap) -> bool {
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    accept.contains("json") && !accept.contains("text/html")
}

/// `GET /achievements/{slug}` (public): the page, or the `Achievement`
/// JSON-LD (`Accept: application/ld+json` or `application/json`).
pub async fn show(
    State(state): State<AppState>,
    context: RequestContext,
    headers: HeaderMap,
    AppPath(slug): AppPath<String>,
) -> Result<Response> {
    let found = find(&state, &slug).await?;
    let text = text(&state, &found, &context.locale);
    let issuer = issuer(&state);
    if wants_json(&headers) {
        let mut document = credentials::achievement(&issuer, found.kind, &text);
        if let Some(object) = document.as_object_mut() {
            object.insert("@context".into(), serde_json::json!(credentials::CONTEXTS));
        }
        let media_type = if headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("application/ld+json"))
        {
            "application/ld+json"
        } else {
            "application/json"
        };
        return Ok((
            [
                (header::CONTENT_TYPE, media_type),
                (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
                (header::VARY, "accept"),
            ],
            Value::to_string(&document),
        )
            .into_response());
    }
    let mut page = Page::new(&context, "achievement-title");
    page.title = text.name.clone();
    Ok(render(&AchievementPage {
        kind: context.locale.t(&format!(
            "credential-kind-{}",
            found.kind.as_str().replace('_', "-")
        )),
        image: format!("/achievements/{}/image.svg", found.slug),
        issuer_name: crate::credentials::issuer_name(&context.locale),
        issuer_id: issuer.did(),
        page,
        text,
    }))
}

/// `GET /achievements/{slug}/image.svg` (public): the achievement's image.
pub async fn image(
    State(state): State<AppState>,
    AppPath(slug): AppPath<String>,
) -> Result<Response> {
    let found = find(&state, &slug).await?;
    let svg = match found.kind {
        CredentialKind::ExpertRecognition => RECOGNITION_IMAGE,
        CredentialKind::WorkshopCompletion => WORKSHOP_IMAGE,
    };
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        svg,
    )
        .into_response())
}
