//! Support to Members (issue 7): the use cases the support request and
//! mission pages and the `/api/v1` endpoints share.
//!
//! Access (core's policy, `gedhub_core::authz::missions`): a support request
//! is the Secretariat's and its administration's focal points'; a mission
//! also its experts'. For anyone else they do not exist (`NotFound`). The
//! Secretariat creates missions and assigns experts; the lead (or the
//! Secretariat) reports and evaluates; the Member gives feedback.
//!
//! What an assignment or a positive evaluation changes on a candidate's
//! pathway is decided by the pathway's rules, which the caller applies with
//! the person these use cases return.

use chrono::NaiveDate;
use gedhub_core::authz::missions::{
    self as policy, MissionPart, NewRequestAdministration, RequestList,
};
use gedhub_core::missions::{self, SupportKind};
use gedhub_core::pathway::{Stage, effective_stage};
use gedhub_core::training::WorkshopMode;
use gedhub_core::{AdministrationCode, Email, Region, Scope, UserId, ValidationError};
use gedhub_store::Store;
use gedhub_store::agenda::RubricScores;
use gedhub_store::missions::{
    MemberRole, Mission, MissionMember, NewMission, NewSupportRequest, SupportRequest,
};
use gedhub_store::training::DELIVERY_LANGUAGES;
use gedhub_store::users::User;

use crate::caller::Caller;
use crate::error::{AppError, Problems, Result};

// ----- access ------------------------------------------------------------------

/// The Secretariat's work on missions (`Forbidden` for others).
pub fn require_manager(caller: &Caller) -> Result<()> {
    caller.require(policy::may_manage_missions(&caller.principal))
}

/// An expert profile is a candidate's (`Forbidden` for others).
pub fn require_candidate(caller: &Caller) -> Result<()> {
    caller.require(policy::may_keep_expert_profile(&caller.principal))
}

/// The support request `id`, if the caller may see it.
pub async fn visible_request(store: &Store, caller: &Caller, id: i64) -> Result<SupportRequest> {
    let request = store.support_request(id).await?;
    if policy::may_see_support_request(&caller.principal, &request.administration) {
        Ok(request)
    } else {
        Err(AppError::NotFound)
    }
}

/// A mission the caller may see, with its experts and the caller's part.
#[derive(Debug, Clone)]
pub struct VisibleMission {
    pub mission: Mission,
    pub members: Vec<MissionMember>,
    /// The Secretariat, or the mission's lead: reports and evaluates.
    pub may_lead: bool,
    /// The Secretariat, or a focal point of the administration served:
    /// gives the Member's feedback.
    pub may_give_feedback: bool,
}

/// The caller's part in a mission with `members`.
fn part(caller: &Caller, members: &[MissionMember]) -> MissionPart {
    match members.iter().find(|m| m.user_id == caller.user_id) {
        Some(member) if member.role == MemberRole::Lead => MissionPart::Lead,
        Some(_) => MissionPart::CoFacilitator,
        None => MissionPart::None,
    }
}

/// The mission `id`, if the caller may see it.
pub async fn visible_mission(store: &Store, caller: &Caller, id: i64) -> Result<VisibleMission> {
    let mission = store.mission(id).await?;
    let members = store.mission_members(id).await?;
    let part = part(caller, &members);
    if !policy::may_see_mission(&caller.principal, &mission.administration, part) {
        return Err(AppError::NotFound);
    }
    Ok(VisibleMission {
        may_lead: policy::may_lead_mission(&caller.principal, part),
        may_give_feedback: policy::may_give_mission_feedback(
            &caller.principal,
            &mission.administration,
        ),
        mission,
        members,
    })
}

/// The missions the caller may see: all for the Secretariat, their
/// administration's for a focal point, those they serve on for an expert.
pub async fn visible_missions(store: &Store, caller: &Caller) -> Result<Vec<Mission>> {
    let mut visible = Vec::new();
    for mission in store.missions().await? {
        let seen = |part| policy::may_see_mission(&caller.principal, &mission.administration, part);
        if seen(MissionPart::None) {
            visible.push(mission);
            continue;
        }
        let members = store.mission_members(mission.id).await?;
        if seen(part(caller, &members)) {
            visible.push(mission);
        }
    }
    Ok(visible)
}

/// A mission the caller leads (or the Secretariat). Only [`led_mission`]
/// makes one, so holding it is the proof they may report and evaluate.
#[derive(Debug, Clone)]
pub struct LedMission(Mission);

impl LedMission {
    pub fn mission(&self) -> &Mission {
        &self.0
    }
}

/// The mission `id` if the caller sees it (`NotFound`) and leads it
/// (`Forbidden`).
pub async fn led_mission(store: &Store, caller: &Caller, id: i64) -> Result<LedMission> {
    let visible = visible_mission(store, caller, id).await?;
    caller.require(visible.may_lead)?;
    Ok(LedMission(visible.mission))
}

// ----- support requests -----------------------------------------------------------

/// The support requests the caller may list: all for the Secretariat,
/// their administration's for a focal point; refused for others.
pub async fn requests(store: &Store, caller: &Caller) -> Result<Vec<SupportRequest>> {
    caller.require_starter()?;
    let scope = match policy::support_request_list(&caller.principal) {
        RequestList::All => Scope::All,
        RequestList::Own(code) => Scope::one(code),
        RequestList::Refused => return Err(AppError::Forbidden),
    };
    Ok(store.support_requests(&scope).await?)
}

/// A support request as typed (page form or API body).
#[derive(Debug, Clone, Default)]
pub struct SupportRequestInput {
    /// The requesting administration's code: a focal point's own (may be
    /// omitted); required from the Secretariat.
    pub administration: Option<String>,
    pub kind: String,
    pub language: String,
    pub mode: String,
    pub preferred_from: Option<String>,
    pub preferred_to: Option<String>,
    pub context: String,
}

fn language(text: &str) -> std::result::Result<String, ValidationError> {
    let code = text.trim().to_lowercase();
    if DELIVERY_LANGUAGES.contains(&code.as_str()) {
        Ok(code)
    } else {
        Err(ValidationError::new("language", "unknown_language"))
    }
}

/// An administration the Secretariat names (`unknown_administration`
/// otherwise).
async fn named_administration(
    store: &Store,
    caller: &Caller,
    code: &str,
) -> std::result::Result<AdministrationCode, ValidationError> {
    let unknown = || ValidationError::new("administration", "unknown_administration");
    let code = AdministrationCode::parse(code.trim()).map_err(|_| unknown())?;
    store
        .administration(&caller.scope, &code)
        .await
        .map_err(|_| unknown())?;
    Ok(code)
}

/// Checks a request; the administration is the caller's own for a focal
/// point (another one: `NotFound`, as if it did not exist), any for the
/// Secretariat. Every problem of the request itself is reported at once.
async fn new_request(
    store: &Store,
    caller: &Caller,
    input: &SupportRequestInput,
) -> Result<NewSupportRequest> {
    let administration = match (
        policy::new_request_administration(&caller.principal),
        input.administration.as_deref(),
    ) {
        (NewRequestAdministration::Chosen, Some(code)) => {
            named_administration(store, caller, code).await?
        }
        (NewRequestAdministration::Chosen, None) => {
            return Err(ValidationError::new("administration", "required").into());
        }
        (NewRequestAdministration::Own(own), requested) => {
            if requested.is_some_and(|code| !code.trim().is_empty() && code.trim() != own.as_str())
            {
                return Err(AppError::NotFound);
            }
            own
        }
        (NewRequestAdministration::Refused, _) => return Err(AppError::Forbidden),
    };
    let mut problems = Problems::new();
    // Nothing is chosen for the user: an unanswered choice is missing, not unknown.
    let required = |field: &'static str| ValidationError::new(field, "required");
    let kind = problems.check(SupportKind::parse(input.kind.trim()).map_err(|e| {
        if input.kind.trim().is_empty() {
            required("kind")
        } else {
            e
        }
    }));
    let language = problems.check(language(&input.language));
    let mode = problems.check(WorkshopMode::parse(input.mode.trim()).map_err(|e| {
        if input.mode.trim().is_empty() {
            required("mode")
        } else {
            e
        }
    }));
    let from = problems
        .check(gedhub_core::parse_optional_date(
            "preferred_from",
            input.preferred_from.as_deref(),
        ))
        .flatten();
    let to = problems
        .check(gedhub_core::parse_optional_date(
            "preferred_to",
            input.preferred_to.as_deref(),
        ))
        .flatten();
    if let (Some(from), Some(to)) = (from, to)
        && to < from
    {
        problems.push(ValidationError::new("preferred_to", "end_before_start"));
    }
    // A request says what is needed: an empty one cannot be acted on.
    if input.context.trim().is_empty() {
        problems.push(required("context"));
    } else if input.context.chars().count() > 4000 {
        problems.push(ValidationError::new("context", "too_long"));
    }
    match (kind, language, mode) {
        (Some(kind), Some(language), Some(mode)) if problems.is_empty() => Ok(NewSupportRequest {
            administration,
            kind,
            language,
            mode,
            preferred_from: from,
            preferred_to: to,
            context: input.context.clone(),
        }),
        _ => Err(problems.into()),
    }
}

/// A focal point asks for support for their administration, or the
/// Secretariat for any.
pub async fn create_request(
    store: &Store,
    caller: &Caller,
    input: &SupportRequestInput,
) -> Result<SupportRequest> {
    caller.require_starter()?;
    let new = new_request(store, caller, input).await?;
    Ok(store.create_support_request(&caller.actor, &new).await?)
}

/// The Secretariat declines a request with an answer (required).
pub async fn decline_request(store: &Store, caller: &Caller, id: i64, answer: &str) -> Result<()> {
    require_manager(caller)?;
    visible_request(store, caller, id).await?;
    if answer.trim().is_empty() {
        return Err(ValidationError::new("answer", "required").into());
    }
    Ok(store
        .decline_support_request(&caller.actor, id, answer)
        .await?)
}

// ----- missions ---------------------------------------------------------------------

/// A mission as typed (page form or API body).
#[derive(Debug, Clone, Default)]
pub struct MissionInput {
    /// The support request it answers, if any: its administration is then
    /// the mission's.
    pub request_id: Option<i64>,
    /// Required without `request_id`.
    pub administration: Option<String>,
    pub kind: String,
    pub language: String,
    pub mode: String,
    pub areas: Vec<String>,
    pub start_date: String,
    pub end_date: String,
    pub agenda: String,
}

/// Checks a mission, reporting every problem.
async fn new_mission(store: &Store, caller: &Caller, input: &MissionInput) -> Result<NewMission> {
    let mut problems = Problems::new();
    let administration = match (input.request_id, input.administration.as_deref()) {
        (Some(id), _) => {
            let request = store
                .support_request(id)
                .await
                .map_err(|_| ValidationError::new("request_id", "unknown_request"))?;
            AdministrationCode::parse(&request.administration).ok()
        }
        (None, Some(code)) => problems.check(named_administration(store, caller, code).await),
        (None, None) => {
            problems.push(ValidationError::new("administration", "required"));
            None
        }
    };
    let kind = problems.check(SupportKind::parse(input.kind.trim()));
    let language = problems.check(language(&input.language));
    let mode = problems.check(WorkshopMode::parse(input.mode.trim()));
    let areas = problems.check(missions::parse_areas(
        input.areas.iter().map(String::as_str),
    ));
    let start = problems.check(gedhub_core::parse_date("start_date", &input.start_date));
    let end = problems.check(gedhub_core::parse_date("end_date", &input.end_date));
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
        ) if problems.is_empty() => Ok(NewMission {
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
        _ => Err(problems.into()),
    }
}

/// The Secretariat plans a mission.
pub async fn create_mission(
    store: &Store,
    caller: &Caller,
    input: &MissionInput,
) -> Result<Mission> {
    require_manager(caller)?;
    let new = new_mission(store, caller, input).await?;
    Ok(store.create_mission(&caller.actor, &new).await?)
}

/// An expert now on a mission.
#[derive(Debug, Clone)]
pub struct Assigned {
    pub person: User,
    pub role: MemberRole,
}

/// The Secretariat assigns `user` to `mission` in `role` (`lead` or
/// `co_facilitator`): a lead must be a Recognized GED Expert (or
/// Champion); a co-facilitator a candidate invited or in supervised
/// delivery, or an expert.
pub async fn assign(
    store: &Store,
    caller: &Caller,
    mission: &Mission,
    user: UserId,
    role: &str,
) -> Result<Assigned> {
    require_manager(caller)?;
    let role = MemberRole::parse(role)?;
    let person = store
        .user(user)
        .await
        .map_err(|_| ValidationError::new("user", "not_a_candidate"))?;
    let until = store
        .recognition(person.id)
        .await?
        .and_then(|r| NaiveDate::parse_from_str(&r.valid_until, "%Y-%m-%d").ok());
    let stage = effective_stage(store.pathway_stage(person.id).await?, until, caller.today());
    let eligible = match role {
        MemberRole::Lead => stage.is_recognized(),
        MemberRole::CoFacilitator => {
            stage.is_recognized() || matches!(stage, Stage::Invited | Stage::SupervisedDelivery)
        }
    };
    if !eligible {
        let code = if role == MemberRole::Lead {
            "lead_must_be_recognized"
        } else {
            "co_facilitator_must_be_invited"
        };
        return Err(ValidationError::new("user", code).into());
    }
    store
        .add_mission_member(&caller.actor, mission, person.id, role)
        .await?;
    Ok(Assigned { person, role })
}

/// The person with this e-mail address, to assign (`not_a_candidate` when
/// there is none).
pub async fn person_by_email(store: &Store, email: &str) -> Result<User> {
    let email = Email::parse(email)?;
    Ok(store
        .user_by_email(&email)
        .await
        .map_err(|_| ValidationError::new("email", "not_a_candidate"))?)
}

/// Whether `mission` has taken place by the caller's today (see
/// `gedhub_core::missions::has_taken_place`).
pub fn taken_place(caller: &Caller, mission: &Mission) -> bool {
    missions::has_taken_place(mission.end, caller.today())
}

/// The lead's report, once the mission has taken place.
pub async fn save_report(
    store: &Store,
    caller: &Caller,
    led: &LedMission,
    report: &str,
    recommendations: &str,
) -> Result<()> {
    if !taken_place(caller, led.mission()) {
        return Err(AppError::Conflict {
            code: "mission_not_yet_held",
        });
    }
    if report.trim().is_empty() {
        return Err(ValidationError::new("report", "required").into());
    }
    if report.chars().count() > 20_000 || recommendations.chars().count() > 20_000 {
        return Err(ValidationError::new("report", "too_long").into());
    }
    Ok(store
        .save_mission_report(&caller.actor, led.mission(), report, recommendations)
        .await?)
}

/// An evaluation of a co-facilitator as typed.
#[derive(Debug, Clone, Default)]
pub struct EvaluationInput {
    /// The co-facilitator's e-mail address.
    pub email: String,
    /// Four 1–5 scores, in the order of the rubric's criteria.
    pub scores: [i64; 4],
    pub comments: Option<[String; 4]>,
    /// Whether the supervised delivery succeeded.
    pub positive: bool,
    pub comment: String,
}

/// Records the lead's evaluation of a co-facilitator once the mission has
/// taken place. Returns the person when it is positive: recognition may
/// follow on their pathway.
pub async fn evaluate(
    store: &Store,
    caller: &Caller,
    led: &LedMission,
    input: EvaluationInput,
) -> Result<Option<User>> {
    if !taken_place(caller, led.mission()) {
        return Err(AppError::Conflict {
            code: "mission_not_yet_held",
        });
    }
    let not_one = || ValidationError::new("email", "not_a_co_facilitator");
    let email = Email::parse(&input.email).map_err(|_| not_one())?;
    let person = store.user_by_email(&email).await.map_err(|_| not_one())?;
    let rubric = RubricScores::new(input.scores, input.comments.unwrap_or_default())?;
    if input.comment.chars().count() > 4000 {
        return Err(ValidationError::new("comment", "too_long").into());
    }
    store
        .save_mission_evaluation(
            &caller.actor,
            led.mission(),
            person.id,
            &rubric,
            input.positive,
            &input.comment,
        )
        .await?;
    Ok(input.positive.then_some(person))
}

/// The Member's 1–5 rating (as typed) and comment on mission `id`.
pub async fn save_feedback(
    store: &Store,
    caller: &Caller,
    id: i64,
    rating: &str,
    comment: &str,
) -> Result<()> {
    let visible = visible_mission(store, caller, id).await?;
    caller.require(visible.may_give_feedback)?;
    let Ok(rating) = rating.trim().parse::<u8>() else {
        return Err(ValidationError::new("rating", "rating_out_of_range").into());
    };
    if comment.chars().count() > 4000 {
        return Err(ValidationError::new("comment", "too_long").into());
    }
    Ok(store
        .save_member_feedback(&caller.actor, &visible.mission, rating, comment)
        .await?)
}

// ----- the roster ---------------------------------------------------------------------

/// The roster's filters as typed.
#[derive(Debug, Clone, Default)]
pub struct RosterQuery {
    pub language: Option<String>,
    pub region: Option<String>,
    pub area: Option<String>,
    pub available_on: Option<String>,
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

impl TryFrom<&RosterQuery> for RosterFilter {
    type Error = Problems;

    /// Every unknown value, each at its field.
    fn try_from(query: &RosterQuery) -> std::result::Result<Self, Problems> {
        let present = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let mut problems = Problems::new();
        let language = present(&query.language);
        if language
            .as_deref()
            .is_some_and(|l| !DELIVERY_LANGUAGES.contains(&l))
        {
            problems.push(ValidationError::new("language", "unknown_language"));
        }
        let region = present(&query.region).and_then(|r| {
            let found = Region::ALL.into_iter().find(|region| region.as_str() == r);
            if found.is_none() {
                problems.push(ValidationError::new("region", "unknown_region"));
            }
            found
        });
        let area = present(&query.area).map(|a| a.to_uppercase());
        if area
            .as_deref()
            .is_some_and(|a| !missions::AREAS.contains(&a))
        {
            problems.push(ValidationError::new("area", "unknown_area"));
        }
        let available_on = present(&query.available_on)
            .and_then(|d| problems.check(gedhub_core::parse_date("available_on", &d)));
        if problems.is_empty() {
            Ok(RosterFilter {
                language,
                region,
                area,
                available_on,
            })
        } else {
            Err(problems)
        }
    }
}
