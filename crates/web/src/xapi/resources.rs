//! The LRS resources that only read: About (`/xapi/about`), Agents
//! (`/xapi/agents`) and Activities (`/xapi/activities`) — xAPI 2.0
//! Communication 4.1.6.3, 4.1.6.4 and 4.1.6.7; 1.0.3 Communication 2.4, 2.5
//! and 2.8 — and the answer to a path under `/xapi/` that is no resource.

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use gedhub_core::xapi::document::etag;
use gedhub_core::xapi::is_iri;
use gedhub_core::xapi::resources::{activity, agent_parameter, person};
use serde_json::{Value, json};

use super::{LEGACY_VERSION, LrsError, XAPI_VERSION, authenticate, check_version, parameters};
use crate::state::AppState;

/// JSON with its entity tag (the SHA-1 of the body, quoted), as the
/// resources with concurrency controls answer a `GET`.
fn tagged_json(value: &Value) -> Response {
    let body = serde_json::to_vec(value).unwrap_or_default();
    let tag = HeaderValue::from_str(&format!("\"{}\"", etag(&body))).ok();
    let mut response = (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response();
    if let Some(tag) = tag {
        response.headers_mut().insert(header::ETAG, tag);
    }
    response
}

/// The one parameter a read-only resource takes, required; any other → 400.
fn only_parameter(query: Option<&str>, name: &'static str) -> Result<String, LrsError> {
    let params = parameters(query)?;
    if let Some((other, _)) = params.iter().find(|(key, _)| key != name) {
        return Err(LrsError::bad_request(
            "xapi_parameter_unknown",
            format!("Unknown parameter {other:?}."),
        ));
    }
    params
        .into_iter()
        .next()
        .map(|(_, value)| value)
        .ok_or_else(|| {
            LrsError::bad_request("xapi_parameter_required", format!("{name} is required."))
        })
}

/// `GET /xapi/about`: the versions this LRS follows, the latest patch of
/// each major version. Open to anyone and whatever the version header says
/// (Communication 2.8: an LRS must not refuse it on the version header, and
/// should allow it without credentials); it takes no parameter (one → 400,
/// as everywhere in the LRS).
pub async fn about(RawQuery(query): RawQuery) -> Response {
    match parameters(query.as_deref()) {
        Ok(params) if params.is_empty() => {
            tagged_json(&json!({ "version": [LEGACY_VERSION, XAPI_VERSION] }))
        }
        Ok(params) => LrsError::bad_request(
            "xapi_parameter_unknown",
            format!("Unknown parameter {:?}.", params[0].0),
        )
        .into_response(),
        Err(error) => error.into_response(),
    }
}

/// `GET /xapi/agents?agent=`: the Person object of an agent — its
/// identifier and the names it had in the request and in stored statements.
/// An agent the LRS never saw still gets its Person object.
pub async fn agents(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    async {
        authenticate(&state, &headers).await?;
        check_version(&headers)?;
        let text = only_parameter(query.as_deref(), "agent")?;
        let (agent, ifi) = agent_parameter(&text).map_err(|problem| {
            LrsError::bad_request(
                "xapi_agent_invalid",
                format!("agent must be a JSON Agent with one identifier ({problem})."),
            )
        })?;
        let names = state.store().agent_names(&ifi.key()).await?;
        Ok::<_, LrsError>(tagged_json(&person(&agent, &ifi, &names)))
    }
    .await
    .unwrap_or_else(IntoResponse::into_response)
}

/// `GET /xapi/activities?activityId=`: the Activity object, with what every
/// stored statement said of it merged (name and description in every
/// language sent); an activity the LRS never saw is still an Activity
/// object.
pub async fn activities(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    async {
        authenticate(&state, &headers).await?;
        check_version(&headers)?;
        let id = only_parameter(query.as_deref(), "activityId")?;
        if !is_iri(&id) {
            return Err(LrsError::bad_request(
                "xapi_activity_id_invalid",
                "activityId must be an IRI.",
            ));
        }
        let objects = state.store().activity_objects(&id).await?;
        Ok(tagged_json(&activity(&id, &objects)))
    }
    .await
    .unwrap_or_else(IntoResponse::into_response)
}

/// Any method on a path under `/xapi/` that is no xAPI resource: answered
/// the LRS's way — 401 with the Basic challenge without valid credentials,
/// else 404 in the error envelope (and, like every LRS answer, the version
/// header) — rather than the web application's 404 page.
pub async fn unknown_resource(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match authenticate(&state, &headers).await {
        Err(error) => error.into_response(),
        Ok(_) => LrsError::new(
            StatusCode::NOT_FOUND,
            "xapi_resource_unknown",
            "No xAPI resource has this path; the LRS's resources are statements, activities, activities/state, activities/profile, agents, agents/profile and about.",
        )
        .into_response(),
    }
}
