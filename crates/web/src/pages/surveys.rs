//! Feedback and follow-up surveys, the evaluation of a workshop (Kirkpatrick
//! levels 1–3) and certificates of completion (issue 6).
//!
//! Access:
//! - The Secretariat configures a workshop's surveys, sends the follow-up and
//!   reads the evaluation (anyone else: 403 on the forms, 404 on the
//!   evaluation, which shows participants' data).
//! - Confirmed participants answer, once; to anyone else a survey does not
//!   exist (404).
//! - A certificate is for the participant themself, the Secretariat and the
//!   focal points of the nominating administration (anyone else: 404); it
//!   exists once the participant completed (`not_completed`, 409).

use std::fmt::Write;

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use gedhub_app::training::surveys::{self as use_cases, Answering, Completed, SurveyResults};
use gedhub_core::UserId;
use gedhub_core::ValidationError;
use gedhub_core::surveys::{
    ANONYMITY_THRESHOLD, ItemKind, SurveyKind, default_follow_up_date, likert_summary,
};
use gedhub_core::training::WorkshopMode;
use gedhub_store::surveys::{Answer, SurveyItem};
use gedhub_store::training::Workshop;
use serde::Deserialize;

use crate::context::{RequestContext, SignedIn};
use crate::error::{AppError, Result};
use crate::extract::{AppForm, AppPath, AppQuery};
use crate::format::{self, long_date, number};
use crate::i18n::Locale;
use crate::pages::reports::{LangQuery, download_locale};
use crate::state::AppState;
use crate::views::{Page, download, render};

/// The programme named on certificates.
pub const PROGRAMME_KEY: &str = "certificate-programme";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A small vertical bar chart of how many answered 1 to 5 (the project's
/// chart style: an `<svg role="img">` with a title; the page shows the same
/// numbers in a table next to it).
pub fn distribution_svg(title: &str, distribution: &[usize; 5]) -> String {
    let (width, height, bar, gap, base) = (230.0_f64, 120.0_f64, 30.0_f64, 12.0_f64, 95.0_f64);
    let highest = distribution.iter().copied().max().unwrap_or(0).max(1) as f64;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" font-family="sans-serif" font-size="12"><title>{}</title>"##,
        escape(title)
    );
    let _ = write!(
        svg,
        r##"<line x1="8" y1="{base}" x2="{}" y2="{base}" stroke="#4a5360"/>"##,
        width - 8.0
    );
    for (index, count) in distribution.iter().enumerate() {
        let x = 14.0 + (bar + gap) * index as f64;
        let length = *count as f64 / highest * 70.0;
        let _ = write!(
            svg,
            r##"<rect x="{x:.1}" y="{:.1}" width="{bar}" height="{length:.1}" fill="#1d4e89"/><text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#1b1f24">{count}</text><text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#1b1f24">{}</text>"##,
            base - length,
            x + bar / 2.0,
            base - length - 4.0,
            x + bar / 2.0,
            base + 16.0,
            index + 1
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Horizontal bars of percentages (0–100), one per labelled row; a row
/// without a value has no bar.
pub fn percent_svg(title: &str, rows: &[(String, Option<f64>)]) -> String {
    let (width, row_height, label_width) = (520.0_f64, 28.0_f64, 220.0_f64);
    let height = 20.0 + row_height * rows.len() as f64;
    let scale = (width - label_width - 60.0) / 100.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" font-family="sans-serif" font-size="13"><title>{}</title>"##,
        escape(title)
    );
    for (index, (label, value)) in rows.iter().enumerate() {
        let y = 10.0 + row_height * index as f64;
        let _ = write!(
            svg,
            r##"<text x="{}" y="{}" text-anchor="end" fill="#1b1f24">{}</text>"##,
            label_width - 8.0,
            y + 14.0,
            escape(label)
        );
        if let Some(value) = value {
            let length = value.clamp(0.0, 100.0) * scale;
            let _ = write!(
                svg,
                r##"<rect x="{label_width}" y="{}" width="{length:.1}" height="18" fill="#1e6b3a"/><text x="{:.1}" y="{}" fill="#1b1f24">{value:.0} %</text>"##,
                y + 2.0,
                label_width + length + 4.0,
                y + 15.0
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

fn optional(value: Option<f64>, locale: &Locale, unit: &str) -> String {
    value.map_or_else(
        || "–".to_owned(),
        |v| format!("{}{unit}", number(v, locale)),
    )
}

/// One item as the evaluation page shows it.
pub struct ItemView {
    pub text: String,
    pub likert: bool,
    pub answers: usize,
    pub mean: String,
    pub distribution: Vec<usize>,
    pub svg: String,
    pub texts: Vec<(String, String)>,
}

/// One survey as the evaluation page shows it.
pub struct SurveyView {
    pub kind: String,
    pub heading: String,
    pub anonymous: bool,
    pub is_open: bool,
    pub follow_up: bool,
    pub send_on: String,
    pub sent_at: String,
    pub responses: usize,
    pub visible: bool,
    pub withheld: String,
    pub questions: Vec<(String, String)>,
    pub items: Vec<ItemView>,
}

fn survey_view(results: &SurveyResults, locale: &Locale) -> SurveyView {
    let language = locale.code();
    SurveyView {
        kind: results.survey.kind.as_str().to_owned(),
        heading: locale.t(&format!("survey-kind-{}", results.survey.kind.as_str())),
        anonymous: results.survey.anonymous,
        is_open: results.survey.is_open,
        follow_up: results.survey.kind == SurveyKind::FollowUp,
        send_on: format::optional_date(results.survey.send_on, locale),
        sent_at: results
            .survey
            .sent_at
            .as_deref()
            .map(|at| format::stored_date(at, locale))
            .unwrap_or_default(),
        responses: results.responses,
        visible: results.visible,
        withheld: locale.t_args(
            "survey-withheld",
            &[
                ("threshold", ANONYMITY_THRESHOLD.to_string()),
                ("count", results.responses.to_string()),
            ],
        ),
        questions: results
            .items
            .iter()
            .map(|item| {
                (
                    item.text(&language).to_owned(),
                    locale.t(&format!("survey-item-kind-{}", item.kind.as_str())),
                )
            })
            .collect(),
        items: results
            .results
            .iter()
            .map(|r| {
                let text = r.item.text(&language).to_owned();
                let summary = r.likert.unwrap_or(likert_summary(&[]));
                ItemView {
                    likert: r.likert.is_some(),
                    answers: if r.likert.is_some() {
                        summary.answers
                    } else {
                        r.texts.len()
                    },
                    mean: optional(summary.mean, locale, ""),
                    distribution: summary.distribution.to_vec(),
                    svg: distribution_svg(&text, &summary.distribution),
                    texts: r
                        .texts
                        .iter()
                        .map(|(t, name)| (t.clone(), name.clone().unwrap_or_default()))
                        .collect(),
                    text,
                }
            })
            .collect(),
    }
}

#[derive(Template)]
#[template(path = "surveys_evaluation.html")]
pub struct EvaluationPage {
    pub page: Page,
    pub id: i64,
    pub title: String,
    pub surveys: Vec<SurveyView>,
    pub missing_kinds: Vec<(String, String)>,
    pub default_send_on: String,
    pub confirmed: usize,
    pub completed: usize,
    pub completion_pct: String,
    pub mean_attendance: String,
    pub attendance_svg: String,
    pub learning_participants: usize,
    pub mean_gain: String,
    pub improved: String,
    pub learning_svg: String,
}

/// `GET /workshops/{workshop}/evaluation` (Secretariat).
pub async fn show_evaluation(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(id): AppPath<i64>,
) -> Result<Response> {
    let locale = &context.locale;
    let evaluation = use_cases::evaluation(state.store(), &signed_in.caller, id).await?;
    let workshop = &evaluation.workshop;
    let surveys: Vec<SurveyView> = [&evaluation.reaction, &evaluation.behaviour]
        .into_iter()
        .flatten()
        .map(|r| survey_view(r, locale))
        .collect();
    let missing_kinds = SurveyKind::ALL
        .into_iter()
        .filter(|kind| !surveys.iter().any(|s| s.kind == kind.as_str()))
        .map(|kind| {
            (
                kind.as_str().to_owned(),
                locale.t(&format!("survey-kind-{}", kind.as_str())),
            )
        })
        .collect();
    let learning = evaluation.learning;
    Ok(render(&EvaluationPage {
        page: Page::new(&context, "evaluation-title").with_title(format!(
            "{} – {}",
            locale.t("evaluation-title"),
            workshop.title
        )),
        id: workshop.id,
        title: workshop.title.clone(),
        surveys,
        missing_kinds,
        default_send_on: default_follow_up_date(workshop.dates.end()).to_string(),
        confirmed: evaluation.confirmed,
        completed: evaluation.completed,
        completion_pct: format::optional_percentage(evaluation.completion_pct, locale),
        mean_attendance: format::optional_percentage(evaluation.mean_attendance_pct, locale),
        attendance_svg: percent_svg(
            &locale.t("evaluation-attendance"),
            &[
                (
                    locale.t("evaluation-mean-attendance"),
                    evaluation.mean_attendance_pct,
                ),
                (
                    locale.t("evaluation-completion-rate"),
                    evaluation.completion_pct,
                ),
            ],
        ),
        learning_participants: learning.participants,
        mean_gain: optional(learning.mean_gain_points, locale, ""),
        improved: format::optional_percentage(learning.improved_pct, locale),
        learning_svg: percent_svg(
            &locale.t("evaluation-learning"),
            &[(locale.t("evaluation-improved"), learning.improved_pct)],
        ),
    }))
}

/// `GET /workshops/{workshop}/evaluation.xlsx[?lang=fr]` (Secretariat): the
/// three levels in one workbook.
pub async fn download_evaluation(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(id): AppPath<i64>,
    AppQuery(query): AppQuery<LangQuery>,
) -> Result<Response> {
    use_cases::require_evaluator(&signed_in.caller)?;
    let locale = download_locale(&context, &query);
    let language = locale.code();
    let evaluation = use_cases::evaluation(state.store(), &signed_in.caller, id).await?;
    let workshop = &evaluation.workshop;
    let figure = |v: Option<f64>| {
        v.map(|v| format!("{}", (v * 100.0).round() / 100.0))
            .unwrap_or_default()
    };
    let learning = evaluation.learning;
    let summary = vec![
        vec![locale.t("evaluation-figure"), locale.t("evaluation-value")],
        vec![locale.t("evaluation-workshop"), workshop.title.clone()],
        vec![
            locale.t("evaluation-confirmed"),
            evaluation.confirmed.to_string(),
        ],
        vec![
            locale.t("evaluation-mean-attendance"),
            figure(evaluation.mean_attendance_pct),
        ],
        vec![
            locale.t("evaluation-completed"),
            evaluation.completed.to_string(),
        ],
        vec![
            locale.t("evaluation-completion-rate"),
            figure(evaluation.completion_pct),
        ],
        vec![
            locale.t("evaluation-tested"),
            learning.participants.to_string(),
        ],
        vec![
            locale.t("evaluation-mean-gain"),
            figure(learning.mean_gain_points),
        ],
        vec![
            locale.t("evaluation-improved"),
            figure(learning.improved_pct),
        ],
    ];
    let mut sheets = vec![gedhub_core::instrument::Sheet {
        name: locale.t("evaluation-sheet-summary"),
        rows: summary,
    }];
    for results in [&evaluation.reaction, &evaluation.behaviour]
        .into_iter()
        .flatten()
    {
        let mut rows = vec![vec![
            locale.t("survey-item"),
            locale.t("survey-answers"),
            locale.t("survey-mean"),
            "1".to_owned(),
            "2".to_owned(),
            "3".to_owned(),
            "4".to_owned(),
            "5".to_owned(),
            locale.t("survey-text-answer"),
        ]];
        if !results.visible {
            rows.push(vec![locale.t_args(
                "survey-withheld",
                &[
                    ("threshold", ANONYMITY_THRESHOLD.to_string()),
                    ("count", results.responses.to_string()),
                ],
            )]);
        }
        for r in &results.results {
            let text = r.item.text(&language).to_owned();
            match r.likert {
                Some(summary) => {
                    let mut row = vec![text, summary.answers.to_string(), figure(summary.mean)];
                    row.extend(summary.distribution.iter().map(|c| c.to_string()));
                    rows.push(row);
                }
                None => {
                    for (answer, name) in &r.texts {
                        let mut row = vec![text.clone(), String::new(), String::new()];
                        row.extend(std::iter::repeat_n(String::new(), 5));
                        row.push(match name {
                            Some(name) => format!("{answer} ({name})"),
                            None => answer.clone(),
                        });
                        rows.push(row);
                    }
                }
            }
        }
        sheets.push(gedhub_core::instrument::Sheet {
            name: locale.t(&format!("survey-kind-{}", results.survey.kind.as_str())),
            rows,
        });
    }
    let bytes = crate::workbooks::write_xlsx(&sheets)
        .map_err(|error| AppError::internal(error.to_string()))?;
    Ok(download(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &format!("gedhub-evaluation-{id}-{}.xlsx", locale.code()),
    ))
}

#[derive(Deserialize)]
pub struct NewSurveyForm {
    pub kind: String,
    /// A checkbox: `1` when ticked.
    #[serde(default)]
    pub anonymous: String,
    /// Follow-up only; empty: the workshop's last day plus three months.
    #[serde(default)]
    pub send_on: String,
}

/// `POST /workshops/{workshop}/surveys` (Secretariat).
pub async fn create_survey(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<NewSurveyForm>,
) -> Result<Response> {
    let survey = use_cases::create(
        state.store(),
        &signed_in.caller,
        id,
        &form.kind,
        matches!(form.anonymous.trim(), "1" | "on" | "true"),
        &form.send_on,
    )
    .await?;
    let kind = survey.kind;
    Ok(Redirect::to(&format!("/workshops/{id}/evaluation#survey-{kind}")).into_response())
}

#[derive(Deserialize)]
pub struct ItemForm {
    /// `likert` or `free_text`.
    pub item_kind: String,
    pub text_en: String,
    #[serde(default)]
    pub text_fr: String,
}

/// `POST /workshops/{workshop}/surveys/{kind}/items` (Secretariat).
pub async fn add_item(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, kind)): AppPath<(i64, String)>,
    AppForm(form): AppForm<ItemForm>,
) -> Result<Response> {
    use_cases::add_item(
        state.store(),
        &signed_in.caller,
        id,
        &kind,
        &form.item_kind,
        &form.text_en,
        &form.text_fr,
    )
    .await?;
    Ok(Redirect::to(&format!("/workshops/{id}/evaluation#survey-{kind}")).into_response())
}

#[derive(Deserialize)]
pub struct StatusForm {
    /// `1` opens, `0` closes.
    pub open: String,
}

/// `POST /workshops/{workshop}/surveys/{kind}/status` (Secretariat).
pub async fn set_status(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, kind)): AppPath<(i64, String)>,
    AppForm(form): AppForm<StatusForm>,
) -> Result<Response> {
    let kind = use_cases::set_open(state.store(), &signed_in.caller, id, &kind, &form.open).await?;
    Ok(Redirect::to(&format!("/workshops/{id}/evaluation#survey-{kind}")).into_response())
}

/// `POST /workshops/{workshop}/surveys/{kind}/send` (Secretariat): sends the
/// follow-up now (once: `survey_already_sent`).
pub async fn send_follow_up(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, kind)): AppPath<(i64, String)>,
) -> Result<Response> {
    let kind = use_cases::send_follow_up(
        state.store(),
        &signed_in.caller,
        id,
        &kind,
        &crate::training_views::invitation,
    )
    .await?;
    Ok(Redirect::to(&format!("/workshops/{id}/evaluation#survey-{kind}")).into_response())
}

pub struct QuestionView {
    pub id: i64,
    pub text: String,
    pub likert: bool,
}

#[derive(Template)]
#[template(path = "surveys_answer.html")]
pub struct AnswerPage {
    pub page: Page,
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub heading: String,
    pub anonymous: bool,
    pub is_open: bool,
    pub answered: bool,
    pub questions: Vec<QuestionView>,
}

/// `GET /workshops/{workshop}/surveys/{kind}` (confirmed participants).
pub async fn show_survey(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath((id, kind)): AppPath<(i64, String)>,
) -> Result<Response> {
    let locale = &context.locale;
    let Answering {
        workshop,
        survey,
        items,
        answered,
    } = use_cases::answering(state.store(), &signed_in.caller, id, &kind).await?;
    let kind = survey.kind;
    let language = locale.code();
    let questions = items
        .into_iter()
        .map(|item| QuestionView {
            id: item.id,
            text: item.text(&language).to_owned(),
            likert: item.kind == ItemKind::Likert,
        })
        .collect();
    let heading = locale.t(&format!("survey-kind-{}", kind.as_str()));
    Ok(render(&AnswerPage {
        page: Page::new(&context, "survey-title")
            .with_title(format!("{heading} – {}", workshop.title)),
        id,
        kind: kind.as_str().to_owned(),
        title: workshop.title.clone(),
        heading,
        anonymous: survey.anonymous,
        is_open: survey.is_open,
        answered,
        questions,
    }))
}

/// Answers named `item-{id}`: a number for Likert items, text otherwise.
fn answers_from_fields(
    items: &[SurveyItem],
    fields: &[(String, String)],
) -> std::result::Result<Vec<(i64, Answer)>, ValidationError> {
    let mut answers = Vec::new();
    for (key, value) in fields {
        let Some(id) = key
            .strip_prefix("item-")
            .and_then(|id| id.parse::<i64>().ok())
        else {
            continue;
        };
        let item = items
            .iter()
            .find(|item| item.id == id)
            .ok_or(ValidationError::new("answers", "unknown_item"))?;
        match item.kind {
            ItemKind::Likert => {
                if value.trim().is_empty() {
                    continue;
                }
                let value = value
                    .trim()
                    .parse::<i64>()
                    .map_err(|_| ValidationError::new("answers", "not_a_likert_value"))?;
                answers.push((id, Answer::Likert(value)));
            }
            ItemKind::FreeText => answers.push((id, Answer::Text(value.clone()))),
        }
    }
    Ok(answers)
}

/// `POST /workshops/{workshop}/surveys/{kind}` (confirmed participants):
/// the answers, once (`survey_already_answered`, 409).
pub async fn answer_survey(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, kind)): AppPath<(i64, String)>,
    AppForm(fields): AppForm<Vec<(String, String)>>,
) -> Result<Response> {
    use_cases::answer(state.store(), &signed_in.caller, id, &kind, |items| {
        answers_from_fields(items, &fields)
    })
    .await?;
    Ok(Redirect::to(&format!("/workshops/{id}/surveys/{kind}")).into_response())
}

/// The certificate's number: programme, year, workshop and participant,
/// stable for the same pair.
pub fn certificate_number(workshop: &Workshop, user_id: UserId) -> String {
    format!(
        "GED-{}-{:04}-{:05}",
        workshop.dates.start().format("%Y"),
        workshop.id,
        user_id.0
    )
}

/// `GET /workshops/{workshop}/participants/{email}/certificate.pdf[?lang=fr]`:
/// for the participant, the Secretariat and the nominating focal points.
pub async fn download_certificate(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath((id, email)): AppPath<(i64, String)>,
    AppQuery(query): AppQuery<LangQuery>,
) -> Result<Response> {
    let Completed { workshop, record } =
        use_cases::certificate(state.store(), &signed_in.caller, id, &email).await?;
    let participant = record.participant;
    let attendance = record.attendance_pct;
    let days_present = record.days_present.len();
    let locale = download_locale(&context, &query);
    let today = crate::monitoring::today(&state);
    let place = match workshop.mode {
        WorkshopMode::InPerson => workshop.venue.clone(),
        WorkshopMode::Virtual => locale.t("certificate-virtual"),
    };
    let mut facts = vec![
        (
            locale.t("workshop-kind"),
            locale.t(&format!("workshop-kind-{}", workshop.kind.as_str())),
        ),
        (
            locale.t("workshop-mode"),
            locale.t(&format!("workshop-mode-{}", workshop.mode.as_str())),
        ),
        (
            locale.t("workshop-dates"),
            format!(
                "{} – {}",
                long_date(workshop.dates.start(), &locale),
                long_date(workshop.dates.end(), &locale)
            ),
        ),
    ];
    if !place.is_empty() {
        facts.push((locale.t("certificate-venue"), place));
    }
    facts.push((
        locale.t("certificate-attended"),
        locale.t_args(
            "certificate-days",
            &[
                ("present", days_present.to_string()),
                ("days", workshop.dates.days().to_string()),
                ("pct", format::optional_percentage(attendance, &locale)),
            ],
        ),
    ));
    let number = certificate_number(&workshop, participant.user_id);
    // With a verifiable credential, a QR code to its verification page.
    let qr = state
        .store()
        .credentials_of(participant.user_id)
        .await?
        .into_iter()
        .find(|c| c.workshop_id == Some(workshop.id))
        .and_then(|c| {
            crate::pages::credentials::qr_block(
                &crate::pages::credentials::verify_url(&state, &c.id),
                locale.t("credential-scan-to-verify"),
            )
        });
    let document = gedhub_report::Certificate {
        language: locale.code(),
        programme: locale.t(PROGRAMME_KEY),
        heading: locale.t("certificate-heading"),
        certify: locale.t("certificate-certify"),
        name: participant.name.clone(),
        completed: locale.t("certificate-completed"),
        workshop: workshop.title.clone(),
        facts,
        issued: locale.t_args("certificate-issued", &[("date", long_date(today, &locale))]),
        number: locale.t_args("certificate-number", &[("number", number.clone())]),
        qr,
        watermark: None,
    };
    let pdf = tokio::task::spawn_blocking(move || gedhub_report::render_certificate(&document))
        .await
        .map_err(|error| AppError::internal(format!("certificate: {error}")))?
        .map_err(|error| AppError::internal(format!("certificate: {error}")))?;
    Ok(download(
        pdf,
        "application/pdf",
        &format!("certificate-{number}-{}.pdf", locale.code()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_distribution_chart_scales_bars_to_the_largest_count() {
        let svg = distribution_svg("Met <my> needs", &[0, 1, 0, 2, 4]);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title>Met &lt;my&gt; needs</title>"));
        // 4 answers give the full 70 px; 2 give 35; 1 gives 17.5; 0 none.
        assert!(svg.contains("height=\"70.0\""), "{svg}");
        assert!(svg.contains("height=\"35.0\""));
        assert!(svg.contains("height=\"17.5\""));
        assert_eq!(svg.matches("height=\"0.0\"").count(), 2);
    }

    #[test]
    fn percentage_bars_are_capped_and_absent_values_have_no_bar() {
        // 240 px for 100 % (520 wide, 220 for labels, 60 for the value):
        // 45 % is 108 px; 150 % is capped at 240.
        let svg = percent_svg(
            "Attendance",
            &[
                ("Mean".to_owned(), Some(45.0)),
                ("Too much".to_owned(), Some(150.0)),
                ("None".to_owned(), None),
            ],
        );
        assert!(svg.contains("width=\"108.0\""), "{svg}");
        assert!(svg.contains("width=\"240.0\""));
        assert_eq!(svg.matches("<rect").count(), 2);
    }

    #[test]
    fn certificate_numbers_name_the_year_the_workshop_and_the_person() {
        use chrono::NaiveDate;
        use gedhub_core::training::{CompletionRules, WorkshopDates, WorkshopKind};
        let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("day");
        let workshop = Workshop {
            id: 2,
            title: "Brussels".into(),
            kind: WorkshopKind::TrainTheTrainer,
            mode: WorkshopMode::InPerson,
            language: "en".into(),
            venue: String::new(),
            meeting_link: String::new(),
            dates: WorkshopDates::new(day("2023-03-13"), day("2023-03-17")).expect("dates"),
            capacity: 20,
            rules: CompletionRules::DEFAULT,
            created_at: String::new(),
            nominations_open: false,
            nominations_close_on: None,
        };
        assert_eq!(
            certificate_number(&workshop, UserId(42)),
            "GED-2023-0002-00042"
        );
    }
}
