//! `GET /training/{user}`: a person's training record (see
//! [`crate::training_record`] for the data and who may read it).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use gedhub_core::UserId;

use crate::context::{RequestContext, SignedIn};
use crate::error::Result;
use crate::extract::AppPath;
use crate::i18n::Locale;
use crate::state::AppState;
use crate::training_record::{training_record, visible_person};
use crate::views::{Page, render};

pub struct CriterionRow {
    pub label: String,
    pub score: u8,
    pub comment: String,
}

pub struct AssessmentRow {
    pub facilitator: String,
    pub criteria: Vec<CriterionRow>,
}

pub struct ExerciseRow {
    pub title: String,
    pub percent: String,
}

pub struct WorkshopRow {
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub dates: String,
    pub mode: String,
    pub status: String,
    pub confirmed: bool,
    pub attendance: String,
    pub pre_test: String,
    pub post_test: String,
    pub completed: bool,
    pub missing: Vec<String>,
    pub certificate_url: String,
    /// The verification page of the workshop's credential, if issued.
    pub credential_url: String,
    pub released: bool,
    pub assessments: Vec<AssessmentRow>,
    pub exercises: Vec<ExerciseRow>,
}

pub struct CertificateRow {
    pub id: i64,
    pub status: String,
    pub completed_on: String,
}

pub struct ModuleRow {
    pub code: String,
    pub title: String,
    pub completed_on: String,
    pub source: String,
    pub certificates: Vec<CertificateRow>,
}

#[derive(Template)]
#[template(path = "record.html")]
pub struct RecordPage {
    pub page: Page,
    pub name: String,
    pub email: String,
    pub administration: String,
    /// The languages the person works in, by name ("French, English").
    pub languages: String,
    pub workshops: Vec<WorkshopRow>,
    pub modules: Vec<ModuleRow>,
    /// Any released assessment or exercise result to show.
    pub has_assessments: bool,
    pub has_exercises: bool,
    pub user_id: i64,
    /// The person's verifiable credentials.
    pub credentials: Vec<CredentialRow>,
    /// The person (or the Secretariat, or their focal point) may ask for
    /// the credential of a completed workshop.
    pub can_get_credentials: bool,
}

pub struct CredentialRow {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub status: String,
}

fn percent(value: Option<f64>, locale: &Locale) -> String {
    crate::format::optional_percentage(value, locale)
}

/// `GET /training/{user}`: the person themself, the Secretariat and the
/// focal points of the person's administration; anyone else 404.
pub async fn show_record(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(id): AppPath<i64>,
) -> Result<Response> {
    let locale = &context.locale;
    let person = visible_person(&state, &signed_in, UserId(id)).await?;
    let record = training_record(&state, &signed_in, &person).await?;
    let stored = state.store().credentials_of(person.id).await?;
    let mut credentials = Vec::new();
    for credential in &stored {
        let verification = crate::credentials::verify(&state, credential).await?;
        let title = verification
            .credential
            .as_ref()
            .and_then(|c| c.pointer("/credentialSubject/achievement/name"))
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_owned();
        credentials.push(CredentialRow {
            id: credential.id.clone(),
            kind: locale.t(&format!(
                "credential-kind-{}",
                credential.kind.as_str().replace('_', "-")
            )),
            title,
            status: locale.t(&format!(
                "credential-status-{}",
                if verification.signature_valid {
                    verification.status.as_str().replace('_', "-")
                } else {
                    "unverified".to_owned()
                }
            )),
        });
    }
    let workshops: Vec<WorkshopRow> = record
        .workshops
        .iter()
        .map(|w| WorkshopRow {
            id: w.workshop_id,
            title: w.title.clone(),
            kind: locale.t(&format!("workshop-kind-{}", w.kind)),
            dates: match (
                chrono::NaiveDate::parse_from_str(&w.start_date, "%Y-%m-%d"),
                chrono::NaiveDate::parse_from_str(&w.end_date, "%Y-%m-%d"),
            ) {
                (Ok(start), Ok(end)) => crate::format::date_range(start, end, locale),
                _ => format!("{}\u{a0}– {}", w.start_date, w.end_date),
            },
            mode: locale.t(&format!("workshop-mode-{}", w.mode)),
            status: locale.t(&format!("participant-status-{}", w.status)),
            confirmed: w.status == "confirmed",
            attendance: percent(w.attendance_pct, locale),
            pre_test: percent(w.pre_test_pct, locale),
            post_test: percent(w.post_test_pct, locale),
            completed: w.completed,
            missing: w
                .missing
                .iter()
                .map(|m| locale.t(&format!("completion-{m}")))
                .collect(),
            certificate_url: w.certificate_url.clone().unwrap_or_default(),
            credential_url: stored
                .iter()
                .find(|c| c.workshop_id == Some(w.workshop_id))
                .map(|c| format!("/credentials/{}/verify", c.id))
                .unwrap_or_default(),
            released: w.assessments_released,
            assessments: w
                .assessments
                .iter()
                .map(|a| AssessmentRow {
                    facilitator: a.facilitator.clone(),
                    criteria: a
                        .criteria
                        .iter()
                        .map(|c| CriterionRow {
                            label: locale.t(&format!("rubric-criterion-{}", c.criterion)),
                            score: c.score,
                            comment: c.comment.clone(),
                        })
                        .collect(),
                })
                .collect(),
            exercises: w
                .exercises
                .iter()
                .map(|e| ExerciseRow {
                    title: e.title.clone(),
                    percent: percent(Some(e.percent), locale),
                })
                .collect(),
        })
        .collect();
    let modules = record
        .elearning
        .iter()
        .map(|m| ModuleRow {
            code: m.code.clone(),
            title: if locale.code() == "fr" && !m.title_fr.is_empty() {
                m.title_fr.clone()
            } else {
                m.title_en.clone()
            },
            completed_on: m
                .completed_on
                .as_deref()
                .map(|day| crate::format::stored_date(day, locale))
                .unwrap_or_default(),
            source: m
                .source
                .as_ref()
                .map(|s| locale.t(&format!("elearning-source-{}", s.replace('_', "-"))))
                .unwrap_or_default(),
            certificates: m
                .certificates
                .iter()
                .map(|c| CertificateRow {
                    id: c.id,
                    status: locale.t(&format!("elearning-certificate-{}", c.status)),
                    completed_on: crate::format::stored_date(&c.completed_on, locale),
                })
                .collect(),
        })
        .collect();
    Ok(render(&RecordPage {
        page: Page::new(&context, "record-title")
            .with_title(locale.t_args("record-title-of", &[("name", record.name.clone())])),
        has_assessments: workshops.iter().any(|w| !w.assessments.is_empty()),
        has_exercises: workshops.iter().any(|w| !w.exercises.is_empty()),
        name: record.name,
        email: record.email,
        administration: record.administration.unwrap_or_default(),
        languages: record
            .languages
            .iter()
            .map(|code| locale.t(&format!("workshop-language-{code}")))
            .collect::<Vec<_>>()
            .join(", "),
        workshops,
        modules,
        user_id: person.id.0,
        credentials,
        can_get_credentials: true,
    }))
}
