//! Interface languages, from Project Fluent files in `locales/<language>/`.
//!
//! Adding a language is adding a folder (e.g. `locales/es/main.ftl`) and
//! rebuilding: the list of languages, the switcher and negotiation all come
//! from the folders found. Right-to-left scripts get `dir="rtl"`.
//!
//! Choice order (issue 2): the signed-in user's setting, then `?lang=`, then
//! the `lang` cookie an anonymous visitor set with the switcher, then
//! `Accept-Language`, then English. Messages sent to someone away (see
//! [`recipient_locale`]) use their setting, else the language negotiated at
//! their last visit (`users.browser_locale`, kept by `context::resolve_context`).

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use gedhub_store::users::User;
use unic_langid::LanguageIdentifier;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Isolation marks would show up as stray characters in HTML attributes.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// Languages written right to left, by primary subtag.
const RTL_LANGUAGES: &[&str] = &["ar", "he", "fa", "ur"];

/// The language of one response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locale {
    id: LanguageIdentifier,
}

impl Default for Locale {
    fn default() -> Self {
        Self::english()
    }
}

impl Locale {
    pub fn english() -> Self {
        Self {
            id: LanguageIdentifier::from_bytes(b"en").unwrap_or_default(),
        }
    }

    /// The shipped language matching `code` (`fr`, `fr-CA`, `FR`), if any.
    pub fn from_code(code: &str) -> Option<Self> {
        let wanted: LanguageIdentifier = code.trim().parse().ok()?;
        available()
            .into_iter()
            .find(|available| available.id.language == wanted.language)
    }

    /// Picks the best shipped language for an `Accept-Language` header.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        let requested = fluent_langneg::accepted_languages::parse(header);
        let shipped: Vec<LanguageIdentifier> = available().into_iter().map(|l| l.id).collect();
        let default = Locale::english().id;
        let chosen = fluent_langneg::negotiate_languages(
            &requested,
            &shipped,
            Some(&default),
            fluent_langneg::NegotiationStrategy::Filtering,
        );
        // Filtering always appends the default; an explicit match comes first.
        chosen.first().map(|id| Self { id: (*id).clone() })
    }

    /// The language code used in URLs, cookies and `<html lang>`.
    pub fn code(&self) -> String {
        self.id.language.as_str().to_owned()
    }

    /// `rtl` for right-to-left scripts, `ltr` otherwise.
    pub fn direction(&self) -> &'static str {
        if RTL_LANGUAGES.contains(&self.id.language.as_str()) {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The translation of `key`.
    pub fn t(&self, key: &str) -> String {
        LOCALES.lookup(&self.id, key)
    }

    /// The translation of `key` with named arguments.
    pub fn t_args(&self, key: &str, args: &[(&'static str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), FluentValue::from(value.clone())))
            .collect();
        LOCALES.lookup_with_args(&self.id, key, &args)
    }

    /// The translation of `key` with a `$count` number, so that plural
    /// variants (`[one]`, `*[other]`) are chosen by the language's rules.
    pub fn t_count(&self, key: &str, count: usize) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue<'_>> = HashMap::new();
        args.insert(Cow::Borrowed("count"), FluentValue::from(count));
        LOCALES.lookup_with_args(&self.id, key, &args)
    }

    /// [`Locale::t_count`] with further (text) arguments.
    pub fn t_count_args(&self, key: &str, count: usize, args: &[(&'static str, String)]) -> String {
        let mut values: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), FluentValue::from(value.clone())))
            .collect();
        values.insert(Cow::Borrowed("count"), FluentValue::from(count));
        LOCALES.lookup_with_args(&self.id, key, &values)
    }

    /// A language without a locale folder, to show that formats need neither a folder nor
    /// code (see `crate::format`).
    #[cfg(test)]
    pub(crate) fn unshipped(code: &str) -> Self {
        Self {
            id: code.parse().unwrap_or_default(),
        }
    }

    /// True when `key` exists (in this language or the fallback).
    pub fn has(&self, key: &str) -> bool {
        LOCALES.try_lookup(&self.id, key).is_some()
    }
}

/// Every shipped language, English first, then by code.
/// The language to write to `user` in while they are away (notifications
/// and e-mails): the language they chose; else the one their browser asked
/// for at their last visit; else `fallback` (e.g. the language of the
/// workshop the message is about); else English.
pub fn recipient_locale(user: &User, fallback: Option<&str>) -> Locale {
    first_shipped([
        user.locale.as_deref(),
        user.browser_locale.as_deref(),
        fallback,
    ])
}

/// The first of `candidates` that gedhub ships, else English.
fn first_shipped(candidates: [Option<&str>; 3]) -> Locale {
    candidates
        .into_iter()
        .flatten()
        .find_map(Locale::from_code)
        .unwrap_or_else(Locale::english)
}

pub fn available() -> Vec<Locale> {
    let mut locales: Vec<Locale> = LOCALES
        .locales()
        .map(|id| Locale { id: id.clone() })
        .collect();
    locales.sort_by_key(|locale| (locale.code() != "en", locale.code()));
    locales.dedup_by_key(|locale| locale.code());
    locales
}

/// Chooses the language of a response; see the module documentation.
pub fn negotiate(
    user_setting: Option<&str>,
    query_lang: Option<&str>,
    cookie_lang: Option<&str>,
    accept_language: Option<&str>,
) -> Locale {
    user_setting
        .and_then(Locale::from_code)
        .or_else(|| query_lang.and_then(Locale::from_code))
        .or_else(|| cookie_lang.and_then(Locale::from_code))
        .or_else(|| accept_language.and_then(Locale::from_accept_language))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn message_ids(language: &str) -> BTreeSet<String> {
        let dir = format!("{}/locales/{language}", env!("CARGO_MANIFEST_DIR"));
        let mut ids = BTreeSet::new();
        for entry in std::fs::read_dir(&dir).expect("locale folder exists") {
            let text = std::fs::read_to_string(entry.expect("readable").path()).expect("utf-8");
            for line in text.lines() {
                let starts_message = line.starts_with(|c: char| c.is_ascii_alphabetic());
                if let (true, Some((id, _))) = (starts_message, line.split_once(" =")) {
                    ids.insert(id.trim().to_owned());
                }
            }
        }
        ids
    }

    #[test]
    fn messages_to_someone_away_follow_their_setting_then_their_last_visit() {
        // [setting, language of the last visit, fallback], as recipient_locale passes them.
        let code = |candidates| first_shipped(candidates).code();
        assert_eq!(code([Some("en"), Some("fr"), Some("fr")]), "en");
        assert_eq!(code([None, Some("fr"), Some("en")]), "fr");
        assert_eq!(code([None, None, Some("fr")]), "fr");
        assert_eq!(code([None, None, None]), "en");
        // A language gedhub does not ship is skipped, not a failure.
        assert_eq!(code([Some("xx"), Some("fr"), None]), "fr");
    }

    /// Every folder under `locales/`: adding a language is adding one.
    fn locale_folders() -> Vec<String> {
        let dir = format!("{}/locales", env!("CARGO_MANIFEST_DIR"));
        let mut folders: Vec<String> = std::fs::read_dir(&dir)
            .expect("locales exist")
            .map(|entry| entry.expect("readable").path())
            .filter(|path| path.is_dir())
            .filter_map(|path| Some(path.file_name()?.to_str()?.to_owned()))
            .collect();
        folders.sort();
        folders
    }

    #[test]
    fn every_locale_folder_has_exactly_the_messages_of_english() {
        let english = message_ids("en");
        assert!(
            english.len() > 50,
            "English has only {} messages",
            english.len()
        );
        let folders = locale_folders();
        assert!(folders.len() >= 2, "{folders:?}");
        for language in folders {
            let translated = message_ids(&language);
            let missing: Vec<_> = english.difference(&translated).collect();
            let extra: Vec<_> = translated.difference(&english).collect();
            assert!(missing.is_empty(), "missing in {language}: {missing:?}");
            assert!(
                extra.is_empty(),
                "missing in en: {extra:?} (from {language})"
            );
        }
    }

    #[test]
    fn every_locale_folder_is_a_language_with_its_own_formats() {
        for language in locale_folders() {
            let locale = Locale::from_code(&language).expect("the folder is shipped");
            assert_eq!(locale.code(), language);
            // Formats come from CLDR by the language alone (crate::format), never from a
            // branch naming it: grouped digits and a written-out date, not the fallbacks.
            assert_ne!(
                crate::format::integer(1_234_567, &locale),
                "1234567",
                "{language}"
            );
            let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).expect("a date");
            assert_ne!(
                crate::format::long_date(date, &locale),
                "2026-12-07",
                "{language}"
            );
        }
    }

    /// French typography: a no-break space before `:` and a narrow one
    /// before `;`, `?` and `!`, and inside guillemets, so that the mark
    /// never starts a line. Checked on every message as rendered.
    #[test]
    fn french_messages_keep_punctuation_with_its_word() {
        let french = Locale::from_code("fr").expect("French ships");
        let mut wrong = Vec::new();
        for id in message_ids("fr") {
            let text = french.t(&id);
            if [" :", " ;", " ?", " !", " »", "« "]
                .iter()
                .any(|bad| text.contains(bad))
            {
                wrong.push(format!("{id}: {text}"));
            }
        }
        assert!(
            wrong.is_empty(),
            "ordinary spaces before French punctuation:\n{}",
            wrong.join("\n")
        );
        assert_eq!(
            french.t("form-problems-heading"),
            "Le formulaire n’a pas pu être enregistré. Ce que vous avez saisi est conservé ci-dessous\u{202f}; veuillez corriger\u{a0}:"
        );
    }

    #[test]
    fn every_key_a_template_uses_exists() {
        let english = message_ids("en");
        let dir = format!("{}/templates", env!("CARGO_MANIFEST_DIR"));
        let mut missing = Vec::new();
        for entry in std::fs::read_dir(&dir).expect("templates exist") {
            let path = entry.expect("readable").path();
            let text = std::fs::read_to_string(&path).expect("utf-8");
            for piece in text.split(".t(\"").skip(1) {
                let key = piece.split('"').next().unwrap_or_default();
                if !english.contains(key) {
                    missing.push(format!("{}: {key}", path.display()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys without a translation: {missing:?}"
        );
    }

    #[test]
    fn the_user_setting_wins_then_the_query_then_the_cookie_then_the_browser() {
        let fr = Some("fr");
        let en = Some("en");
        assert_eq!(negotiate(fr, en, en, Some("en")).code(), "fr");
        assert_eq!(negotiate(None, fr, en, Some("en")).code(), "fr");
        assert_eq!(negotiate(None, None, fr, Some("en")).code(), "fr");
        assert_eq!(
            negotiate(None, None, None, Some("fr-CA,fr;q=0.9,en;q=0.5")).code(),
            "fr"
        );
        assert_eq!(negotiate(None, None, None, Some("de-DE")).code(), "en");
        assert_eq!(negotiate(None, Some("xx"), None, None).code(), "en");
    }

    /// A count with other arguments still chooses its plural form ("1
    /// actions" was written before).
    #[test]
    fn counts_with_other_arguments_choose_the_plural_form_too() {
        let english = Locale::english();
        let french = Locale::from_code("fr").expect("French ships");
        let args = [("done", "1".to_owned()), ("overdue", "0".to_owned())];
        assert_eq!(
            english.t_count_args("plan-report-actions", 1, &args),
            "One action: 1 done, 0 overdue."
        );
        assert_eq!(
            english.t_count_args("plan-report-actions", 3, &args),
            "3 actions: 1 done, 0 overdue."
        );
        assert_eq!(
            french.t_count_args("plan-report-actions", 1, &args),
            "Une action\u{a0}: 1 réalisée, 0 en retard."
        );
        let min = [("min", "10".to_owned())];
        assert!(
            english
                .t_count_args("workforce-explain-suppressed", 1, &min)
                .starts_with("One category has fewer than 10 women")
        );
    }

    #[test]
    fn counts_choose_the_plural_form_of_each_language() {
        let english = Locale::english();
        let french = Locale::from_code("fr").expect("French ships");
        assert_eq!(
            english.t_count("administrations-count", 1),
            "One administration."
        );
        assert_eq!(
            english.t_count("administrations-count", 0),
            "0 administrations."
        );
        assert_eq!(
            english.t_count("administrations-count", 186),
            "186 administrations."
        );
        // French treats 0 and 1 as singular.
        assert_eq!(
            french.t_count("administrations-count", 1),
            "Une administration."
        );
        assert_eq!(
            french.t_count("administrations-count", 24),
            "24 administrations."
        );
    }

    #[test]
    fn a_language_name_inside_a_french_sentence_is_in_lower_case() {
        let fr = Locale::from_code("fr").expect("French");
        let only_in = |code: &str| {
            fr.t_args(
                "practices-only-in",
                &[
                    ("language", fr.t(&format!("workshop-language-{code}"))),
                    ("code", code.to_owned()),
                ],
            )
        };
        assert_eq!(only_in("en"), "Disponible uniquement en anglais");
        assert_eq!(only_in("es"), "Disponible uniquement en espagnol");
        let en = Locale::english();
        assert_eq!(
            en.t_args(
                "practices-only-in",
                &[
                    ("language", en.t("workshop-language-fr")),
                    ("code", "fr".to_owned())
                ],
            ),
            "Available in French only"
        );
    }

    #[test]
    fn french_is_left_to_right_and_arabic_would_be_right_to_left() {
        let french = Locale::from_code("fr").expect("French ships");
        assert_eq!(french.direction(), "ltr");
        assert_eq!(french.t("nav-dashboard"), "Tableau de bord");
        let arabic = Locale {
            id: "ar".parse().expect("valid tag"),
        };
        assert_eq!(arabic.direction(), "rtl");
    }
}
