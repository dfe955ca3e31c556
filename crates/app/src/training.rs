//! Workshops (issue 6): creation, the call for nominations, participants,
//! attendance and completion; the use cases the workshop pages and the
//! `/api/v1/workshops` endpoints share. The agenda and facilitators, the
//! knowledge tests, the surveys and e-learning have submodules.
//!
//! Access (core's policy, `gedhub_core::authz::training`): every signed-in
//! user reads the list and a workshop's description; the participants'
//! records are scoped (see [`participant_records`]); the Secretariat
//! manages workshops; focal points nominate their own people while the call
//! is open; the Secretariat and the workshop's facilitators record
//! attendance (for anyone else those routes do not exist).

pub mod agenda;
pub mod elearning;
pub mod ktests;
pub mod surveys;

use chrono::NaiveDate;
use gedhub_core::authz::training::{self as policy, Nominator};
use gedhub_core::programme::parse_sex;
use gedhub_core::training::{
    Completion, CompletionRules, WorkshopDates, WorkshopKind, WorkshopMode, completion,
    is_web_link, parse_languages, participant_attendance_pct,
};
use gedhub_core::{Email, Role, UserId, ValidationError, parse_date, parse_optional_date};
use gedhub_store::training::{
    DELIVERY_LANGUAGES, Decision, NewWorkshop, Nomination, Participant, Workshop,
};
use gedhub_store::users::User;
use gedhub_store::{Store, StoreError};

use crate::caller::Caller;
use crate::error::{AppError, Problems, Result};

// ----- access --------------------------------------------------------------------

/// Whether the caller manages workshops (the Secretariat): what the pages
/// offer to edit.
pub fn may_manage(caller: &Caller) -> bool {
    policy::may_manage_training(&caller.principal)
}

/// Whether the caller may see this participant's record (see
/// [`policy::may_see_participant`]).
pub fn may_see_participant(caller: &Caller, participant: &Participant) -> bool {
    policy::may_see_participant(
        &caller.principal,
        participant.user_id,
        participant.administration.as_deref(),
    )
}

/// Whether the caller facilitates this workshop (the Secretariat always
/// may).
pub async fn facilitates(store: &Store, caller: &Caller, workshop: &Workshop) -> Result<bool> {
    if policy::may_facilitate(&caller.principal, false) {
        return Ok(true);
    }
    let assigned = store.is_facilitator(workshop.id, caller.user_id).await?;
    Ok(policy::may_facilitate(&caller.principal, assigned))
}

/// The Secretariat or a facilitator of this workshop; for anyone else the
/// facilitators' routes do not exist (`NotFound`), so a facilitator of
/// another workshop cannot tell them from missing ones.
pub async fn require_facilitator(
    store: &Store,
    caller: &Caller,
    workshop: &Workshop,
) -> Result<()> {
    if facilitates(store, caller, workshop).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The workshop `id`, for a facilitator of it (see [`require_facilitator`]).
pub async fn facilitated(store: &Store, caller: &Caller, id: i64) -> Result<Workshop> {
    let workshop = store.workshop(id).await?;
    require_facilitator(store, caller, &workshop).await?;
    Ok(workshop)
}

/// The workshop `id`, for the Secretariat: refused (`Forbidden`) before it
/// is looked up, as the pages always did.
pub async fn managed(store: &Store, caller: &Caller, id: i64) -> Result<Workshop> {
    caller.require(policy::may_manage_training(&caller.principal))?;
    Ok(store.workshop(id).await?)
}

// ----- reading --------------------------------------------------------------------

/// Every workshop, newest first (every signed-in user reads the list).
pub async fn list(store: &Store) -> Result<Vec<Workshop>> {
    Ok(store.workshops().await?)
}

/// One workshop's description.
pub async fn workshop(store: &Store, id: i64) -> Result<Workshop> {
    Ok(store.workshop(id).await?)
}

/// A participant's attendance and completion in a workshop.
#[derive(Debug, Clone)]
pub struct ParticipantRecord {
    pub participant: Participant,
    pub days_present: Vec<NaiveDate>,
    pub attendance_pct: Option<f64>,
    /// Submitted knowledge-test scores (`store::ktests`), in percent.
    pub pre_test_pct: Option<f64>,
    pub post_test_pct: Option<f64>,
    pub completion: Completion,
}

/// The records of the workshop's participants the caller may see: their
/// own, their administration's nominees' for a focal point, every one for
/// the Secretariat, and every confirmed participant's for the workshop's
/// facilitators (not the nominees' motivations). With an agenda, attendance
/// counts sessions (see `core::training`).
pub async fn participant_records(
    store: &Store,
    caller: &Caller,
    workshop: &Workshop,
) -> Result<Vec<ParticipantRecord>> {
    let mut present = store.days_present(workshop.id).await?;
    let scores = store.test_scores(workshop.id).await?;
    let facilitates = facilitates(store, caller, workshop).await?;
    let sessions = store.sessions(workshop.id).await?.len();
    let mut sessions_present = store.sessions_present(workshop.id).await?;
    Ok(store
        .participants(workshop.id)
        .await?
        .into_iter()
        .filter(|p| {
            policy::may_see_record(
                &caller.principal,
                facilitates,
                p.user_id,
                p.administration.as_deref(),
                p.is_confirmed(),
            )
        })
        .map(|participant| {
            let days_present = present.remove(&participant.user_id.0).unwrap_or_default();
            let attended_sessions = sessions_present
                .remove(&participant.user_id.0)
                .map_or(0, |s| s.len());
            let attendance = participant_attendance_pct(
                days_present.len(),
                workshop.dates.days(),
                attended_sessions,
                sessions,
            );
            let tests = scores
                .get(&participant.user_id.0)
                .copied()
                .unwrap_or_default();
            let computed = completion(&workshop.rules, attendance, tests.post);
            ParticipantRecord {
                // The Secretariat's override wins; what is missing stays
                // visible when it says "not completed".
                completion: match participant.completion_override {
                    Some(true) => Completion {
                        completed: true,
                        missing: Vec::new(),
                    },
                    Some(false) => Completion {
                        completed: false,
                        missing: computed.missing,
                    },
                    None => computed,
                },
                participant,
                days_present,
                attendance_pct: attendance,
                pre_test_pct: tests.pre,
                post_test_pct: tests.post,
            }
        })
        .collect())
}

/// The participant named by e-mail in a workshop, if the caller may see
/// their record (else `NotFound`, whatever the reason).
pub async fn visible_participant(
    store: &Store,
    caller: &Caller,
    workshop: &Workshop,
    email: &str,
) -> Result<Participant> {
    let email = Email::parse(email).map_err(|_| AppError::NotFound)?;
    store
        .participants(workshop.id)
        .await?
        .into_iter()
        .find(|p| p.email == email.as_str() && may_see_participant(caller, p))
        .ok_or(AppError::NotFound)
}

/// The record of the participant named by e-mail, if the caller may see it.
pub async fn participant_record(
    store: &Store,
    caller: &Caller,
    id: i64,
    email: &str,
) -> Result<ParticipantRecord> {
    let workshop = store.workshop(id).await?;
    let participant = visible_participant(store, caller, &workshop, email).await?;
    participant_records(store, caller, &workshop)
        .await?
        .into_iter()
        .find(|r| r.participant.user_id == participant.user_id)
        .ok_or(AppError::NotFound)
}

/// Whether the caller may nominate to this workshop today (what the
/// workshop page offers).
pub fn may_nominate(caller: &Caller, workshop: &Workshop) -> bool {
    policy::may_nominate(
        &caller.principal,
        workshop.accepts_nominations(caller.today()),
        workshop.has_started(caller.today()),
    )
}

// ----- a new workshop ----------------------------------------------------------------

/// A workshop as typed (a form, or the API's request made text). A missing
/// field reads as empty, so that it is reported at its field like any
/// other problem.
#[derive(Debug, Clone, Default)]
pub struct WorkshopFields {
    pub title: String,
    pub kind: String,
    pub mode: String,
    pub language: String,
    pub start_date: String,
    pub end_date: String,
    pub capacity: String,
    pub venue: String,
    pub meeting_link: String,
    /// Empty: the default rule.
    pub min_attendance_pct: String,
    /// Empty: no post-test is required to complete.
    pub min_post_test_pct: String,
}

/// A percentage typed in a form ("12,5" accepted); empty is `default`.
fn percentage(
    field: &'static str,
    text: &str,
    default: Option<f64>,
) -> std::result::Result<Option<f64>, ValidationError> {
    match text.trim() {
        "" => Ok(default),
        text => text
            .replace(',', ".")
            .parse::<f64>()
            .map(Some)
            .map_err(|_| ValidationError::new(field, "not_a_percentage")),
    }
}

impl TryFrom<WorkshopFields> for NewWorkshop {
    type Error = Problems;

    /// Checks every field; every problem at once.
    fn try_from(form: WorkshopFields) -> std::result::Result<Self, Problems> {
        let mut problems = Problems::new();
        let kind = problems.check(WorkshopKind::parse(&form.kind));
        let mode = problems.check(WorkshopMode::parse(&form.mode));
        let start = problems.check(parse_date("start_date", &form.start_date));
        let end = problems.check(parse_date("end_date", &form.end_date));
        let capacity = problems.check(
            form.capacity
                .trim()
                .parse::<u32>()
                .map_err(|_| ValidationError::new("capacity", "invalid_capacity")),
        );
        let min_attendance = problems.check(percentage(
            "min_attendance_pct",
            &form.min_attendance_pct,
            Some(CompletionRules::DEFAULT.min_attendance_pct),
        ));
        // Empty: the workshop has no post-test requirement.
        let min_post = problems.check(percentage(
            "min_post_test_pct",
            &form.min_post_test_pct,
            None,
        ));
        let dates = match (start, end) {
            (Some(start), Some(end)) => problems.check(WorkshopDates::new(start, end)),
            _ => None,
        };
        let rules = match (min_attendance, min_post) {
            (Some(Some(attendance)), Some(post)) => {
                problems.check(CompletionRules::new(attendance, post))
            }
            _ => None,
        };
        let language = form.language.trim().to_lowercase();
        if !DELIVERY_LANGUAGES.contains(&language.as_str()) {
            problems.push(ValidationError::new("language", "unknown_language"));
        }
        // The meeting link is shown as a link participants follow.
        let meeting_link = form.meeting_link.trim();
        if !meeting_link.is_empty() && !is_web_link(meeting_link) {
            problems.push(ValidationError::new("meeting_link", "invalid_meeting_link"));
        }
        match (kind, mode, dates, capacity, rules) {
            (Some(kind), Some(mode), Some(dates), Some(capacity), Some(rules))
                if problems.is_empty() =>
            {
                Ok(NewWorkshop {
                    title: form.title,
                    kind,
                    mode,
                    language,
                    venue: form.venue,
                    meeting_link: meeting_link.to_owned(),
                    dates,
                    capacity,
                    rules,
                })
            }
            _ => Err(problems),
        }
    }
}

/// Creates a workshop (the Secretariat; refused before the input is read).
pub async fn create(
    store: &Store,
    caller: &Caller,
    input: impl TryInto<NewWorkshop, Error = Problems>,
) -> Result<Workshop> {
    caller.require(policy::may_manage_training(&caller.principal))?;
    let new = input.try_into()?;
    Ok(store.create_workshop(&caller.actor, &new).await?)
}

// ----- participants -------------------------------------------------------------------

/// Adds an existing account, confirmed within the capacity (the
/// Secretariat).
pub async fn add_participant(
    store: &Store,
    caller: &Caller,
    id: i64,
    email: &str,
) -> Result<Participant> {
    let workshop = managed(store, caller, id).await?;
    let email = Email::parse(email)?;
    Ok(store
        .add_participant(&caller.actor, &workshop, &email)
        .await?)
}

/// Opens (`open`, with an optional last day `close_on`) or closes
/// (`close`) the call for nominations (the Secretariat).
pub async fn set_call(
    store: &Store,
    caller: &Caller,
    id: i64,
    call: &str,
    close_on: &str,
) -> Result<Workshop> {
    let workshop = managed(store, caller, id).await?;
    let open = match call {
        "open" => true,
        "close" => false,
        _ => return Err(ValidationError::new("call", "unknown_call_action").into()),
    };
    let close_on = parse_optional_date("close_on", Some(close_on))?;
    Ok(store
        .set_nomination_call(&caller.actor, &workshop, open, close_on.filter(|_| open))
        .await?)
}

/// A nomination as typed (a form, or the API's request). A missing field
/// reads as empty, so that it is reported at its field like any other
/// problem.
#[derive(Debug, Clone, Default)]
pub struct NominationInput {
    pub email: String,
    /// The person's name, when they have no gedhub account yet (a focal
    /// point's nomination then creates a participant account).
    pub name: String,
    pub motivation: String,
    /// Codes of the languages the person works in (`DELIVERY_LANGUAGES`),
    /// at least one.
    pub languages: Vec<String>,
    pub experience: String,
    /// Optional: empty, or a value of `gedhub_core::programme::SEXES`.
    pub sex: String,
}

/// A nomination whose every field was checked.
#[derive(Debug, Clone)]
pub struct CheckedNomination {
    pub email: Email,
    pub name: String,
    pub nomination: Nomination,
}

/// Longest motivation or experience, in characters.
const MAX_NOMINATION_TEXT: usize = 4000;

impl TryFrom<&NominationInput> for CheckedNomination {
    type Error = Problems;

    /// Checks every field; every problem at once.
    fn try_from(input: &NominationInput) -> std::result::Result<Self, Problems> {
        let mut problems = Problems::new();
        let email = problems.check(Email::parse(&input.email));
        let motivation = input.motivation.trim();
        if motivation.is_empty() {
            problems.push(ValidationError::new("motivation", "required"));
        } else if motivation.chars().count() > MAX_NOMINATION_TEXT {
            problems.push(ValidationError::new("motivation", "too_long"));
        }
        let languages = problems.check(parse_languages(input.languages.iter().map(String::as_str)));
        if input.experience.trim().chars().count() > MAX_NOMINATION_TEXT {
            problems.push(ValidationError::new("experience", "too_long"));
        }
        let sex = problems.check(parse_sex(&input.sex));
        match (email, languages, sex) {
            (Some(email), Some(languages), Some(sex)) if problems.is_empty() => Ok(Self {
                email,
                name: input.name.trim().chars().take(200).collect(),
                nomination: Nomination {
                    motivation: motivation.to_owned(),
                    languages: languages.into_iter().map(str::to_owned).collect(),
                    experience: input.experience.trim().to_owned(),
                    sex,
                },
            }),
            _ => Err(problems),
        }
    }
}

/// Nominates a person: a focal point one of their own administration while
/// the call is open (`nominations_closed`), creating the account of a
/// colleague who has none; the Secretariat anyone, whether the call is
/// open or not. Nominations close for everyone when the workshop starts
/// (`workshop_started`).
///
/// A focal point is never told whether an address belongs to an account of
/// another administration (or to the Secretariat): an address that is not
/// one of their administration's people gets the same problem
/// (`email`/`nominee_unknown`) whether or not an account has it
/// (docs/SECURITY.md).
pub async fn nominate(
    store: &Store,
    caller: &Caller,
    id: i64,
    input: &NominationInput,
) -> Result<Participant> {
    let nominator = policy::nominator(&caller.principal);
    if nominator == Nominator::Refused {
        return Err(AppError::Forbidden);
    }
    let workshop = store.workshop(id).await?;
    if workshop.has_started(caller.today()) {
        return Err(AppError::Conflict {
            code: "workshop_started",
        });
    }
    let is_focal_point = nominator == Nominator::FocalPoint;
    if is_focal_point && !workshop.accepts_nominations(caller.today()) {
        return Err(AppError::Conflict {
            code: "nominations_closed",
        });
    }
    let checked = CheckedNomination::try_from(input)?;
    let not_theirs = || ValidationError::new("email", "nominee_unknown");
    let nominee = match store.user_by_email(&checked.email).await {
        Ok(user) => {
            let administration = user.administration.as_ref().map(|c| c.as_str());
            if !policy::may_nominate_person(&caller.principal, administration) {
                // Told exactly as an address nobody has (see above).
                return Err(not_theirs().into());
            }
            user
        }
        // A colleague without an account: the focal point's nomination
        // creates one in their administration; its owner sets a password
        // through the link sent when the Secretariat confirms them.
        Err(StoreError::NotFound) if is_focal_point && !checked.name.is_empty() => {
            store
                .create_user(
                    &caller.actor,
                    gedhub_store::users::NewUser {
                        email: checked.email.clone(),
                        name: checked.name.clone(),
                        role: Role::Participant,
                        administration: caller.principal.administration.clone(),
                        password_hash: gedhub_store::account_setup::UNUSABLE_PASSWORD.to_owned(),
                    },
                )
                .await?
        }
        Err(StoreError::NotFound) if is_focal_point => return Err(not_theirs().into()),
        Err(StoreError::NotFound) => {
            return Err(ValidationError::new("email", "unknown_account").into());
        }
        Err(other) => return Err(other.into()),
    };
    Ok(store
        .nominate(&caller.actor, &workshop, &nominee, &checked.nomination)
        .await?)
}

/// Overrides the computed completion (`completed` or `not_completed`,
/// with a reason) or goes back to it (`computed`) (the Secretariat).
pub async fn override_completion(
    store: &Store,
    caller: &Caller,
    id: i64,
    participant: UserId,
    completion: &str,
    reason: &str,
) -> Result<()> {
    let workshop = managed(store, caller, id).await?;
    let completed = match completion.trim() {
        "completed" => Some(true),
        "not_completed" => Some(false),
        "computed" => None,
        _ => return Err(ValidationError::new("completion", "unknown_completion").into()),
    };
    Ok(store
        .override_completion(&caller.actor, &workshop, participant, completed, reason)
        .await?)
}

/// What a decision on a nominee leaves to do.
#[derive(Debug, Clone)]
pub struct Decided {
    pub workshop: Workshop,
    /// A confirmed nominee whose account gedhub created: they need the
    /// link to set their password (see [`send_setup_link`]).
    pub awaits_setup: Option<User>,
}

/// Confirms (within capacity), preselects or waitlists a nominee (the
/// Secretariat).
pub async fn decide(
    store: &Store,
    caller: &Caller,
    id: i64,
    participant: UserId,
    decision: &str,
) -> Result<Decided> {
    let workshop = managed(store, caller, id).await?;
    let decision = Decision::parse(decision)?;
    store
        .decide_participation(&caller.actor, &workshop, participant, decision)
        .await?;
    let awaits_setup = if decision == Decision::Confirm && store.awaits_setup(participant).await? {
        Some(store.user(participant).await?)
    } else {
        None
    };
    Ok(Decided {
        workshop,
        awaits_setup,
    })
}

/// Sends a confirmed nominee the link to set their password; the wording
/// (in the workshop's language) is the edge's.
pub async fn send_setup_link(
    store: &Store,
    caller: &Caller,
    nominee: &User,
    email: &gedhub_store::account_setup::SetupEmail,
) -> Result<()> {
    Ok(store
        .send_setup_link(&caller.actor, nominee, email, caller.now)
        .await?)
}

// ----- attendance ----------------------------------------------------------------------

/// Records one day's sheet: the confirmed participants whose ids are in
/// `present` were there, every other confirmed participant was absent (the
/// Secretariat and the workshop's facilitators).
pub async fn record_day_attendance(
    store: &Store,
    caller: &Caller,
    id: i64,
    day: Option<&str>,
    present: &[i64],
) -> Result<Workshop> {
    let workshop = facilitated(store, caller, id).await?;
    let day = day.ok_or(ValidationError::new("date", "required"))?;
    let day = parse_date("date", day)?;
    for participant in store.participants(workshop.id).await? {
        if !participant.is_confirmed() {
            continue;
        }
        store
            .set_attendance(
                &caller.actor,
                &workshop,
                participant.user_id,
                day,
                present.contains(&participant.user_id.0),
            )
            .await?;
    }
    Ok(workshop)
}

/// One participant's presence, on a day or at one of its sessions.
#[derive(Debug, Clone)]
pub struct AttendanceInput {
    pub email: String,
    pub date: String,
    pub present: bool,
    /// A session of that day; `None`: the whole day.
    pub session: Option<i64>,
}

/// A participant's user id, by e-mail (`not_a_participant`).
async fn participant_id(store: &Store, workshop: &Workshop, email: &Email) -> Result<UserId> {
    store
        .participants(workshop.id)
        .await?
        .into_iter()
        .find(|p| p.email == email.as_str())
        .map(|p| p.user_id)
        .ok_or_else(|| ValidationError::new("email", "not_a_participant").into())
}

/// Records one participant's presence (the Secretariat and the workshop's
/// facilitators); returns their attendance afterwards.
pub async fn set_attendance(
    store: &Store,
    caller: &Caller,
    id: i64,
    input: AttendanceInput,
) -> Result<Option<f64>> {
    let workshop = facilitated(store, caller, id).await?;
    let email = Email::parse(&input.email)?;
    let day = parse_date("date", &input.date)?;
    let user = participant_id(store, &workshop, &email).await?;
    match input.session {
        Some(session_id) => {
            let unknown = || ValidationError::new("session", "agenda_unknown_session");
            let session =
                store
                    .session(&workshop, session_id)
                    .await
                    .map_err(|error| match error {
                        StoreError::NotFound => unknown().into(),
                        other => AppError::from(other),
                    })?;
            if session.day != day {
                return Err(unknown().into());
            }
            store
                .set_session_attendance(&caller.actor, &workshop, &session, user, input.present)
                .await?;
        }
        None => {
            store
                .set_attendance(&caller.actor, &workshop, user, day, input.present)
                .await?;
        }
    }
    Ok(participant_records(store, caller, &workshop)
        .await?
        .into_iter()
        .find(|r| r.participant.user_id == user)
        .and_then(|r| r.attendance_pct))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workshop_reports_every_problem_at_its_field() {
        let problems = NewWorkshop::try_from(WorkshopFields {
            kind: "seminar".into(),
            mode: "in_person".into(),
            language: "de".into(),
            start_date: "2024-13-01".into(),
            end_date: "2024-03-05".into(),
            capacity: "many".into(),
            meeting_link: "not a link".into(),
            min_attendance_pct: "most".into(),
            ..WorkshopFields::default()
        })
        .expect_err("refused");
        let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
        for field in [
            "kind",
            "start_date",
            "capacity",
            "min_attendance_pct",
            "language",
            "meeting_link",
        ] {
            assert!(fields.contains(&field), "{field} in {fields:?}");
        }
    }

    #[test]
    fn a_workshop_takes_the_default_attendance_rule_and_no_post_test_when_empty() {
        let new = NewWorkshop::try_from(WorkshopFields {
            title: "Brussels".into(),
            kind: "national".into(),
            mode: "virtual".into(),
            language: "FR".into(),
            start_date: "2024-03-04".into(),
            end_date: "2024-03-05".into(),
            capacity: " 20 ".into(),
            meeting_link: "https://meet.example.org/ged".into(),
            ..WorkshopFields::default()
        })
        .expect("valid");
        assert_eq!(new.language, "fr");
        assert_eq!(new.capacity, 20);
        assert_eq!(
            new.rules.min_attendance_pct,
            CompletionRules::DEFAULT.min_attendance_pct
        );
        assert_eq!(new.rules.min_post_test_pct, None);
    }
}
