//! Assessment instruments (the GEOAT and its future editions) as data.
//!
//! An instrument is read from a workbook with three sheets, in an XLSForm-like
//! layout the WCO can edit without a developer:
//! - `settings`: `key,value` rows (`code`, `edition`, `title::en`, ...,
//!   `strength_threshold`, `gap_threshold`);
//! - `structure`: `type,code,label::en,label::fr,guidance::en,guidance::fr`,
//!   one row per section, key element or indicator, in document order;
//! - `scale`: `value,label::en,label::fr,description::en,description::fr`,
//!   one row per level (`0`..`5`) plus `na` for "not applicable".
//!
//! [`parse_workbook`] checks everything and returns either the instrument or
//! every problem found, by sheet, row and column: a bad workbook is refused
//! whole.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// Text in several languages, keyed by language code (`en`, `fr`, ...).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Localized(pub BTreeMap<String, String>);

impl Localized {
    /// The text in `language`, else English, else any language, else "".
    pub fn get(&self, language: &str) -> &str {
        self.0
            .get(language)
            .filter(|text| !text.is_empty())
            .or_else(|| self.0.get("en").filter(|text| !text.is_empty()))
            .or_else(|| self.0.values().find(|text| !text.is_empty()))
            .map(String::as_str)
            .unwrap_or("")
    }

    pub fn is_empty(&self) -> bool {
        self.0.values().all(|text| text.trim().is_empty())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    pub code: String,
    pub label: Localized,
    pub guidance: Localized,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyElement {
    pub code: String,
    pub label: Localized,
    pub guidance: Localized,
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub code: String,
    pub label: Localized,
    pub guidance: Localized,
    pub key_elements: Vec<KeyElement>,
}

impl Section {
    pub fn indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.key_elements.iter().flat_map(|k| k.indicators.iter())
    }
}

/// One level of the rating scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleLevel {
    pub value: u8,
    pub label: Localized,
    pub description: Localized,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    /// Numeric levels, ascending, starting at 0.
    pub levels: Vec<ScaleLevel>,
    /// The label of "not applicable", when the scale allows it.
    pub not_applicable: Option<ScaleLevel>,
}

impl Scale {
    /// The highest rating (5 on the default scale).
    pub fn max(&self) -> u8 {
        self.levels
            .iter()
            .map(|level| level.value)
            .max()
            .unwrap_or(0)
    }

    pub fn level(&self, value: u8) -> Option<&ScaleLevel> {
        self.levels.iter().find(|level| level.value == value)
    }
}

/// An instrument: one edition of an assessment tool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instrument {
    /// Stable identifier, e.g. `gedhub-geoat-2023`; a new edition gets a new code.
    pub code: String,
    pub edition: String,
    pub title: Localized,
    pub description: Localized,
    /// Languages the instrument ships (from its `label::xx` columns).
    pub languages: Vec<String>,
    pub sections: Vec<Section>,
    pub scale: Scale,
    /// A rating at or above this is a strength.
    pub strength_threshold: u8,
    /// A rating at or below this is a gap.
    pub gap_threshold: u8,
}

impl Instrument {
    pub fn indicators(&self) -> impl Iterator<Item = (&Section, &KeyElement, &Indicator)> {
        self.sections.iter().flat_map(|section| {
            section.key_elements.iter().flat_map(move |key| {
                key.indicators
                    .iter()
                    .map(move |indicator| (section, key, indicator))
            })
        })
    }

    pub fn indicator(&self, code: &str) -> Option<(&Section, &KeyElement, &Indicator)> {
        self.indicators()
            .find(|(_, _, indicator)| indicator.code == code)
    }

    pub fn indicator_count(&self) -> usize {
        self.indicators().count()
    }

    pub fn section(&self, code: &str) -> Option<&Section> {
        self.sections.iter().find(|section| section.code == code)
    }
}

/// A sheet of a workbook: the first row is the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

/// One problem in an imported workbook. `row` is the spreadsheet row number
/// (the header is row 1); `column` is the header name, when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportProblem {
    pub sheet: String,
    pub row: Option<usize>,
    pub column: Option<String>,
    /// Stable snake_case reason, e.g. `duplicate_code`.
    pub code: &'static str,
    /// The offending value, if any (shown to the user).
    pub value: Option<String>,
}

struct Problems(Vec<ImportProblem>);

impl Problems {
    fn add(
        &mut self,
        sheet: &str,
        row: Option<usize>,
        column: Option<&str>,
        code: &'static str,
        value: Option<&str>,
    ) {
        self.0.push(ImportProblem {
            sheet: sheet.to_owned(),
            row,
            column: column.map(str::to_owned),
            code,
            value: value.map(str::to_owned),
        });
    }
}

/// Column lookup in a sheet by lower-case header name.
struct Columns {
    names: Vec<String>,
}

impl Columns {
    fn new(header: &[String]) -> Self {
        Self {
            names: header
                .iter()
                .map(|name| name.trim().to_lowercase())
                .collect(),
        }
    }

    fn index(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|candidate| candidate == name)
    }

    fn cell<'a>(&self, row: &'a [String], name: &str) -> &'a str {
        self.index(name)
            .and_then(|index| row.get(index))
            .map(|cell| cell.trim())
            .unwrap_or("")
    }

    /// Languages with a `prefix::xx` column.
    fn languages(&self, prefix: &str) -> Vec<String> {
        self.names
            .iter()
            .filter_map(|name| name.strip_prefix(&format!("{prefix}::")))
            .map(str::to_owned)
            .collect()
    }

    fn localized(&self, row: &[String], prefix: &str) -> Localized {
        Localized(
            self.languages(prefix)
                .into_iter()
                .map(|language| {
                    let text = self.cell(row, &format!("{prefix}::{language}")).to_owned();
                    (language, text)
                })
                .filter(|(_, text)| !text.is_empty())
                .collect(),
        )
    }
}

/// The structure and the scale speak the instrument's languages (those of
/// the structure's labels) and no other: the scale has a label column in
/// each, and no sheet has a text column (`label::`, `guidance::`,
/// `description::`) in another. Otherwise a text would be lost, or be
/// missing, when gedhub exports the instrument, which must import again
/// unchanged (found by fuzzing: a scale labelled only in English under a
/// structure in English and French exported a workbook that was refused).
fn check_languages(sheet: &Sheet, name: &str, languages: &[String], problems: &mut Problems) {
    let Some(header) = sheet.rows.first() else {
        return; // reported by the sheet's own parser
    };
    let columns = Columns::new(header);
    if name == "scale" {
        let labelled = columns.languages("label");
        for language in languages {
            if !labelled.contains(language) {
                let column = format!("label::{language}");
                problems.add(name, Some(1), Some(&column), "missing_column", None);
            }
        }
    }
    for prefix in ["label", "guidance", "description"] {
        for language in columns.languages(prefix) {
            if !languages.contains(&language) {
                let column = format!("{prefix}::{language}");
                problems.add(
                    name,
                    Some(1),
                    Some(&column),
                    "language_not_in_structure",
                    None,
                );
            }
        }
    }
}

fn find_sheet<'a>(sheets: &'a [Sheet], name: &str) -> Option<&'a Sheet> {
    sheets
        .iter()
        .find(|sheet| sheet.name.trim().eq_ignore_ascii_case(name))
}

fn is_blank(row: &[String]) -> bool {
    row.iter().all(|cell| cell.trim().is_empty())
}

fn valid_instrument_code(code: &str) -> bool {
    (3..=60).contains(&code.len())
        && code.starts_with(|c: char| c.is_ascii_lowercase())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn valid_item_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 40
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_')
        && !code.starts_with('.')
        && !code.ends_with('.')
}

/// Reads and checks an instrument workbook. Returns every problem found.
pub fn parse_workbook(sheets: &[Sheet]) -> Result<Instrument, Vec<ImportProblem>> {
    let mut problems = Problems(Vec::new());
    let settings = find_sheet(sheets, "settings");
    let structure = find_sheet(sheets, "structure");
    let scale_sheet = find_sheet(sheets, "scale");
    for (name, sheet) in [
        ("settings", settings),
        ("structure", structure),
        ("scale", scale_sheet),
    ] {
        if sheet.is_none() {
            problems.add(name, None, None, "missing_sheet", None);
        }
    }
    let (Some(settings), Some(structure), Some(scale_sheet)) = (settings, structure, scale_sheet)
    else {
        return Err(problems.0);
    };

    let scale = parse_scale(scale_sheet, &mut problems);
    let (code, edition, title, description, strength, gap) =
        parse_settings(settings, &scale, &mut problems);
    let (languages, sections) = parse_structure(structure, &mut problems);
    check_languages(structure, "structure", &languages, &mut problems);
    check_languages(scale_sheet, "scale", &languages, &mut problems);

    if problems.0.is_empty() {
        Ok(Instrument {
            code,
            edition,
            title,
            description,
            languages,
            sections,
            scale,
            strength_threshold: strength,
            gap_threshold: gap,
        })
    } else {
        Err(problems.0)
    }
}

fn parse_scale(sheet: &Sheet, problems: &mut Problems) -> Scale {
    let name = "scale";
    let mut scale = Scale {
        levels: Vec::new(),
        not_applicable: None,
    };
    let Some(header) = sheet.rows.first() else {
        problems.add(name, Some(1), None, "missing_header", None);
        return scale;
    };
    let columns = Columns::new(header);
    if columns.index("value").is_none() {
        problems.add(name, Some(1), Some("value"), "missing_column", None);
    }
    if columns.index("label::en").is_none() {
        problems.add(name, Some(1), Some("label::en"), "missing_column", None);
    }
    let languages = columns.languages("label");
    for (index, row) in sheet.rows.iter().enumerate().skip(1) {
        let line = index + 1;
        if is_blank(row) {
            continue;
        }
        let raw = columns.cell(row, "value");
        let label = columns.localized(row, "label");
        for language in &languages {
            if !label.0.contains_key(language) {
                problems.add(
                    name,
                    Some(line),
                    Some(&format!("label::{language}")),
                    "required",
                    None,
                );
            }
        }
        let level = |value| ScaleLevel {
            value,
            label: label.clone(),
            description: columns.localized(row, "description"),
        };
        if raw.eq_ignore_ascii_case("na") || raw.eq_ignore_ascii_case("n/a") {
            if scale.not_applicable.is_some() {
                problems.add(
                    name,
                    Some(line),
                    Some("value"),
                    "duplicate_value",
                    Some(raw),
                );
            }
            scale.not_applicable = Some(level(0));
            continue;
        }
        match raw.parse::<u8>() {
            Ok(value) if value <= 10 => {
                if scale.levels.iter().any(|l| l.value == value) {
                    problems.add(
                        name,
                        Some(line),
                        Some("value"),
                        "duplicate_value",
                        Some(raw),
                    );
                } else {
                    scale.levels.push(level(value));
                }
            }
            _ => problems.add(
                name,
                Some(line),
                Some("value"),
                "invalid_scale_value",
                Some(raw),
            ),
        }
    }
    scale.levels.sort_by_key(|level| level.value);
    let consecutive = scale
        .levels
        .iter()
        .enumerate()
        .all(|(position, level)| usize::from(level.value) == position);
    if scale.levels.len() < 2 || !consecutive {
        problems.add(
            name,
            None,
            Some("value"),
            "scale_not_consecutive_from_zero",
            None,
        );
    }
    scale
}

type Settings = (String, String, Localized, Localized, u8, u8);

fn parse_settings(sheet: &Sheet, scale: &Scale, problems: &mut Problems) -> Settings {
    let name = "settings";
    let mut values: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for (index, row) in sheet.rows.iter().enumerate().skip(1) {
        if is_blank(row) {
            continue;
        }
        let key = row
            .first()
            .map(|k| k.trim().to_lowercase())
            .unwrap_or_default();
        let value = row.get(1).map(|v| v.trim().to_owned()).unwrap_or_default();
        if values.insert(key.clone(), (index + 1, value)).is_some() {
            problems.add(
                name,
                Some(index + 1),
                Some("key"),
                "duplicate_key",
                Some(&key),
            );
        }
    }
    let get = |key: &str| {
        values
            .get(key)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    };
    let line = |key: &str| values.get(key).map(|(line, _)| *line);
    let code = get("code");
    if !valid_instrument_code(&code) {
        problems.add(
            name,
            line("code"),
            Some("code"),
            "invalid_instrument_code",
            Some(&code),
        );
    }
    let edition = get("edition");
    if edition.is_empty() {
        problems.add(name, line("edition"), Some("edition"), "required", None);
    }
    let localized = |prefix: &str| {
        Localized(
            values
                .iter()
                .filter_map(|(key, (_, value))| {
                    key.strip_prefix(&format!("{prefix}::"))
                        .filter(|_| !value.is_empty())
                        .map(|language| (language.to_owned(), value.clone()))
                })
                .collect(),
        )
    };
    let title = localized("title");
    if !title.0.contains_key("en") {
        problems.add(name, None, Some("title::en"), "required", None);
    }
    let max = scale.max();
    let mut threshold = |key: &str, default: u8| -> u8 {
        let raw = get(key);
        if raw.is_empty() {
            return default.min(max);
        }
        match raw.parse::<u8>() {
            Ok(value) if value <= max => value,
            _ => {
                problems.add(name, line(key), Some(key), "invalid_threshold", Some(&raw));
                default
            }
        }
    };
    let strength = threshold("strength_threshold", 4);
    let gap = threshold("gap_threshold", 2);
    if gap >= strength {
        problems.add(
            name,
            line("gap_threshold"),
            Some("gap_threshold"),
            "gap_threshold_not_below_strength",
            None,
        );
    }
    (
        code,
        edition,
        title,
        localized("description"),
        strength,
        gap,
    )
}

fn parse_structure(sheet: &Sheet, problems: &mut Problems) -> (Vec<String>, Vec<Section>) {
    let name = "structure";
    let mut sections: Vec<Section> = Vec::new();
    let Some(header) = sheet.rows.first() else {
        problems.add(name, Some(1), None, "missing_header", None);
        return (Vec::new(), sections);
    };
    let columns = Columns::new(header);
    for required in ["type", "code", "label::en"] {
        if columns.index(required).is_none() {
            problems.add(name, Some(1), Some(required), "missing_column", None);
        }
    }
    let languages = columns.languages("label");
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for (index, row) in sheet.rows.iter().enumerate().skip(1) {
        let line = Some(index + 1);
        if is_blank(row) {
            continue;
        }
        let kind = columns.cell(row, "type").to_lowercase();
        let code = columns.cell(row, "code").to_owned();
        if !valid_item_code(&code) {
            problems.add(name, line, Some("code"), "invalid_item_code", Some(&code));
            continue;
        }
        if !seen.insert(code.clone()) {
            problems.add(name, line, Some("code"), "duplicate_code", Some(&code));
            continue;
        }
        let label = columns.localized(row, "label");
        for language in &languages {
            if !label.0.contains_key(language) {
                problems.add(
                    name,
                    line,
                    Some(&format!("label::{language}")),
                    "required",
                    None,
                );
            }
        }
        let guidance = columns.localized(row, "guidance");
        match kind.as_str() {
            "section" => sections.push(Section {
                code,
                label,
                guidance,
                key_elements: Vec::new(),
            }),
            "key_element" => match sections.last_mut() {
                Some(section) if code.starts_with(&format!("{}.", section.code)) => {
                    section.key_elements.push(KeyElement {
                        code,
                        label,
                        guidance,
                        indicators: Vec::new(),
                    });
                }
                Some(_) => problems.add(
                    name,
                    line,
                    Some("code"),
                    "code_not_under_parent",
                    Some(&code),
                ),
                None => problems.add(
                    name,
                    line,
                    Some("type"),
                    "key_element_before_section",
                    Some(&code),
                ),
            },
            "indicator" => match sections.last_mut().and_then(|s| s.key_elements.last_mut()) {
                Some(key) if code.starts_with(&format!("{}.", key.code)) => {
                    key.indicators.push(Indicator {
                        code,
                        label,
                        guidance,
                    });
                }
                Some(_) => problems.add(
                    name,
                    line,
                    Some("code"),
                    "code_not_under_parent",
                    Some(&code),
                ),
                None => problems.add(
                    name,
                    line,
                    Some("type"),
                    "indicator_before_key_element",
                    Some(&code),
                ),
            },
            _ => problems.add(name, line, Some("type"), "unknown_row_type", Some(&kind)),
        }
    }
    if sections.is_empty() {
        problems.add(name, None, None, "no_sections", None);
    }
    for section in &sections {
        if section.key_elements.is_empty() {
            problems.add(
                name,
                None,
                Some("code"),
                "section_without_key_elements",
                Some(&section.code),
            );
        }
        for key in &section.key_elements {
            if key.indicators.is_empty() {
                problems.add(
                    name,
                    None,
                    Some("code"),
                    "key_element_without_indicators",
                    Some(&key.code),
                );
            }
        }
    }
    (languages, sections)
}

/// The three sheets of an instrument, for export (the inverse of
/// [`parse_workbook`]).
pub fn to_workbook(instrument: &Instrument) -> Vec<Sheet> {
    let text = |s: &str| s.to_owned();
    let mut settings = vec![
        vec![text("key"), text("value")],
        vec![text("code"), instrument.code.clone()],
        vec![text("edition"), instrument.edition.clone()],
    ];
    for (prefix, localized) in [
        ("title", &instrument.title),
        ("description", &instrument.description),
    ] {
        for (language, value) in &localized.0 {
            settings.push(vec![format!("{prefix}::{language}"), value.clone()]);
        }
    }
    settings.push(vec![
        text("strength_threshold"),
        instrument.strength_threshold.to_string(),
    ]);
    settings.push(vec![
        text("gap_threshold"),
        instrument.gap_threshold.to_string(),
    ]);

    let languages = &instrument.languages;
    let mut header = vec![text("type"), text("code")];
    header.extend(languages.iter().map(|l| format!("label::{l}")));
    header.extend(languages.iter().map(|l| format!("guidance::{l}")));
    let row = |kind: &str, code: &str, label: &Localized, guidance: &Localized| {
        let mut cells = vec![text(kind), code.to_owned()];
        cells.extend(
            languages
                .iter()
                .map(|l| label.0.get(l).cloned().unwrap_or_default()),
        );
        cells.extend(
            languages
                .iter()
                .map(|l| guidance.0.get(l).cloned().unwrap_or_default()),
        );
        cells
    };
    let mut structure = vec![header];
    for section in &instrument.sections {
        structure.push(row(
            "section",
            &section.code,
            &section.label,
            &section.guidance,
        ));
        for key in &section.key_elements {
            structure.push(row("key_element", &key.code, &key.label, &key.guidance));
            for indicator in &key.indicators {
                structure.push(row(
                    "indicator",
                    &indicator.code,
                    &indicator.label,
                    &indicator.guidance,
                ));
            }
        }
    }

    let mut scale_header = vec![text("value")];
    scale_header.extend(languages.iter().map(|l| format!("label::{l}")));
    scale_header.extend(languages.iter().map(|l| format!("description::{l}")));
    let level_row = |value: String, level: &ScaleLevel| {
        let mut cells = vec![value];
        cells.extend(
            languages
                .iter()
                .map(|l| level.label.0.get(l).cloned().unwrap_or_default()),
        );
        cells.extend(
            languages
                .iter()
                .map(|l| level.description.0.get(l).cloned().unwrap_or_default()),
        );
        cells
    };
    let mut scale = vec![scale_header];
    for level in &instrument.scale.levels {
        scale.push(level_row(level.value.to_string(), level));
    }
    if let Some(na) = &instrument.scale.not_applicable {
        scale.push(level_row(text("na"), na));
    }
    vec![
        Sheet {
            name: text("settings"),
            rows: settings,
        },
        Sheet {
            name: text("structure"),
            rows: structure,
        },
        Sheet {
            name: text("scale"),
            rows: scale,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(name: &str, rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: name.to_owned(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
                .collect(),
        }
    }

    fn settings() -> Sheet {
        sheet(
            "settings",
            &[
                &["key", "value"],
                &["code", "test-2024"],
                &["edition", "2024"],
                &["title::en", "Test"],
                &["title::fr", "Essai"],
                &["strength_threshold", "4"],
                &["gap_threshold", "2"],
            ],
        )
    }

    fn scale() -> Sheet {
        let mut rows: Vec<Vec<String>> =
            vec![vec!["value".into(), "label::en".into(), "label::fr".into()]];
        for value in 0..=5 {
            rows.push(vec![
                value.to_string(),
                format!("Level {value}"),
                format!("Niveau {value}"),
            ]);
        }
        rows.push(vec![
            "na".into(),
            "Not applicable".into(),
            "Sans objet".into(),
        ]);
        Sheet {
            name: "Scale".into(),
            rows,
        }
    }

    fn structure(extra: &[&[&str]]) -> Sheet {
        let mut rows: Vec<&[&str]> = vec![
            &["type", "code", "label::en", "label::fr", "guidance::en"],
            &["section", "P1", "Employment", "Emploi", ""],
            &["key_element", "P1.A", "Pay", "Rémunération", ""],
            &[
                "indicator",
                "P1.A.1",
                "Pay gap measured",
                "Écart mesuré",
                "Look for the table",
            ],
            &[
                "indicator",
                "P1.A.2",
                "Pay rules written",
                "Règles écrites",
                "",
            ],
        ];
        rows.extend_from_slice(extra);
        sheet("structure", &rows)
    }

    #[test]
    fn a_good_workbook_gives_the_instrument_tree() {
        let instrument = parse_workbook(&[settings(), structure(&[]), scale()]).expect("valid");
        assert_eq!(instrument.code, "test-2024");
        assert_eq!(instrument.languages, ["en", "fr"]);
        assert_eq!(instrument.indicator_count(), 2);
        assert_eq!(instrument.scale.max(), 5);
        assert!(instrument.scale.not_applicable.is_some());
        let (_, _, first) = instrument.indicator("P1.A.1").expect("exists");
        assert_eq!(first.label.get("fr"), "Écart mesuré");
        assert_eq!(
            first.guidance.get("fr"),
            "Look for the table",
            "falls back to English"
        );
    }

    #[test]
    fn export_then_import_gives_the_same_instrument() {
        let instrument = parse_workbook(&[settings(), structure(&[]), scale()]).expect("valid");
        let again = parse_workbook(&to_workbook(&instrument)).expect("round trip");
        assert_eq!(again, instrument);
    }

    #[test]
    fn the_scale_and_the_structure_speak_the_same_languages() {
        // Found by fuzzing: a scale only in English under an English and
        // French structure was accepted, and its export was then refused.
        let mut english_scale = scale();
        for row in &mut english_scale.rows {
            row.truncate(2);
        }
        let problems = parse_workbook(&[settings(), structure(&[]), english_scale])
            .expect_err("a scale without French");
        assert_eq!(
            problems
                .iter()
                .map(|p| (p.sheet.as_str(), p.row, p.column.as_deref(), p.code))
                .collect::<Vec<_>>(),
            [("scale", Some(1), Some("label::fr"), "missing_column")]
        );
        // A text column in a language the structure's labels do not have
        // would be lost on export.
        let mut spanish_guidance = structure(&[]);
        spanish_guidance.rows[0].push("guidance::es".into());
        let problems = parse_workbook(&[settings(), spanish_guidance, scale()])
            .expect_err("a language outside the structure");
        assert_eq!(
            problems
                .iter()
                .map(|p| (p.sheet.as_str(), p.column.as_deref(), p.code))
                .collect::<Vec<_>>(),
            [(
                "structure",
                Some("guidance::es"),
                "language_not_in_structure"
            )]
        );
    }

    #[test]
    fn every_problem_is_reported_by_sheet_row_and_column() {
        let broken_structure = structure(&[
            &["indicator", "P1.A.1", "Duplicate", "Doublon", ""],
            &["indicator", "P2.A.1", "Wrong parent", "Mauvais parent", ""],
            &["widget", "P1.Z", "Unknown type", "Type inconnu", ""],
            &["indicator", "P1.A.3", "No French", "", ""],
        ]);
        let mut broken_scale = scale();
        broken_scale
            .rows
            .push(vec!["7".into(), "Seven".into(), "Sept".into()]);
        broken_scale
            .rows
            .push(vec!["high".into(), "High".into(), "Haut".into()]);
        let mut broken_settings = settings();
        broken_settings.rows[1][1] = "Bad Code!".into();
        let problems = parse_workbook(&[broken_settings, broken_structure, broken_scale])
            .expect_err("invalid");
        let found: Vec<(String, Option<usize>, Option<String>, &str)> = problems
            .iter()
            .map(|p| (p.sheet.clone(), p.row, p.column.clone(), p.code))
            .collect();
        let expect = |sheet: &str, row: Option<usize>, column: &str, code: &str| {
            assert!(
                found.iter().any(|(s, r, c, k)| s == sheet
                    && *r == row
                    && c.as_deref() == Some(column)
                    && *k == code),
                "missing {sheet} row {row:?} {column} {code} in {found:?}"
            );
        };
        expect("structure", Some(6), "code", "duplicate_code");
        expect("structure", Some(7), "code", "code_not_under_parent");
        expect("structure", Some(8), "type", "unknown_row_type");
        expect("structure", Some(9), "label::fr", "required");
        expect("scale", Some(10), "value", "invalid_scale_value");
        expect("scale", None, "value", "scale_not_consecutive_from_zero");
        expect("settings", Some(2), "code", "invalid_instrument_code");
    }

    #[test]
    fn missing_sheets_and_columns_are_named() {
        let problems = parse_workbook(&[settings()]).expect_err("invalid");
        assert!(
            problems
                .iter()
                .any(|p| p.sheet == "structure" && p.code == "missing_sheet")
        );
        assert!(
            problems
                .iter()
                .any(|p| p.sheet == "scale" && p.code == "missing_sheet")
        );
        let headless = sheet("structure", &[&["kind", "id"], &["section", "P1"]]);
        let problems = parse_workbook(&[settings(), headless, scale()]).expect_err("invalid");
        assert!(
            problems
                .iter()
                .any(|p| p.column.as_deref() == Some("type") && p.code == "missing_column")
        );
    }

    #[test]
    fn thresholds_must_fit_the_scale_and_gaps_lie_below_strengths() {
        let mut inverted = settings();
        inverted.rows[5][1] = "2".into();
        inverted.rows[6][1] = "3".into();
        let problems = parse_workbook(&[inverted, structure(&[]), scale()]).expect_err("invalid");
        assert!(
            problems
                .iter()
                .any(|p| p.code == "gap_threshold_not_below_strength")
        );
        let mut too_high = settings();
        too_high.rows[5][1] = "9".into();
        let problems = parse_workbook(&[too_high, structure(&[]), scale()]).expect_err("invalid");
        assert!(problems.iter().any(|p| p.code == "invalid_threshold"));
    }

    #[test]
    fn empty_sections_and_key_elements_are_refused() {
        let lonely = structure(&[&["section", "P2", "Alone", "Seul", ""]]);
        let problems = parse_workbook(&[settings(), lonely, scale()]).expect_err("invalid");
        assert!(
            problems
                .iter()
                .any(|p| p.code == "section_without_key_elements"
                    && p.value.as_deref() == Some("P2"))
        );
    }
}
