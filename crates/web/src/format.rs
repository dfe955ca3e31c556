//! Numbers, percentages and dates as each interface language writes them, from the CLDR data
//! compiled into ICU4X: `1,234,567.89` in English, `1 234 567,89` in French (narrow no-break
//! spaces), `1.234.567,89` in German. There is no branch per language here, so a new locale
//! folder gets its separators, grouping, percent sign and month names without a Rust change.
//!
//! This lives in web, next to [`Locale`], because writing a number for a reader is presentation:
//! core computes the figures, and the web edge writes them into pages, workbooks and the
//! display-ready strings it hands to the PDF reports. Core stays free of locale data.
//!
//! Values are first rounded as `format!("{:.N}")` rounds them (what gedhub has always shown),
//! then handed to ICU4X as exact decimals, so only the writing changes with the language, never
//! the rounding. If ICU4X ever refused a locale (its data is compiled in, so it falls back to
//! the root locale instead), the plain Rust rendering is shown rather than failing a page.

use chrono::{Datelike, NaiveDate};
use fixed_decimal::{Decimal, Sign};
use icu_calendar::Date;
use icu_calendar::cal::Gregorian;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{YMD, YMDT};
use icu_datetime::input::{DateTime, Time};
use icu_datetime::options::TimePrecision;
use icu_decimal::DecimalFormatter;
use icu_experimental::dimension::percent::formatter::PercentFormatter;

use crate::i18n::Locale;

/// Languages whose pages follow a CLDR locale other than the bare language. gedhub's English
/// is the WCO's international English, which writes "7 December 2026" and "07/12/2026" (CLDR's
/// `en-001`) where the bare `en` (American) writes "December 7, 2026" and "12/7/2026". Every
/// other language uses its own CLDR data, so this list does not grow with new languages.
const CLDR_LOCALE_OF: &[(&str, &str)] = &[("en", "en-001")];

/// The CLDR locale whose conventions `locale`'s readers expect.
fn cldr_locale(locale: &Locale) -> icu_locale_core::Locale {
    let code = locale.code();
    let tag = CLDR_LOCALE_OF
        .iter()
        .find(|(language, _)| *language == code)
        .map_or(code.as_str(), |(_, tag)| tag);
    tag.parse().unwrap_or(icu_locale_core::Locale::UNKNOWN)
}

/// How many digits follow the decimal separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Digits {
    /// Always this many, zeros included (`12.0`): figures in a column or a statistic, whose
    /// precision is part of the meaning.
    Exactly(u8),
    /// At most this many, without trailing zeros (`2.5`, `3`): values people typed, which read
    /// oddly padded. A value that rounds to zero shows as `0`, never `-0`.
    UpTo(u8),
}

/// `value` rounded to `digits` as an exact decimal (`sign` writes `+` on positive values),
/// or, for what is not a finite number, Rust's rendering to show as is.
fn to_decimal(value: f64, digits: Digits, sign: bool) -> Result<Decimal, String> {
    let (Digits::Exactly(count) | Digits::UpTo(count)) = digits;
    let text = if sign {
        format!("{value:+.*}", usize::from(count))
    } else {
        format!("{value:.*}", usize::from(count))
    };
    let mut decimal = Decimal::try_from_str(&text).map_err(|_| text)?;
    if let Digits::UpTo(_) = digits {
        decimal.absolute.trim_end();
        if decimal.absolute.is_zero() {
            decimal.sign = Sign::None;
        }
    }
    Ok(decimal)
}

/// Writes `decimal` with the locale's digits, separators and grouping.
fn write_decimal(decimal: &Decimal, locale: &Locale) -> String {
    match DecimalFormatter::try_new((&cldr_locale(locale)).into(), Default::default()) {
        Ok(formatter) => formatter.format(decimal).to_string(),
        Err(_) => decimal.to_string(),
    }
}

/// A whole number, grouped as the language groups digits: `1,048,576` / `1 048 576`.
pub fn integer(value: impl Into<Decimal>, locale: &Locale) -> String {
    write_decimal(&value.into(), locale)
}

/// A number with the language's separators: `1,234.5` / `1 234,5` / `1.234,5`.
pub fn decimal(value: f64, digits: Digits, locale: &Locale) -> String {
    to_decimal(value, digits, false).map_or_else(|text| text, |d| write_decimal(&d, locale))
}

/// A value as people typed it, the house rule for measurements, scores and means: at most two
/// decimals, no trailing zeros (`2.5`, `1,234.75` / `1 234,75`).
pub fn number(value: f64, locale: &Locale) -> String {
    decimal(value, Digits::UpTo(2), locale)
}

/// A change, with its sign even when positive (`+3.5`, `-1.0` / `+3,5`), so that a gain and
/// a loss read differently at a glance.
pub fn signed_decimal(value: f64, digits: Digits, locale: &Locale) -> String {
    to_decimal(value, digits, true).map_or_else(|text| text, |d| write_decimal(&d, locale))
}

/// A percentage, `value` being in percentage points (`45.67` for 0.4567), in the language's
/// pattern: `46%` / `46 %` (French puts a no-break space before the sign).
pub fn percent(value: f64, digits: Digits, locale: &Locale) -> String {
    match to_decimal(value, digits, false) {
        Ok(decimal) => {
            match PercentFormatter::try_new((&cldr_locale(locale)).into(), Default::default()) {
                Ok(formatter) => formatter.format(&decimal).to_string(),
                Err(_) => format!("{decimal}%"),
            }
        }
        Err(text) => format!("{text}%"),
    }
}

/// A share in percentage points with at most one decimal, the house rule for percentages
/// people read: `45.7%` / `45,7 %`, `50%` / `50 %` (never `50.0`, never a hand-written sign).
pub fn percentage(value: f64, locale: &Locale) -> String {
    percent(value, Digits::UpTo(1), locale)
}

/// [`percentage`], or a dash when there is no value (no answers yet, nothing to compare).
pub fn optional_percentage(value: Option<f64>, locale: &Locale) -> String {
    value.map_or_else(|| "–".to_owned(), |value| percentage(value, locale))
}

/// An amount of money with its ISO 4217 currency code, grouped as the language groups digits
/// (`2,500,000 XOF` / `2 500 000 XOF`), at most two decimals; a no-break space keeps the code
/// with its figure.
pub fn amount(value: f64, currency: &str, locale: &Locale) -> String {
    format!("{}\u{a0}{}", number(value, locale), currency.trim())
}

/// A date written out: `7 December 2026` / `7 décembre 2026`, for certificates and letters.
pub fn long_date(date: NaiveDate, locale: &Locale) -> String {
    write_date(date, YMD::long(), locale)
}

/// A date in digits: `07/12/2026` in English and French.
pub fn short_date(date: NaiveDate, locale: &Locale) -> String {
    write_date(date, YMD::short(), locale)
}

/// A date with the month abbreviated, for tables and lists: `7 Dec 2026` / `7 déc. 2026`.
pub fn medium_date(date: NaiveDate, locale: &Locale) -> String {
    write_date(date, YMD::medium(), locale)
}

/// Two dates, first and last day (a workshop, a mission): `7 Dec 2026 – 11 Dec 2026`; one
/// date when they are the same day.
pub fn date_range(start: NaiveDate, end: NaiveDate, locale: &Locale) -> String {
    if start == end {
        medium_date(start, locale)
    } else {
        format!(
            "{}\u{a0}– {}",
            medium_date(start, locale),
            medium_date(end, locale)
        )
    }
}

/// The date of a stored date or timestamp (`2026-12-07`, `2026-12-07T10:30:00Z`) as
/// [`medium_date`] writes it; text that is not one is shown as it is (empty stays empty).
pub fn stored_date(text: &str, locale: &Locale) -> String {
    match parse_day(text) {
        Some(date) => medium_date(date, locale),
        None => text.to_owned(),
    }
}

/// [`long_date`] of a stored date or timestamp, for sentences; other text as it is.
pub fn long_date_of(text: &str, locale: &Locale) -> String {
    match parse_day(text) {
        Some(date) => long_date(date, locale),
        None => text.to_owned(),
    }
}

/// [`medium_date`] of an optional date, the empty string when there is none.
pub fn optional_date(date: Option<NaiveDate>, locale: &Locale) -> String {
    date.map(|date| medium_date(date, locale))
        .unwrap_or_default()
}

/// A stored timestamp (`2026-12-07T10:30:00Z`, UTC) to the minute, as the language writes a
/// date and a time: `7 Dec 2026, 10:30 am` / `7 déc. 2026, 10:30`. A bare date is shown as
/// [`stored_date`], other text as it is.
pub fn stored_date_time(text: &str, locale: &Locale) -> String {
    let Some(date) = parse_day(text) else {
        return text.to_owned();
    };
    let time = text
        .get(11..16)
        .and_then(|hm| chrono::NaiveTime::parse_from_str(hm, "%H:%M").ok());
    let Some(time) = time else {
        return medium_date(date, locale);
    };
    let written = || {
        use chrono::Timelike;
        let hour = u8::try_from(time.hour()).ok()?;
        let minute = u8::try_from(time.minute()).ok()?;
        let date_time = DateTime {
            date: gregorian(date)?,
            time: Time::try_new(hour, minute, 0, 0).ok()?,
        };
        let formatter = FixedCalendarDateTimeFormatter::<Gregorian, YMDT>::try_new(
            (&cldr_locale(locale)).into(),
            YMDT::medium().with_time_precision(TimePrecision::Minute),
        )
        .ok()?;
        Some(formatter.format(&date_time).to_string())
    };
    written().unwrap_or_else(|| format!("{} {}", medium_date(date, locale), time.format("%H:%M")))
}

/// The day a stored date or timestamp begins with.
fn parse_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim().get(..10)?, "%Y-%m-%d").ok()
}

/// `date` in ICU4X's Gregorian calendar.
fn gregorian(date: NaiveDate) -> Option<Date<Gregorian>> {
    let month = u8::try_from(date.month()).ok()?;
    let day = u8::try_from(date.day()).ok()?;
    Date::try_new_gregorian(date.year(), month, day).ok()
}

/// Writes `date` in the Gregorian calendar (administrative dates are Gregorian whatever the
/// language's usual calendar), or as ISO 8601 if ICU4X cannot.
fn write_date(date: NaiveDate, fields: YMD, locale: &Locale) -> String {
    let written = || {
        let date = gregorian(date)?;
        let formatter = FixedCalendarDateTimeFormatter::<Gregorian, YMD>::try_new(
            (&cldr_locale(locale)).into(),
            fields,
        )
        .ok()?;
        Some(formatter.format(&date).to_string())
    };
    written().unwrap_or_else(|| date.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::Digits::{Exactly, UpTo};
    use super::*;
    use proptest::prelude::*;

    const NNBSP: char = '\u{202f}';

    fn en() -> Locale {
        Locale::english()
    }

    fn fr() -> Locale {
        Locale::from_code("fr").expect("French ships")
    }

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("a valid date")
    }

    #[test]
    fn english_and_french_numbers_follow_cldr() {
        assert_eq!(decimal(1_234_567.891, Exactly(2), &en()), "1,234,567.89");
        assert_eq!(
            decimal(1_234_567.891, Exactly(2), &fr()),
            format!("1{NNBSP}234{NNBSP}567,89")
        );
        assert_eq!(integer(1_048_576u64, &en()), "1,048,576");
        assert_eq!(
            integer(1_048_576u64, &fr()),
            format!("1{NNBSP}048{NNBSP}576")
        );
        assert_eq!(integer(-1234, &en()), "-1,234");
        assert_eq!(integer(999, &fr()), "999");
        assert_eq!(decimal(12.34, Exactly(1), &fr()), "12,3");
        assert_eq!(
            decimal(2.0, Exactly(1), &en()),
            "2.0",
            "fixed digits keep zeros"
        );
    }

    #[test]
    fn numbers_typed_by_people_lose_trailing_zeros() {
        assert_eq!(decimal(2.5, UpTo(2), &en()), "2.5");
        assert_eq!(decimal(2.5, UpTo(2), &fr()), "2,5");
        assert_eq!(decimal(100.0, UpTo(2), &en()), "100");
        assert_eq!(
            decimal(0.125, UpTo(2), &en()),
            format!("{:.2}", 0.125_f64),
            "rounded as format! rounds"
        );
        assert_eq!(decimal(-0.001, UpTo(2), &en()), "0", "no negative zero");
        assert_eq!(decimal(1234.5, UpTo(2), &fr()), format!("1{NNBSP}234,5"));
    }

    #[test]
    fn changes_carry_their_sign() {
        assert_eq!(signed_decimal(3.46, Exactly(1), &en()), "+3.5");
        assert_eq!(signed_decimal(-1.0, Exactly(1), &fr()), "-1,0");
        assert_eq!(signed_decimal(0.0, Exactly(1), &en()), "+0.0");
    }

    #[test]
    fn percentages_follow_cldr() {
        // 0.4567 is 45.67 percentage points.
        assert_eq!(percent(45.67, Exactly(0), &en()), "46%");
        // CLDR's French groups digits with a narrow no-break space but puts a full-width
        // no-break space before the percent sign.
        assert_eq!(percent(45.67, Exactly(0), &fr()), "46\u{a0}%");
        assert_eq!(percent(45.67, Exactly(1), &en()), "45.7%");
        assert_eq!(percent(45.67, Exactly(1), &fr()), "45,7\u{a0}%");
        assert_eq!(
            percent(1234.5, Exactly(1), &fr()),
            format!("1{NNBSP}234,5\u{a0}%")
        );
        assert_eq!(percent(-3.06, Exactly(1), &en()), "-3.1%");
        assert_eq!(
            percent(f64::NAN, Exactly(0), &en()),
            "NaN%",
            "not a number stays visible"
        );
    }

    #[test]
    fn dates_are_written_out_in_the_language() {
        let date = day(2026, 12, 7);
        assert_eq!(long_date(date, &en()), "7 December 2026");
        assert_eq!(long_date(date, &fr()), "7 décembre 2026");
        assert_eq!(short_date(date, &en()), "07/12/2026");
        assert_eq!(short_date(date, &fr()), "07/12/2026");
        assert_eq!(long_date(day(2023, 3, 1), &fr()), "1 mars 2023");
    }

    #[test]
    fn tables_abbreviate_the_month_and_ranges_join_two_dates() {
        let (start, end) = (day(2026, 12, 7), day(2026, 12, 11));
        assert_eq!(medium_date(start, &en()), "7 Dec 2026");
        assert_eq!(medium_date(start, &fr()), "7 déc. 2026");
        assert_eq!(medium_date(day(2027, 1, 18), &fr()), "18 janv. 2027");
        assert_eq!(
            date_range(start, end, &en()),
            "7 Dec 2026\u{a0}– 11 Dec 2026"
        );
        assert_eq!(
            date_range(start, end, &fr()),
            "7 déc. 2026\u{a0}– 11 déc. 2026"
        );
        assert_eq!(date_range(start, start, &fr()), "7 déc. 2026");
        assert_eq!(optional_date(None, &fr()), "");
    }

    #[test]
    fn stored_dates_and_timestamps_are_written_for_the_reader() {
        assert_eq!(stored_date("2026-12-07", &fr()), "7 déc. 2026");
        assert_eq!(stored_date("2026-12-07T10:30:00.123Z", &en()), "7 Dec 2026");
        assert_eq!(stored_date("", &en()), "", "nothing stays nothing");
        assert_eq!(stored_date("soon", &en()), "soon", "not a date: as it is");
        assert_eq!(
            stored_date_time("2026-12-07T10:30:00Z", &en()),
            "7 Dec 2026, 10:30\u{202f}am",
            "CLDR's international English writes a 12-hour clock"
        );
        assert_eq!(
            stored_date_time("2026-12-07T10:30:00Z", &fr()),
            "7 déc. 2026, 10:30"
        );
        assert_eq!(stored_date_time("2026-12-07", &fr()), "7 déc. 2026");
    }

    #[test]
    fn percentages_have_at_most_one_decimal() {
        assert_eq!(percentage(75.0, &en()), "75%");
        assert_eq!(percentage(75.0, &fr()), "75\u{a0}%");
        assert_eq!(percentage(66.666, &en()), "66.7%");
        assert_eq!(percentage(66.666, &fr()), "66,7\u{a0}%");
        assert_eq!(percentage(12.04, &fr()), "12\u{a0}%");
    }

    #[test]
    fn amounts_are_grouped_and_keep_their_currency() {
        assert_eq!(amount(2_500_000.0, "XOF", &en()), "2,500,000\u{a0}XOF");
        assert_eq!(
            amount(2_500_000.0, "XOF", &fr()),
            format!("2{NNBSP}500{NNBSP}000\u{a0}XOF")
        );
        assert_eq!(
            amount(1234.5, "EUR", &fr()),
            format!("1{NNBSP}234,5\u{a0}EUR")
        );
    }

    #[test]
    fn a_language_without_a_folder_or_a_branch_still_gets_its_cldr_formats() {
        // German and Spanish ship no locale folder and no line of Rust names them.
        let de = Locale::unshipped("de");
        assert_eq!(decimal(1_234_567.891, Exactly(2), &de), "1.234.567,89");
        assert_eq!(percent(45.67, Exactly(0), &de), "46\u{a0}%");
        assert_eq!(long_date(day(2026, 12, 7), &de), "7. Dezember 2026");
        let es = Locale::unshipped("es");
        // Spanish groups only from five digits (CLDR's minimum grouping digits).
        assert_eq!(integer(1234, &es), "1234");
        assert_eq!(integer(12_345, &es), "12.345");
        assert_eq!(long_date(day(2026, 12, 7), &es), "7 de diciembre de 2026");
    }

    proptest! {
        #[test]
        fn english_integers_read_back(value in any::<i64>()) {
            let written = integer(value, &en());
            let read: i64 = written.replace(',', "").parse().expect("digits and commas");
            prop_assert_eq!(read, value);
        }
    }
}
