//! The practice library at the web edge: the wire shapes of a submission,
//! a translation and the search (shared by the pages and the API), and the
//! related-practice links shown beside gaps and objectives, in the reader's
//! language. The use cases and who may do what are in
//! `gedhub_app::practices` and `gedhub_core::authz::practices`
//! (`Access::Practice` in the route table).

use gedhub_app::practices as use_cases;
use gedhub_store::practices::Practice;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::error::Result;
use crate::i18n::Locale;
use crate::state::AppState;

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

impl From<PracticeInput> for use_cases::PracticeInput {
    fn from(input: PracticeInput) -> Self {
        Self {
            administration: input.administration,
            year: input.year,
            areas: input.areas,
            key_elements: input.key_elements,
            title: input.title,
            summary: input.summary,
            what_was_done: input.what_was_done,
            results: input.results,
            contact: input.contact,
            language: input.language,
            draft: input.draft,
        }
    }
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
pub async fn related(state: &AppState, locale: &Locale, code: &str) -> Result<Option<Related>> {
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
                    only_in(locale, practice)
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

impl From<&SearchParams> for use_cases::SearchInput {
    fn from(params: &SearchParams) -> Self {
        Self {
            q: params.q.clone(),
            area: params.area.clone(),
            lang: params.lang.clone(),
            region: params.region.clone(),
            year: params.year.clone(),
        }
    }
}

/// A translation as typed in the form or sent to the API.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct TranslationInput {
    pub title: String,
    pub summary: String,
    pub what_was_done: String,
    pub results: String,
}

impl From<TranslationInput> for use_cases::TranslationInput {
    fn from(input: TranslationInput) -> Self {
        Self {
            title: input.title,
            summary: input.summary,
            what_was_done: input.what_was_done,
            results: input.results,
        }
    }
}

/// "Available in English only": the language's name, and its code so that
/// French can say "en anglais" (a language name in lower case there).
pub fn only_in(locale: &Locale, practice: &Practice) -> String {
    locale.t_args(
        "practices-only-in",
        &[
            (
                "language",
                locale.t(&format!("workshop-language-{}", practice.original_language)),
            ),
            ("code", practice.original_language.clone()),
        ],
    )
}
