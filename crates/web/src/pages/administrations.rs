//! The registry of Member administrations: list, one administration's page,
//! and the Secretariat's forms to add and edit them and assign focal points.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use gedhub_app::administrations::{self as use_cases, AdministrationInput};
use gedhub_core::{AdministrationCode, Region};
use gedhub_store::administrations::AdministrationFilter;
use serde::Deserialize;

use crate::context::{RequestContext, SignedIn};
use crate::error::{AppError, Result};
use crate::extract::{AppForm, AppPath, AppQuery};
use crate::state::AppState;
use crate::views::{Page, region_label, render};

pub struct RegionOption {
    pub code: String,
    pub label: String,
    pub selected: bool,
}

fn region_options(page: &Page, selected: Option<Region>) -> Vec<RegionOption> {
    Region::ALL
        .into_iter()
        .map(|region| RegionOption {
            code: region.as_str().to_owned(),
            label: region_label(&page.locale, region),
            selected: Some(region) == selected,
        })
        .collect()
}

pub struct AdministrationRow {
    pub code: String,
    pub name: String,
    pub region: String,
    pub wco_member: bool,
    /// Whether the viewer may open the administration's page.
    pub linked: bool,
}

#[derive(Template)]
#[template(path = "administrations.html")]
pub struct AdministrationsPage {
    pub page: Page,
    pub rows: Vec<AdministrationRow>,
    pub regions: Vec<RegionOption>,
    pub search: String,
    pub can_add: bool,
    pub count_text: String,
}

#[derive(Deserialize)]
pub struct ListQuery {
    pub region: Option<String>,
    pub q: Option<String>,
}

/// `GET /administrations`: the registry (reference data every signed-in user
/// may read; each administration's own page stays scoped).
pub async fn list_administrations(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppQuery(query): AppQuery<ListQuery>,
) -> Result<Response> {
    let page = Page::new(&context, "administrations-title");
    let region = query
        .region
        .as_deref()
        .filter(|r| !r.is_empty())
        .map(Region::parse)
        .transpose()?;
    let filter = AdministrationFilter {
        region,
        search: query.q.clone(),
    };
    let lang = page.lang.clone();
    let scope = signed_in.principal.administration_scope();
    let rows: Vec<AdministrationRow> = state
        .store()
        .administrations(&filter)
        .await?
        .into_iter()
        .map(|a| AdministrationRow {
            linked: scope.includes(&a.code),
            code: a.code.to_string(),
            name: a.name(&lang).to_owned(),
            region: region_label(&page.locale, a.region),
            wco_member: a.wco_member,
        })
        .collect();
    Ok(render(&AdministrationsPage {
        count_text: page.locale.t_count("administrations-count", rows.len()),
        regions: region_options(&page, region),
        search: query.q.unwrap_or_default(),
        can_add: signed_in.principal.can_manage_registry(),
        rows,
        page,
    }))
}

pub struct FocalPointRow {
    pub name: String,
    pub email: String,
}

#[derive(Template)]
#[template(path = "administration.html")]
pub struct AdministrationPage {
    pub page: Page,
    pub code: String,
    pub name_en: String,
    pub name_fr: String,
    pub region: String,
    pub wco_member: bool,
    pub focal_points: Vec<FocalPointRow>,
    pub can_manage: bool,
    pub regions: Vec<RegionOption>,
    pub notice: Option<String>,
    pub assign_email: String,
}

#[derive(Deserialize)]
pub struct ShowQuery {
    pub saved: Option<String>,
}

async fn administration_page(
    state: &AppState,
    signed_in: &SignedIn,
    context: &RequestContext,
    code: &AdministrationCode,
) -> Result<AdministrationPage> {
    // Out-of-scope administrations are "not found", exactly like unknown ones.
    let administration =
        use_cases::visible(state.store(), &signed_in.caller, code.as_str()).await?;
    let focal_points = use_cases::focal_points(state.store(), &administration)
        .await?
        .into_iter()
        .map(|user| FocalPointRow {
            name: user.name,
            email: user.email.to_string(),
        })
        .collect();
    let page = Page::new(context, "administration-title");
    let page = page.with_title(administration.name(&context.locale.code()).to_owned());
    Ok(AdministrationPage {
        regions: region_options(&page, Some(administration.region)),
        region: region_label(&page.locale, administration.region),
        code: code.to_string(),
        name_en: administration.name_en,
        name_fr: administration.name_fr,
        wco_member: administration.wco_member,
        focal_points,
        can_manage: signed_in.principal.can_manage_registry(),
        notice: None,
        assign_email: String::new(),
        page,
    })
}

/// `GET /administrations/{code}`.
pub async fn show_administration(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(code): AppPath<String>,
    AppQuery(query): AppQuery<ShowQuery>,
) -> Result<Response> {
    let code = AdministrationCode::parse(&code).map_err(|_| AppError::NotFound)?;
    let mut page = administration_page(&state, &signed_in, &context, &code).await?;
    page.notice = query
        .saved
        .as_deref()
        .filter(|what| ["details", "focal_point", "removed", "created"].contains(what))
        .map(|what| context.locale.t(&format!("administration-saved-{what}")));
    Ok(render(&page))
}

#[derive(Deserialize)]
pub struct AdministrationFormInput {
    pub code: Option<String>,
    pub name_en: String,
    pub name_fr: String,
    pub region: String,
}

#[derive(Template)]
#[template(path = "administration_new.html")]
pub struct NewAdministrationPage {
    pub page: Page,
    pub code: String,
    pub name_en: String,
    pub name_fr: String,
    pub regions: Vec<RegionOption>,
}

/// `GET /administrations/new` (Secretariat).
pub async fn new_administration(signed_in: SignedIn, context: RequestContext) -> Result<Response> {
    use_cases::require_registrar(&signed_in.caller)?;
    let page = Page::new(&context, "administration-new-title");
    Ok(render(&NewAdministrationPage {
        regions: region_options(&page, None),
        code: String::new(),
        name_en: String::new(),
        name_fr: String::new(),
        page,
    }))
}

/// `POST /administrations` (Secretariat): adds e.g. a customs territory.
pub async fn create_administration(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppForm(input): AppForm<AdministrationFormInput>,
) -> Result<Response> {
    use_cases::require_registrar(&signed_in.caller)?;
    let raw_code = input.code.clone().unwrap_or_default();
    let outcome = use_cases::create(
        state.store(),
        &signed_in.caller,
        &raw_code,
        &details(&input),
    )
    .await
    .map_err(AppError::from);
    match outcome {
        Ok(created) => Ok(Redirect::to(&format!(
            "/administrations/{}?saved=created",
            created.code
        ))
        .into_response()),
        Err(error) => Err(error),
    }
}

/// `POST /administrations/{code}` (Secretariat): edits names and region.
pub async fn update_administration(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(code): AppPath<String>,
    AppForm(input): AppForm<AdministrationFormInput>,
) -> Result<Response> {
    let code = use_cases::managed(state.store(), &signed_in.caller, &code)
        .await?
        .code;
    let outcome = use_cases::update(
        state.store(),
        &signed_in.caller,
        code.as_str(),
        &details(&input),
    )
    .await
    .map_err(AppError::from);
    match outcome {
        Ok(_) => {
            Ok(Redirect::to(&format!("/administrations/{code}?saved=details")).into_response())
        }
        Err(error) => Err(error),
    }
}

#[derive(Deserialize)]
pub struct FocalPointInput {
    pub email: String,
}

/// `POST /administrations/{code}/focal-points` (Secretariat): makes an
/// existing account a focal point of this administration.
pub async fn assign_focal_point(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(code): AppPath<String>,
    AppForm(input): AppForm<FocalPointInput>,
) -> Result<Response> {
    let administration = use_cases::managed(state.store(), &signed_in.caller, &code).await?;
    let code = administration.code.clone();
    let outcome = use_cases::assign_focal_point(
        state.store(),
        &signed_in.caller,
        &administration,
        &input.email,
    )
    .await
    .map_err(AppError::from);
    match outcome {
        Ok(_) => {
            Ok(Redirect::to(&format!("/administrations/{code}?saved=focal_point")).into_response())
        }
        Err(error) => Err(error),
    }
}

#[derive(Deserialize)]
pub struct RemoveFocalPointInput {
    pub email: String,
    /// Absent on the first click: the confirmation page is shown instead.
    pub confirm: Option<String>,
}

#[derive(Template)]
#[template(path = "confirm_remove_focal_point.html")]
pub struct ConfirmRemovalPage {
    pub page: Page,
    pub code: String,
    pub email: String,
    pub question: String,
}

/// `POST /administrations/{code}/focal-points/remove` (Secretariat): asks for
/// confirmation first, then removes the account from the administration.
pub async fn remove_focal_point(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(code): AppPath<String>,
    AppForm(input): AppForm<RemoveFocalPointInput>,
) -> Result<Response> {
    let administration = use_cases::managed(state.store(), &signed_in.caller, &code).await?;
    let code = administration.code.clone();
    let email = use_cases::focal_point(
        state.store(),
        &signed_in.caller,
        &administration,
        &input.email,
    )
    .await?;
    if input.confirm.as_deref() != Some("yes") {
        let page = Page::new(&context, "confirm-remove-title");
        let question = page.locale.t_args(
            "confirm-remove-question",
            &[
                ("email", email.to_string()),
                ("administration", administration.name(&page.lang).to_owned()),
            ],
        );
        return Ok(render(&ConfirmRemovalPage {
            code: code.to_string(),
            email: email.to_string(),
            question,
            page,
        }));
    }
    use_cases::remove_focal_point(state.store(), &signed_in.caller, &email).await?;
    Ok(Redirect::to(&format!("/administrations/{code}?saved=removed")).into_response())
}

/// The form's names and region, as the use cases take them.
fn details(input: &AdministrationFormInput) -> AdministrationInput {
    AdministrationInput {
        name_en: input.name_en.clone(),
        name_fr: input.name_fr.clone(),
        region: input.region.clone(),
    }
}
