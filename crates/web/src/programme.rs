//! The programme overview (issue 8): one function, [`summary`], assembles
//! everything the pages, the API and the annual report show, and decides
//! what the caller may see.
//!
//! Who sees what:
//! - The Secretariat: every Member's row, the programme figures and the
//!   regional breakdown.
//! - A focal point: their own administration's row, and aggregates only
//!   (global and regional), each suppressed below five administrations
//!   (`gedhub_core::programme::MIN_ADMINISTRATIONS`), whatever the filters.
//!   Never another Member's row or name.
//! - Everyone else: 403 (the route table's `Starters`).

use std::collections::HashMap;

use gedhub_core::programme::{
    AggregateFigures, MemberRow, PlanFact, ProgrammeFigures, RegionRow, geoat_status,
    regional_breakdown,
};
use gedhub_core::{AdministrationCode, Region, Role, ValidationError};
use gedhub_store::programme::{MemberFacts, ProgrammeFilter};
use gedhub_store::training::DELIVERY_LANGUAGES;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::context::SignedIn;
use crate::error::{AppError, Result};
use crate::monitoring::{plan_summaries, today};
use crate::state::AppState;

/// `?year=&region=&language=` of the overview; empty means "all".
#[derive(Debug, Default, Clone, Deserialize, IntoParams)]
#[serde(default)]
pub struct SummaryParams {
    /// A calendar year (1990–2100).
    pub year: String,
    /// A WCO region code (`ESA`, `WCA`, `MENA`, `EUR`, `AP`, `AMS`).
    pub region: String,
    /// A delivery language (`en`, `fr`, `es`, `pt`, `ar`): workshops and
    /// missions delivered in it.
    pub language: String,
    /// The measure the map shows (pages only; the API ignores it).
    #[param(ignore)]
    pub measure: String,
    /// The language of a downloaded report (`en`, `fr`; pages only).
    #[param(ignore)]
    pub lang: String,
}

/// The filters, validated: any bad value is a 422 listing every problem.
pub fn parse_filters(params: &SummaryParams) -> Result<ProgrammeFilter> {
    let mut errors = Vec::new();
    let year = match params.year.trim() {
        "" => None,
        text => match text.parse::<i32>() {
            Ok(year) if (1990..=2100).contains(&year) => Some(year),
            _ => {
                errors.push(ValidationError::new("year", "invalid_year"));
                None
            }
        },
    };
    let region = match params.region.trim() {
        "" => None,
        code => match Region::parse(code) {
            Ok(region) => Some(region),
            Err(error) => {
                errors.push(error);
                None
            }
        },
    };
    let language = match params.language.trim().to_ascii_lowercase().as_str() {
        "" => None,
        code if DELIVERY_LANGUAGES.contains(&code) => Some(code.to_owned()),
        _ => {
            errors.push(ValidationError::new("language", "unknown_language"));
            None
        }
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(ProgrammeFilter {
        year,
        region,
        language,
    })
}

/// The filters as echoed back.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AppliedFilters {
    pub year: Option<i32>,
    pub region: Option<String>,
    pub language: Option<String>,
}

/// The overview as the caller may see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProgrammeSummary {
    pub filters: AppliedFilters,
    /// The Secretariat's full programme figures; absent for a focal point.
    #[schema(value_type = Option<Object>)]
    pub figures: Option<ProgrammeFigures>,
    /// Figures safe for every caller: each withheld (`value: null`,
    /// `suppressed: "fewer_than_5_administrations"`) when it comes from
    /// fewer than five administrations.
    #[schema(value_type = Object)]
    pub aggregates: AggregateFigures,
    /// The caller's own region's aggregates (focal points), suppressed
    /// likewise; absent for the Secretariat.
    #[schema(value_type = Option<Object>)]
    pub own_region: Option<AggregateFigures>,
    /// The six regions, each figure suppressed below five administrations.
    #[schema(value_type = Vec<Object>)]
    pub regions: Vec<RegionRow>,
    /// Per-Member rows: every Member for the Secretariat, only their own
    /// administration for a focal point.
    #[schema(value_type = Vec<Object>)]
    pub members: Vec<MemberRow>,
}

/// Builds one Member's row from its facts and its latest plan.
fn member_row(facts: MemberFacts, plan: Option<PlanFact>, language: &str) -> MemberRow {
    MemberRow {
        name: if language == "fr" {
            facts.name_fr
        } else {
            facts.name_en
        },
        code: facts.code,
        region: facts.region,
        geoat: geoat_status(&facts.assessments),
        plan,
        workforce_years: facts.workforce_years,
        workforce: facts.workforce,
        trained: facts.trained,
        pathway: facts.pathway,
        requests_open: facts.requests_open,
        missions_open: facts.missions_open,
        missions_delivered: facts.missions_delivered,
        missions_with_feedback: facts.missions_with_feedback,
    }
}

/// Every Member's row in the filter (as the Secretariat sees them), names
/// in `language`.
pub async fn member_rows(
    state: &AppState,
    filter: &ProgrammeFilter,
    language: &str,
) -> Result<Vec<MemberRow>> {
    let facts = state
        .store()
        .programme_facts(filter, &state.today())
        .await?;
    // Each Member's latest plan (by creation) existing by the filter's
    // year end; its indicators judged by the monitoring rules as of today.
    let year_end = filter.year.map(|year| format!("{year:04}-12-31T99"));
    let mut plans: HashMap<String, (i64, PlanFact)> = HashMap::new();
    for summary in plan_summaries(state, today(state)).await? {
        if year_end
            .as_deref()
            .is_some_and(|end| summary.plan.created_at.as_str() > end)
        {
            continue;
        }
        let code = summary.plan.administration.as_str().to_owned();
        if plans
            .get(&code)
            .is_some_and(|(id, _)| *id > summary.plan.id)
        {
            continue;
        }
        let on_track = summary
            .by_status
            .iter()
            .filter(|(status, _)| {
                matches!(
                    status,
                    gedhub_core::monitoring::Status::OnTrack
                        | gedhub_core::monitoring::Status::Achieved
                )
            })
            .map(|(_, count)| count)
            .sum();
        plans.insert(
            code,
            (
                summary.plan.id,
                PlanFact {
                    status: summary.plan.status.as_str().to_owned(),
                    indicators: summary.indicators,
                    on_track,
                },
            ),
        );
    }
    Ok(facts
        .into_iter()
        .map(|facts| {
            let plan = plans.remove(&facts.code).map(|(_, plan)| plan);
            member_row(facts, plan, language)
        })
        .collect())
}

/// The overview for `signed_in` under `filter`. The Secretariat gets
/// everything; a focal point their own row and suppressed aggregates;
/// anyone else 403.
pub async fn summary(
    state: &AppState,
    signed_in: &SignedIn,
    filter: &ProgrammeFilter,
) -> Result<ProgrammeSummary> {
    let language = &signed_in.locale.code();
    let filters = AppliedFilters {
        year: filter.year,
        region: filter.region.map(|r| r.as_str().to_owned()),
        language: filter.language.clone(),
    };
    match signed_in.principal.role {
        Role::Secretariat => {
            let rows = member_rows(state, filter, language).await?;
            Ok(ProgrammeSummary {
                filters,
                figures: Some(ProgrammeFigures::of(&rows)),
                aggregates: ProgrammeFigures::aggregates_only(&rows),
                own_region: None,
                regions: regional_breakdown(&rows),
                members: rows,
            })
        }
        Role::FocalPoint => {
            let own: AdministrationCode = signed_in
                .principal
                .administration
                .clone()
                .ok_or(AppError::Forbidden)?;
            let rows = member_rows(state, filter, language).await?;
            let own_region = state
                .store()
                .administration(&gedhub_core::Scope::All, &own)
                .await?
                .region;
            // The region's aggregates over the same year and language, even
            // when the filter names another region.
            let region_rows = if filter.region == Some(own_region) {
                None
            } else {
                let regional = ProgrammeFilter {
                    region: Some(own_region),
                    ..filter.clone()
                };
                Some(member_rows(state, &regional, language).await?)
            };
            let region_aggregates =
                ProgrammeFigures::aggregates_only(region_rows.as_deref().unwrap_or(&rows));
            let aggregates = ProgrammeFigures::aggregates_only(&rows);
            let regions = regional_breakdown(&rows);
            let mut members: Vec<MemberRow> = region_rows
                .unwrap_or(rows)
                .into_iter()
                .filter(|row| row.code == own.as_str())
                .collect();
            members.truncate(1);
            Ok(ProgrammeSummary {
                filters,
                figures: None,
                aggregates,
                own_region: Some(region_aggregates),
                regions,
                members,
            })
        }
        Role::Expert | Role::Participant => Err(AppError::Forbidden),
    }
}
