//! Validated values and identifiers.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a value was refused. The `code` is stable and is what the web edge
/// translates and sends to API clients.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {code}")]
pub struct ValidationError {
    /// The field (form or JSON) the value came from.
    pub field: &'static str,
    /// A stable snake_case reason, e.g. `invalid_email`.
    pub code: &'static str,
}

impl ValidationError {
    pub fn new(field: &'static str, code: &'static str) -> Self {
        Self { field, code }
    }
}

/// A calendar date as forms and the API write it (`YYYY-MM-DD`, surrounding
/// spaces ignored); anything else is `invalid_date` at `field`, so every
/// feature refuses dates with the same code.
pub fn parse_date(field: &'static str, text: &str) -> Result<chrono::NaiveDate, ValidationError> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| ValidationError::new(field, "invalid_date"))
}

/// An optional date: empty or absent is `None`, so a cleared form field
/// and a missing JSON member mean the same.
pub fn parse_optional_date(
    field: &'static str,
    text: Option<&str>,
) -> Result<Option<chrono::NaiveDate>, ValidationError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(text) => parse_date(field, text).map(Some),
    }
}

/// A user's primary key. A newtype so it cannot be mixed up with other ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UserId(pub i64);

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The four roles. Authorization decisions are made from the role plus, for
/// focal points, experts and participants, the administration they belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// WCO Secretariat staff: see and manage everything.
    Secretariat,
    /// A Member administration's GED focal point: their own administration only.
    FocalPoint,
    /// A trainer, expert candidate or Recognized Expert: what they are assigned to.
    Expert,
    /// A workshop participant: their own training record.
    Participant,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Secretariat,
        Role::FocalPoint,
        Role::Expert,
        Role::Participant,
    ];

    /// The stable snake_case code used in the API, the database and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Secretariat => "secretariat",
            Role::FocalPoint => "focal_point",
            Role::Expert => "expert",
            Role::Participant => "participant",
        }
    }

    pub fn parse(code: &str) -> Result<Self, ValidationError> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == code.trim())
            .ok_or(ValidationError::new("role", "unknown_role"))
    }

    /// Focal points act for one administration, so they must have one.
    pub fn requires_administration(self) -> bool {
        matches!(self, Role::FocalPoint)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The six WCO regions, by the codes of the Members list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Region {
    /// East and Southern Africa.
    #[serde(rename = "ESA")]
    Esa,
    /// West and Central Africa.
    #[serde(rename = "WCA")]
    Wca,
    /// North of Africa, Near and Middle East.
    #[serde(rename = "MENA")]
    Mena,
    /// Europe.
    #[serde(rename = "EUR")]
    Eur,
    /// Far East, South and South East Asia, Australasia and the Pacific Islands.
    #[serde(rename = "AP")]
    Ap,
    /// South America, North America, Central America and the Caribbean.
    #[serde(rename = "AMS")]
    Ams,
}

impl Region {
    pub const ALL: [Region; 6] = [
        Region::Esa,
        Region::Wca,
        Region::Mena,
        Region::Eur,
        Region::Ap,
        Region::Ams,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Region::Esa => "ESA",
            Region::Wca => "WCA",
            Region::Mena => "MENA",
            Region::Eur => "EUR",
            Region::Ap => "AP",
            Region::Ams => "AMS",
        }
    }

    /// Accepts the codes case-insensitively, and "A/P" as written in WCO texts.
    pub fn parse(code: &str) -> Result<Self, ValidationError> {
        let code = code.trim().to_ascii_uppercase();
        let code = if code == "A/P" { "AP".to_owned() } else { code };
        Region::ALL
            .into_iter()
            .find(|region| region.as_str() == code)
            .ok_or(ValidationError::new("region", "unknown_region"))
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The code of a Member administration: ISO 3166-1 alpha-2 for countries
/// (e.g. `BJ`), or a code the Secretariat chooses for a customs territory or a
/// user-assigned code such as `XK`. 2 to 8 characters, A–Z, 0–9 and `-`, stored
/// upper-case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AdministrationCode(String);

impl AdministrationCode {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let code = raw.trim().to_ascii_uppercase();
        let well_formed = (2..=8).contains(&code.len())
            && code.starts_with(|c: char| c.is_ascii_uppercase())
            && code
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
        if well_formed {
            Ok(Self(code))
        } else {
            Err(ValidationError::new("code", "invalid_administration_code"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for AdministrationCode {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<AdministrationCode> for String {
    fn from(value: AdministrationCode) -> Self {
        value.0
    }
}

impl fmt::Display for AdministrationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An e-mail address, trimmed and lower-cased so that sign-in is not case
/// sensitive. The check is deliberately modest (one `@`, a dot in the domain,
/// no spaces): the real proof of an address is a message that arrives.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let email = raw.trim().to_lowercase();
        let invalid = ValidationError::new("email", "invalid_email");
        if email.len() > 254 || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid);
        }
        let Some((local, domain)) = email.split_once('@') else {
            return Err(invalid);
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@');
        if local.is_empty() || !domain_ok {
            return Err(invalid);
        }
        Ok(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A password a user is choosing. Length is what matters (NIST SP 800-63B):
/// at least 10 characters; at most 256 so that hashing cannot be used to
/// exhaust the server.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_CHARS: usize = 10;
    pub const MAX_CHARS: usize = 256;

    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let chars = raw.chars().count();
        if chars < Self::MIN_CHARS {
            Err(ValidationError::new("password", "password_too_short"))
        } else if chars > Self::MAX_CHARS {
            Err(ValidationError::new("password", "password_too_long"))
        } else {
            Ok(Self(raw.to_owned()))
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn roles_round_trip_through_their_codes() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
        assert_eq!(Role::parse("focal_point"), Ok(Role::FocalPoint));
        assert!(Role::parse("admin").is_err());
    }

    #[test]
    fn regions_accept_the_wco_spelling_of_asia_pacific() {
        assert_eq!(Region::parse("A/P"), Ok(Region::Ap));
        assert_eq!(Region::parse("wca"), Ok(Region::Wca));
        assert!(Region::parse("OCEANIA").is_err());
    }

    #[test]
    fn administration_codes_are_upper_cased_and_bounded() {
        assert_eq!(
            AdministrationCode::parse(" bj ").map(|c| c.0),
            Ok("BJ".to_owned())
        );
        assert!(AdministrationCode::parse("XK").is_ok());
        assert!(AdministrationCode::parse("B").is_err());
        assert!(AdministrationCode::parse("TOOLONGCODE").is_err());
        assert!(AdministrationCode::parse("B J").is_err());
        assert!(AdministrationCode::parse("1A").is_err());
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Focal.Benin@Douanes.BJ ").map(|e| e.0),
            Ok("focal.benin@douanes.bj".to_owned())
        );
        for bad in [
            "",
            "no-at",
            "@x.org",
            "a@b",
            "a@.org",
            "a b@c.org",
            "a@b.org.",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn passwords_need_ten_characters_counted_as_characters_not_bytes() {
        assert!(NewPassword::parse("123456789").is_err());
        assert!(NewPassword::parse("1234567890").is_ok());
        // Nine two-byte characters are still nine characters.
        assert!(NewPassword::parse("ééééééééé").is_err());
        assert!(NewPassword::parse(&"x".repeat(257)).is_err());
    }

    proptest! {
        #[test]
        fn a_parsed_email_parses_again_to_itself(local in "[a-z0-9._-]{1,20}", domain in "[a-z0-9-]{1,20}\\.[a-z]{2,6}") {
            let email = Email::parse(&format!("{local}@{domain}")).expect("valid by construction");
            prop_assert_eq!(Email::parse(email.as_str()), Ok(email.clone()));
        }

        #[test]
        fn administration_code_parsing_is_idempotent(raw in "\\PC{0,12}") {
            if let Ok(code) = AdministrationCode::parse(&raw) {
                prop_assert_eq!(AdministrationCode::parse(code.as_str()), Ok(code.clone()));
            }
        }
    }
}

/// Free text that must not be blank, trimmed, at most `max_chars` characters
/// (names, titles).
pub fn required_text(
    field: &'static str,
    raw: &str,
    max_chars: usize,
) -> Result<String, ValidationError> {
    let text = raw.trim();
    if text.is_empty() {
        Err(ValidationError::new(field, "required"))
    } else if text.chars().count() > max_chars {
        Err(ValidationError::new(field, "too_long"))
    } else {
        Ok(text.to_owned())
    }
}

#[cfg(test)]
mod text_tests {
    use super::*;

    #[test]
    fn required_text_is_trimmed_and_bounded() {
        assert_eq!(required_text("name", "  Awa  ", 10), Ok("Awa".to_owned()));
        assert_eq!(
            required_text("name", "   ", 10),
            Err(ValidationError::new("name", "required"))
        );
        assert_eq!(
            required_text("name", "abcdefghijk", 10),
            Err(ValidationError::new("name", "too_long"))
        );
    }
}
