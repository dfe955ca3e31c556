//! Body extractors whose rejections become [`AppError`]s, so that malformed
//! input gets our error envelope or page instead of axum's plain text.

use axum::extract::{FromRequest, FromRequestParts};

use crate::error::AppError;

/// A JSON body (API).
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(AppError))]
pub struct ApiJson<T>(pub T);

/// A form body (pages).
#[derive(FromRequest)]
#[from_request(via(axum::Form), rejection(AppError))]
pub struct AppForm<T>(pub T);

/// Query parameters.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(AppError))]
pub struct AppQuery<T>(pub T);

/// Path parameters; an unreadable path is a 404.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct AppPath<T>(pub T);

/// Keeps "return to" targets on this site: a relative path, never `//host`.
pub fn local_path(candidate: Option<&str>, fallback: &str) -> String {
    match candidate {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path.to_owned()
        }
        _ => fallback.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(
            local_path(Some("/administrations/BJ"), "/dashboard"),
            "/administrations/BJ"
        );
        assert_eq!(
            local_path(Some("//evil.example"), "/dashboard"),
            "/dashboard"
        );
        assert_eq!(
            local_path(Some("https://evil.example"), "/dashboard"),
            "/dashboard"
        );
        assert_eq!(
            local_path(Some("/\\evil.example"), "/dashboard"),
            "/dashboard"
        );
        assert_eq!(local_path(None, "/dashboard"), "/dashboard");
    }
}
