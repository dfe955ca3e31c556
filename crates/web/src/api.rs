//! The JSON API under `/api/v1`, described by the OpenAPI document served at
//! `/api/v1/openapi.json` (generated from these handlers, so it cannot drift).
//!
//! Every handler starts from [`SignedIn`] (401 without credentials) and then
//! checks what the role may do; a Member administration's data outside the
//! caller's scope is answered with 404.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gedhub_app::administrations::{self, AdministrationInput};
use gedhub_core::Region;
use gedhub_store::administrations::{Administration, AdministrationFilter};
use gedhub_store::users::User;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

pub mod agenda;
pub mod assessments;
pub mod codes;
pub mod credentials;
pub mod elearning;
pub mod inquiries;
pub mod ktests;
pub mod missions;
pub mod pathway;
pub mod plans;
pub mod practices;
pub mod programme;
pub mod record;
pub mod surveys;
pub mod training;
pub mod workforce;

use crate::audit::AuditQuery;
use crate::context::SignedIn;
use crate::error::Result;
use crate::extract::{ApiJson, AppPath, AppQuery};
use crate::state::AppState;

/// The error envelope of every failed API call.
#[derive(Serialize, ToSchema)]
pub struct ErrorEnvelope {
    #[schema(min_items = 1)]
    pub errors: Vec<ErrorItem>,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorItem {
    /// Stable, snake_case (e.g. `not_found`, `invalid_email`).
    pub code: String,
    /// Readable explanation in the caller's language.
    pub detail: String,
}

/// The id of what a `POST` created (201).
#[derive(Serialize, ToSchema)]
pub struct CreatedResponse {
    #[schema(minimum = 1)]
    pub id: i64,
}

/// A 201 response with the new resource's id.
pub fn created(id: i64) -> Response {
    (StatusCode::CREATED, Json(CreatedResponse { id })).into_response()
}

#[derive(Serialize, ToSchema)]
pub struct MeResponse {
    #[schema(format = Email)]
    pub email: String,
    pub name: String,
    /// `secretariat`, `focal_point`, `expert` or `participant`.
    #[schema(schema_with = codes::role)]
    pub role: String,
    /// The caller's administration code, if any.
    pub administration: Option<String>,
}

impl From<&User> for MeResponse {
    fn from(user: &User) -> Self {
        Self {
            email: user.email.to_string(),
            name: user.name.clone(),
            role: user.role.as_str().to_owned(),
            administration: user.administration.as_ref().map(|c| c.to_string()),
        }
    }
}

/// `GET /api/v1/me`: the caller.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    responses((status = 200, body = MeResponse), (status = 401, body = ErrorEnvelope)))]
pub async fn me(signed_in: SignedIn) -> Json<MeResponse> {
    Json(MeResponse::from(&signed_in.user))
}

#[derive(Serialize, ToSchema)]
pub struct AdministrationResponse {
    /// ISO 3166-1 alpha-2 code, or the Secretariat's code for a territory.
    pub code: String,
    /// The name in the caller's language.
    pub name: String,
    pub name_en: String,
    pub name_fr: String,
    /// `ESA`, `WCA`, `MENA`, `EUR`, `AP` or `AMS`.
    #[schema(schema_with = codes::region)]
    pub region: String,
    pub wco_member: bool,
}

impl AdministrationResponse {
    fn new(administration: &Administration, language: &str) -> Self {
        Self {
            code: administration.code.to_string(),
            name: administration.name(language).to_owned(),
            name_en: administration.name_en.clone(),
            name_fr: administration.name_fr.clone(),
            region: administration.region.as_str().to_owned(),
            wco_member: administration.wco_member,
        }
    }
}

#[derive(Deserialize, IntoParams)]
pub struct AdministrationListQuery {
    /// Only this region.
    pub region: Option<String>,
    /// Part of a name, or a code.
    pub q: Option<String>,
}

/// `GET /api/v1/administrations`: the registry of Member administrations.
#[utoipa::path(get, path = "/api/v1/administrations", tag = "administrations",
    params(AdministrationListQuery),
    responses((status = 200, body = [AdministrationResponse]), (status = 401, body = ErrorEnvelope)))]
pub async fn list_administrations(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppQuery(query): AppQuery<AdministrationListQuery>,
) -> Result<Json<Vec<AdministrationResponse>>> {
    let region = query
        .region
        .as_deref()
        .filter(|r| !r.is_empty())
        .map(Region::parse)
        .transpose()?;
    let list = state
        .store()
        .administrations(&AdministrationFilter {
            region,
            search: query.q,
        })
        .await?;
    let language = signed_in.locale.code();
    Ok(Json(
        list.iter()
            .map(|a| AdministrationResponse::new(a, &language))
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAdministrationRequest {
    pub code: String,
    pub name_en: String,
    pub name_fr: String,
    #[schema(schema_with = codes::region)]
    pub region: String,
}

/// `POST /api/v1/administrations` (Secretariat): adds an administration.
#[utoipa::path(post, path = "/api/v1/administrations", tag = "administrations",
    request_body = NewAdministrationRequest,
    responses((status = 201, body = AdministrationResponse), (status = 403, body = ErrorEnvelope),
              (status = 409, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
pub async fn create_administration(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<NewAdministrationRequest>,
) -> Result<Response> {
    let input = AdministrationInput {
        name_en: request.name_en,
        name_fr: request.name_fr,
        region: request.region,
    };
    let created =
        administrations::create(state.store(), &signed_in.caller, &request.code, &input).await?;
    let body = AdministrationResponse::new(&created, &signed_in.locale.code());
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

#[derive(Serialize, ToSchema)]
pub struct FocalPointResponse {
    #[schema(format = Email)]
    pub email: String,
    pub name: String,
}

#[derive(Serialize, ToSchema)]
pub struct AdministrationDetailResponse {
    #[serde(flatten)]
    pub administration: AdministrationResponse,
    pub focal_points: Vec<FocalPointResponse>,
}

/// `GET /api/v1/administrations/{code}`: one administration with its focal
/// points; 404 outside the caller's scope.
#[utoipa::path(get, path = "/api/v1/administrations/{code}", tag = "administrations",
    params(("code" = String, Path, description = "Administration code, e.g. BJ")),
    responses((status = 200, body = AdministrationDetailResponse), (status = 404, body = ErrorEnvelope)))]
pub async fn show_administration(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(code): AppPath<String>,
) -> Result<Json<AdministrationDetailResponse>> {
    let administration = administrations::visible(state.store(), &signed_in.caller, &code).await?;
    let focal_points = administrations::focal_points(state.store(), &administration)
        .await?
        .into_iter()
        .map(|user| FocalPointResponse {
            email: user.email.to_string(),
            name: user.name,
        })
        .collect();
    Ok(Json(AdministrationDetailResponse {
        administration: AdministrationResponse::new(&administration, &signed_in.locale.code()),
        focal_points,
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateAdministrationRequest {
    pub name_en: String,
    pub name_fr: String,
    #[schema(schema_with = codes::region)]
    pub region: String,
}

/// `PUT /api/v1/administrations/{code}` (Secretariat): edits names and region.
#[utoipa::path(put, path = "/api/v1/administrations/{code}", tag = "administrations",
    params(("code" = String, Path, description = "Administration code")),
    request_body = UpdateAdministrationRequest,
    responses((status = 200, body = AdministrationResponse), (status = 403, body = ErrorEnvelope),
              (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
pub async fn update_administration(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(code): AppPath<String>,
    ApiJson(request): ApiJson<UpdateAdministrationRequest>,
) -> Result<Json<AdministrationResponse>> {
    let input = AdministrationInput {
        name_en: request.name_en,
        name_fr: request.name_fr,
        region: request.region,
    };
    let updated = administrations::update(state.store(), &signed_in.caller, &code, &input).await?;
    Ok(Json(AdministrationResponse::new(
        &updated,
        &signed_in.locale.code(),
    )))
}

#[derive(Serialize, ToSchema)]
pub struct UserResponse {
    #[schema(format = Email)]
    pub email: String,
    pub name: String,
    #[schema(schema_with = codes::role)]
    pub role: String,
    pub administration: Option<String>,
}

/// `GET /api/v1/users` (Secretariat): every account.
#[utoipa::path(get, path = "/api/v1/users", tag = "accounts",
    responses((status = 200, body = [UserResponse]), (status = 403, body = ErrorEnvelope)))]
pub async fn list_users(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<Vec<UserResponse>>> {
    let accounts = gedhub_app::users::accounts(state.store(), &signed_in.caller).await?;
    Ok(Json(
        accounts
            .iter()
            .map(|account| {
                let me = MeResponse::from(&account.user);
                UserResponse {
                    email: me.email,
                    name: me.name,
                    role: me.role,
                    administration: me.administration,
                }
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserRequest {
    #[schema(format = Email)]
    pub email: String,
    pub name: String,
    /// `secretariat`, `focal_point`, `expert` or `participant`.
    #[schema(schema_with = codes::role)]
    pub role: String,
    pub administration: Option<String>,
    /// At least 10 characters.
    #[schema(min_length = 10, max_length = 256)]
    pub password: String,
}

/// `POST /api/v1/users` (Secretariat): creates an account.
#[utoipa::path(post, path = "/api/v1/users", tag = "accounts",
    request_body = NewUserRequest,
    responses((status = 201, body = UserResponse), (status = 403, body = ErrorEnvelope),
              (status = 409, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
pub async fn create_user(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<NewUserRequest>,
) -> Result<Response> {
    let input = gedhub_app::users::NewAccountInput {
        email: request.email,
        name: request.name,
        role: request.role,
        administration: request.administration,
        password: request.password,
        sex: String::new(),
    };
    let user = gedhub_app::users::create(state.store(), &signed_in.caller, input).await?;
    let me = MeResponse::from(&user);
    let body = UserResponse {
        email: me.email,
        name: me.name,
        role: me.role,
        administration: me.administration,
    };
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

#[derive(Serialize, ToSchema)]
pub struct AuditEntryResponse {
    pub id: i64,
    #[schema(format = DateTime)]
    pub occurred_at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_key: String,
    pub administration: Option<String>,
    #[schema(schema_with = codes::object_or_null)]
    pub before: Option<serde_json::Value>,
    #[schema(schema_with = codes::object_or_null)]
    pub after: Option<serde_json::Value>,
}

#[derive(Serialize, ToSchema)]
pub struct AuditPageResponse {
    pub entries: Vec<AuditEntryResponse>,
    pub has_more: bool,
}

/// `GET /api/v1/audit` (Secretariat): the audit log, newest first, 50 a page.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit",
    params(("actor" = Option<String>, Query), ("entity" = Option<String>, Query),
           ("action" = Option<String>, Query), ("administration" = Option<String>, Query),
           ("from" = Option<String>, Query, description = "YYYY-MM-DD"),
           ("to" = Option<String>, Query, description = "YYYY-MM-DD"),
           ("page" = Option<u64>, Query, description = "From 1 (0 reads as 1); at most 4294967295")),
    responses((status = 200, body = AuditPageResponse), (status = 403, body = ErrorEnvelope)))]
pub async fn list_audit(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppQuery(query): AppQuery<AuditQuery>,
) -> Result<Json<AuditPageResponse>> {
    gedhub_app::users::require_administrator(&signed_in.caller)?;
    let page = gedhub_app::users::audit(
        state.store(),
        &signed_in.caller,
        &query.filter()?,
        query.page.unwrap_or(1),
    )
    .await?;
    Ok(Json(AuditPageResponse {
        has_more: page.has_more,
        entries: page
            .entries
            .into_iter()
            .map(|entry| AuditEntryResponse {
                id: entry.id,
                occurred_at: entry.occurred_at,
                actor: entry.actor,
                action: entry.action,
                entity: entry.entity,
                entity_key: entry.entity_key,
                administration: entry.administration,
                before: entry.before,
                after: entry.after,
            })
            .collect(),
    }))
}

#[derive(OpenApi)]
#[openapi(
    info(title = "gedhub API", description = "Gender Equality and Diversity in Customs: the gedhub JSON API. \
        Authenticate with the session cookie or `Authorization: Bearer TOKEN` (see `gedhub token create`). \
        Errors are always `{\"errors\":[{\"code\",\"detail\"}]}`."),
    paths(me, list_administrations, create_administration, show_administration, update_administration,
          list_users, create_user, list_audit,
          assessments::list_instruments, assessments::show_instrument, assessments::list_assessments,
          assessments::create_assessment, assessments::show_assessment, assessments::put_answer,
          assessments::scores, assessments::transition, assessments::report_pdf_doc, assessments::report_xlsx_doc,
          workforce::list_years, workforce::show_year, workforce::upload_extract,
          plans::list_plans, plans::create_plan, plans::show_plan, plans::set_status, plans::add_objective,
          plans::add_action, plans::update_action, plans::add_indicator, plans::add_measurement,
          plans::list_measurements, plans::progress,
          training::list_workshops, training::create_workshop, training::add_participant, training::nominate,
          training::set_attendance, training::completion,
          elearning::create_credential, elearning::list_modules, elearning::create_module,
          elearning::completions, elearning::import_report,
          ktests::submit, ktests::attempt, ktests::knowledge_gain,
          agenda::list_sessions, agenda::create_session, agenda::add_facilitator,
          agenda::create_exercise, agenda::set_group, agenda::record_result, agenda::candidate_scores,
          agenda::save_assessment, agenda::release_assessments, agenda::participant_assessments,
          surveys::submit_response, surveys::evaluation,
          record::show_record, credentials::list_credentials,
          pathway::show_pathway, pathway::create_transition, pathway::show_selection,
          missions::list_experts, missions::list_requests, missions::create_request, missions::create_mission,
          missions::list_suggestions, missions::add_member, missions::create_evaluation,
          practices::search, practices::create, practices::submit, practices::publish,
          practices::request_changes, practices::archive, practices::show, practices::put_text,
          inquiries::list, inquiries::create, inquiries::show, inquiries::reply, inquiries::set_status,
          programme::show_summary),
    modifiers(&BearerAuth, &PipelineErrors),
    security(("bearer" = []), ("session" = []))
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{
            ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme,
        };
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                crate::context::SESSION_COOKIE,
            ))),
        );
    }
}

/// Documents, on every operation, the errors that the request pipeline
/// answers before or around any handler (see [`crate::error`] and
/// [`crate::context`]), so that each annotation only lists what its handler
/// decides itself (403 for a role, 409, 422, 429). A status the annotation
/// already lists keeps its body and gains the pipeline's description.
struct PipelineErrors;

/// The statuses the pipeline adds, and when.
fn pipeline_errors(
    method: &str,
    operation: &utoipa::openapi::path::Operation,
) -> Vec<(&'static str, &'static str)> {
    use utoipa::openapi::path::ParameterIn;
    let has = |location: ParameterIn| {
        operation
            .parameters
            .iter()
            .flatten()
            .any(|p| p.parameter_in == location)
    };
    let json_body = operation
        .request_body
        .as_ref()
        .is_some_and(|body| body.content.contains_key("application/json"));
    let mut errors = Vec::new();
    match (json_body, has(ParameterIn::Query)) {
        (true, true) => errors.push(("400", "The body is not JSON (`json_malformed`), not of the documented shape or types (`json_wrong_shape`), or not sent as `application/json` (`json_content_type_required`); or the query cannot be read (`query_malformed`).")),
        (true, false) => errors.push(("400", "The body is not JSON (`json_malformed`), not of the documented shape or types (`json_wrong_shape`), or not sent as `application/json` (`json_content_type_required`).")),
        (false, true) => errors.push(("400", "The query cannot be read (`query_malformed`).")),
        (false, false) => {}
    }
    errors.push(("401", "No valid session or API token (`unauthenticated`); a wrong token is refused, never taken as anonymous."));
    if method != "get" {
        errors.push(("403", "Refused: a cross-site request from a browser (`cross_origin_request`), or the caller's role may not do this (`forbidden`)."));
    }
    if has(ParameterIn::Path) {
        errors.push(("404", "Not found, or not the caller's to see (`not_found`): another Member's data does not exist for the caller."));
    }
    if operation.request_body.is_some() {
        errors.push((
            "413",
            "The body is larger than 10 MiB (`payload_too_large`).",
        ));
    }
    errors
}

/// The description of a status its annotation does not describe.
fn default_description(status: &str) -> &'static str {
    match status {
        "200" => "OK.",
        "201" => "Created.",
        "204" => "Done; no body.",
        "403" => "The caller's role may not do this (`forbidden`).",
        "409" => {
            "The request conflicts with the current state (codes in the operation's description)."
        }
        "422" => "Values that do not pass validation: one error per problem, each with its code.",
        "429" => "Too many requests: a rate limit is reached.",
        _ => "See the error code.",
    }
}

impl utoipa::Modify for PipelineErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                ("get", item.get.as_mut()),
                ("put", item.put.as_mut()),
                ("post", item.post.as_mut()),
                ("delete", item.delete.as_mut()),
                ("patch", item.patch.as_mut()),
            ];
            for (method, operation) in operations {
                let Some(operation) = operation else {
                    continue;
                };
                for (status, description) in pipeline_errors(method, operation) {
                    let entry = operation
                        .responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert_with(|| {
                            ResponseBuilder::new()
                                .content(
                                    "application/json",
                                    ContentBuilder::new()
                                        .schema(Some(Ref::from_schema_name("ErrorEnvelope")))
                                        .build(),
                                )
                                .into()
                        });
                    if let RefOr::T(response) = entry
                        && response.description.is_empty()
                    {
                        response.description = description.to_owned();
                    }
                }
                for (status, response) in operation.responses.responses.iter_mut() {
                    if let RefOr::T(response) = response
                        && response.description.is_empty()
                    {
                        response.description = default_description(status).to_owned();
                    }
                }
            }
        }
    }
}

/// `GET /api/v1/openapi.json` (public).
pub async fn openapi_document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
