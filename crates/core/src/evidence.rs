//! Which evidence files are accepted, judged by their content, not their name.

/// Largest accepted attachment.
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;

/// The content type of an accepted evidence file (PDF, Office documents,
/// OpenDocument, images), or `None` when the bytes are not one of them. The
/// file name only separates formats that share a container (ZIP, OLE).
pub fn detect_content_type(bytes: &[u8], file_name: &str) -> Option<&'static str> {
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    if bytes.starts_with(b"%PDF-") {
        return Some("application/pdf");
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some("image/png");
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some("image/jpeg");
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return Some("image/gif");
    }
    if bytes.len() > 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        return Some("image/webp");
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return match extension.as_str() {
            "docx" => {
                Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            }
            "xlsx" => Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            "pptx" => {
                Some("application/vnd.openxmlformats-officedocument.presentationml.presentation")
            }
            "odt" => Some("application/vnd.oasis.opendocument.text"),
            "ods" => Some("application/vnd.oasis.opendocument.spreadsheet"),
            "odp" => Some("application/vnd.oasis.opendocument.presentation"),
            _ => None,
        };
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return match extension.as_str() {
            "doc" => Some("application/msword"),
            "xls" => Some("application/vnd.ms-excel"),
            "ppt" => Some("application/vnd.ms-powerpoint"),
            _ => None,
        };
    }
    None
}

/// A file name safe to show and to send back in `Content-Disposition`: the
/// last path component, without control characters or quotes, at most 120
/// characters.
pub fn clean_file_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ';'))
        .take(120)
        .collect();
    let cleaned = cleaned.trim().to_owned();
    if cleaned.is_empty() || cleaned == "." || cleaned == ".." {
        "file".to_owned()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_files_are_recognised_by_their_bytes() {
        assert_eq!(
            detect_content_type(b"%PDF-1.7 ...", "report.txt"),
            Some("application/pdf")
        );
        assert_eq!(
            detect_content_type(b"\x89PNG\r\n\x1a\nrest", "x"),
            Some("image/png")
        );
        assert_eq!(
            detect_content_type(b"PK\x03\x04rest", "plan.xlsx").map(|t| t.ends_with("sheet")),
            Some(true)
        );
        assert_eq!(
            detect_content_type(b"PK\x03\x04rest", "archive.zip"),
            None,
            "a plain ZIP is refused"
        );
        assert_eq!(
            detect_content_type(b"<html><script>", "evidence.pdf"),
            None,
            "the name does not decide"
        );
        assert_eq!(detect_content_type(b"MZ\x90\x00", "tool.docx"), None);
    }

    #[test]
    fn file_names_lose_paths_and_dangerous_characters() {
        assert_eq!(
            clean_file_name("C:\\Users\\x\\Politique genre.pdf"),
            "Politique genre.pdf"
        );
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("a\"b;c\n.pdf"), "abc.pdf");
        assert_eq!(clean_file_name(".."), "file");
    }
}
