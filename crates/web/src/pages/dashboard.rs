//! The landing page after sign-in, different for each role.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use gedhub_app::dashboard::NextSteps;
use gedhub_core::next_steps::DiagnosticStep;

use crate::context::{RequestContext, SignedIn};
use crate::error::Result;
use crate::format;
use crate::i18n::Locale;
use crate::state::AppState;
use crate::views::{Page, region_label, render};

pub struct RegionCount {
    pub code: String,
    pub label: String,
    pub count: i64,
}

pub struct RecentChange {
    pub when: String,
    pub actor: String,
    pub summary: String,
}

/// One next step: what to do, and where (none when there is nothing to
/// do but wait).
pub struct NextStepLine {
    pub text: String,
    pub href: Option<String>,
}

pub struct AdministrationCard {
    pub code: String,
    pub name: String,
    pub region: String,
    pub focal_points: Vec<String>,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
pub struct DashboardPage {
    pub page: Page,
    pub greeting: String,
    pub role_intro: String,
    pub is_secretariat: bool,
    pub regions: Vec<RegionCount>,
    pub registry_caption: String,
    pub user_total_text: String,
    pub recent_changes: Vec<RecentChange>,
    pub administration: Option<AdministrationCard>,
    pub next_steps: Vec<NextStepLine>,
}

/// `GET /dashboard`.
pub async fn show_dashboard(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
) -> Result<Response> {
    let store = state.store();
    let page = Page::new(&context, "dashboard-title");
    let locale = page.locale.clone();
    let is_secretariat = signed_in.principal.is_secretariat();
    let (mut regions, mut user_total, mut recent_changes) = (Vec::new(), 0, Vec::new());
    if is_secretariat {
        let overview = state.secretariat_overview().await?;
        regions = overview
            .per_region
            .into_iter()
            .map(|(region, count)| RegionCount {
                code: region.as_str().to_owned(),
                label: region_label(&locale, region),
                count,
            })
            .collect();
        user_total = usize::try_from(overview.accounts).unwrap_or_default();
        recent_changes = overview
            .recent_changes
            .into_iter()
            .map(|(_, actor, detail)| {
                // "occurred_at action entity key"; the timestamp has no space.
                let (when, summary) = detail.split_once(' ').unwrap_or((detail.as_str(), ""));
                RecentChange {
                    when: format::stored_date_time(when, &locale),
                    actor,
                    summary: summary.trim().to_owned(),
                }
            })
            .collect();
    }
    // The user's own administration, read through the same scoped query as
    // its page.
    let administration = match &signed_in.user.administration {
        Some(code) if !is_secretariat => {
            let scope = signed_in.principal.administration_scope();
            let administration = store.administration(&scope, code).await?;
            let focal_points = store
                .focal_points(code)
                .await?
                .into_iter()
                .map(|user| user.name)
                .collect();
            Some(AdministrationCard {
                code: code.to_string(),
                name: administration.name(&locale.code()).to_owned(),
                region: region_label(&locale, administration.region),
                focal_points,
            })
        }
        _ => None,
    };
    let steps = gedhub_app::dashboard::next_steps(store, &signed_in.caller).await?;
    let next_steps = next_step_lines(&locale, &steps);
    let role_intro = locale.t(&format!("dashboard-intro-{}", signed_in.user.role.as_str()));
    Ok(render(&DashboardPage {
        greeting: locale.t_args(
            "dashboard-greeting",
            &[("name", signed_in.user.name.clone())],
        ),
        role_intro,
        is_secretariat,
        registry_caption: locale.t_count(
            "dashboard-registry-caption",
            regions
                .iter()
                .map(|r| r.count)
                .sum::<i64>()
                .try_into()
                .unwrap_or_default(),
        ),
        user_total_text: locale.t_count("dashboard-user-total", user_total),
        regions,
        recent_changes,
        administration,
        next_steps,
        page,
    }))
}

/// The caller's next steps in their words, each linking to where it is done.
fn next_step_lines(locale: &Locale, steps: &NextSteps) -> Vec<NextStepLine> {
    let line = |text: String, href: Option<String>| NextStepLine { text, href };
    let count = |key: &str, n: usize, href: &str| {
        (n > 0).then(|| line(locale.t_count(key, n), Some(href.to_owned())))
    };
    let mut lines = Vec::new();
    if let Some((step, title)) = &steps.diagnostic {
        let titled = |key: &str| locale.t_args(key, &[("title", title.clone())]);
        lines.push(match *step {
            DiagnosticStep::Start => line(
                locale.t("next-diagnostic-start"),
                Some("/assessments".to_owned()),
            ),
            DiagnosticStep::Continue { assessment } => line(
                titled("next-diagnostic-continue"),
                Some(format!("/assessments/{assessment}")),
            ),
            DiagnosticStep::AwaitValidation { assessment } => line(
                titled("next-diagnostic-await"),
                Some(format!("/assessments/{assessment}")),
            ),
            DiagnosticStep::BuildPlan { assessment } => line(
                titled("next-diagnostic-build-plan"),
                Some(format!("/plans/new?assessment={assessment}")),
            ),
            DiagnosticStep::FollowPlan { .. } => line(
                locale.t("next-diagnostic-follow-plan"),
                Some("/plans".to_owned()),
            ),
        });
    }
    let plan = steps
        .due
        .plan_id
        .map(|id| format!("/plans/{id}"))
        .unwrap_or_else(|| "/plans".to_owned());
    lines.extend(count(
        "next-actions-overdue",
        steps.due.actions_overdue,
        &plan,
    ));
    lines.extend(count(
        "next-actions-due-soon",
        steps.due.actions_due_soon,
        &plan,
    ));
    lines.extend(count(
        "next-measurements-due",
        steps.due.measurements_due,
        &plan,
    ));
    lines.extend(count(
        "next-nominations-open",
        steps.nominations_open,
        "/workshops",
    ));
    if let Some(queue) = &steps.queue {
        let n = |value: i64| usize::try_from(value).unwrap_or_default();
        lines.extend(count(
            "next-assessments-to-validate",
            n(queue.assessments_to_validate),
            "/assessments",
        ));
        lines.extend(count(
            "next-nominations-to-decide",
            n(queue.nominations_to_decide),
            "/workshops",
        ));
        lines.extend(count(
            "next-new-inquiries",
            n(queue.new_inquiries),
            "/inquiries?status=new",
        ));
        lines.extend(count(
            "next-requests-to-answer",
            n(queue.requests_to_answer),
            "/support-requests",
        ));
        lines.extend(count(
            "next-missions-to-report",
            n(queue.missions_to_report),
            "/missions",
        ));
    }
    for workshop in &steps.workshops {
        lines.push(line(
            locale.t_args(
                "next-workshop",
                &[
                    ("title", workshop.title.clone()),
                    ("start", format::long_date(workshop.start, locale)),
                    ("end", format::long_date(workshop.end, locale)),
                ],
            ),
            Some(format!("/workshops/{}", workshop.id)),
        ));
    }
    for test in &steps.tests {
        lines.push(line(
            locale.t_args(
                &format!("next-test-{}", test.kind),
                &[("title", test.workshop_title.clone())],
            ),
            Some(format!(
                "/workshops/{}/tests/{}",
                test.workshop_id, test.kind
            )),
        ));
    }
    lines
}
