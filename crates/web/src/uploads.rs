//! Documents uploaded with a title (a session's material, a mission's
//! document): one reading of the multipart form and one content check, so
//! every such upload accepts and refuses the same files. Also the
//! multipart helpers every upload form shares (web-only: the application
//! layer takes bytes, not forms).

use axum::extract::Multipart;
use axum::extract::multipart::Field;
use axum::http::StatusCode;
use gedhub_core::{ValidationError, evidence};

use crate::error::{AppError, Result};

/// Most parts an upload form may have: gedhub's forms have a handful of
/// fields, and each part costs a header parse however small it is.
pub const MAX_FORM_PARTS: usize = 32;
/// Longest text field of an upload form (a title, a year, a date); the
/// file part is bounded by the route's body limit.
pub const MAX_FORM_TEXT_BYTES: usize = 16 * 1024;

/// The next part of an upload form, counting them: past [`MAX_FORM_PARTS`]
/// the form is refused (400 `form_too_many_parts`). Every multipart handler
/// reads its fields through here.
pub async fn next_part<'m>(
    multipart: &'m mut Multipart,
    seen: &mut usize,
) -> Result<Option<Field<'m>>> {
    let field = multipart.next_field().await.map_err(multipart_error)?;
    if field.is_some() {
        *seen += 1;
        if *seen > MAX_FORM_PARTS {
            return Err(AppError::BadRequest("form_too_many_parts"));
        }
    }
    Ok(field)
}

/// A text field's value, read chunk by chunk up to [`MAX_FORM_TEXT_BYTES`]
/// (400 `form_field_too_long` past it, `form_malformed` if not UTF-8).
pub async fn field_text(mut field: Field<'_>) -> Result<String> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
        if bytes.len() + chunk.len() > MAX_FORM_TEXT_BYTES {
            return Err(AppError::BadRequest("form_field_too_long"));
        }
        bytes.extend_from_slice(&chunk);
    }
    String::from_utf8(bytes).map_err(|_| AppError::BadRequest("form_malformed"))
}

/// A file part's bytes, read chunk by chunk and refused (413) as soon as
/// they pass `max_bytes`, so the size is checked while reading rather than
/// after the whole part sits in memory.
pub async fn field_bytes(mut field: Field<'_>, max_bytes: usize) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
        if bytes.len() + chunk.len() > max_bytes {
            return Err(AppError::PayloadTooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// A request body sent as the file itself (the API's uploads), read chunk
/// by chunk and refused (413) past `max_bytes`: first by its declared
/// `Content-Length`, before anything is read, then while reading, so a body
/// that lies about its length is stopped at the limit too.
pub async fn body_bytes(
    headers: &axum::http::HeaderMap,
    body: axum::body::Body,
    max_bytes: usize,
) -> Result<Vec<u8>> {
    use futures_util::StreamExt;
    let declared = headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > max_bytes as u64) {
        return Err(AppError::PayloadTooLarge);
    }
    let mut stream = body.into_data_stream();
    let mut bytes = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| AppError::BadRequest("bad_request"))?;
        if bytes.len() + chunk.len() > max_bytes {
            return Err(AppError::PayloadTooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// A checked upload: its title (the file name when none was given), the
/// cleaned file name, the type judged from the content, and the bytes.
pub struct TitledDocument {
    pub title: String,
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

impl TitledDocument {
    pub fn size_bytes(&self) -> i64 {
        i64::try_from(self.bytes.len()).unwrap_or(i64::MAX)
    }
}

/// Reads the `title` and `file` fields: 413 past the body limit or
/// [`evidence::MAX_ATTACHMENT_BYTES`], 400 for a broken form, 422 without
/// a file or for a file type evidence does not accept.
pub async fn read_titled_document(multipart: &mut Multipart) -> Result<TitledDocument> {
    let mut title = String::new();
    let mut upload: Option<(String, Vec<u8>)> = None;
    let mut seen = 0;
    while let Some(field) = next_part(multipart, &mut seen).await? {
        match field.name() {
            Some("title") => title = field_text(field).await?,
            Some("file") => {
                let name = field.file_name().unwrap_or_default().to_owned();
                let bytes = field_bytes(field, evidence::MAX_ATTACHMENT_BYTES).await?;
                upload = Some((name, bytes));
            }
            _ => {}
        }
    }
    let (name, bytes) = upload.ok_or(AppError::Invalid(vec![ValidationError::new(
        "file", "required",
    )]))?;
    let file_name = evidence::clean_file_name(&name);
    let content_type =
        evidence::detect_content_type(&bytes, &file_name).ok_or(AppError::Invalid(vec![
            ValidationError::new("file", "file_type_not_accepted"),
        ]))?;
    let title = match title.trim() {
        "" => file_name.clone(),
        given => given.to_owned(),
    };
    Ok(TitledDocument {
        title,
        file_name,
        content_type,
        bytes,
    })
}

/// A multipart read error as the user should see it: 413 when the route's
/// body limit was hit (it surfaces as a read error somewhere in the source
/// chain), 400 otherwise.
pub fn multipart_error(error: axum::extract::multipart::MultipartError) -> AppError {
    let mut source: Option<&dyn std::error::Error> = Some(&error);
    let mut too_large = error.status() == StatusCode::PAYLOAD_TOO_LARGE;
    while let Some(current) = source {
        too_large |= current.to_string().contains("length limit exceeded");
        source = current.source();
    }
    if too_large {
        AppError::PayloadTooLarge
    } else {
        AppError::BadRequest("form_malformed")
    }
}

/// The bytes and file name of the form's `field_name` file part, at most
/// `max_bytes` of them (413 past it).
pub async fn uploaded_file(
    mut multipart: Multipart,
    field_name: &str,
    max_bytes: usize,
) -> Result<(String, Vec<u8>)> {
    let mut seen = 0;
    while let Some(field) = next_part(&mut multipart, &mut seen).await? {
        if field.name() == Some(field_name) {
            let file_name = field.file_name().unwrap_or("upload").to_owned();
            let bytes = field_bytes(field, max_bytes).await?;
            return Ok((file_name, bytes));
        }
    }
    Err(AppError::Invalid(vec![gedhub_core::ValidationError::new(
        "file", "required",
    )]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{HeaderMap, HeaderValue, header};

    fn chunked(parts: &[&'static [u8]]) -> Body {
        let chunks: Vec<std::result::Result<&'static [u8], std::io::Error>> =
            parts.iter().map(|part| Ok(*part)).collect();
        Body::from_stream(futures_util::stream::iter(chunks))
    }

    #[tokio::test]
    async fn a_body_within_the_limit_is_read_whole() {
        let bytes = body_bytes(&HeaderMap::new(), chunked(&[b"abc", b"def"]), 6).await;
        assert_eq!(bytes.expect("within the limit"), b"abcdef");
    }

    #[tokio::test]
    async fn a_body_is_stopped_at_the_limit_while_it_is_read() {
        let refused = body_bytes(&HeaderMap::new(), chunked(&[b"abc", b"defg"]), 6).await;
        assert!(matches!(refused, Err(AppError::PayloadTooLarge)));
    }

    #[tokio::test]
    async fn a_declared_length_past_the_limit_is_refused_before_reading() {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from_static("7"));
        let refused = body_bytes(&headers, chunked(&[b"abc"]), 6).await;
        assert!(matches!(refused, Err(AppError::PayloadTooLarge)));
    }
}
