//! GEOAT assessments: the use cases that the assessment pages and the
//! `/api/v1/assessments` endpoints share.
//!
//! Access (core's policy, `gedhub_core::authz::assessments`): the
//! Secretariat sees every assessment, a focal point their administration's,
//! anyone else those they are invited to; for everyone else an assessment
//! does not exist (`NotFound`). What the caller may do once they see it
//! (answer which sections, invite, move through the workflow) is their
//! [`Relation`]. Every use case takes a [`Loaded`] assessment, which only
//! [`load`] makes, so holding one is the proof that the caller sees it.

use std::collections::HashMap;
use std::sync::Arc;

use gedhub_core::assessment::{Relation, Transition};
use gedhub_core::authz::NewPlanAdministration;
use gedhub_core::authz::assessments::{self as policy, Invitation};
use gedhub_core::evidence;
use gedhub_core::instrument::Instrument;
use gedhub_core::scoring::{Rating, Scores, score};
use gedhub_core::{AdministrationCode, Email, Scope, UserId, ValidationError, required_text};
use gedhub_store::assessments::{
    Answer, AnswerInput, Assessment, AssessmentAccess, Attachment, Contributor, SaveOutcome, Viewer,
};
use gedhub_store::files::FileStore;
use gedhub_store::{Store, StoreError};
use sha2::{Digest, Sha256};

use crate::caller::Caller;
use crate::error::{AppError, Result};

/// Longest justification or evidence text of one answer.
const MAX_ANSWER_TEXT: usize = 10_000;
/// Longest comment.
const MAX_COMMENT: usize = 5_000;

// ----- access ------------------------------------------------------------------

/// Which assessments the caller finds: their scope (see
/// [`policy::assessment_scope`]) plus those they are invited to.
pub fn viewer(caller: &Caller) -> Viewer {
    Viewer {
        scope: policy::assessment_scope(&caller.principal),
        user_id: caller.user_id,
    }
}

/// How the caller relates to an assessment they found, on the request's
/// day (a facilitator's recognition is judged on it).
pub fn relation(caller: &Caller, access: &AssessmentAccess) -> Relation {
    let invitation = access.invitation.as_ref().map(|i| Invitation {
        facilitator: i.facilitator,
        sections: &i.sections,
        recognized_until: i.recognized_until.as_deref(),
    });
    policy::relation(
        &caller.principal,
        &access.assessment.administration,
        invitation.as_ref(),
        &today(caller),
    )
}

/// The request's day as the store writes dates (`YYYY-MM-DD`).
fn today(caller: &Caller) -> String {
    caller.today().format("%Y-%m-%d").to_string()
}

/// An assessment the caller sees, with their relation and its instrument.
/// Only [`load`] makes one.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub assessment: Assessment,
    pub relation: Relation,
    pub instrument: Arc<Instrument>,
}

/// The assessment `id`, if the caller sees it; `NotFound` otherwise (also
/// for another administration's assessment).
pub async fn load(store: &Store, caller: &Caller, id: i64) -> Result<Loaded> {
    let access = store.assessment(&viewer(caller), id).await?;
    let relation = relation(caller, &access);
    if !relation.can_view() {
        return Err(AppError::NotFound);
    }
    let instrument = store.instrument(&access.assessment.instrument_code).await?;
    Ok(Loaded {
        assessment: access.assessment,
        relation,
        instrument,
    })
}

/// The code of the section `indicator` belongs to, if the caller may
/// answer it now: `NotFound` for an indicator the instrument does not have,
/// `Forbidden` outside the caller's sections, `assessment_not_editable`
/// once submitted.
pub fn answerable_section(loaded: &Loaded, indicator: &str) -> Result<String> {
    let (section, _, _) = loaded
        .instrument
        .indicator(indicator)
        .ok_or(AppError::NotFound)?;
    require_answerable(loaded, &section.code)?;
    Ok(section.code.clone())
}

/// `Forbidden` unless the caller answers `section`; `assessment_not_editable`
/// unless the assessment takes answers.
pub fn require_answerable(loaded: &Loaded, section: &str) -> Result<()> {
    if !loaded.relation.can_answer(section) {
        return Err(AppError::Forbidden);
    }
    if !loaded.assessment.status.accepts_answers() {
        return Err(AppError::Conflict {
            code: "assessment_not_editable",
        });
    }
    Ok(())
}

// ----- reading -------------------------------------------------------------------

/// The assessments the caller sees, newest first.
pub async fn list(store: &Store, caller: &Caller) -> Result<Vec<Assessment>> {
    Ok(store.assessments(&viewer(caller)).await?)
}

/// The answers of a loaded assessment, by indicator code.
pub async fn answers(store: &Store, loaded: &Loaded) -> Result<HashMap<String, Answer>> {
    Ok(store
        .answers(loaded.assessment.id)
        .await?
        .into_iter()
        .map(|a| (a.indicator_code.clone(), a))
        .collect())
}

/// The rated answers, as the scoring engine reads them.
pub fn ratings(answers: &HashMap<String, Answer>) -> HashMap<String, Rating> {
    answers
        .iter()
        .filter_map(|(code, answer)| answer.as_rating().map(|rating| (code.clone(), rating)))
        .collect()
}

/// The scores of a loaded assessment as its answers stand.
pub async fn scores(store: &Store, loaded: &Loaded) -> Result<Scores> {
    let answers = answers(store, loaded).await?;
    Ok(score(&loaded.instrument, &ratings(&answers)))
}

/// Whether some indicator is unanswered (submitting then asks first: a
/// click on "Submit" with 8 of 98 answers is more often a slip than a
/// decision).
pub async fn has_unanswered(store: &Store, loaded: &Loaded) -> Result<bool> {
    let answers = answers(store, loaded).await?;
    Ok(loaded.instrument.indicators().any(|(_, _, indicator)| {
        answers
            .get(&indicator.code)
            .is_none_or(|a| a.as_rating().is_none())
    }))
}

/// An attachment of a loaded assessment and its bytes.
pub async fn attachment(
    store: &Store,
    files: &FileStore,
    loaded: &Loaded,
    attachment_id: i64,
) -> Result<(Attachment, Vec<u8>)> {
    let attachment = store
        .attachments(loaded.assessment.id)
        .await?
        .into_iter()
        .find(|a| a.id == attachment_id)
        .ok_or(AppError::NotFound)?;
    let bytes = files.get(&attachment.storage_key).await?;
    Ok((attachment, bytes))
}

// ----- starting one --------------------------------------------------------------

/// A new assessment as typed.
#[derive(Debug, Clone, Default)]
pub struct NewAssessmentInput {
    pub instrument: String,
    pub title: String,
    /// The administration the Secretariat names (ignored for a focal point,
    /// whose own it is).
    pub administration: Option<String>,
}

/// Starts an assessment: a focal point for their own administration, the
/// Secretariat for the one it names (`unknown_administration` otherwise).
pub async fn start(
    store: &Store,
    caller: &Caller,
    input: NewAssessmentInput,
) -> Result<Assessment> {
    let administration = match policy::new_assessment_administration(&caller.principal) {
        NewPlanAdministration::Own(code) => code,
        NewPlanAdministration::Refused => return Err(AppError::Forbidden),
        NewPlanAdministration::Chosen => {
            named_administration(store, input.administration.as_deref()).await?
        }
    };
    let title = required_text("title", &input.title, 200)?;
    Ok(store
        .create_assessment(
            &caller.actor,
            &administration,
            input.instrument.trim(),
            &title,
        )
        .await?)
}

/// The administration the Secretariat names, if the registry has it.
async fn named_administration(store: &Store, named: Option<&str>) -> Result<AdministrationCode> {
    let unknown = || ValidationError::new("administration", "unknown_administration");
    let code = AdministrationCode::parse(named.unwrap_or_default()).map_err(|_| unknown())?;
    match store.administration(&Scope::All, &code).await {
        Ok(_) => Ok(code),
        Err(StoreError::NotFound) => Err(unknown().into()),
        Err(other) => Err(other.into()),
    }
}

// ----- answering -------------------------------------------------------------------

/// A rating as typed in a form: `0`..`max`, `na`, or empty (clear). Gives
/// the rating and whether it is "not applicable".
pub fn rating_from_text(instrument: &Instrument, raw: &str) -> Result<(Option<u8>, bool)> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok((None, false));
    }
    if raw.eq_ignore_ascii_case("na") {
        return if instrument.scale.not_applicable.is_some() {
            Ok((None, true))
        } else {
            Err(out_of_scale())
        };
    }
    match raw.parse::<u8>() {
        Ok(value) if value <= instrument.scale.max() => Ok((Some(value), false)),
        _ => Err(out_of_scale()),
    }
}

fn out_of_scale() -> AppError {
    ValidationError::new("rating", "rating_out_of_scale").into()
}

/// Saves the caller's answer to `code` if they may answer it now; another
/// person's newer answer comes back as [`SaveOutcome::Conflict`] (nothing
/// saved).
pub async fn save(
    store: &Store,
    caller: &Caller,
    loaded: &Loaded,
    code: &str,
    input: &AnswerInput,
    expected_version: Option<i64>,
) -> Result<SaveOutcome> {
    let (section, _, _) = loaded
        .instrument
        .indicator(code)
        .ok_or_else(|| ValidationError::new("indicator_code", "unknown_indicator"))?;
    require_answerable(loaded, &section.code)?;
    for (field, text) in [
        ("justification", &input.justification),
        ("evidence", &input.evidence),
    ] {
        if text.chars().count() > MAX_ANSWER_TEXT {
            return Err(ValidationError::new(field, "too_long").into());
        }
    }
    Ok(store
        .save_answer(
            &caller.actor,
            loaded.assessment.id,
            code,
            input,
            expected_version,
        )
        .await?)
}

/// A change to one answer as the API sends it: fields left out keep their
/// current value.
#[derive(Debug, Clone, Default)]
pub struct AnswerChange {
    /// Not sent (`None`), cleared (`Some(None)`) or a value.
    pub rating: Option<Option<i64>>,
    pub not_applicable: bool,
    pub justification: Option<String>,
    pub evidence: Option<String>,
    /// The version the change is based on; another is `edit_conflict`.
    pub version: Option<i64>,
}

/// Changes one answer of assessment `id` (`NotFound` for an indicator the
/// instrument does not have); a rating or "not applicable" is required.
pub async fn change_answer(
    store: &Store,
    caller: &Caller,
    id: i64,
    code: &str,
    change: AnswerChange,
) -> Result<Answer> {
    let loaded = load(store, caller, id).await?;
    if loaded.instrument.indicator(code).is_none() {
        return Err(AppError::NotFound);
    }
    let scale = &loaded.instrument.scale;
    let rating = match change.rating {
        None if !change.not_applicable => {
            return Err(ValidationError::new("rating", "rating_required").into());
        }
        None | Some(None) => None,
        Some(Some(value)) => match u8::try_from(value) {
            Ok(value) if value <= scale.max() && !change.not_applicable => Some(value),
            _ => return Err(out_of_scale()),
        },
    };
    if change.not_applicable && scale.not_applicable.is_none() {
        return Err(out_of_scale());
    }
    let current = store
        .answers(id)
        .await?
        .into_iter()
        .find(|a| a.indicator_code == code);
    let input = AnswerInput {
        rating,
        not_applicable: change.not_applicable,
        justification: change
            .justification
            .or_else(|| current.as_ref().map(|a| a.justification.clone()))
            .unwrap_or_default(),
        evidence: change
            .evidence
            .or_else(|| current.as_ref().map(|a| a.evidence.clone()))
            .unwrap_or_default(),
    };
    match save(store, caller, &loaded, code, &input, change.version).await? {
        SaveOutcome::Saved(answer) => Ok(answer),
        SaveOutcome::Conflict(_) => Err(AppError::Conflict {
            code: "edit_conflict",
        }),
    }
}

/// Comments on an indicator as `author` (the caller's name); gives the
/// indicator's section.
pub async fn add_comment(
    store: &Store,
    caller: &Caller,
    author: &str,
    loaded: &Loaded,
    code: &str,
    body: &str,
) -> Result<String> {
    let (section, _, _) = loaded
        .instrument
        .indicator(code)
        .ok_or(AppError::NotFound)?;
    let body = required_text("body", body, MAX_COMMENT)?;
    store
        .add_comment(&caller.actor, author, &loaded.assessment, code, &body)
        .await?;
    Ok(section.code.clone())
}

/// Attaches a file to an indicator the caller may answer, checked by
/// content (PDF, Office, OpenDocument, images). The size is the edge's to
/// check (it refuses the body before it is read whole).
pub async fn attach(
    store: &Store,
    files: &FileStore,
    caller: &Caller,
    loaded: &Loaded,
    code: &str,
    file_name: &str,
    bytes: &[u8],
) -> Result<Attachment> {
    answerable_section(loaded, code)?;
    let file_name = evidence::clean_file_name(file_name);
    let content_type = evidence::detect_content_type(bytes, &file_name)
        .ok_or_else(|| ValidationError::new("file", "file_type_not_accepted"))?;
    let key = FileStore::new_key()?;
    files.put(&key, bytes).await?;
    let record = Attachment {
        id: 0,
        indicator_code: code.to_owned(),
        file_name,
        content_type: content_type.to_owned(),
        size_bytes: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        sha256: format!("{:x}", Sha256::digest(bytes)),
        storage_key: key,
        uploaded_by: String::new(),
        uploaded_at: String::new(),
    };
    Ok(store
        .add_attachment(&caller.actor, &loaded.assessment, &record)
        .await?)
}

// ----- contributors and workflow -----------------------------------------------------

/// An invitation as typed.
#[derive(Debug, Clone, Default)]
pub struct ContributorInput {
    pub email: String,
    /// Section codes they answer (codes the instrument lacks are dropped);
    /// none means all.
    pub sections: Vec<String>,
    /// Invited as facilitator: a Secretariat account or an expert whose
    /// recognition as GED Expert is valid today
    /// (`facilitator_must_be_recognized`).
    pub facilitator: bool,
}

/// Invites a contributor or facilitator (or changes their sections), if
/// the caller manages the assessment's contributors.
pub async fn set_contributor(
    store: &Store,
    caller: &Caller,
    loaded: &Loaded,
    input: ContributorInput,
) -> Result<Contributor> {
    caller.require(loaded.relation.can_manage_contributors())?;
    let sections: Vec<String> = input
        .sections
        .into_iter()
        .filter(|code| loaded.instrument.section(code).is_some())
        .collect();
    let email = Email::parse(&input.email)?;
    if input.facilitator {
        let user = store
            .user_by_email(&email)
            .await
            .map_err(|_| ValidationError::new("email", "unknown_account"))?;
        let recognized = store
            .recognition(user.id)
            .await?
            .is_some_and(|r| r.is_valid_on(&today(caller)));
        if !policy::may_facilitate(user.role, recognized) {
            return Err(
                ValidationError::new("facilitator", "facilitator_must_be_recognized").into(),
            );
        }
    }
    Ok(store
        .set_contributor(
            &caller.actor,
            &loaded.assessment,
            &email,
            &sections,
            input.facilitator,
        )
        .await?)
}

/// Withdraws an invitation, if the caller manages the contributors.
pub async fn remove_contributor(
    store: &Store,
    caller: &Caller,
    loaded: &Loaded,
    user: UserId,
) -> Result<()> {
    caller.require(loaded.relation.can_manage_contributors())?;
    store
        .remove_contributor(&caller.actor, &loaded.assessment, user)
        .await?;
    Ok(())
}

/// Applies a workflow transition (`submit`, `validate`, `reopen`,
/// `archive`) if the caller's relation allows it and the status does
/// (`transition_not_allowed`); `reason` is required to reopen.
pub async fn apply_transition(
    store: &Store,
    caller: &Caller,
    loaded: &Loaded,
    transition: &str,
    reason: &str,
) -> Result<Assessment> {
    let transition = Transition::parse(transition)?;
    caller.require(loaded.relation.can(transition))?;
    transition
        .apply(loaded.assessment.status)
        .map_err(|_| AppError::Conflict {
            code: "transition_not_allowed",
        })?;
    Ok(store
        .transition_assessment(
            &caller.actor,
            loaded.assessment.id,
            transition,
            Some(reason),
        )
        .await?)
}
