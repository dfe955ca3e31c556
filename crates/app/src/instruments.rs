//! Instruments: importing a new edition from a workbook (the Secretariat's
//! import page and `gedhub instrument import` share it).

use gedhub_core::instrument::{ImportProblem, Instrument, parse_workbook};
use gedhub_core::tabular::{self, Limits, TableError};
use gedhub_store::Store;

use crate::caller::Caller;
use crate::error::{AppError, Result};

/// What became of a workbook.
#[derive(Debug)]
pub enum ImportOutcome {
    Imported(Box<Instrument>),
    /// Readable, but not an instrument: every problem, by sheet, row and
    /// column; nothing was stored.
    Refused(Vec<ImportProblem>),
    /// The file is not a workbook, or not one within the reader's limits
    /// (the error names where).
    Unreadable(TableError),
}

/// May import instruments: whoever manages the registry (the Secretariat).
pub fn may_import(caller: &Caller) -> bool {
    caller.principal.can_manage_registry()
}

/// Reads an .xlsx workbook and, if it is a valid instrument, stores it
/// (`instrument_in_use` when an assessment already uses that code).
/// The workbook is read on a blocking thread: a large one takes a while and
/// must not stall the request workers.
pub async fn import_workbook(
    store: &Store,
    caller: &Caller,
    bytes: Vec<u8>,
) -> Result<ImportOutcome> {
    caller.require(may_import(caller))?;
    let read =
        tokio::task::spawn_blocking(move || tabular::read_workbook(&bytes, &Limits::DOCUMENT))
            .await
            .map_err(|error| AppError::Internal(format!("reading a file: {error}")))?;
    let sheets = match read {
        Ok(sheets) => sheets,
        Err(error) => return Ok(ImportOutcome::Unreadable(error)),
    };
    match parse_workbook(&sheets) {
        Ok(instrument) => {
            store.import_instrument(&caller.actor, &instrument).await?;
            Ok(ImportOutcome::Imported(Box::new(instrument)))
        }
        Err(problems) => Ok(ImportOutcome::Refused(problems)),
    }
}
