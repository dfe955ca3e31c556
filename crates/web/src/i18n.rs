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
        self.lookup(key, HashMap::new())
    }

    /// Looks `key` up with `values`. A message about a person that names no one in
    /// particular (a stage in a list) gets `$sex` = `other`, its inclusive form: a missing
    /// argument would make Fluent fail and fall back to English.
    fn lookup(&self, key: &str, mut values: HashMap<Cow<'static, str>, FluentValue<'_>>) -> String {
        values
            .entry(Cow::Borrowed("sex"))
            .or_insert_with(|| FluentValue::from(sex_argument(None)));
        LOCALES.lookup_with_args(&self.id, key, &values)
    }

    /// The translation of `key` with named arguments. An argument written in plain digits
    /// (`"3"`, `"-2"`, `"2.5"`, see [`argument`]) is passed as a number, so that a selector on
    /// it (`{ $rows -> [one] … *[other] … }`) chooses the language's plural form.
    pub fn t_args(&self, key: &str, args: &[(&'static str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), argument(value)))
            .collect();
        self.lookup(key, args)
    }

    /// The translation of `key` with a `$count` number, so that plural
    /// variants (`[one]`, `*[other]`) are chosen by the language's rules.
    pub fn t_count(&self, key: &str, count: usize) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue<'_>> = HashMap::new();
        args.insert(Cow::Borrowed("count"), FluentValue::from(count));
        self.lookup(key, args)
    }

    /// [`Locale::t_count`] with further (text) arguments.
    pub fn t_count_args(&self, key: &str, count: usize, args: &[(&'static str, String)]) -> String {
        let mut values: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), argument(value)))
            .collect();
        values.insert(Cow::Borrowed("count"), FluentValue::from(count));
        self.lookup(key, values)
    }

    /// The translation of `key` about one person, whose title or role agrees with their
    /// recorded sex (`users.sex`): the message selects on `$sex`, `female`, `male` or
    /// `other` (anything else, or not recorded: the inclusive form, see README "Languages").
    pub fn t_person(&self, key: &str, sex: Option<&str>) -> String {
        self.t_person_args(key, sex, &[])
    }

    /// [`Locale::t_person`] with further (text) arguments.
    pub fn t_person_args(
        &self,
        key: &str,
        sex: Option<&str>,
        args: &[(&'static str, String)],
    ) -> String {
        let mut values: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), argument(value)))
            .collect();
        values.insert(Cow::Borrowed("sex"), FluentValue::from(sex_argument(sex)));
        self.lookup(key, values)
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

/// A message argument: a number when `value` is plain digits (an optional `-`, no leading
/// zero, at most one `.` followed by digits), so that plural selectors work and the number
/// is shown exactly as written; anything else (a code such as `007`, a date, a number already
/// formatted for the reader such as `1 234`) stays text.
fn argument(value: &str) -> FluentValue<'static> {
    let digits = value.strip_prefix('-').unwrap_or(value);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let plain = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let leading_zero = whole.len() > 1 && whole.starts_with('0');
    if plain(whole) && plain(fraction) && !leading_zero && whole.len() <= 15 {
        FluentValue::try_number(value).into_owned()
    } else {
        FluentValue::from(value.to_owned())
    }
}

/// The `$sex` argument of a message about a person: their recorded sex when it is female
/// or male, else `other` (`other`, `undisclosed` or not recorded), which selects the
/// inclusive form.
fn sex_argument(sex: Option<&str>) -> &'static str {
    match sex {
        Some("female") => "female",
        Some("male") => "male",
        _ => "other",
    }
}

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

/// Every shipped language, English first, then by code.
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
    use std::collections::{BTreeMap, BTreeSet};

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

    /// Every message of `language` with its source text (continuation lines joined).
    fn message_sources(language: &str) -> BTreeMap<String, String> {
        let dir = format!("{}/locales/{language}", env!("CARGO_MANIFEST_DIR"));
        let mut messages = BTreeMap::new();
        for entry in std::fs::read_dir(&dir).expect("locale folder exists") {
            let text = std::fs::read_to_string(entry.expect("readable").path()).expect("utf-8");
            let mut current: Option<String> = None;
            for line in text.lines() {
                let starts_message = line.starts_with(|c: char| c.is_ascii_alphabetic());
                if let (true, Some((id, body))) = (starts_message, line.split_once(" =")) {
                    let id = id.trim().to_owned();
                    messages.insert(id.clone(), body.to_owned());
                    current = Some(id);
                } else if let (true, Some(id)) = (
                    line.starts_with([' ', '\t']) || line.trim().is_empty(),
                    &current,
                ) {
                    if let Some(body) = messages.get_mut(id) {
                        body.push('\n');
                        body.push_str(line);
                    }
                } else {
                    current = None;
                }
            }
        }
        messages
    }

    /// `source` with every placeable (`{ $name }`, `{ $count -> … }`, nested ones too)
    /// replaced by `\u{1}`, keeping the text of selector variants.
    fn text_outside_placeables(source: &str) -> String {
        let mut text = String::new();
        let mut depth = 0usize;
        let mut in_expression = false;
        for c in source.chars() {
            match c {
                '{' => {
                    depth += 1;
                    in_expression = true;
                    text.push('\u{1}');
                }
                '}' => {
                    depth = depth.saturating_sub(1);
                    in_expression = false;
                }
                // A selector's variants are text again: `[one] text`.
                ']' if depth > 0 => in_expression = false,
                '[' | '*' if depth > 0 => in_expression = true,
                '\n' if depth > 0 => in_expression = true,
                _ if in_expression => {}
                _ => text.push(c),
            }
        }
        text
    }

    /// French typography: `:`, `;`, `?` and `!` follow a no-break space (U+00A0, or the narrow
    /// U+202F), so that the mark never starts a line. Codes people copy are not sentences and
    /// are left alone: a mark glued to what follows (`https://`, `did:web`, `label::en`,
    /// `10:30`, `';'`) and the few literals below.
    #[test]
    fn every_french_mark_has_its_no_break_space() {
        const LITERALS: &[&str] = &["Content-Type:", "CLiKC!", "\"not_applicable\":"];
        let mut wrong = Vec::new();
        for (id, source) in message_sources("fr") {
            let mut text = text_outside_placeables(&source);
            for literal in LITERALS {
                text = text.replace(literal, "");
            }
            let chars: Vec<char> = text.chars().collect();
            for (at, c) in chars.iter().enumerate() {
                if !matches!(c, ':' | ';' | '?' | '!') {
                    continue;
                }
                let before = at.checked_sub(1).map(|i| chars[i]);
                let after = chars.get(at + 1).copied();
                let glued_to_what_follows =
                    after.is_some_and(|a| !a.is_whitespace() && a != '\u{1}' && a != ')');
                let spaced = matches!(before, Some('\u{a0}' | '\u{202f}'));
                if !spaced && !glued_to_what_follows {
                    let start = at.saturating_sub(30);
                    let context: String = chars[start..=at].iter().collect();
                    wrong.push(format!("{id}: …{context}"));
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "French punctuation without a no-break space:\n{}",
            wrong.join("\n")
        );
    }

    /// Arguments that count something people read ("1 actions" was written before): where
    /// such a number is followed by words, the message selects on it so that each language
    /// chooses its plural form ("3 of 5" is a count of a total and needs none). Limits and
    /// thresholds that are never 1 (file limits, the smallest group shown) are not in the list.
    const COUNTED: &[&str] = &[
        "count",
        "rows",
        "rejected",
        "plans",
        "administrations",
        "overdue",
        "done",
        "participants",
        "improved",
        "days",
        "present",
        "missions",
        "common",
        "candidates",
        "actions",
    ];

    #[test]
    fn every_count_followed_by_words_selects_its_plural_form() {
        let mut wrong = Vec::new();
        for language in locale_folders() {
            for (id, source) in message_sources(&language) {
                for name in COUNTED {
                    let placeable = format!("{{ ${name} }}");
                    let selector = format!("{{ ${name} ->");
                    let counts_words = source.match_indices(&placeable).any(|(at, _)| {
                        let next = source[at + placeable.len()..]
                            .trim_start_matches([' ', '\u{a0}', '\u{202f}']);
                        // "3 of 5", "3 sur 5": the count is of a total named next.
                        let of_a_total = ["of ", "sur "].iter().any(|w| next.starts_with(w));
                        next.starts_with(char::is_alphabetic) && !of_a_total
                    });
                    let takes_count = *name == "count" && source.contains(&placeable);
                    if (counts_words || takes_count) && !source.contains(&selector) {
                        wrong.push(format!("{language} {id}: ${name}"));
                    }
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "counts without a plural selector:\n{}",
            wrong.join("\n")
        );
    }

    #[test]
    fn numbers_passed_as_text_choose_the_plural_form() {
        let english = Locale::english();
        let french = Locale::from_code("fr").expect("French ships");
        let rows = |locale: &Locale, rows: &str| {
            locale.t_args(
                "workforce-uploaded",
                &[
                    ("date", "7 December 2026".to_owned()),
                    ("rows", rows.to_owned()),
                ],
            )
        };
        assert_eq!(
            rows(&english, "1"),
            "Computed on 7 December 2026 from one row"
        );
        assert_eq!(
            rows(&english, "250"),
            "Computed on 7 December 2026 from 250 rows"
        );
        assert_eq!(rows(&french, "1"), "Calculé le 7 December 2026 sur 1 ligne");
        assert_eq!(rows(&french, "0"), "Calculé le 7 December 2026 sur 0 ligne");
        assert_eq!(
            rows(&french, "2"),
            "Calculé le 7 December 2026 sur 2 lignes"
        );
        // Codes and numbers already written for the reader stay text, shown as they are.
        assert_eq!(argument("007"), FluentValue::from("007"));
        assert_eq!(argument("1\u{202f}234"), FluentValue::from("1\u{202f}234"));
        assert_eq!(argument("inf"), FluentValue::from("inf"));
        assert_eq!(argument("2026-12-07"), FluentValue::from("2026-12-07"));
        assert!(matches!(argument("2.50"), FluentValue::Number(_)));
        assert!(matches!(argument("-3"), FluentValue::Number(_)));
        assert_eq!(
            english.t_args(
                "certificate-days",
                &[
                    ("present", "4".to_owned()),
                    ("days", "5".to_owned()),
                    ("pct", "80%".to_owned())
                ]
            ),
            "4 of 5 days (80%)"
        );
        assert_eq!(
            french.t_args(
                "certificate-days",
                &[
                    ("present", "1".to_owned()),
                    ("days", "1".to_owned()),
                    ("pct", "100\u{a0}%".to_owned())
                ]
            ),
            "1 jour sur 1 (100\u{a0}%)"
        );
    }

    /// Titles and roles agree with the person in French; unknown, the inclusive form
    /// (point médian, README "Languages"); English stays neutral.
    #[test]
    fn titles_agree_with_the_person_they_name() {
        let french = Locale::from_code("fr").expect("French ships");
        let english = Locale::english();
        let title = |sex| french.t_person("credential-recognized-expert", sex);
        assert_eq!(title(Some("female")), "Experte EGD reconnue");
        assert_eq!(title(Some("male")), "Expert EGD reconnu");
        assert_eq!(title(None), "Expert·e EGD reconnu·e");
        assert_eq!(title(Some("undisclosed")), "Expert·e EGD reconnu·e");
        assert_eq!(title(Some("other")), "Expert·e EGD reconnu·e");
        assert_eq!(
            french.t_person("mission-role-lead", Some("female")),
            "Experte principale"
        );
        assert_eq!(
            french.t_person("mission-role-co_facilitator", Some("female")),
            "Co-animatrice"
        );
        assert_eq!(
            french.t_person("mission-role-co_facilitator", None),
            "Co-animateur·rice"
        );
        assert_eq!(
            english.t_person("credential-recognized-expert", Some("female")),
            "Recognized GED Expert"
        );
        // Naming no one in particular (a stage in a list): the inclusive form, in French.
        assert_eq!(
            french.t("pathway-stage-recognized"),
            "Expert·e EGD reconnu·e"
        );
        assert_eq!(
            french.t_args(
                "pathway-moved",
                &[("stage", french.t("pathway-stage-trained"))]
            ),
            french.t_args("pathway-moved", &[("stage", "Formé·e".to_owned())])
        );
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
