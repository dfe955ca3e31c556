//! The practice library's pages: search (`/practices`), one practice in the
//! reader's language (or its original with a marker), the submission form,
//! editing a draft and the review moves. The use cases and access are in
//! `gedhub_app::practices`.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gedhub_app::practices as use_cases;
use gedhub_core::missions::AREAS;
use gedhub_core::practices::{LANGUAGES, PracticeStatus, Review};
use gedhub_store::practices::Practice;
use serde::Deserialize;

use crate::context::{RequestContext, SignedIn};
use crate::error::{AppError, Result};
use crate::extract::{AppForm, AppPath, AppQuery};
use crate::i18n::Locale;
use crate::practices::{PracticeInput, SearchParams, TranslationInput, only_in};
use crate::state::AppState;
use crate::views::{Page, is_user_error, render, render_with_status, user_error_messages};

pub struct Choice {
    pub value: String,
    pub label: String,
}

fn area_choices(locale: &Locale) -> Vec<Choice> {
    AREAS
        .iter()
        .map(|a| Choice {
            value: (*a).to_owned(),
            label: locale.t(&format!("area-{a}")),
        })
        .collect()
}

fn language_choices(locale: &Locale) -> Vec<Choice> {
    LANGUAGES
        .iter()
        .map(|l| Choice {
            value: (*l).to_owned(),
            label: locale.t(&format!("workshop-language-{l}")),
        })
        .collect()
}

fn region_choices(locale: &Locale) -> Vec<Choice> {
    gedhub_core::Region::ALL
        .iter()
        .map(|r| Choice {
            value: r.as_str().to_owned(),
            label: locale.t(&format!("region-{}", r.as_str())),
        })
        .collect()
}

/// A practice in a list.
pub struct PracticeRow {
    pub id: i64,
    pub title: String,
    pub summary: String,
    pub administration: String,
    pub year: i32,
    pub areas: String,
    pub status: String,
    /// "Available in English only" when the reader's language is missing.
    pub marker: String,
}

fn status_label(locale: &Locale, status: PracticeStatus) -> String {
    locale.t(&format!("practices-status-{}", status.as_str()))
}

fn row(locale: &Locale, practice: &Practice) -> PracticeRow {
    let (text, translated) = practice.text_for(&locale.code());
    PracticeRow {
        id: practice.id,
        title: text.title.clone(),
        summary: text.summary.clone(),
        administration: practice.administration.clone(),
        year: practice.year,
        areas: practice
            .areas
            .iter()
            .map(|a| locale.t(&format!("area-{a}")))
            .collect::<Vec<_>>()
            .join(", "),
        status: status_label(locale, practice.status),
        marker: if translated {
            String::new()
        } else {
            only_in(locale, practice)
        },
    }
}

#[derive(Template)]
#[template(path = "practices.html")]
pub struct PracticesPage {
    pub page: Page,
    pub q: String,
    pub area: String,
    pub lang: String,
    pub region: String,
    pub year: String,
    pub areas: Vec<Choice>,
    pub languages: Vec<Choice>,
    pub regions: Vec<Choice>,
    pub results: Vec<PracticeRow>,
    /// Practices not yet published the caller works on (or reviews).
    pub in_progress: Vec<PracticeRow>,
    pub may_contribute: bool,
    pub errors: Vec<String>,
}

/// `GET /practices?q=&area=&lang=&region=&year=`: the library (published
/// practices) and, for contributors, the practices in progress they may see.
pub async fn list_practices(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppQuery(params): AppQuery<SearchParams>,
) -> Result<Response> {
    let locale = &context.locale;
    let (results, errors) = match use_cases::search(state.store(), &(&params).into()).await {
        Ok(hits) => (hits, Vec::new()),
        Err(error) => {
            let error = AppError::from(error);
            if !is_user_error(&error) {
                return Err(error);
            }
            (Vec::new(), user_error_messages(locale, &error))
        }
    };
    let in_progress = use_cases::in_progress(state.store(), &signed_in.caller)
        .await?
        .iter()
        .map(|practice| row(locale, practice))
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render_with_status(
        status,
        &PracticesPage {
            page: Page::new(&context, "practices-title"),
            q: params.q.clone(),
            area: params.area.clone(),
            lang: params.lang.clone(),
            region: params.region.clone(),
            year: params.year.clone(),
            areas: area_choices(locale),
            languages: language_choices(locale),
            regions: region_choices(locale),
            results: results
                .iter()
                .map(|hit| row(locale, &hit.practice))
                .collect(),
            in_progress,
            may_contribute: use_cases::require_contributor(&signed_in.caller).is_ok(),
            errors,
        },
    ))
}

/// The values of the submission form, as typed.
#[derive(Default)]
pub struct FormValues {
    pub administration: String,
    pub year: String,
    pub areas: Vec<String>,
    /// Key elements as typed (`P1.A, X.3`).
    pub key_elements: String,
    pub title: String,
    pub summary: String,
    pub what_was_done: String,
    pub results: String,
    pub contact: String,
    pub language: String,
}

impl FormValues {
    fn from_practice(practice: &Practice) -> Self {
        let text = practice.original();
        FormValues {
            administration: practice.administration.clone(),
            year: practice.year.to_string(),
            areas: practice.areas.clone(),
            key_elements: practice.key_elements.join(", "),
            title: text.title.clone(),
            summary: text.summary.clone(),
            what_was_done: text.what_was_done.clone(),
            results: text.results.clone(),
            contact: practice.contact.clone(),
            language: text.language.clone(),
        }
    }

    pub fn has_area(&self, area: &str) -> bool {
        self.areas.iter().any(|a| a == area)
    }
}

/// Reads the form: repeated `areas` checkboxes need the raw pairs.
fn form_input(fields: &[(String, String)]) -> (PracticeInput, FormValues) {
    let one = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let areas: Vec<String> = fields
        .iter()
        .filter(|(k, _)| k == "areas")
        .map(|(_, v)| v.clone())
        .collect();
    let values = FormValues {
        administration: one("administration"),
        year: one("year"),
        areas: areas.clone(),
        key_elements: one("key_elements"),
        title: one("title"),
        summary: one("summary"),
        what_was_done: one("what_was_done"),
        results: one("results"),
        contact: one("contact"),
        language: one("language"),
    };
    let input = PracticeInput {
        administration: values.administration.clone(),
        year: values.year.trim().parse().unwrap_or(0),
        areas,
        key_elements: values
            .key_elements
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|code| !code.is_empty())
            .map(str::to_owned)
            .collect(),
        title: values.title.clone(),
        summary: values.summary.clone(),
        what_was_done: values.what_was_done.clone(),
        results: values.results.clone(),
        contact: values.contact.clone(),
        language: values.language.clone(),
        draft: one("draft") == "1",
    };
    (input, values)
}

#[derive(Template)]
#[template(path = "practice_new.html")]
pub struct NewPracticePage {
    pub page: Page,
    pub values: FormValues,
    pub areas: Vec<Choice>,
    pub languages: Vec<Choice>,
    /// Experts and the Secretariat name the administration.
    pub asks_administration: bool,
}

fn new_page(context: &RequestContext, signed_in: &SignedIn, values: FormValues) -> NewPracticePage {
    NewPracticePage {
        page: Page::new(context, "practices-new"),
        values,
        areas: area_choices(&context.locale),
        languages: language_choices(&context.locale),
        asks_administration: use_cases::names_administration(&signed_in.caller),
    }
}

/// `GET /practices/new`: the submission form.
pub async fn new_practice(signed_in: SignedIn, context: RequestContext) -> Result<Response> {
    use_cases::require_contributor(&signed_in.caller)?;
    let values = FormValues {
        language: context.locale.code(),
        ..FormValues::default()
    };
    Ok(render(&new_page(&context, &signed_in, values)))
}

/// `POST /practices`: records a practice, submitted for review (or a draft
/// with `draft=1`), then shows it; problems show the form again.
pub async fn create_practice(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppForm(fields): AppForm<Vec<(String, String)>>,
) -> Result<Response> {
    use_cases::require_contributor(&signed_in.caller)?;
    let (input, _) = form_input(&fields);
    match use_cases::create(state.store(), &signed_in.caller, &input.into())
        .await
        .map_err(AppError::from)
    {
        Ok(practice) => Ok(Redirect::to(&format!("/practices/{}", practice.id)).into_response()),
        Err(error) => Err(error),
    }
}

#[derive(Template)]
#[template(path = "practice.html")]
pub struct PracticePage {
    pub page: Page,
    pub id: i64,
    pub row: PracticeRow,
    pub what_was_done: String,
    pub results: String,
    pub contact: String,
    /// GEOAT key elements, comma-separated.
    pub key_elements: String,
    /// The language of the text shown (`lang` attribute).
    pub text_language: String,
    pub review_comment: String,
    pub language_names: String,
    pub is_draft: bool,
    pub may_edit: bool,
    pub may_submit: bool,
    /// Its author or the Secretariat: may add translations.
    pub may_translate: bool,
    /// May add and delete attachments (see `use_cases::check_attach`).
    pub may_attach: bool,
    pub attachments: Vec<gedhub_store::practices::PracticeAttachment>,
    pub is_secretariat: bool,
    pub values: FormValues,
    pub areas: Vec<Choice>,
    pub languages: Vec<Choice>,
}

fn practice_page(
    context: &RequestContext,
    signed_in: &SignedIn,
    practice: &Practice,
    attachments: Vec<gedhub_store::practices::PracticeAttachment>,
    values: Option<FormValues>,
) -> PracticePage {
    let locale = &context.locale;
    let (text, _) = practice.text_for(&locale.code());
    let row = row(locale, practice);
    let manage = use_cases::may_manage(&signed_in.caller, practice);
    let is_draft = practice.status == PracticeStatus::Draft;
    PracticePage {
        page: Page::new(context, "practices-title").with_title(row.title.clone()),
        id: practice.id,
        row,
        what_was_done: text.what_was_done.clone(),
        results: text.results.clone(),
        contact: practice.contact.clone(),
        key_elements: practice.key_elements.join(", "),
        text_language: text.language.clone(),
        review_comment: practice.review_comment.clone(),
        language_names: practice
            .languages()
            .iter()
            .map(|l| locale.t(&format!("workshop-language-{l}")))
            .collect::<Vec<_>>()
            .join(", "),
        is_draft,
        may_edit: manage && is_draft,
        may_submit: manage && is_draft,
        may_translate: use_cases::may_translate(&signed_in.caller, practice)
            && practice.status != PracticeStatus::Archived,
        may_attach: use_cases::check_attach(&signed_in.caller, practice).is_ok(),
        attachments,
        is_secretariat: signed_in.principal.is_secretariat(),
        values: values.unwrap_or_else(|| FormValues::from_practice(practice)),
        areas: area_choices(locale),
        languages: language_choices(locale),
    }
}

/// `GET /practices/{practice}`: the practice in the reader's language, or
/// its original with a marker; the author's and the Secretariat's actions.
pub async fn show_practice(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(id): AppPath<i64>,
) -> Result<Response> {
    let practice = use_cases::visible(state.store(), &signed_in.caller, id).await?;
    Ok(render(&practice_page(
        &context,
        &signed_in,
        &practice,
        state.store().practice_attachments(id).await?,
        None,
    )))
}

/// `POST /practices/{practice}`: edits a draft (its author, the focal points
/// of its administration, the Secretariat).
pub async fn update_practice(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(fields): AppForm<Vec<(String, String)>>,
) -> Result<Response> {
    use_cases::visible(state.store(), &signed_in.caller, id).await?;
    let (input, _) = form_input(&fields);
    match use_cases::update(state.store(), &signed_in.caller, id, input.into())
        .await
        .map_err(AppError::from)
    {
        Ok(_) => Ok(Redirect::to(&format!("/practices/{id}")).into_response()),
        Err(error) => Err(error),
    }
}

#[derive(Deserialize)]
pub struct ReviewForm {
    /// `submit`, `publish`, `request_changes` or `archive`.
    pub action: String,
    #[serde(default)]
    pub comment: String,
}

/// `POST /practices/{practice}/review`: a review move (submit: those who
/// manage the practice; the others: the Secretariat).
pub async fn review_practice(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<ReviewForm>,
) -> Result<Response> {
    let move_ = match form.action.as_str() {
        "submit" => Review::Submit,
        "publish" => Review::Publish,
        "request_changes" => Review::RequestChanges,
        "archive" => Review::Archive,
        _ => {
            return Err(AppError::Invalid(vec![gedhub_core::ValidationError::new(
                "action",
                "unknown_transition",
            )]));
        }
    };
    match use_cases::review(state.store(), &signed_in.caller, id, move_, &form.comment)
        .await
        .map_err(AppError::from)
    {
        Ok(_) => Ok(Redirect::to(&format!("/practices/{id}")).into_response()),
        Err(error) => Err(error),
    }
}

#[derive(Template)]
#[template(path = "practice_translate.html")]
pub struct TranslatePage {
    pub page: Page,
    pub id: i64,
    /// The original's title, in its language.
    pub original_title: String,
    pub original_language: String,
    /// The language being edited.
    pub language: String,
    /// The languages a translation may be in (all but the original).
    pub languages: Vec<Choice>,
    pub values: TranslationInput,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TranslateQuery {
    pub lang: String,
}

fn translate_page(
    context: &RequestContext,
    practice: &Practice,
    language: &str,
    values: TranslationInput,
) -> TranslatePage {
    let original = practice.original();
    TranslatePage {
        page: Page::new(context, "practices-translate-title").with_title(original.title.clone()),
        id: practice.id,
        original_title: original.title.clone(),
        original_language: original.language.clone(),
        language: language.to_owned(),
        languages: language_choices(&context.locale)
            .into_iter()
            .filter(|l| l.value != practice.original_language)
            .collect(),
        values,
    }
}

/// The translation to edit: `?lang=` when it is a known language other than
/// the original's, else the reader's language, else the first other one.
fn translation_language(practice: &Practice, asked: &str, reader: &str) -> String {
    [asked, reader]
        .into_iter()
        .chain(LANGUAGES)
        .find(|l| LANGUAGES.contains(l) && *l != practice.original_language)
        .unwrap_or("en")
        .to_owned()
}

/// `GET /practices/{practice}/translate?lang=`: the translation form (its
/// author, the Secretariat), filled with the existing translation if any.
pub async fn translate_form(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(id): AppPath<i64>,
    AppQuery(query): AppQuery<TranslateQuery>,
) -> Result<Response> {
    let practice = use_cases::translatable(state.store(), &signed_in.caller, id).await?;
    let language = translation_language(&practice, query.lang.trim(), &context.locale.code());
    let values = practice
        .texts
        .iter()
        .find(|t| t.language == language)
        .map(|t| TranslationInput {
            title: t.title.clone(),
            summary: t.summary.clone(),
            what_was_done: t.what_was_done.clone(),
            results: t.results.clone(),
        })
        .unwrap_or_default();
    Ok(render(&translate_page(
        &context, &practice, &language, values,
    )))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TranslateForm {
    pub language: String,
    pub title: String,
    pub summary: String,
    pub what_was_done: String,
    pub results: String,
}

/// `POST /practices/{practice}/translate`: saves the translation, then shows
/// the practice in that language's reading; problems show the form again.
pub async fn save_translation(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<TranslateForm>,
) -> Result<Response> {
    let input = TranslationInput {
        title: form.title,
        summary: form.summary,
        what_was_done: form.what_was_done,
        results: form.results,
    };
    match use_cases::translate(
        state.store(),
        &signed_in.caller,
        id,
        &form.language,
        &input.clone().into(),
    )
    .await
    .map_err(AppError::from)
    {
        Ok(_) => Ok(Redirect::to(&format!("/practices/{id}")).into_response()),
        Err(error) => Err(error),
    }
}

/// `POST /practices/{practice}/attachments` (multipart `title`, `file`):
/// the Secretariat, or those who manage the practice while it is a draft;
/// the file is checked like assessment evidence (type from the content,
/// size limit).
pub async fn upload_attachment(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    mut multipart: axum::extract::Multipart,
) -> Result<Response> {
    // The body is read first, so an oversized one is refused with 413 even
    // before the practice is looked up; nothing is stored until the checks
    // below pass.
    let document = match crate::uploads::read_titled_document(&mut multipart).await {
        Err(AppError::PayloadTooLarge) => return Err(AppError::PayloadTooLarge),
        other => other,
    };
    use_cases::attachable(state.store(), &signed_in.caller, id).await?;
    let result = match document {
        Ok(document) => {
            let key = gedhub_store::files::FileStore::new_key()?;
            state.files().put(&key, &document.bytes).await?;
            state
                .store()
                .add_practice_attachment(
                    &signed_in.actor(),
                    id,
                    &gedhub_store::practices::PracticeAttachment {
                        id: 0,
                        practice_id: id,
                        size_bytes: document.size_bytes(),
                        title: document.title,
                        file_name: document.file_name,
                        content_type: document.content_type.to_owned(),
                        storage_key: key,
                        added_by: String::new(),
                        added_at: String::new(),
                    },
                )
                .await
                .map_err(AppError::from)
        }
        Err(error) => Err(error),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/practices/{id}#attachments")).into_response()),
        Err(error) => Err(error),
    }
}

/// `GET /practices/{practice}/attachments/{practice_file}`: for whoever may
/// read the practice (a draft's files are as hidden as the draft); always
/// as a download.
pub async fn download_attachment(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, file)): AppPath<(i64, i64)>,
) -> Result<Response> {
    use_cases::visible(state.store(), &signed_in.caller, id).await?;
    let attachment = state.store().practice_attachment(id, file).await?;
    let bytes = state.files().get(&attachment.storage_key).await?;
    Ok(crate::views::download(
        bytes,
        &attachment.content_type,
        &attachment.file_name,
    ))
}

/// `POST /practices/{practice}/attachments/{practice_file}/delete`: the
/// Secretariat, or those who manage the practice while it is a draft.
pub async fn delete_attachment(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, file)): AppPath<(i64, i64)>,
) -> Result<Response> {
    use_cases::attachable(state.store(), &signed_in.caller, id).await?;
    let removed = state
        .store()
        .delete_practice_attachment(&signed_in.actor(), id, file)
        .await?;
    if let Err(error) = state.files().delete(&removed.storage_key).await {
        // The record is gone; an orphan file is harmless and logged.
        tracing::warn!(%error, key = %removed.storage_key, "practice attachment file not deleted");
    }
    Ok(Redirect::to(&format!("/practices/{id}#attachments")).into_response())
}
