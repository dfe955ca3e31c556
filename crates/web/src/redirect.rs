//! Where a request may send the browser next: the one check for every
//! redirect target that comes from the request (`next` after signing in,
//! `return_to` after choosing a language).
//!
//! A target is accepted only when it is a path on this site, written in a
//! form every browser resolves the same way: an absolute path (`/...`, never
//! `//host` or `/\host`), then an optional query and fragment, in plain
//! visible ASCII. Browsers forgive a lot when they resolve a `Location`
//! header (they drop tabs and newlines, read `\` as `/`, fold fullwidth
//! characters), and each of those forgivenesses is a known open-redirect
//! bypass; rather than list the bypasses, the check admits only the small
//! grammar below (RFC 3986 `path-absolute` with its `pchar`s) and refuses
//! everything else. Because the accepted text is visible ASCII, it is also
//! always a valid header value: a redirect can never fail half-way.

use std::fmt;

/// The longest target accepted, in bytes. Real paths of this site are far
/// shorter; a longer value is an attack or an accident.
pub const MAX_TARGET_LEN: usize = 2048;

/// A same-site redirect target that passed [`LocalTarget::parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalTarget(String);

/// Why a target was refused (for logs and tests; users see one message).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadTarget {
    Empty,
    TooLong,
    /// Not `/` followed by something other than `/` or `\`.
    NotAbsolutePath,
    /// A byte outside the grammar: control, space, backslash, non-ASCII...
    ForbiddenCharacter,
    /// `%` not followed by two hex digits, or encoding a control or `\`.
    BadPercentEncoding,
    /// A `.` or `..` segment (also when percent-encoded), which browsers
    /// resolve before sending.
    DotSegment,
}

impl fmt::Display for BadTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self {
            BadTarget::Empty => "empty",
            BadTarget::TooLong => "too long",
            BadTarget::NotAbsolutePath => "not a path on this site",
            BadTarget::ForbiddenCharacter => "forbidden character",
            BadTarget::BadPercentEncoding => "bad percent-encoding",
            BadTarget::DotSegment => "dot segment",
        };
        f.write_str(why)
    }
}

impl LocalTarget {
    /// Accepts `raw` only when it is a path on this site (see the module
    /// documentation).
    pub fn parse(raw: &str) -> Result<Self, BadTarget> {
        if raw.is_empty() {
            return Err(BadTarget::Empty);
        }
        if raw.len() > MAX_TARGET_LEN {
            return Err(BadTarget::TooLong);
        }
        let bytes = raw.as_bytes();
        if bytes[0] != b'/' || matches!(bytes.get(1), Some(b'/' | b'\\')) {
            return Err(BadTarget::NotAbsolutePath);
        }
        let (before_fragment, fragment) = match raw.split_once('#') {
            Some((before, fragment)) => (before, Some(fragment)),
            None => (raw, None),
        };
        let (path, query) = match before_fragment.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (before_fragment, None),
        };
        check_part(path, is_path_byte)?;
        for segment in path.split('/') {
            if is_dot_segment(segment) {
                return Err(BadTarget::DotSegment);
            }
        }
        for part in query.into_iter().chain(fragment) {
            check_part(part, is_query_byte)?;
        }
        Ok(Self(raw.to_owned()))
    }

    /// The target of an optional form or query field: absent or empty means
    /// `fallback` (which must itself be a valid target); anything else must
    /// pass [`LocalTarget::parse`].
    pub fn requested(raw: Option<&str>, fallback: &'static str) -> Result<Self, BadTarget> {
        match raw {
            None | Some("") => Self::parse(fallback),
            Some(raw) => Self::parse(raw),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LocalTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// RFC 3986 `pchar` (unreserved, sub-delims, `:` and `@`) and `/`; `%` is
/// checked separately.
fn is_path_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&byte)
}

/// A query or fragment also admits `?` (RFC 3986) and the characters
/// browsers send unencoded in a query (`[ ] { } | ^ ``), which cannot move
/// the target to another site once the path is fixed.
fn is_query_byte(byte: u8) -> bool {
    is_path_byte(byte) || b"?[]{}|^`".contains(&byte)
}

fn check_part(part: &str, allowed: fn(u8) -> bool) -> Result<(), BadTarget> {
    let bytes = part.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        if byte == b'%' {
            let decoded = bytes
                .get(index + 1..index + 3)
                .and_then(|hex| std::str::from_utf8(hex).ok())
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                .ok_or(BadTarget::BadPercentEncoding)?;
            // An encoded control or backslash has no business in a link of
            // ours, and a later decoding step could turn it into a real one.
            if decoded.is_ascii_control() || decoded == b'\\' {
                return Err(BadTarget::BadPercentEncoding);
            }
            index += 3;
        } else if allowed(byte) {
            index += 1;
        } else {
            return Err(BadTarget::ForbiddenCharacter);
        }
    }
    Ok(())
}

/// `.` and `..`, also as `%2e` / `%2E` (the URL Standard treats those alike).
fn is_dot_segment(segment: &str) -> bool {
    let lower = segment.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "." | ".." | "%2e" | ".%2e" | "%2e." | "%2e%2e"
    )
}

#[cfg(test)]
mod tests {
    use super::{BadTarget, LocalTarget, MAX_TARGET_LEN};

    /// Known open-redirect bypasses (OWASP's cheat sheet, PortSwigger's
    /// list, the browser quirks of the URL Standard), each refused.
    #[test]
    fn known_open_redirect_bypasses_are_refused() {
        let long = format!("/{}", "a".repeat(MAX_TARGET_LEN));
        let cases: &[(&str, BadTarget)] = &[
            ("", BadTarget::Empty),
            ("//evil.example", BadTarget::NotAbsolutePath),
            ("//evil.example/path", BadTarget::NotAbsolutePath),
            ("///evil.example", BadTarget::NotAbsolutePath),
            ("/\\evil.example", BadTarget::NotAbsolutePath),
            ("\\\\evil.example", BadTarget::NotAbsolutePath),
            ("\\/evil.example", BadTarget::NotAbsolutePath),
            ("/\t/evil.example", BadTarget::ForbiddenCharacter),
            ("/\n/x", BadTarget::ForbiddenCharacter),
            ("/\r\n/x", BadTarget::ForbiddenCharacter),
            ("/x\r\nSet-Cookie: a=b", BadTarget::ForbiddenCharacter),
            ("/plans\0", BadTarget::ForbiddenCharacter),
            ("/plans\x7f", BadTarget::ForbiddenCharacter),
            ("/ /evil.example", BadTarget::ForbiddenCharacter),
            ("/a\\b", BadTarget::ForbiddenCharacter),
            ("/plans?x=\\", BadTarget::ForbiddenCharacter),
            ("/plans#\n", BadTarget::ForbiddenCharacter),
            ("/plans?\t", BadTarget::ForbiddenCharacter),
            ("https://evil.example", BadTarget::NotAbsolutePath),
            ("https:evil.example", BadTarget::NotAbsolutePath),
            ("http:/evil.example", BadTarget::NotAbsolutePath),
            ("javascript:alert(1)", BadTarget::NotAbsolutePath),
            ("JaVaScRiPt:alert(1)", BadTarget::NotAbsolutePath),
            ("data:text/html,<script>", BadTarget::NotAbsolutePath),
            (" /plans", BadTarget::NotAbsolutePath),
            ("\t//evil.example", BadTarget::NotAbsolutePath),
            ("evil.example", BadTarget::NotAbsolutePath),
            ("plans/3", BadTarget::NotAbsolutePath),
            ("?next=x", BadTarget::NotAbsolutePath),
            ("#x", BadTarget::NotAbsolutePath),
            ("/%09/evil.example", BadTarget::BadPercentEncoding),
            ("/%0a/x", BadTarget::BadPercentEncoding),
            ("/%0D%0ASet-Cookie:a=b", BadTarget::BadPercentEncoding),
            ("/%00", BadTarget::BadPercentEncoding),
            ("/%5cevil.example", BadTarget::BadPercentEncoding),
            ("/%5Cevil.example", BadTarget::BadPercentEncoding),
            ("/%", BadTarget::BadPercentEncoding),
            ("/%2", BadTarget::BadPercentEncoding),
            ("/%zz", BadTarget::BadPercentEncoding),
            ("/%+1", BadTarget::BadPercentEncoding),
            ("/.//evil.example", BadTarget::DotSegment),
            ("/..//evil.example", BadTarget::DotSegment),
            ("/plans/../../x", BadTarget::DotSegment),
            ("/%2e%2e//evil.example", BadTarget::DotSegment),
            ("/%2E/x", BadTarget::DotSegment),
            ("/.%2e/x", BadTarget::DotSegment),
            // Unicode look-alikes of `/` and `\` that browsers may fold.
            ("/\u{ff0f}evil.example", BadTarget::ForbiddenCharacter),
            ("/\u{ff3c}evil.example", BadTarget::ForbiddenCharacter),
            ("/\u{2215}evil.example", BadTarget::ForbiddenCharacter),
            ("/\u{2044}evil.example", BadTarget::ForbiddenCharacter),
            ("/\u{3002}evil.example", BadTarget::ForbiddenCharacter),
            ("/plans\u{200b}", BadTarget::ForbiddenCharacter),
            ("/plans\u{2028}", BadTarget::ForbiddenCharacter),
            ("/caf\u{e9}", BadTarget::ForbiddenCharacter),
            ("/\"onmouseover=alert(1)", BadTarget::ForbiddenCharacter),
            ("/<script>", BadTarget::ForbiddenCharacter),
            (long.as_str(), BadTarget::TooLong),
        ];
        for (raw, why) in cases {
            assert_eq!(LocalTarget::parse(raw), Err(*why), "{raw:?}");
        }
    }

    #[test]
    fn paths_of_this_site_are_accepted_as_they_are() {
        let longest = format!("/{}", "a".repeat(MAX_TARGET_LEN - 1));
        for raw in [
            "/",
            "/dashboard",
            "/plans/3?tab=x#y",
            "/administrations/BJ",
            "/login?next=%2Fplans%2F3",
            "/practices?q=gender+equality&page=2",
            "/assessments/4/sections/A?saved=A.1#indicator-A-1",
            "/users?created=a%40b.org",
            "/caf%C3%A9",
            "/a.b/.well-known/x",
            "/search?q={x}|[y]^`z`",
            "/x?next=//not-a-target-here",
            "/x#frag/with?marks",
            "/~user/a:b@c;d=e,f!g$h&i'j(k)l*m+n",
            longest.as_str(),
        ] {
            assert_eq!(
                LocalTarget::parse(raw).map(|t| t.as_str().to_owned()),
                Ok(raw.to_owned()),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn an_absent_or_empty_field_means_the_fallback_and_a_bad_one_is_an_error() {
        assert_eq!(
            LocalTarget::requested(None, "/dashboard").map(|t| t.to_string()),
            Ok("/dashboard".to_owned())
        );
        assert_eq!(
            LocalTarget::requested(Some(""), "/dashboard").map(|t| t.to_string()),
            Ok("/dashboard".to_owned())
        );
        assert_eq!(
            LocalTarget::requested(Some("/plans"), "/dashboard").map(|t| t.to_string()),
            Ok("/plans".to_owned())
        );
        assert_eq!(
            LocalTarget::requested(Some("//evil.example"), "/dashboard"),
            Err(BadTarget::NotAbsolutePath)
        );
    }

    mod properties {
        use proptest::prelude::*;

        use super::super::LocalTarget;

        /// Resolves `target` the way a browser resolves a `Location` header
        /// (the WHATWG URL parser) against a page of this site.
        fn browser_resolves(target: &str) -> Option<url::Url> {
            let base = url::Url::parse("https://gedhub.example/some/page?x=1").ok()?;
            base.join(target).ok()
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4000))]

            /// Whatever is accepted stays on this site when a browser follows
            /// it, keeps the path it was given (no normalisation), and is a
            /// valid header value.
            #[test]
            fn every_accepted_target_stays_on_this_site(
                raw in prop_oneof![
                    // Anything at all, including controls and Unicode.
                    any::<String>(),
                    // Mostly acceptable text, to exercise what is let through.
                    "/[a-zA-Z0-9._~!$&'()*+,;=:@/%?#\\\\\\[\\]{}|^`-]{0,40}",
                    // Strings built from the characters of past bypasses.
                    proptest::collection::vec(
                        prop_oneof![
                            Just("/"), Just("\\"), Just("."), Just("%"), Just("%2e"),
                            Just("%2f"), Just("%5c"), Just("%09"), Just("\t"), Just("\n"),
                            Just("?"), Just("#"), Just(":"), Just("@"), Just("evil.example"),
                            Just("\u{ff0f}"), Just("a"), Just("0"), Just("https:"),
                        ],
                        0..12,
                    ).prop_map(|parts| parts.concat()),
                ]
            ) {
                if let Ok(target) = LocalTarget::parse(&raw) {
                    let resolved = browser_resolves(target.as_str())
                        .expect("an accepted target resolves");
                    prop_assert_eq!(resolved.origin().ascii_serialization(), "https://gedhub.example");
                    let path_start = target.as_str().find(['?', '#']).unwrap_or(target.as_str().len());
                    prop_assert_eq!(resolved.path(), &target.as_str()[..path_start]);
                    prop_assert!(axum::http::HeaderValue::from_str(target.as_str()).is_ok());
                }
            }
        }
    }
}
