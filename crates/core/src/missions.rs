//! Support to Members (issue 7): what a Member can ask for, the GED
//! expertise areas, and how experts are suggested for a mission.
//!
//! Matching follows the order, lexicographically: an expert who
//! speaks the mission's language comes first; among those, one from the
//! requesting administration's region; then the most expertise areas in
//! common with the mission; then one available on the mission's dates and
//! under their yearly maximum; then the lightest current load. Every
//! suggestion carries the reasons behind its place, so the Secretariat can
//! see why and overrule it.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::values::{Region, ValidationError};

/// What a Member asks support for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportKind {
    GeoatDiagnostic,
    ActionPlan,
    MeSetup,
    TrainingDelivery,
    Other,
}

impl SupportKind {
    pub const ALL: [SupportKind; 5] = [
        SupportKind::GeoatDiagnostic,
        SupportKind::ActionPlan,
        SupportKind::MeSetup,
        SupportKind::TrainingDelivery,
        SupportKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SupportKind::GeoatDiagnostic => "geoat_diagnostic",
            SupportKind::ActionPlan => "action_plan",
            SupportKind::MeSetup => "me_setup",
            SupportKind::TrainingDelivery => "training_delivery",
            SupportKind::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Result<Self, ValidationError> {
        SupportKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == code)
            .ok_or(ValidationError::new("kind", "unknown_support_kind"))
    }
}

/// A GED expertise area: the GEOAT's six Principles, its cross-cutting
/// policies and its Security and Safety chapter.
pub const AREAS: [&str; 8] = ["P1", "P2", "P3", "P4", "P5", "P6", "CC", "SS"];

/// Parses a list of area codes (`P1`, `cc`…), refusing unknown ones and
/// dropping repeats.
pub fn parse_areas<'a>(
    codes: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<String>, ValidationError> {
    let mut areas = BTreeSet::new();
    for code in codes {
        let code = code.trim().to_uppercase();
        if code.is_empty() {
            continue;
        }
        if !AREAS.contains(&code.as_str()) {
            return Err(ValidationError::new("areas", "unknown_area"));
        }
        areas.insert(code);
    }
    Ok(AREAS
        .iter()
        .filter(|a| areas.contains(**a))
        .map(|a| (*a).to_owned())
        .collect())
}

/// What a mission needs of its experts.
#[derive(Debug, Clone, PartialEq)]
pub struct Needs {
    /// Delivery language code (`fr`).
    pub language: String,
    /// The requesting administration's region.
    pub region: Option<Region>,
    pub areas: Vec<String>,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// What is known of one expert when suggesting.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExpertFacts {
    pub languages: Vec<String>,
    pub region: Option<Region>,
    pub areas: Vec<String>,
    /// Periods (inclusive) the expert marked as unavailable.
    pub unavailable: Vec<(NaiveDate, NaiveDate)>,
    pub max_missions_per_year: u32,
    /// Their missions (as lead or co-facilitator) starting in each year:
    /// the mission's year is the one that counts.
    pub missions_by_year: Vec<(i32, u32)>,
}

impl ExpertFacts {
    fn missions_in(&self, year: i32) -> u32 {
        self.missions_by_year
            .iter()
            .filter(|(y, _)| *y == year)
            .map(|(_, n)| *n)
            .sum()
    }
}

/// Why an expert sits where they do in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Reason {
    SpeaksLanguage,
    DoesNotSpeakLanguage,
    SameRegion,
    OtherRegion,
    /// How many of the mission's areas they cover (and of how many).
    Areas {
        common: usize,
        of: usize,
    },
    Available,
    /// An unavailability period overlaps the mission's dates.
    Unavailable,
    /// Their yearly maximum is reached.
    AtYearlyMaximum {
        missions: u32,
        maximum: u32,
    },
    /// Missions already in the mission's year.
    Load {
        missions: u32,
    },
}

/// The sort key, compared highest first: speaks the language, same
/// region, areas in common, available, lighter load.
type RankKey = (bool, bool, usize, bool, std::cmp::Reverse<u32>);

/// Whether a mission has taken place by `today`, so that its outcome may be
/// recorded: the report, the co-facilitators' evaluations (and the
/// recognition a positive one brings) and the Member's feedback. They are
/// records of something that happened, so they are accepted from the
/// mission's last day on. Accepting them earlier would let the programme
/// count a delivery that has not happened and make a co-facilitator a
/// Recognized GED Expert for work not yet done.
pub fn has_taken_place(end: NaiveDate, today: NaiveDate) -> bool {
    today >= end
}

/// One suggestion: the index into the experts given, and its reasons.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub index: usize,
    pub reasons: Vec<Reason>,
    pub speaks_language: bool,
    pub available: bool,
}

/// Ranks `experts` for a mission with these `needs` (see the module's
/// documentation for the order). Ties keep the given order.
pub fn suggest(needs: &Needs, experts: &[ExpertFacts]) -> Vec<Suggestion> {
    let year = needs.start.year();
    let mut scored: Vec<(Suggestion, RankKey)> = experts
        .iter()
        .enumerate()
        .map(|(index, expert)| {
            let speaks = expert.languages.contains(&needs.language);
            let same_region = needs.region.is_some() && expert.region == needs.region;
            let common = needs
                .areas
                .iter()
                .filter(|a| expert.areas.contains(a))
                .count();
            let overlaps = expert
                .unavailable
                .iter()
                .any(|(from, to)| *from <= needs.end && needs.start <= *to);
            let load = expert.missions_in(year);
            let at_maximum = load >= expert.max_missions_per_year;
            let available = !overlaps && !at_maximum;
            let mut reasons = vec![if speaks {
                Reason::SpeaksLanguage
            } else {
                Reason::DoesNotSpeakLanguage
            }];
            reasons.push(if same_region {
                Reason::SameRegion
            } else {
                Reason::OtherRegion
            });
            if !needs.areas.is_empty() {
                reasons.push(Reason::Areas {
                    common,
                    of: needs.areas.len(),
                });
            }
            if overlaps {
                reasons.push(Reason::Unavailable);
            }
            if at_maximum {
                reasons.push(Reason::AtYearlyMaximum {
                    missions: load,
                    maximum: expert.max_missions_per_year,
                });
            }
            if available {
                reasons.push(Reason::Available);
            }
            reasons.push(Reason::Load { missions: load });
            (
                Suggestion {
                    index,
                    reasons,
                    speaks_language: speaks,
                    available,
                },
                (
                    speaks,
                    same_region,
                    common,
                    available,
                    std::cmp::Reverse(load),
                ),
            )
        })
        .collect();
    // Highest key first; the sort is stable, so ties keep the given order.
    scored.sort_by_key(|(_, key)| std::cmp::Reverse(*key));
    scored.into_iter().map(|(s, _)| s).collect()
}
