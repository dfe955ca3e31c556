//! The shared practice library (issue 8): what a practice is, its review
//! workflow, and the text normalisation that makes search behave the same on
//! SQLite FTS5 and PostgreSQL text search.
//!
//! Why normalise in Rust: SQLite's `unicode61` tokenizer and PostgreSQL's
//! `simple` configuration fold case and split words slightly differently, and
//! PostgreSQL's `unaccent` extension is not always installed. Indexing and
//! querying the output of [`search_terms`] (lower case, accents removed, stop
//! words dropped, plurals reduced by a light English/French stemmer) gives
//! both engines the same plain tokens, so they find the same practices.

use serde::Serialize;

use crate::ValidationError;

/// Languages a practice's text may be written in.
pub const LANGUAGES: [&str; 5] = ["en", "fr", "es", "pt", "ar"];

/// Checks a language code of a practice's text.
pub fn parse_language(raw: &str) -> Result<String, ValidationError> {
    let code = raw.trim().to_ascii_lowercase();
    if LANGUAGES.contains(&code.as_str()) {
        Ok(code)
    } else {
        Err(ValidationError::new("language", "unknown_language"))
    }
}

/// Where a practice is in its review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PracticeStatus {
    Draft,
    Submitted,
    Published,
    Archived,
}

/// A move in the review workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Review {
    /// The author sends a draft to the Secretariat.
    Submit,
    /// The Secretariat publishes a submitted practice.
    Publish,
    /// The Secretariat sends a submitted (or published) practice back to draft
    /// with a comment.
    RequestChanges,
    /// The Secretariat withdraws a practice from the library.
    Archive,
}

impl PracticeStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PracticeStatus::Draft => "draft",
            PracticeStatus::Submitted => "submitted",
            PracticeStatus::Published => "published",
            PracticeStatus::Archived => "archived",
        }
    }

    pub fn parse(code: &str) -> Result<Self, ValidationError> {
        match code {
            "draft" => Ok(PracticeStatus::Draft),
            "submitted" => Ok(PracticeStatus::Submitted),
            "published" => Ok(PracticeStatus::Published),
            "archived" => Ok(PracticeStatus::Archived),
            _ => Err(ValidationError::new("status", "unknown_status")),
        }
    }

    /// The status after `review`, or `None` when the move is not allowed
    /// from this status (the API answers 409).
    pub fn after(self, review: Review) -> Option<PracticeStatus> {
        use PracticeStatus::{Archived, Draft, Published, Submitted};
        match (self, review) {
            (Draft, Review::Submit) => Some(Submitted),
            (Submitted, Review::Publish) => Some(Published),
            (Submitted | Published, Review::RequestChanges) => Some(Draft),
            (Draft | Submitted | Published, Review::Archive) => Some(Archived),
            _ => None,
        }
    }

    /// Only drafts can be edited by their author.
    pub fn editable(self) -> bool {
        self == PracticeStatus::Draft
    }
}

impl Review {
    pub fn as_str(self) -> &'static str {
        match self {
            Review::Submit => "submit",
            Review::Publish => "publish",
            Review::RequestChanges => "request_changes",
            Review::Archive => "archive",
        }
    }
}

/// Words too common to help a search; dropped from the index and from
/// queries alike (all query terms must match, so keeping "the" or "des"
/// would only lose results).
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "au", "aux", "by", "ce", "ces", "d", "dans", "de", "des",
    "du", "en", "est", "et", "for", "from", "il", "in", "is", "it", "l", "la", "le", "les", "of",
    "on", "or", "ou", "par", "pour", "qu", "que", "qui", "s", "sa", "se", "ses", "son", "sur",
    "the", "to", "un", "une", "with",
];

/// The base letter(s) of an accented Latin letter, or `None` for a
/// combining mark to drop; other characters are returned unchanged.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => "a",
        'ç' | 'ć' | 'č' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => "u",
        'ý' | 'ÿ' => "y",
        'š' | 'ś' => "s",
        'ž' | 'ź' | 'ż' => "z",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        _ => return None,
    })
}

/// True for combining accents (U+0300–U+036F) and Arabic short vowels
/// (harakat, U+064B–U+0652), which are dropped.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{0652}')
}

/// Reduces a plural to its singular, lightly, for English and French:
/// `égalités` → `egalite`, `travaux`/`bureaux` → `travau`/`bureau`,
/// `policies` → `policy`, `processes` → `process`. Short words and words
/// ending in `ss`, `us` or `is` are left alone (`process`, `status`,
/// `analysis`). Both the index and the query go through it, so an
/// imperfect stem still matches its own plural.
pub fn stem(word: &str) -> String {
    let length = word.chars().count();
    if length <= 3 || !word.is_ascii() {
        return word.to_owned();
    }
    if let Some(base) = word.strip_suffix("sses") {
        return format!("{base}ss");
    }
    if length > 4
        && let Some(base) = word.strip_suffix("ies")
    {
        return format!("{base}y");
    }
    if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
        return word.to_owned();
    }
    match word.strip_suffix('s').or_else(|| word.strip_suffix('x')) {
        Some(base) => base.to_owned(),
        None => word.to_owned(),
    }
}

/// The search terms of a text: lower case, accents removed, split on
/// anything that is not a letter or digit, stop words dropped, each word
/// stemmed. Used for both indexing and querying.
pub fn search_terms(text: &str) -> Vec<String> {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if is_mark(c) {
            continue;
        }
        match fold(c) {
            Some(base) => folded.push_str(base),
            None if c.is_alphanumeric() => folded.push(c),
            None => folded.push(' '),
        }
    }
    folded
        .split_whitespace()
        .filter(|word| !STOP_WORDS.contains(word))
        .map(stem)
        .collect()
}

/// [`search_terms`] joined by spaces: what goes into the full-text index.
pub fn search_text(text: &str) -> String {
    search_terms(text).join(" ")
}

/// Who may read a practice: a published one, every signed-in user; any other
/// status, only the Secretariat, its author and the focal points of its
/// administration (for everyone else it does not exist).
pub fn can_see(
    principal: &crate::Principal,
    status: PracticeStatus,
    administration: &str,
    author: Option<crate::UserId>,
) -> bool {
    status == PracticeStatus::Published || can_manage(principal, administration, author)
}

/// Who may work on a practice that is not published: the Secretariat, its
/// author and the focal points of its administration.
pub fn can_manage(
    principal: &crate::Principal,
    administration: &str,
    author: Option<crate::UserId>,
) -> bool {
    principal.is_secretariat()
        || author == Some(principal.user_id)
        || (principal.role == crate::Role::FocalPoint
            && principal
                .administration
                .as_ref()
                .is_some_and(|code| code.as_str() == administration))
}

/// The practice area (`gedhub_core::missions::AREAS`) of a GEOAT code — a
/// section (`P1`), a key element (`P1.A`, `X.3`) or an indicator
/// (`P1.A.2`): the instrument's sections `P1`–`P6` are the areas of the same
/// name, the cross-cutting section `X` is area `CC` and the security and
/// safety section `S` is area `SS`. `None` for anything else.
pub fn area_of_code(code: &str) -> Option<&'static str> {
    let section = code.trim().split('.').next()?.to_ascii_uppercase();
    Some(match section.as_str() {
        "X" => "CC",
        "S" => "SS",
        "P1" => "P1",
        "P2" => "P2",
        "P3" => "P3",
        "P4" => "P4",
        "P5" => "P5",
        "P6" => "P6",
        _ => return None,
    })
}

/// The key element (`P1.A`, `X.3`) of a GEOAT key-element or indicator code
/// (`P1.A.2` → `P1.A`), upper case; `None` when the code is not of that form
/// (a section, or not a GEOAT code).
pub fn key_element_of(code: &str) -> Option<String> {
    let code = code.trim().to_ascii_uppercase();
    let mut parts = code.split('.');
    let section = parts.next()?;
    let element = parts.next()?;
    area_of_code(section)?;
    let well_formed = !element.is_empty()
        && element.len() <= 3
        && element.chars().all(|c| c.is_ascii_alphanumeric());
    well_formed.then(|| format!("{section}.{element}"))
}

/// Parses the key elements a practice is about (`P1.A`, `x.3`…): each must
/// be a key-element code (section and element, no indicator number);
/// repeats dropped, sorted. Whether it exists in the instrument is checked
/// by the store, which knows the instrument.
pub fn parse_key_elements<'a>(
    codes: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<String>, ValidationError> {
    let mut elements = std::collections::BTreeSet::new();
    for code in codes {
        let code = code.trim();
        if code.is_empty() {
            continue;
        }
        match key_element_of(code) {
            Some(element) if element.eq_ignore_ascii_case(code) => {
                elements.insert(element);
            }
            _ => return Err(ValidationError::new("key_elements", "invalid_key_element")),
        }
    }
    if elements.len() > 20 {
        return Err(ValidationError::new(
            "key_elements",
            "too_many_key_elements",
        ));
    }
    Ok(elements.into_iter().collect())
}
