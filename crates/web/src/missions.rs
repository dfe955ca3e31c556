//! Support to Members at the web edge (issue 7): who sees which support
//! request and mission, the expert roster, suggestions for a mission, and
//! the pathway moves a mission causes.
//!
//! Access:
//! - a support request: the Secretariat and the focal points of its
//!   administration; anyone else 404;
//! - a mission: those, plus the mission's lead and co-facilitators;
//! - the lead (or the Secretariat) reports and evaluates co-facilitators;
//!   the Member (its focal points, or the Secretariat on its behalf) gives
//!   feedback;
//! - the roster: the Secretariat and focal points.

use std::collections::HashMap;

use chrono::NaiveDate;
use gedhub_core::missions::{self, ExpertFacts, Needs, Reason};
use gedhub_core::pathway::{Stage, effective_stage};
use gedhub_core::{Region, Role, UserId};
use gedhub_store::missions::{MemberRole, Mission, MissionMember, SupportRequest};
use gedhub_store::users::User;
use serde::Serialize;
use utoipa::ToSchema;

use crate::context::SignedIn;
use crate::error::{AppError, Result};
use crate::i18n::Locale;
use crate::pathway::{Request, record_move, today};
use crate::state::AppState;

fn own_administration(signed_in: &SignedIn, code: &str) -> bool {
    signed_in.principal.role == Role::FocalPoint
        && signed_in
            .user
            .administration
            .as_ref()
            .is_some_and(|own| own.as_str() == code)
}

/// The request, if the caller may see it (404 otherwise).
pub async fn visible_request(
    state: &AppState,
    signed_in: &SignedIn,
    id: i64,
) -> Result<SupportRequest> {
    let request = state.store().support_request(id).await?;
    if signed_in.principal.is_secretariat()
        || own_administration(signed_in, &request.administration)
    {
        Ok(request)
    } else {
        Err(AppError::NotFound)
    }
}

/// A mission the caller may see, with its experts and the caller's part.
pub struct VisibleMission {
    pub mission: Mission,
    pub members: Vec<MissionMember>,
    /// The Secretariat, or the mission's lead: reports and evaluates.
    pub may_lead: bool,
    /// The Secretariat, or a focal point of the administration served:
    /// gives the Member's feedback.
    pub may_give_feedback: bool,
}

pub async fn visible_mission(
    state: &AppState,
    signed_in: &SignedIn,
    id: i64,
) -> Result<VisibleMission> {
    let mission = state.store().mission(id).await?;
    let members = state.store().mission_members(id).await?;
    let secretariat = signed_in.principal.is_secretariat();
    let member_role = members
        .iter()
        .find(|m| m.user_id == signed_in.user.id)
        .map(|m| m.role);
    let own = own_administration(signed_in, &mission.administration);
    if !(secretariat || own || member_role.is_some()) {
        return Err(AppError::NotFound);
    }
    Ok(VisibleMission {
        may_lead: secretariat || member_role == Some(MemberRole::Lead),
        may_give_feedback: secretariat || own,
        mission,
        members,
    })
}

/// Missions the caller may see: all for the Secretariat, their
/// administration's for a focal point, their own for an expert.
pub async fn visible_missions(state: &AppState, signed_in: &SignedIn) -> Result<Vec<Mission>> {
    let store = state.store();
    let missions = store.missions().await?;
    if signed_in.principal.is_secretariat() {
        return Ok(missions);
    }
    let mut visible = Vec::new();
    for mission in missions {
        let own = own_administration(signed_in, &mission.administration);
        let member = !own
            && store
                .mission_members(mission.id)
                .await?
                .iter()
                .any(|m| m.user_id == signed_in.user.id);
        if own || member {
            visible.push(mission);
        }
    }
    Ok(visible)
}

/// Consequences on the pathway of assigning `person` as co-facilitator:
/// an invited candidate moves to `supervised_delivery`.
pub async fn after_assignment(state: &AppState, signed_in: &SignedIn, person: &User) -> Result<()> {
    if state.store().pathway_stage(person.id).await? == Stage::Invited {
        let request = Request {
            to: Stage::SupervisedDelivery,
            reason: String::new(),
            override_missing: false,
        };
        // Refused only if the facts changed meanwhile; the page shows the stage.
        let _ = record_move(state, signed_in, person, request).await?;
    }
    Ok(())
}

/// Consequences of a positive evaluation: a candidate in supervised
/// delivery becomes a Recognized GED Expert.
pub async fn after_positive_evaluation(
    state: &AppState,
    signed_in: &SignedIn,
    person: &User,
) -> Result<()> {
    if state.store().pathway_stage(person.id).await? == Stage::SupervisedDelivery {
        let request = Request {
            to: Stage::Recognized,
            reason: String::new(),
            override_missing: false,
        };
        let _ = record_move(state, signed_in, person, request).await?;
    }
    Ok(())
}

/// One expert of the roster.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RosterExpert {
    pub user_id: i64,
    pub email: String,
    pub name: String,
    pub administration: Option<String>,
    pub region: Option<String>,
    /// `recognized` or `champion`.
    pub stage: String,
    pub languages: Vec<String>,
    pub areas: Vec<String>,
    pub bio: String,
    pub recognized_on: String,
    pub valid_until: String,
    /// Missions delivered (as lead or co-facilitator).
    pub missions_delivered: usize,
    /// Available today (no unavailability period covers it).
    pub available_today: bool,
    pub max_missions_per_year: u32,
}

/// What the roster is filtered by.
#[derive(Debug, Clone, Default)]
pub struct RosterFilter {
    pub language: Option<String>,
    pub region: Option<Region>,
    pub area: Option<String>,
    /// Only those available on this day.
    pub available_on: Option<NaiveDate>,
}

/// The default yearly maximum of an expert without a profile.
pub const DEFAULT_MAX_MISSIONS: u32 = 4;

/// The Recognized GED Experts and Champions whose recognition is valid
/// today, with their profiles, by name.
pub async fn roster(state: &AppState, filter: &RosterFilter) -> Result<Vec<RosterExpert>> {
    let store = state.store();
    let today = today(state);
    let stages = store.pathway_stages().await?;
    let profiles: HashMap<UserId, _> = store
        .expert_profiles()
        .await?
        .into_iter()
        .map(|p| (p.user_id, p))
        .collect();
    let unavailable = store.unavailability(None).await?;
    let facts = store.mission_facts().await?;
    let regions = regions(state).await?;
    let mut experts = Vec::new();
    for recognition in store.recognitions().await? {
        let until = NaiveDate::parse_from_str(&recognition.valid_until, "%Y-%m-%d").ok();
        let recorded = stages
            .get(&recognition.user_id)
            .copied()
            .unwrap_or(Stage::Nominated);
        let stage = effective_stage(recorded, until, today);
        if !stage.is_recognized() {
            continue;
        }
        let user = store.user(recognition.user_id).await?;
        let profile = profiles.get(&user.id);
        let region = user
            .administration
            .as_ref()
            .and_then(|c| regions.get(c.as_str()).copied());
        let busy_on = |day: NaiveDate| {
            unavailable
                .iter()
                .any(|u| u.user_id == user.id && u.from <= day && day <= u.to)
        };
        let languages = profile.map(|p| p.languages.clone()).unwrap_or_default();
        let areas = profile.map(|p| p.areas.clone()).unwrap_or_default();
        if filter
            .language
            .as_ref()
            .is_some_and(|l| !languages.contains(l))
            || filter.region.is_some_and(|r| region != Some(r))
            || filter.area.as_ref().is_some_and(|a| !areas.contains(a))
            || filter.available_on.is_some_and(busy_on)
        {
            continue;
        }
        experts.push(RosterExpert {
            user_id: user.id.0,
            email: user.email.as_str().to_owned(),
            name: user.name.clone(),
            administration: user.administration.as_ref().map(|c| c.to_string()),
            region: region.map(|r| r.as_str().to_owned()),
            stage: stage.as_str().to_owned(),
            languages,
            areas,
            bio: profile.map(|p| p.bio.clone()).unwrap_or_default(),
            recognized_on: recognition.recognized_on.clone(),
            valid_until: recognition.valid_until.clone(),
            missions_delivered: facts.get(&user.id).map_or(0, |f| f.delivered_starts.len()),
            available_today: !busy_on(today),
            max_missions_per_year: profile
                .map_or(DEFAULT_MAX_MISSIONS, |p| p.max_missions_per_year),
        });
    }
    experts.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(experts)
}

async fn regions(state: &AppState) -> Result<HashMap<String, Region>> {
    Ok(state
        .store()
        .administrations(&Default::default())
        .await?
        .into_iter()
        .map(|a| (a.code.to_string(), a.region))
        .collect())
}

/// One suggested expert for a mission, with the reasons for their place.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SuggestedExpert {
    pub rank: usize,
    pub user_id: i64,
    pub email: String,
    pub name: String,
    /// `recognized`, `champion` (can lead), or `invited` /
    /// `supervised_delivery` (can co-facilitate).
    pub stage: String,
    pub languages: Vec<String>,
    pub region: Option<String>,
    pub available: bool,
    /// Codes with their numbers, e.g. `{"code":"areas","common":1,"of":2}`.
    #[schema(value_type = Vec<Object>)]
    pub reasons: Vec<Reason>,
}

/// Ranks the roster's experts and the candidates who may co-facilitate
/// (`invited`, `supervised_delivery`) for `mission`.
pub async fn suggestions(state: &AppState, mission: &Mission) -> Result<Vec<SuggestedExpert>> {
    let store = state.store();
    let today = today(state);
    let mut people: Vec<(User, Stage)> = Vec::new();
    for expert in roster(state, &RosterFilter::default()).await? {
        let stage = gedhub_core::pathway::Stage::parse(&expert.stage).unwrap_or(Stage::Recognized);
        people.push((store.user(UserId(expert.user_id)).await?, stage));
    }
    for (user_id, recorded) in store.pathway_stages().await? {
        if matches!(recorded, Stage::Invited | Stage::SupervisedDelivery)
            && !people.iter().any(|(u, _)| u.id == user_id)
        {
            let until = store
                .recognition(user_id)
                .await?
                .and_then(|r| NaiveDate::parse_from_str(&r.valid_until, "%Y-%m-%d").ok());
            if effective_stage(recorded, until, today) == recorded {
                people.push((store.user(user_id).await?, recorded));
            }
        }
    }
    let profiles: HashMap<UserId, _> = store
        .expert_profiles()
        .await?
        .into_iter()
        .map(|p| (p.user_id, p))
        .collect();
    let unavailable = store.unavailability(None).await?;
    let facts = store.mission_facts().await?;
    let regions = regions(state).await?;
    let expert_facts: Vec<ExpertFacts> = people
        .iter()
        .map(|(user, _)| {
            let profile = profiles.get(&user.id);
            ExpertFacts {
                languages: profile.map(|p| p.languages.clone()).unwrap_or_default(),
                region: user
                    .administration
                    .as_ref()
                    .and_then(|c| regions.get(c.as_str()).copied()),
                areas: profile.map(|p| p.areas.clone()).unwrap_or_default(),
                unavailable: unavailable
                    .iter()
                    .filter(|u| u.user_id == user.id)
                    .map(|u| (u.from, u.to))
                    .collect(),
                max_missions_per_year: profile
                    .map_or(DEFAULT_MAX_MISSIONS, |p| p.max_missions_per_year),
                missions_by_year: facts
                    .get(&user.id)
                    .map(|f| f.by_year.clone())
                    .unwrap_or_default(),
            }
        })
        .collect();
    let needs = Needs {
        language: mission.language.clone(),
        region: regions.get(&mission.administration).copied(),
        areas: mission.areas.clone(),
        start: mission.start,
        end: mission.end,
    };
    Ok(missions::suggest(&needs, &expert_facts)
        .into_iter()
        .enumerate()
        .map(|(position, suggestion)| {
            let (user, stage) = &people[suggestion.index];
            let facts = &expert_facts[suggestion.index];
            SuggestedExpert {
                rank: position + 1,
                user_id: user.id.0,
                email: user.email.as_str().to_owned(),
                name: user.name.clone(),
                stage: stage.as_str().to_owned(),
                languages: facts.languages.clone(),
                region: facts.region.map(|r| r.as_str().to_owned()),
                available: suggestion.available,
                reasons: suggestion.reasons,
            }
        })
        .collect())
}

/// A reason in words, in `locale`.
pub fn reason_text(locale: &Locale, reason: &Reason, language: &str) -> String {
    match reason {
        Reason::SpeaksLanguage => locale.t_args(
            "suggestion-speaks",
            &[(
                "language",
                locale.t(&format!("workshop-language-{language}")),
            )],
        ),
        Reason::DoesNotSpeakLanguage => locale.t_args(
            "suggestion-does-not-speak",
            &[(
                "language",
                locale.t(&format!("workshop-language-{language}")),
            )],
        ),
        Reason::SameRegion => locale.t("suggestion-same-region"),
        Reason::OtherRegion => locale.t("suggestion-other-region"),
        Reason::Areas { common, of } => locale.t_args(
            "suggestion-areas",
            &[("common", common.to_string()), ("of", of.to_string())],
        ),
        Reason::Available => locale.t("suggestion-available"),
        Reason::Unavailable => locale.t("suggestion-unavailable"),
        Reason::AtYearlyMaximum { missions, maximum } => locale.t_args(
            "suggestion-at-maximum",
            &[
                ("missions", missions.to_string()),
                ("maximum", maximum.to_string()),
            ],
        ),
        Reason::Load { missions } => {
            locale.t_args("suggestion-load", &[("missions", missions.to_string())])
        }
    }
}

/// A support request as typed (page form or API body).
#[derive(Debug, Clone, Default, serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SupportRequestInput {
    /// The requesting administration's code: a focal point's own (may be
    /// omitted); required from the Secretariat.
    #[serde(default)]
    pub administration: Option<String>,
    /// `geoat_diagnostic`, `action_plan`, `me_setup`, `training_delivery`
    /// or `other`.
    pub kind: String,
    /// `en`, `fr`, `es`, `pt` or `ar`.
    pub language: String,
    /// `in_person` or `virtual`.
    pub mode: String,
    #[serde(default)]
    pub preferred_from: Option<String>,
    #[serde(default)]
    pub preferred_to: Option<String>,
    /// What the administration needs (required, at most 4,000 characters):
    /// an empty request cannot be acted on.
    #[serde(default)]
    pub context: String,
}

fn language(text: &str) -> std::result::Result<String, gedhub_core::ValidationError> {
    let code = text.trim().to_lowercase();
    if gedhub_store::training::DELIVERY_LANGUAGES.contains(&code.as_str()) {
        Ok(code)
    } else {
        Err(gedhub_core::ValidationError::new(
            "language",
            "unknown_language",
        ))
    }
}

fn optional_date(
    field: &'static str,
    text: Option<&str>,
) -> std::result::Result<Option<NaiveDate>, gedhub_core::ValidationError> {
    gedhub_core::parse_optional_date(field, text)
}

/// Checks a request; the administration is the caller's own for a focal
/// point (another one: 404, as if it did not exist), any for the
/// Secretariat. Every problem is reported at once.
pub async fn parse_support_request(
    state: &AppState,
    signed_in: &SignedIn,
    input: &SupportRequestInput,
) -> Result<gedhub_store::missions::NewSupportRequest> {
    use gedhub_core::AdministrationCode;
    let administration = match (signed_in.principal.role, input.administration.as_deref()) {
        (Role::Secretariat, Some(code)) => {
            let code = AdministrationCode::parse(code.trim()).map_err(|_| {
                AppError::Invalid(vec![gedhub_core::ValidationError::new(
                    "administration",
                    "unknown_administration",
                )])
            })?;
            state
                .store()
                .administration(&signed_in.principal.administration_scope(), &code)
                .await
                .map_err(|_| {
                    AppError::Invalid(vec![gedhub_core::ValidationError::new(
                        "administration",
                        "unknown_administration",
                    )])
                })?;
            code
        }
        (Role::Secretariat, None) => {
            return Err(AppError::Invalid(vec![gedhub_core::ValidationError::new(
                "administration",
                "required",
            )]));
        }
        (Role::FocalPoint, requested) => {
            let own = signed_in
                .user
                .administration
                .clone()
                .ok_or(AppError::Forbidden)?;
            if requested.is_some_and(|code| !code.trim().is_empty() && code.trim() != own.as_str())
            {
                return Err(AppError::NotFound);
            }
            own
        }
        _ => return Err(AppError::Forbidden),
    };
    let mut problems = Vec::new();
    // Nothing is chosen for the user: an unanswered choice is missing, not unknown.
    let required = |field: &'static str| gedhub_core::ValidationError::new(field, "required");
    let kind = missions::SupportKind::parse(input.kind.trim())
        .map_err(|e| {
            if input.kind.trim().is_empty() {
                required("kind")
            } else {
                e
            }
        })
        .map_err(|e| problems.push(e))
        .ok();
    let language = language(&input.language).map_err(|e| problems.push(e)).ok();
    let mode = gedhub_core::training::WorkshopMode::parse(input.mode.trim())
        .map_err(|e| {
            if input.mode.trim().is_empty() {
                required("mode")
            } else {
                e
            }
        })
        .map_err(|e| problems.push(e))
        .ok();
    let from = optional_date("preferred_from", input.preferred_from.as_deref())
        .map_err(|e| problems.push(e))
        .ok()
        .flatten();
    let to = optional_date("preferred_to", input.preferred_to.as_deref())
        .map_err(|e| problems.push(e))
        .ok()
        .flatten();
    if let (Some(from), Some(to)) = (from, to)
        && to < from
    {
        problems.push(gedhub_core::ValidationError::new(
            "preferred_to",
            "end_before_start",
        ));
    }
    // A request says what is needed: an empty one cannot be acted on.
    if input.context.trim().is_empty() {
        problems.push(required("context"));
    } else if input.context.chars().count() > 4000 {
        problems.push(gedhub_core::ValidationError::new("context", "too_long"));
    }
    match (kind, language, mode) {
        (Some(kind), Some(language), Some(mode)) if problems.is_empty() => {
            Ok(gedhub_store::missions::NewSupportRequest {
                administration,
                kind,
                language,
                mode,
                preferred_from: from,
                preferred_to: to,
                context: input.context.clone(),
            })
        }
        _ => Err(AppError::Invalid(problems)),
    }
}

/// A mission as typed (page form or API body).
#[derive(Debug, Clone, Default, serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MissionInput {
    /// The support request it answers, if any: its administration is then
    /// the mission's.
    #[serde(default)]
    pub request_id: Option<i64>,
    /// Required without `request_id`.
    #[serde(default)]
    pub administration: Option<String>,
    pub kind: String,
    pub language: String,
    pub mode: String,
    /// GED expertise area codes (`P1` … `P6`, `CC`, `SS`).
    #[serde(default)]
    pub areas: Vec<String>,
    pub start_date: String,
    pub end_date: String,
    #[serde(default)]
    pub agenda: String,
}

/// Checks a mission (the Secretariat's).
pub async fn parse_mission(
    state: &AppState,
    signed_in: &SignedIn,
    input: &MissionInput,
) -> Result<gedhub_store::missions::NewMission> {
    use gedhub_core::{AdministrationCode, ValidationError};
    let mut problems = Vec::new();
    let administration = match (input.request_id, input.administration.as_deref()) {
        (Some(id), _) => {
            let request = state.store().support_request(id).await.map_err(|_| {
                AppError::Invalid(vec![ValidationError::new("request_id", "unknown_request")])
            })?;
            AdministrationCode::parse(&request.administration).ok()
        }
        (None, Some(code)) => match AdministrationCode::parse(code.trim()) {
            Ok(code)
                if state
                    .store()
                    .administration(&signed_in.principal.administration_scope(), &code)
                    .await
                    .is_ok() =>
            {
                Some(code)
            }
            _ => {
                problems.push(ValidationError::new(
                    "administration",
                    "unknown_administration",
                ));
                None
            }
        },
        (None, None) => {
            problems.push(ValidationError::new("administration", "required"));
            None
        }
    };
    let kind = missions::SupportKind::parse(input.kind.trim())
        .map_err(|e| problems.push(e))
        .ok();
    let language = language(&input.language).map_err(|e| problems.push(e)).ok();
    let mode = gedhub_core::training::WorkshopMode::parse(input.mode.trim())
        .map_err(|e| problems.push(e))
        .ok();
    let areas = missions::parse_areas(input.areas.iter().map(String::as_str))
        .map_err(|e| problems.push(e))
        .ok();
    let start = gedhub_core::parse_date("start_date", &input.start_date)
        .map_err(|e| problems.push(e))
        .ok();
    let end = gedhub_core::parse_date("end_date", &input.end_date)
        .map_err(|e| problems.push(e))
        .ok();
    if let (Some(start), Some(end)) = (start, end)
        && end < start
    {
        problems.push(ValidationError::new("end_date", "end_before_start"));
    }
    if input.agenda.chars().count() > 8000 {
        problems.push(ValidationError::new("agenda", "too_long"));
    }
    match (administration, kind, language, mode, areas, start, end) {
        (
            Some(administration),
            Some(kind),
            Some(language),
            Some(mode),
            Some(areas),
            Some(start),
            Some(end),
        ) if problems.is_empty() => Ok(gedhub_store::missions::NewMission {
            request_id: input.request_id,
            administration,
            kind,
            mode,
            language,
            areas,
            start,
            end,
            agenda: input.agenda.clone(),
        }),
        _ => Err(AppError::Invalid(problems)),
    }
}
