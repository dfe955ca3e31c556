//! The audit log's query string, read the same way by the page and the
//! API (the entries come from `gedhub_app::users::audit`).

use chrono::NaiveDate;
use gedhub_store::audit::AuditFilter;
use serde::Deserialize;

use crate::error::{AppError, Result};

#[derive(Deserialize, Default, Clone)]
pub struct AuditQuery {
    pub actor: Option<String>,
    pub entity: Option<String>,
    pub action: Option<String>,
    pub administration: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub page: Option<u32>,
}

impl AuditQuery {
    /// The store filter; a malformed date is a 400 with a clear code.
    pub fn filter(&self) -> Result<AuditFilter> {
        let date = |raw: &Option<String>| -> Result<Option<NaiveDate>> {
            match raw.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
                None => Ok(None),
                Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .map(Some)
                    .map_err(|_| AppError::BadRequest("invalid_date")),
            }
        };
        Ok(AuditFilter {
            actor: self.actor.clone(),
            entity: self.entity.clone(),
            action: self.action.clone(),
            administration: self.administration.clone(),
            from_date: date(&self.from)?,
            to_date: date(&self.to)?,
        })
    }
}
