//! The programme overview (issue 8): one function, [`summary`], assembles
//! everything the pages, the API and the annual report show, and decides
//! what the caller may see.
//!
//! Who sees what:
//! - The Secretariat: every Member's row, the programme figures and the
//!   regional breakdown over any selection (it is entitled to every row).
//! - A focal point: their own administration's row, and the published
//!   release of a closed period only (all Members and each region, fixed
//!   selections, protected by `gedhub_core::disclosure`; see
//!   docs/DISCLOSURE.md). No region or language filter: those are the free
//!   combinations differencing needs. Never another Member's row or name.
//! - Everyone else: 403 (the route table's `Starters`).

use std::collections::HashMap;

use gedhub_app::programme::{self as use_cases, FilterInput, published_period};
use gedhub_core::authz::programme::ProgrammeView;
use gedhub_core::disclosure::hierarchy::Selection;
use gedhub_core::monitoring::PlanStatus;
use gedhub_core::programme::{
    AggregateFigures, MemberRow, PlanFact, ProgrammeFigures, PublishedFigures, RegionRow,
    geoat_in_progress, geoat_status, regional_breakdown, shown_plan,
};
use gedhub_core::{AdministrationCode, Region};
use gedhub_store::programme::{MemberFacts, ProgrammeFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::context::SignedIn;
use crate::disclosure::Kind;
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

/// The filters, validated (`gedhub_app::programme`): any bad value is a
/// 422 listing every problem.
pub fn parse_filters(params: &SummaryParams) -> Result<ProgrammeFilter> {
    let input = FilterInput {
        year: params.year.clone(),
        region: params.region.clone(),
        language: params.language.clone(),
    };
    Ok(ProgrammeFilter::try_from(&input).map_err(gedhub_app::AppError::from)?)
}

/// The filters as echoed back.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AppliedFilters {
    pub year: Option<i32>,
    pub region: Option<String>,
    pub language: Option<String>,
}

/// The Secretariat's dashboard: every Member's row and figures over any
/// selection (it is entitled to every Member's data).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SecretariatSummary {
    pub filters: AppliedFilters,
    /// The programme figures over the selection.
    #[schema(value_type = Object)]
    pub figures: ProgrammeFigures,
    /// The same figures as counts and shares, each withheld below five
    /// administrations (a courtesy on the Secretariat's own screen).
    #[schema(value_type = Object)]
    pub aggregates: AggregateFigures,
    /// The six regions of the selection, each figure withheld below five
    /// administrations.
    #[schema(value_type = Vec<Object>)]
    pub regions: Vec<RegionRow>,
    /// Every Member of the selection.
    #[schema(value_type = Vec<Object>)]
    pub members: Vec<MemberRow>,
}

/// What a focal point sees: the published release of a closed period (all
/// Members and each region, fixed selections only, protected by
/// `gedhub_core::disclosure`), and their own administration's row.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublishedSummary {
    pub filters: AppliedFilters,
    /// The period shown (a calendar year), `null` while none is published.
    pub period: Option<i32>,
    /// Every published period, oldest first.
    pub periods: Vec<i32>,
    /// All Members' figures (`value: null` and `suppressed` when withheld:
    /// `fewer_than_5_other_administrations`, `complementary`,
    /// `not_published`).
    #[schema(value_type = Object)]
    pub aggregates: PublishedFigures,
    /// The caller's region's figures.
    #[schema(value_type = Object)]
    pub own_region: PublishedFigures,
    /// The six regions' figures.
    #[schema(value_type = Vec<Object>)]
    pub regions: Vec<PublishedFigures>,
    /// The caller's own administration's row for the period.
    #[schema(value_type = Vec<Object>)]
    pub members: Vec<MemberRow>,
}

/// The overview as the caller may see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(untagged)]
pub enum ProgrammeSummary {
    Secretariat(Box<SecretariatSummary>),
    Published(Box<PublishedSummary>),
}

/// Builds one Member's row from its facts and the plan the overview shows.
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
        geoat_in_progress: geoat_in_progress(&facts.assessments),
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

/// One of a Member's plans: its id and status (what `shown_plan` judges),
/// and its figures.
type PlanCandidate = ((i64, PlanStatus), PlanFact);

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
    // Each Member's plans existing by the filter's year end, their
    // indicators judged by the monitoring rules as of today; the overview
    // shows the one core picks (`shown_plan`: adopted before a newer draft).
    let year_end = filter.year.map(|year| format!("{year:04}-12-31T99"));
    let mut candidates: HashMap<String, Vec<PlanCandidate>> = HashMap::new();
    for summary in plan_summaries(state, today(state)).await? {
        if year_end
            .as_deref()
            .is_some_and(|end| summary.plan.created_at.as_str() > end)
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
        candidates
            .entry(summary.plan.administration.as_str().to_owned())
            .or_default()
            .push((
                (summary.plan.id, summary.plan.status),
                PlanFact {
                    status: summary.plan.status.as_str().to_owned(),
                    indicators: summary.indicators,
                    on_track,
                },
            ));
    }
    let mut plans: HashMap<String, PlanFact> = candidates
        .into_iter()
        .filter_map(|(code, mut list)| {
            let keys: Vec<(i64, PlanStatus)> = list.iter().map(|(key, _)| *key).collect();
            let shown = shown_plan(&keys)?;
            Some((code, list.swap_remove(shown).1))
        })
        .collect();
    Ok(facts
        .into_iter()
        .map(|facts| {
            let plan = plans.remove(&facts.code);
            member_row(facts, plan, language)
        })
        .collect())
}

/// The overview for `signed_in` under `filter`. The Secretariat gets its
/// dashboard; a focal point the published figures of a period and their own
/// row; anyone else 403.
pub async fn summary(
    state: &AppState,
    signed_in: &SignedIn,
    filter: &ProgrammeFilter,
) -> Result<ProgrammeSummary> {
    match use_cases::view(&signed_in.caller)? {
        ProgrammeView::Dashboard => {
            let language = &signed_in.locale.code();
            let rows = member_rows(state, filter, language).await?;
            Ok(ProgrammeSummary::Secretariat(Box::new(
                SecretariatSummary {
                    filters: AppliedFilters {
                        year: filter.year,
                        region: filter.region.map(|r| r.as_str().to_owned()),
                        language: filter.language.clone(),
                    },
                    figures: ProgrammeFigures::of(&rows),
                    aggregates: ProgrammeFigures::aggregates_only(&rows),
                    regions: regional_breakdown(&rows),
                    members: rows,
                },
            )))
        }
        ProgrammeView::Published(own) => published_summary(state, signed_in, &own, filter)
            .await
            .map(|summary| ProgrammeSummary::Published(Box::new(summary))),
        ProgrammeView::Refused => Err(AppError::Forbidden),
    }
}

async fn published_summary(
    state: &AppState,
    signed_in: &SignedIn,
    own: &AdministrationCode,
    filter: &ProgrammeFilter,
) -> Result<PublishedSummary> {
    let kind = Kind::Programme;
    let periods = kind.periods(&state.today());
    let mut period = published_period(filter, &periods)?;
    let own_region = state
        .store()
        .administration(&gedhub_core::Scope::All, own)
        .await?
        .region;
    let mut release = match period {
        Some(period) => crate::disclosure::release(state, &kind, period).await?,
        None => None,
    };
    // Without a year asked for: the latest published year with any data.
    if filter.year.is_none() {
        for earlier in periods.iter().rev().skip(1) {
            if release.as_ref().is_some_and(|r| !r.is_empty()) {
                break;
            }
            if let Some(found) = crate::disclosure::release(state, &kind, *earlier).await?
                && !found.is_empty()
            {
                period = Some(*earlier);
                release = Some(found);
            }
        }
    }
    let figures = |selection: Selection| match &release {
        Some(release) => PublishedFigures::of(release, selection),
        None => PublishedFigures::unpublished(match selection {
            Selection::Global => "global",
            Selection::Region(region) => region.as_str(),
        }),
    };
    // The caller's own row for the period (their own data).
    let members = match period {
        Some(year) => {
            let own_filter = ProgrammeFilter {
                year: Some(year),
                region: Some(own_region),
                language: None,
            };
            member_rows(state, &own_filter, &signed_in.locale.code())
                .await?
                .into_iter()
                .filter(|row| row.code == own.as_str())
                .take(1)
                .collect()
        }
        None => Vec::new(),
    };
    Ok(PublishedSummary {
        filters: AppliedFilters {
            year: period,
            region: None,
            language: None,
        },
        period,
        periods,
        aggregates: figures(Selection::Global),
        own_region: figures(Selection::Region(own_region)),
        regions: Region::ALL
            .iter()
            .map(|region| figures(Selection::Region(*region)))
            .collect(),
        members,
    })
}
