//! Documents uploaded with a title (a session's material, a mission's
//! document): one reading of the multipart form and one content check, so
//! every such upload accepts and refuses the same files.

use axum::extract::Multipart;
use gedhub_core::{ValidationError, evidence};

use crate::error::{AppError, Result};
use crate::pages::instruments::multipart_error;

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
    while let Some(field) = multipart.next_field().await.map_err(multipart_error)? {
        match field.name() {
            Some("title") => title = field.text().await.map_err(multipart_error)?,
            Some("file") => {
                let name = field.file_name().unwrap_or_default().to_owned();
                let bytes = field.bytes().await.map_err(multipart_error)?;
                upload = Some((name, bytes.to_vec()));
            }
            _ => {}
        }
    }
    let (name, bytes) = upload.ok_or(AppError::Invalid(vec![ValidationError::new(
        "file", "required",
    )]))?;
    if bytes.len() > evidence::MAX_ATTACHMENT_BYTES {
        return Err(AppError::PayloadTooLarge);
    }
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
