//! The landing page after sign-in, different for each role.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use gedhub_core::Role;

use crate::context::{RequestContext, SignedIn};
use crate::error::Result;
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
                    when: when.chars().take(16).collect::<String>().replace('T', " "),
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
    let role_intro = locale.t(match signed_in.user.role {
        Role::Secretariat => "dashboard-intro-secretariat",
        Role::FocalPoint => "dashboard-intro-focal_point",
        Role::Expert => "dashboard-intro-expert",
        Role::Participant => "dashboard-intro-participant",
    });
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
        page,
    }))
}
