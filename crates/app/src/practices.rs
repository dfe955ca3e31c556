//! The practice library (issue 8): the use cases the practice pages and the
//! `/api/v1/practices` endpoints share.
//!
//! Access (core's policy, `gedhub_core::authz::practices`): a published
//! practice is every signed-in user's to read; any other exists only for the
//! Secretariat, its author and the focal points of its administration
//! (`NotFound` for everyone else). Those who manage a practice edit and
//! submit it while it is a draft; only the Secretariat publishes, asks for
//! changes and archives. Every use case that changes a practice checks
//! access before it reads its input.

use gedhub_core::authz::practices::{self as policy, Attach, InProgress, PracticeAdministration};
use gedhub_core::practices::{PracticeStatus, Review};
use gedhub_core::{Region, ValidationError};
use gedhub_store::Store;
use gedhub_store::practices::{Practice, PracticeForm, PracticeHit, PracticeQuery, PracticeText};

use crate::caller::Caller;
use crate::error::{AppError, Problems, Result};

// ----- access ------------------------------------------------------------------

/// The practice `id` if the caller may see it.
pub async fn visible(store: &Store, caller: &Caller, id: i64) -> Result<Practice> {
    let practice = store.practice(id).await?;
    if policy::may_see_practice(
        &caller.principal,
        practice.status,
        &practice.administration,
        practice.author_user_id,
    ) {
        Ok(practice)
    } else {
        Err(AppError::NotFound)
    }
}

/// Whether the caller may edit and submit `practice` (its author, the
/// focal points of its administration, the Secretariat).
pub fn may_manage(caller: &Caller, practice: &Practice) -> bool {
    policy::may_manage_practice(
        &caller.principal,
        &practice.administration,
        practice.author_user_id,
    )
}

/// Whether the caller may add or edit translations of `practice`.
pub fn may_translate(caller: &Caller, practice: &Practice) -> bool {
    policy::may_translate_practice(&caller.principal, practice.author_user_id)
}

/// Whether the caller may submit practices (`Forbidden` otherwise).
pub fn require_contributor(caller: &Caller) -> Result<()> {
    caller.require(policy::may_contribute_practice(&caller.principal))
}

/// Whether the caller may add and delete `practice`'s attachments now:
/// `not_editable` once it is past that point for them, `Forbidden` for
/// those who never may.
pub fn check_attach(caller: &Caller, practice: &Practice) -> Result<()> {
    match policy::may_attach_to_practice(
        &caller.principal,
        practice.status,
        may_manage(caller, practice),
    ) {
        Attach::Allowed => Ok(()),
        Attach::NotEditable => Err(AppError::Conflict {
            code: "not_editable",
        }),
        Attach::Forbidden => Err(AppError::Forbidden),
    }
}

/// Whether the caller names the administration of a practice they submit
/// (a focal point's is their own).
pub fn names_administration(caller: &Caller) -> bool {
    policy::practice_administration(&caller.principal) == PracticeAdministration::Named
}

// ----- reading -------------------------------------------------------------------

/// The library's search as typed (`?q=&area=&lang=&region=&year=`).
#[derive(Debug, Clone, Default)]
pub struct SearchInput {
    pub q: String,
    pub area: String,
    pub lang: String,
    pub region: String,
    pub year: String,
}

impl TryFrom<&SearchInput> for PracticeQuery {
    type Error = Problems;

    /// The store query for these filters, published practices only; every
    /// unknown filter, each at its field.
    fn try_from(input: &SearchInput) -> std::result::Result<Self, Problems> {
        let mut problems = Problems::new();
        let area = match input.area.trim() {
            "" => None,
            code => problems
                .check(gedhub_core::missions::parse_areas([code]))
                .and_then(|areas| areas.into_iter().next()),
        };
        let language = match input.lang.trim() {
            "" => None,
            code => problems.check(gedhub_core::practices::parse_language(code)),
        };
        let region = match input.region.trim() {
            "" => None,
            code => problems
                .check(Region::parse(code))
                .map(|region| region.as_str().to_owned()),
        };
        let year = match input.year.trim() {
            "" => None,
            text => match text.parse::<i32>() {
                Ok(year) if (1990..=2100).contains(&year) => Some(year),
                _ => {
                    problems.push(ValidationError::new("year", "invalid_year"));
                    None
                }
            },
        };
        if input.q.chars().count() > 500 {
            problems.push(ValidationError::new("q", "too_long"));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(PracticeQuery {
            words: input.q.clone(),
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
}

/// The published practices matching `input`, best first (newest first
/// without words).
pub async fn search(store: &Store, input: &SearchInput) -> Result<Vec<PracticeHit>> {
    let query = PracticeQuery::try_from(input)?;
    Ok(store.search_practices(&query).await?)
}

/// The practices in progress (not published) the caller works on: those
/// submitted for the Secretariat, their administration's for a focal point,
/// their own for anyone else.
pub async fn in_progress(store: &Store, caller: &Caller) -> Result<Vec<Practice>> {
    let base = PracticeQuery {
        limit: 200,
        ..PracticeQuery::default()
    };
    let query = match policy::practices_in_progress(&caller.principal) {
        InProgress::Submitted => PracticeQuery {
            status: Some(PracticeStatus::Submitted),
            ..base
        },
        InProgress::Administration(code) => PracticeQuery {
            administration: Some(code),
            ..base
        },
        InProgress::Authored(user) => PracticeQuery {
            author: Some(user),
            ..base
        },
        InProgress::Nothing => return Ok(Vec::new()),
    };
    Ok(store
        .search_practices(&query)
        .await?
        .into_iter()
        .map(|hit| hit.practice)
        .filter(|practice| practice.status != PracticeStatus::Published)
        .collect())
}

// ----- submitting and editing -------------------------------------------------------

/// A practice as typed (form or API body).
#[derive(Debug, Clone, Default)]
pub struct PracticeInput {
    /// The administration's code; a focal point's own when left out.
    pub administration: String,
    pub year: i64,
    pub areas: Vec<String>,
    pub key_elements: Vec<String>,
    pub title: String,
    pub summary: String,
    pub what_was_done: String,
    pub results: String,
    pub contact: String,
    pub language: String,
    /// Keep as a draft instead of submitting for review.
    pub draft: bool,
}

/// Reads a submission for `administration` (already decided).
fn form_for(administration: &str, input: &PracticeInput) -> Result<PracticeForm> {
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
        PracticeForm::parse(administration, input.year, &areas, &input.contact, text)?
            .with_key_elements(&key_elements)?,
    )
}

/// Checks a new submission for the caller: a focal point submits for their
/// own administration only (`not_your_administration`).
pub fn form(caller: &Caller, input: &PracticeInput) -> Result<PracticeForm> {
    let administration = match policy::practice_administration(&caller.principal) {
        PracticeAdministration::Own(own) => {
            let typed = input.administration.trim();
            let administration = if typed.is_empty() {
                own.clone().unwrap_or_default()
            } else {
                typed.to_uppercase()
            };
            if Some(&administration) != own.as_ref() {
                return Err(
                    ValidationError::new("administration", "not_your_administration").into(),
                );
            }
            administration
        }
        PracticeAdministration::Named => input.administration.trim().to_uppercase(),
    };
    if administration.is_empty() {
        return Err(ValidationError::new("administration", "required").into());
    }
    form_for(&administration, input)
}

/// Records a practice from the caller, submitted for review (or a draft).
pub async fn create(store: &Store, caller: &Caller, input: &PracticeInput) -> Result<Practice> {
    require_contributor(caller)?;
    let form = form(caller, input)?;
    Ok(store
        .create_practice(&caller.actor, &form, input.draft)
        .await?)
}

/// Edits a draft the caller manages. Its administration does not change:
/// the author may be an expert of another administration or the
/// Secretariat, so the practice's own is taken as given (a focal point's
/// is checked to be theirs).
pub async fn update(
    store: &Store,
    caller: &Caller,
    id: i64,
    input: PracticeInput,
) -> Result<Practice> {
    let practice = visible(store, caller, id).await?;
    caller.require(may_manage(caller, &practice))?;
    let input = PracticeInput {
        administration: practice.administration.clone(),
        ..input
    };
    let form = match policy::practice_administration(&caller.principal) {
        PracticeAdministration::Own(_) => form(caller, &input)?,
        PracticeAdministration::Named => form_for(&practice.administration, &input)?,
    };
    Ok(store.update_practice(&caller.actor, id, &form).await?)
}

/// A review move by the caller (see
/// [`policy::may_review_practice`]).
pub async fn review(
    store: &Store,
    caller: &Caller,
    id: i64,
    review: Review,
    comment: &str,
) -> Result<Practice> {
    let practice = visible(store, caller, id).await?;
    caller.require(policy::may_review_practice(
        &caller.principal,
        review,
        may_manage(caller, &practice),
    ))?;
    Ok(store
        .review_practice(&caller.actor, id, review, comment)
        .await?)
}

/// A translation as typed.
#[derive(Debug, Clone, Default)]
pub struct TranslationInput {
    pub title: String,
    pub summary: String,
    pub what_was_done: String,
    pub results: String,
}

/// The practice `id` if the caller may translate it (`NotFound` if they do
/// not see it, `Forbidden` unless its author or the Secretariat).
pub async fn translatable(store: &Store, caller: &Caller, id: i64) -> Result<Practice> {
    let practice = visible(store, caller, id).await?;
    caller.require(may_translate(caller, &practice))?;
    Ok(practice)
}

/// Adds or replaces the caller's translation of practice `id` in
/// `language` (the store keeps the search index in step and audits it).
pub async fn translate(
    store: &Store,
    caller: &Caller,
    id: i64,
    language: &str,
    input: &TranslationInput,
) -> Result<Practice> {
    translatable(store, caller, id).await?;
    let text = PracticeText::parse(
        language,
        &input.title,
        &input.summary,
        &input.what_was_done,
        &input.results,
    )?;
    Ok(store
        .set_practice_translation(&caller.actor, id, &text)
        .await?)
}

/// The practice `id` if the caller may add or delete its attachments now
/// (see [`check_attach`]).
pub async fn attachable(store: &Store, caller: &Caller, id: i64) -> Result<Practice> {
    let practice = visible(store, caller, id).await?;
    check_attach(caller, &practice)?;
    Ok(practice)
}
