//! `multipart/mixed` bodies of the statements resource (xAPI 2.0,
//! Communication 1.5.2): the statements as the first part
//! (`application/json`), then one part per attachment payload, each named by
//! its SHA-2 hash in `X-Experience-API-Hash`.
//!
//! Reading and writing the envelope is pure byte work, so it lives here and is
//! unit-tested without HTTP; the LRS in `gedhub-web` hashes the parts and
//! stores them.

use memchr::memmem;

/// Most parts one body may have: the statements and their attachments. The
/// body itself is bounded by the route's size limit; this bounds the
/// bookkeeping per part.
pub const MAX_PARTS: usize = 1_000;
/// Most header lines one part may have (it needs two or three).
pub const MAX_PART_HEADERS: usize = 32;

/// One part: its headers (names lower-cased, values trimmed) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Part {
    /// The value of one header, by lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The media type without parameters, lower-cased (`application/json`).
    pub fn media_type(&self) -> Option<String> {
        self.header("content-type").map(media_type)
    }
}

/// Why a body is not a well-formed `multipart/mixed` envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MultipartError {
    /// The Content-Type has no `boundary` parameter.
    NoBoundary,
    /// The first boundary line never appears.
    NoFirstBoundary,
    /// A part's headers are not terminated by an empty line, or a header
    /// line has no colon or is not UTF-8.
    BadHeaders,
    /// The closing boundary (`--boundary--`) never appears.
    Unterminated,
    /// More than [`MAX_PARTS`] parts, or a part with more than
    /// [`MAX_PART_HEADERS`] header lines.
    TooManyParts,
}

impl MultipartError {
    /// A stable code for the error envelope.
    pub fn code(self) -> &'static str {
        match self {
            MultipartError::NoBoundary => "multipart_boundary_missing",
            MultipartError::NoFirstBoundary => "multipart_malformed",
            MultipartError::BadHeaders => "multipart_part_headers_malformed",
            MultipartError::Unterminated => "multipart_unterminated",
            MultipartError::TooManyParts => "multipart_too_many_parts",
        }
    }
}

/// `application/json; charset=utf-8` → `application/json`.
pub fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// The `boundary` parameter of a Content-Type, unquoted.
pub fn boundary(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("boundary") {
            return None;
        }
        let value = value.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or(value);
        (!value.is_empty() && value.len() <= 200).then(|| value.to_owned())
    })
}

/// Splits a body into its parts (RFC 2046 §5.1.1): the preamble before the
/// first boundary and the epilogue after the closing one are ignored; the
/// CRLF before each boundary line belongs to the boundary, not to the part.
pub fn parse(body: &[u8], boundary: &str) -> Result<Vec<Part>, MultipartError> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    // The first boundary: at the very start, or after a line break.
    let mut position = if body.starts_with(delimiter) {
        delimiter.len()
    } else {
        let inner = [b"\r\n".as_slice(), delimiter].concat();
        memmem::find(body, &inner).ok_or(MultipartError::NoFirstBoundary)? + inner.len()
    };
    let next_delimiter = [b"\r\n".as_slice(), delimiter].concat();
    let mut parts = Vec::new();
    loop {
        let rest = &body[position..];
        if rest.starts_with(b"--") {
            return Ok(parts);
        }
        // Transport padding (spaces, tabs) may follow a boundary, then CRLF.
        let line_end = memmem::find(rest, b"\r\n").ok_or(MultipartError::Unterminated)?;
        if !rest[..line_end].iter().all(|b| *b == b' ' || *b == b'\t') {
            return Err(MultipartError::BadHeaders);
        }
        let part_start = position + line_end + 2;
        let part = &body[part_start..];
        let end = memmem::find(part, &next_delimiter).ok_or(MultipartError::Unterminated)?;
        if parts.len() == MAX_PARTS {
            return Err(MultipartError::TooManyParts);
        }
        parts.push(read_part(&part[..end])?);
        position = part_start + end + next_delimiter.len();
    }
}

fn read_part(raw: &[u8]) -> Result<Part, MultipartError> {
    // A part with no headers starts with the empty line itself.
    let (head, body) = if let Some(body) = raw.strip_prefix(b"\r\n") {
        (&[][..], body)
    } else {
        let split = memmem::find(raw, b"\r\n\r\n").ok_or(MultipartError::BadHeaders)?;
        (&raw[..split], &raw[split + 4..])
    };
    let head = std::str::from_utf8(head).map_err(|_| MultipartError::BadHeaders)?;
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.split("\r\n").filter(|line| !line.is_empty()) {
        if line.starts_with([' ', '\t']) {
            // A folded continuation of the previous header.
            let (_, value) = headers.last_mut().ok_or(MultipartError::BadHeaders)?;
            // A blank continuation adds nothing, and a continuation of an
            // empty value starts it: values stay trimmed.
            let more = line.trim();
            if !more.is_empty() {
                if !value.is_empty() {
                    value.push(' ');
                }
                value.push_str(more);
            }
            continue;
        }
        let (name, value) = line.split_once(':').ok_or(MultipartError::BadHeaders)?;
        if headers.len() == MAX_PART_HEADERS {
            return Err(MultipartError::TooManyParts);
        }
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    Ok(Part {
        headers,
        body: body.to_vec(),
    })
}

/// Writes parts as a `multipart/mixed` body with `boundary` (which must not
/// occur in any part: the caller picks a random one).
pub fn write(parts: &[Part], boundary: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for part in parts {
        out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        for (name, value) in &part.headers {
            out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(&part.body);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    out
}
