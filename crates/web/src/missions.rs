//! Support to Members at the web edge (issue 7): the expert roster and
//! suggestions for a mission (with their wire shapes and reasons in words),
//! the pathway moves a mission causes, and the wire shapes of a request, a
//! mission and an evaluation. The use cases and who sees what are in
//! `gedhub_app::missions` and `gedhub_core::authz::missions`.

use std::collections::HashMap;

use chrono::NaiveDate;
use gedhub_app::missions as use_cases;
pub use gedhub_app::missions::RosterFilter;
use gedhub_core::missions::{self, ExpertFacts, Needs, Reason};
use gedhub_core::pathway::{Stage, effective_stage};
use gedhub_core::{Region, UserId};
use gedhub_store::missions::Mission;
use gedhub_store::users::User;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::context::SignedIn;
use crate::error::Result;
use crate::i18n::Locale;
use crate::pathway::{Request, record_move, today};
use crate::state::AppState;

/// Assigns `user` to `mission` (see `use_cases::assign`); an invited
/// candidate assigned as co-facilitator moves to supervised delivery.
pub async fn assign(
    state: &AppState,
    signed_in: &SignedIn,
    mission: &Mission,
    user: UserId,
    role: &str,
) -> Result<()> {
    let assigned = use_cases::assign(state.store(), &signed_in.caller, mission, user, role).await?;
    if assigned.role.is_co_facilitator() {
        after_assignment(state, signed_in, &assigned.person).await?;
    }
    Ok(())
}

/// Records an evaluation (see `use_cases::evaluate`); a positive one
/// recognizes a candidate in supervised delivery.
pub async fn evaluate(
    state: &AppState,
    signed_in: &SignedIn,
    led: &use_cases::LedMission,
    input: EvaluationInput,
) -> Result<()> {
    let positive = use_cases::evaluate(state.store(), &signed_in.caller, led, input.into()).await?;
    if let Some(person) = positive {
        after_positive_evaluation(state, signed_in, &person).await?;
    }
    Ok(())
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
    let nominated = store.nominated_languages().await?;
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
        let languages = languages_of(profile, &nominated, user.id);
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

/// The languages a person works in: their profile's list, or what their
/// nominations said (`gedhub_core::training::known_languages`).
fn languages_of(
    profile: Option<&gedhub_store::missions::ExpertProfile>,
    nominated: &HashMap<UserId, Vec<String>>,
    user: UserId,
) -> Vec<String> {
    gedhub_core::training::known_languages(
        profile.map(|p| p.languages.as_slice()).unwrap_or_default(),
        nominated.get(&user).map(Vec::as_slice).unwrap_or_default(),
    )
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
    let nominated = store.nominated_languages().await?;
    let unavailable = store.unavailability(None).await?;
    let facts = store.mission_facts().await?;
    let regions = regions(state).await?;
    let expert_facts: Vec<ExpertFacts> = people
        .iter()
        .map(|(user, _)| {
            let profile = profiles.get(&user.id);
            ExpertFacts {
                languages: languages_of(profile, &nominated, user.id),
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
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
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

impl From<SupportRequestInput> for use_cases::SupportRequestInput {
    fn from(input: SupportRequestInput) -> Self {
        Self {
            administration: input.administration,
            kind: input.kind,
            language: input.language,
            mode: input.mode,
            preferred_from: input.preferred_from,
            preferred_to: input.preferred_to,
            context: input.context,
        }
    }
}

/// A mission as typed (page form or API body).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
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

impl From<MissionInput> for use_cases::MissionInput {
    fn from(input: MissionInput) -> Self {
        Self {
            request_id: input.request_id,
            administration: input.administration,
            kind: input.kind,
            language: input.language,
            mode: input.mode,
            areas: input.areas,
            start_date: input.start_date,
            end_date: input.end_date,
            agenda: input.agenda,
        }
    }
}

/// An evaluation of a co-facilitator as typed.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EvaluationInput {
    /// The co-facilitator's e-mail address.
    pub email: String,
    /// Four 1–5 scores, in the order of the rubric's criteria (GED tools,
    /// technical expertise, support to Members, facilitation with senior
    /// officials).
    pub scores: [i64; 4],
    #[serde(default)]
    pub comments: Option<[String; 4]>,
    /// Whether the supervised delivery succeeded (recognition follows).
    pub positive: bool,
    #[serde(default)]
    pub comment: String,
}

impl From<EvaluationInput> for use_cases::EvaluationInput {
    fn from(input: EvaluationInput) -> Self {
        Self {
            email: input.email,
            scores: input.scores,
            comments: input.comments,
            positive: input.positive,
            comment: input.comment,
        }
    }
}

/// The roster's filters as typed.
#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct RosterQuery {
    /// A language code, e.g. `fr`.
    pub language: Option<String>,
    /// A WCO region code, e.g. `WCA`.
    pub region: Option<String>,
    /// A GED expertise area, e.g. `P1`.
    pub area: Option<String>,
    /// Only experts available on this day (`YYYY-MM-DD`).
    pub available_on: Option<String>,
}

/// Reads the roster's filters; an unknown value is a clear 422.
pub fn roster_filter(query: &RosterQuery) -> Result<RosterFilter> {
    let query = use_cases::RosterQuery {
        language: query.language.clone(),
        region: query.region.clone(),
        area: query.area.clone(),
        available_on: query.available_on.clone(),
    };
    Ok(RosterFilter::try_from(&query).map_err(gedhub_app::AppError::from)?)
}
