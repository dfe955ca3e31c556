//! Instruments: browse the tree, export it as a workbook, and (Secretariat)
//! import a new edition from a workbook.

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gedhub_app::instruments::{self, ImportOutcome};
use gedhub_core::instrument::{ImportProblem, to_workbook};
use serde::Deserialize;

use crate::context::{RequestContext, SignedIn};
use crate::error::{AppError, Result};
use crate::extract::{AppPath, AppQuery};
use crate::i18n::Locale;
use crate::state::AppState;
use crate::views::{Page, render, render_with_status};
use crate::workbooks;

pub struct InstrumentRow {
    pub code: String,
    pub title: String,
    pub edition: String,
    pub sections: usize,
    pub indicators: usize,
    pub in_use: bool,
}

pub struct ProblemRow {
    pub sheet: String,
    pub row: String,
    pub column: String,
    pub problem: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "instruments.html")]
pub struct InstrumentsPage {
    pub page: Page,
    pub rows: Vec<InstrumentRow>,
    pub can_import: bool,
    pub notice: Option<String>,
    pub problems: Vec<ProblemRow>,
    pub error: Option<String>,
}

#[derive(Deserialize)]
pub struct ListQuery {
    pub imported: Option<String>,
}

async fn instruments_page(
    state: &AppState,
    signed_in: &SignedIn,
    context: &RequestContext,
) -> Result<InstrumentsPage> {
    let page = Page::new(context, "instruments-title");
    let lang = page.lang.clone();
    let rows = state
        .store()
        .instruments()
        .await?
        .into_iter()
        .map(|summary| InstrumentRow {
            title: summary.title.get(&lang).to_owned(),
            code: summary.code,
            edition: summary.edition,
            sections: summary.section_count,
            indicators: summary.indicator_count,
            in_use: summary.in_use,
        })
        .collect();
    Ok(InstrumentsPage {
        page,
        rows,
        can_import: signed_in.principal.can_manage_registry(),
        notice: None,
        problems: Vec::new(),
        error: None,
    })
}

/// `GET /instruments`.
pub async fn list_instruments(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppQuery(query): AppQuery<ListQuery>,
) -> Result<Response> {
    let mut page = instruments_page(&state, &signed_in, &context).await?;
    page.notice = query.imported.map(|code| {
        context
            .locale
            .t_args("instruments-imported", &[("code", code)])
    });
    Ok(render(&page))
}

/// Translated description of one import problem.
pub fn problem_row(locale: &Locale, problem: &ImportProblem) -> ProblemRow {
    let key = format!("import-{}", problem.code);
    ProblemRow {
        sheet: problem.sheet.clone(),
        row: problem.row.map(|r| r.to_string()).unwrap_or_default(),
        column: problem.column.clone().unwrap_or_default(),
        problem: if locale.has(&key) {
            locale.t(&key)
        } else {
            problem.code.to_owned()
        },
        value: problem.value.clone().unwrap_or_default(),
    }
}

// The multipart helpers live in `crate::uploads` (web-only, shared by every
// upload form); re-exported here for the pages that still name them here.
pub use crate::uploads::{multipart_error, uploaded_file};

/// `POST /instruments/import` (Secretariat): a multipart upload of an .xlsx
/// workbook; refused whole, with every problem listed, when anything is wrong.
pub async fn import_instrument(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    multipart: Multipart,
) -> Result<Response> {
    // Refused before the upload is read; the use case checks again.
    signed_in
        .caller
        .require(instruments::may_import(&signed_in.caller))?;
    let (_, bytes) =
        uploaded_file(multipart, "workbook", crate::workbooks::MAX_WORKBOOK_BYTES).await?;
    let refused = |problems: Vec<ProblemRow>, error: Option<String>| async {
        let mut page = instruments_page(&state, &signed_in, &context).await?;
        page.problems = problems;
        page.error = error;
        Ok::<_, AppError>(render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
    };
    match instruments::import_workbook(state.store(), &signed_in.caller, bytes).await {
        Ok(ImportOutcome::Imported(instrument)) => {
            let query = serde_urlencoded::to_string([("imported", instrument.code.as_str())])
                .unwrap_or_default();
            Ok(Redirect::to(&format!("/instruments?{query}")).into_response())
        }
        Ok(ImportOutcome::Unreadable(error)) => {
            refused(
                Vec::new(),
                Some(workbooks::describe_table_error(&error, &context.locale)),
            )
            .await
        }
        Ok(ImportOutcome::Refused(problems)) => {
            let rows = problems
                .iter()
                .map(|p| problem_row(&context.locale, p))
                .collect();
            refused(rows, Some(context.locale.t("instruments-import-refused"))).await
        }
        Err(gedhub_app::AppError::Conflict { code }) => {
            refused(
                Vec::new(),
                Some(crate::views::error_detail(&context.locale, code, None)),
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

pub struct TreeIndicator {
    pub code: String,
    pub label: String,
    pub guidance: String,
}

pub struct TreeKeyElement {
    pub code: String,
    pub label: String,
    pub indicators: Vec<TreeIndicator>,
}

pub struct TreeSection {
    pub code: String,
    pub label: String,
    pub key_elements: Vec<TreeKeyElement>,
}

pub struct ScaleRow {
    pub value: String,
    pub label: String,
    pub description: String,
}

#[derive(Template)]
#[template(path = "instrument.html")]
pub struct InstrumentPage {
    pub page: Page,
    pub code: String,
    pub edition: String,
    pub description: String,
    pub sections: Vec<TreeSection>,
    pub scale: Vec<ScaleRow>,
    pub strength_threshold: u8,
    pub gap_threshold: u8,
}

/// `GET /instruments/{code}`: the whole tree in the reader's language.
pub async fn show_instrument(
    State(state): State<AppState>,
    _signed_in: SignedIn,
    context: RequestContext,
    AppPath(code): AppPath<String>,
) -> Result<Response> {
    let instrument = state.store().instrument(&code).await?;
    let lang = context.locale.code();
    let page =
        Page::new(&context, "instruments-title").with_title(instrument.title.get(&lang).to_owned());
    let mut scale: Vec<ScaleRow> = instrument
        .scale
        .levels
        .iter()
        .map(|level| ScaleRow {
            value: level.value.to_string(),
            label: level.label.get(&lang).to_owned(),
            description: level.description.get(&lang).to_owned(),
        })
        .collect();
    if let Some(na) = &instrument.scale.not_applicable {
        scale.push(ScaleRow {
            value: context.locale.t("rating-na-short"),
            label: na.label.get(&lang).to_owned(),
            description: na.description.get(&lang).to_owned(),
        });
    }
    Ok(render(&InstrumentPage {
        code: instrument.code.clone(),
        edition: instrument.edition.clone(),
        description: instrument.description.get(&lang).to_owned(),
        sections: instrument
            .sections
            .iter()
            .map(|section| TreeSection {
                code: section.code.clone(),
                label: section.label.get(&lang).to_owned(),
                key_elements: section
                    .key_elements
                    .iter()
                    .map(|key| TreeKeyElement {
                        code: key.code.clone(),
                        label: key.label.get(&lang).to_owned(),
                        indicators: key
                            .indicators
                            .iter()
                            .map(|indicator| TreeIndicator {
                                code: indicator.code.clone(),
                                label: indicator.label.get(&lang).to_owned(),
                                guidance: indicator.guidance.get(&lang).to_owned(),
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
        scale,
        strength_threshold: instrument.strength_threshold,
        gap_threshold: instrument.gap_threshold,
        page,
    }))
}

/// An .xlsx download response.
pub fn xlsx_response(bytes: Vec<u8>, file_name: &str) -> Response {
    crate::views::download(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        file_name,
    )
}

/// `GET /instruments/{code}/export.xlsx`: the workbook the import reads.
pub async fn export_instrument(
    State(state): State<AppState>,
    _signed_in: SignedIn,
    AppPath(code): AppPath<String>,
) -> Result<Response> {
    let instrument = state.store().instrument(&code).await?;
    let bytes = workbooks::write_xlsx(&to_workbook(&instrument)).map_err(AppError::internal)?;
    Ok(xlsx_response(bytes, &format!("{}.xlsx", instrument.code)))
}
