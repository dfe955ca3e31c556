//! The practice library's rules at the web edge, shared by the pages and the
//! API: who may see and work on a practice, how a submission is read, and
//! the search filters.
//!
//! Access (`Access::Practice` in the route table): a published practice is
//! visible to every signed-in user; a draft, submitted or archived one only
//! to the Secretariat, its author and the focal points of its
//! administration — to anyone else it does not exist (404). Only the
//! Secretariat publishes, requests changes and archives.

use gedhub_core::practices::{PracticeStatus, Review, can_manage, can_see};
use gedhub_core::{Region, Role, ValidationError};
use gedhub_store::practices::{Practice, PracticeForm, PracticeQuery, PracticeText};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::context::SignedIn;
use crate::error::{AppError, Result};
use crate::state::AppState;

/// The practice `id` if the caller may see it, else 404.
pub async fn visible_practice(state: &AppState, signed_in: &SignedIn, id: i64) -> Result<Practice> {
    let practice = state.store().practice(id).await?;
    if can_see(
        &signed_in.principal,
        practice.status,
        &practice.administration,
        practice.author_user_id,
    ) {
        Ok(practice)
    } else {
        Err(AppError::NotFound)
    }
}

/// True when the caller may edit and submit this practice (its author, the
/// focal points of its administration, the Secretariat).
pub fn may_manage(signed_in: &SignedIn, practice: &Practice) -> bool {
    can_manage(
        &signed_in.principal,
        &practice.administration,
        practice.author_user_id,
    )
}

/// Applies a review move for the caller: the Secretariat may make every
/// move; those who manage the practice may only submit it.
pub async fn review(
    state: &AppState,
    signed_in: &SignedIn,
    id: i64,
    review: Review,
    comment: &str,
) -> Result<Practice> {
    let practice = visible_practice(state, signed_in, id).await?;
    let allowed = signed_in.principal.is_secretariat()
        || (review == Review::Submit && may_manage(signed_in, &practice));
    if !allowed {
        return Err(AppError::Forbidden);
    }
    Ok(state
        .store()
        .review_practice(&signed_in.actor(), id, review, comment)
        .await?)
}

/// Those who may submit practices: the Secretariat, focal points, experts.
pub fn require_contributor(signed_in: &SignedIn) -> Result<()> {
    match signed_in.principal.role {
        Role::Secretariat | Role::FocalPoint | Role::Expert => Ok(()),
        Role::Participant => Err(AppError::Forbidden),
    }
}

/// A practice as submitted through the form or the API.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct PracticeInput {
    /// The administration's code; a focal point's own administration when
    /// left out (focal points may only submit for their own).
    pub administration: String,
    pub year: i64,
    /// GEOAT areas: `P1`–`P6`, `CC`, `SS`.
    pub areas: Vec<String>,
    /// GEOAT key elements the practice is about (`P1.A`, `X.3`); their
    /// areas are added to `areas`.
    pub key_elements: Vec<String>,
    pub title: String,
    pub summary: String,
    pub what_was_done: String,
    pub results: String,
    pub contact: String,
    /// Language of the text: `en`, `fr`, `es`, `pt` or `ar`.
    pub language: String,
    /// Keep as a draft instead of submitting for review.
    pub draft: bool,
}

/// Checks a submission for the caller.
pub fn parse_practice(signed_in: &SignedIn, input: &PracticeInput) -> Result<PracticeForm> {
    let own = signed_in
        .user
        .administration
        .as_ref()
        .map(|code| code.as_str().to_owned());
    let administration = match (signed_in.principal.role, input.administration.trim()) {
        (Role::FocalPoint, "") => own.clone().unwrap_or_default(),
        (_, code) => code.to_uppercase(),
    };
    if signed_in.principal.role == Role::FocalPoint && Some(&administration) != own.as_ref() {
        return Err(ValidationError::new("administration", "not_your_administration").into());
    }
    if administration.is_empty() {
        return Err(ValidationError::new("administration", "required").into());
    }
    let text = PracticeText::parse(
        &input.language,
        &input.title,
        &input.summary,
        &input.what_was_done,
        &input.results,
    )?;
    let areas: Vec<&str> = input.areas.iter().map(String::as_str).collect();
    let key_elements: Vec<&str> = input.key_elements.iter().map(String::as_str).collect();
    Ok(
        PracticeForm::parse(&administration, input.year, &areas, &input.contact, text)?
            .with_key_elements(&key_elements)?,
    )
}

/// A related practice as a link, in the reader's language when translated.
pub struct RelatedLink {
    pub id: i64,
    pub title: String,
    pub administration: String,
    pub year: i32,
    /// The language of `title` (`lang` attribute).
    pub language: String,
    /// "Available in English only" when the reader's language is missing.
    pub marker: String,
}

/// The practices related to one GEOAT code (a gap's indicator, an
/// objective's first code), with the library search filtered to its area.
pub struct Related {
    pub code: String,
    pub area: String,
    /// "More practices on Employment and compensation".
    pub more: String,
    pub links: Vec<RelatedLink>,
}

/// How many related practices a gap or an objective shows.
pub const RELATED_SHOWN: u32 = 3;

/// The published practices related to `code` (same key element first, then
/// same area), or `None` when the code maps to no practice area. Only
/// published practices, so it shows nothing a reader could not open.
pub async fn related(
    state: &AppState,
    locale: &crate::i18n::Locale,
    code: &str,
) -> Result<Option<Related>> {
    let Some(area) = gedhub_core::practices::area_of_code(code) else {
        return Ok(None);
    };
    let reader = locale.code();
    let links = state
        .store()
        .related_practices(code, RELATED_SHOWN)
        .await?
        .iter()
        .map(|practice| {
            let (text, translated) = practice.text_for(&reader);
            RelatedLink {
                id: practice.id,
                title: text.title.clone(),
                administration: practice.administration.clone(),
                year: practice.year,
                language: text.language.clone(),
                marker: if translated {
                    String::new()
                } else {
                    crate::pages::practices::only_in(locale, practice)
                },
            }
        })
        .collect();
    Ok(Some(Related {
        code: code.to_owned(),
        area: area.to_owned(),
        more: locale.t_args(
            "practices-related-more",
            &[("area", locale.t(&format!("area-{area}")))],
        ),
        links,
    }))
}

/// `?q=&area=&lang=&region=&year=` of the library's search.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
pub struct SearchParams {
    /// Words to find (accents, case and plurals do not matter).
    pub q: String,
    /// A GEOAT area code (`P1`…`P6`, `CC`, `SS`).
    pub area: String,
    /// Practices with a text in this language.
    pub lang: String,
    /// The region of the practice's administration (`ESA`, `WCA`, `MENA`, `EUR`, `AP`, `AMS`).
    pub region: String,
    /// The year of the practice (empty for any).
    pub year: String,
}

/// The store query for these parameters, published practices only.
pub fn search_query(params: &SearchParams) -> Result<PracticeQuery> {
    let mut errors = Vec::new();
    let area = match params.area.trim() {
        "" => None,
        code => match gedhub_core::missions::parse_areas([code]) {
            Ok(areas) => areas.into_iter().next(),
            Err(error) => {
                errors.push(error);
                None
            }
        },
    };
    let language = match params.lang.trim() {
        "" => None,
        code => match gedhub_core::practices::parse_language(code) {
            Ok(code) => Some(code),
            Err(error) => {
                errors.push(error);
                None
            }
        },
    };
    let region = match params.region.trim() {
        "" => None,
        code => match Region::parse(code) {
            Ok(region) => Some(region.as_str().to_owned()),
            Err(error) => {
                errors.push(error);
                None
            }
        },
    };
    let year = match params.year.trim() {
        "" => None,
        text => match text.parse::<i32>() {
            Ok(year) if (1990..=2100).contains(&year) => Some(year),
            _ => {
                errors.push(ValidationError::new("year", "invalid_year"));
                None
            }
        },
    };
    if params.q.chars().count() > 500 {
        errors.push(ValidationError::new("q", "too_long"));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(PracticeQuery {
        words: params.q.clone(),
        status: Some(PracticeStatus::Published),
        area,
        region,
        year,
        language,
        administration: None,
        author: None,
        limit: 50,
    })
}

/// True when the caller may add or edit translations of this practice: its
/// author and the Secretariat (a focal point may not translate a colleague's
/// words into something they did not write).
pub fn may_translate(signed_in: &SignedIn, practice: &Practice) -> bool {
    signed_in.principal.is_secretariat() || practice.author_user_id == Some(signed_in.user.id)
}

/// A translation as typed in the form or sent to the API.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct TranslationInput {
    pub title: String,
    pub summary: String,
    pub what_was_done: String,
    pub results: String,
}

/// Adds or replaces the caller's translation of practice `id` in `language`
/// (404 if the practice is not visible, 403 unless author or Secretariat;
/// the store keeps the search index in step and audits it).
pub async fn translate(
    state: &AppState,
    signed_in: &SignedIn,
    id: i64,
    language: &str,
    input: &TranslationInput,
) -> Result<Practice> {
    let practice = visible_practice(state, signed_in, id).await?;
    if !may_translate(signed_in, &practice) {
        return Err(AppError::Forbidden);
    }
    let text = PracticeText::parse(
        language,
        &input.title,
        &input.summary,
        &input.what_was_done,
        &input.results,
    )?;
    Ok(state
        .store()
        .set_practice_translation(&signed_in.actor(), id, &text)
        .await?)
}
