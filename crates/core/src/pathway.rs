//! The pathway to Recognized GED Expert (issue 7): its stages, which moves
//! between them are allowed, what each move requires, and the transparent
//! composite by which the Secretariat ranks a workshop's candidates.
//!
//! The rules are pure: the caller gathers the [`Facts`] about a person (from
//! their training record, their missions and their recognition) and asks
//! [`missing`] what stands between them and a stage. A move whose
//! prerequisites are missing is refused with that list unless the
//! Secretariat overrides it with a written reason; a move the graph does not
//! allow at all (e.g. `nominated` → `recognized`) is refused even then, so
//! the history always reads as a path.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::values::ValidationError;

/// A stage of the pathway.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Every expert or participant account starts here (the contract: no
    /// pathway record yet means `nominated`).
    Nominated,
    Preselected,
    /// Completed a train-the-trainer workshop, both e-learning modules and
    /// the post-test threshold.
    Trained,
    /// Selected by the Secretariat to deliver support.
    Invited,
    /// Assigned to a mission as co-facilitator.
    SupervisedDelivery,
    /// A Recognized GED Expert (valid for a period, see `lapsed`).
    Recognized,
    /// Designated a WCO GED Champion.
    Champion,
    /// Declined the invitation.
    Declined,
    /// Left the pathway (or was taken off it).
    Withdrawn,
    /// The recognition's validity ended without renewal.
    Lapsed,
}

impl Stage {
    pub const ALL: [Stage; 10] = [
        Stage::Nominated,
        Stage::Preselected,
        Stage::Trained,
        Stage::Invited,
        Stage::SupervisedDelivery,
        Stage::Recognized,
        Stage::Champion,
        Stage::Declined,
        Stage::Withdrawn,
        Stage::Lapsed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Nominated => "nominated",
            Stage::Preselected => "preselected",
            Stage::Trained => "trained",
            Stage::Invited => "invited",
            Stage::SupervisedDelivery => "supervised_delivery",
            Stage::Recognized => "recognized",
            Stage::Champion => "champion",
            Stage::Declined => "declined",
            Stage::Withdrawn => "withdrawn",
            Stage::Lapsed => "lapsed",
        }
    }

    pub fn parse(code: &str) -> Result<Self, ValidationError> {
        Stage::ALL
            .into_iter()
            .find(|stage| stage.as_str() == code)
            .ok_or(ValidationError::new("to", "unknown_stage"))
    }

    /// The next stage on the main line, whose prerequisites a pathway page
    /// shows as "what is missing" (none after `champion` or off the line).
    pub fn next(self) -> Option<Stage> {
        match self {
            Stage::Nominated => Some(Stage::Preselected),
            Stage::Preselected => Some(Stage::Trained),
            Stage::Trained => Some(Stage::Invited),
            Stage::Invited => Some(Stage::SupervisedDelivery),
            Stage::SupervisedDelivery => Some(Stage::Recognized),
            Stage::Recognized => Some(Stage::Champion),
            Stage::Lapsed => Some(Stage::Recognized),
            Stage::Champion | Stage::Declined | Stage::Withdrawn => None,
        }
    }

    /// Whether the graph allows moving from `self` to `to` at all.
    pub fn may_move_to(self, to: Stage) -> bool {
        use Stage::*;
        match to {
            Preselected => self == Nominated,
            Trained => matches!(self, Nominated | Preselected),
            Invited => self == Trained,
            SupervisedDelivery => self == Invited,
            Recognized => matches!(self, SupervisedDelivery | Lapsed),
            Champion => self == Recognized,
            Declined => self == Invited,
            Withdrawn => !matches!(self, Withdrawn),
            Lapsed => matches!(self, Recognized | Champion),
            // Back to the start: a withdrawn or declined candidate nominated
            // again for a later workshop.
            Nominated => matches!(self, Withdrawn | Declined),
        }
    }

    /// Whether people at this stage hold a recognition that can lapse.
    pub fn is_recognized(self) -> bool {
        matches!(self, Stage::Recognized | Stage::Champion)
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a move cannot be made yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// Preselection needs a nomination to a workshop.
    NoNomination,
    /// `trained`: no completed train-the-trainer workshop.
    TrainTheTrainerNotCompleted,
    /// `trained`: not every GED e-learning module completed (or none defined).
    ElearningIncomplete,
    /// `trained`: the best post-test score is below the threshold (or none).
    PostTestBelowThreshold,
    /// `supervised_delivery`: not assigned to a mission as co-facilitator.
    NoMissionAssignment,
    /// `recognized`: no positive evaluation of a supervised mission (first
    /// recognition), or no activity since the recognition lapsed (renewal).
    NoPositiveEvaluation,
    NoRenewalActivity,
    /// `champion`: the recognition is no longer valid.
    RecognitionExpired,
    /// `lapsed`: the recognition is still valid.
    RecognitionStillValid,
}

impl Missing {
    pub fn as_str(self) -> &'static str {
        match self {
            Missing::NoNomination => "no_nomination",
            Missing::TrainTheTrainerNotCompleted => "train_the_trainer_not_completed",
            Missing::ElearningIncomplete => "elearning_incomplete",
            Missing::PostTestBelowThreshold => "post_test_below_threshold",
            Missing::NoMissionAssignment => "no_mission_assignment",
            Missing::NoPositiveEvaluation => "no_positive_evaluation",
            Missing::NoRenewalActivity => "no_renewal_activity",
            Missing::RecognitionExpired => "recognition_expired",
            Missing::RecognitionStillValid => "recognition_still_valid",
        }
    }
}

/// What is known about a person when a move is asked for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// Nominated to (or taking part in) at least one workshop.
    pub nominated: bool,
    pub completed_train_the_trainer: bool,
    pub elearning_completed: usize,
    pub elearning_modules: usize,
    /// The best post-test score, in percent.
    pub best_post_test_pct: Option<f64>,
    /// Assigned as co-facilitator to at least one mission.
    pub assigned_to_mission: bool,
    /// A supervised mission evaluated positively (by its lead or the
    /// Secretariat).
    pub positive_evaluation: bool,
    /// Since the recognition lapsed: a mission delivered or a refresher
    /// workshop completed.
    pub renewal_activity: bool,
    /// The last day of the current recognition, if one was recorded.
    pub recognition_valid_until: Option<NaiveDate>,
}

/// The pathway's settings the Secretariat configures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// The post-test score (percent) the `trained` stage requires.
    pub trained_post_test_pct: f64,
    pub weights: Weights,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            trained_post_test_pct: 70.0,
            weights: Weights::default(),
        }
    }
}

/// What stands between a person with these `facts` and `to`, on `today`.
/// Empty means the move may be made. The graph ([`Stage::may_move_to`]) is
/// checked separately.
pub fn missing(
    from: Stage,
    to: Stage,
    facts: &Facts,
    settings: &Settings,
    today: NaiveDate,
) -> Vec<Missing> {
    let recognition_valid = facts
        .recognition_valid_until
        .is_some_and(|until| today <= until);
    let mut missing = Vec::new();
    match to {
        Stage::Preselected => {
            if !facts.nominated {
                missing.push(Missing::NoNomination);
            }
        }
        Stage::Trained => {
            if !facts.completed_train_the_trainer {
                missing.push(Missing::TrainTheTrainerNotCompleted);
            }
            if facts.elearning_modules == 0 || facts.elearning_completed < facts.elearning_modules {
                missing.push(Missing::ElearningIncomplete);
            }
            if facts
                .best_post_test_pct
                .is_none_or(|pct| pct < settings.trained_post_test_pct)
            {
                missing.push(Missing::PostTestBelowThreshold);
            }
        }
        Stage::SupervisedDelivery => {
            if !facts.assigned_to_mission {
                missing.push(Missing::NoMissionAssignment);
            }
        }
        Stage::Recognized if from == Stage::Lapsed => {
            if !facts.renewal_activity {
                missing.push(Missing::NoRenewalActivity);
            }
        }
        Stage::Recognized => {
            if !facts.positive_evaluation {
                missing.push(Missing::NoPositiveEvaluation);
            }
        }
        Stage::Champion => {
            if !recognition_valid {
                missing.push(Missing::RecognitionExpired);
            }
        }
        Stage::Lapsed => {
            if recognition_valid {
                missing.push(Missing::RecognitionStillValid);
            }
        }
        Stage::Nominated | Stage::Invited | Stage::Declined | Stage::Withdrawn => {}
    }
    missing
}

/// The stage a person is effectively at on `today`. A recognition recorded
/// outside the pathway (on the Users page, or carried over from before
/// gedhub) makes an earlier stage read as `recognized`; a recognized or
/// champion stage whose recognition ended reads as `lapsed` even before
/// anyone records the lapse, so no one is shown as recognized on a day they
/// are not.
pub fn effective_stage(
    recorded: Stage,
    recognition_valid_until: Option<NaiveDate>,
    today: NaiveDate,
) -> Stage {
    let Some(until) = recognition_valid_until else {
        return recorded;
    };
    let stage = match recorded {
        Stage::Nominated
        | Stage::Preselected
        | Stage::Trained
        | Stage::Invited
        | Stage::SupervisedDelivery => Stage::Recognized,
        other => other,
    };
    if stage.is_recognized() && today > until {
        Stage::Lapsed
    } else {
        stage
    }
}

/// A requested move, as decided by [`decide`].
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// The move may be made; `overridden` lists the prerequisites the
    /// Secretariat waived (empty when none were missing).
    Allowed { overridden: Vec<Missing> },
    /// The graph does not allow it.
    NotAllowed,
    /// Prerequisites are missing and no override was given.
    Missing(Vec<Missing>),
    /// An override was asked for without a written reason.
    ReasonRequired,
}

/// Decides a move from `from` to `to`. An override needs a non-blank
/// reason; it waives prerequisites, never the graph.
pub fn decide(
    from: Stage,
    to: Stage,
    facts: &Facts,
    settings: &Settings,
    today: NaiveDate,
    override_reason: Option<&str>,
) -> Decision {
    if !from.may_move_to(to) {
        return Decision::NotAllowed;
    }
    let missing = missing(from, to, facts, settings, today);
    match override_reason {
        Some(reason) if reason.trim().is_empty() => Decision::ReasonRequired,
        Some(_) => Decision::Allowed {
            overridden: missing,
        },
        None if missing.is_empty() => Decision::Allowed {
            overridden: Vec::new(),
        },
        None => Decision::Missing(missing),
    }
}

/// The weights of the selection composite (any non-negative numbers; they
/// are normalised by their sum).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    pub post_test: f64,
    pub knowledge_gain: f64,
    pub attendance: f64,
    pub exercises: f64,
    pub rubric: f64,
}

impl Default for Weights {
    /// Post-test and the facilitators' judgement count most: they speak to
    /// the ability to support Members, which is what the invitation is for.
    fn default() -> Self {
        Weights {
            post_test: 30.0,
            knowledge_gain: 10.0,
            attendance: 15.0,
            exercises: 15.0,
            rubric: 30.0,
        }
    }
}

impl Weights {
    /// Checks each weight is a finite number from 0 to 100 and that they
    /// do not all vanish.
    pub fn new(
        post_test: f64,
        knowledge_gain: f64,
        attendance: f64,
        exercises: f64,
        rubric: f64,
    ) -> Result<Self, ValidationError> {
        let weights = Weights {
            post_test,
            knowledge_gain,
            attendance,
            exercises,
            rubric,
        };
        let all = weights.as_array();
        if all.iter().any(|w| !w.is_finite() || *w < 0.0 || *w > 100.0) {
            return Err(ValidationError::new("weights", "weight_out_of_range"));
        }
        if all.iter().sum::<f64>() <= 0.0 {
            return Err(ValidationError::new("weights", "weights_all_zero"));
        }
        Ok(weights)
    }

    fn as_array(&self) -> [f64; 5] {
        [
            self.post_test,
            self.knowledge_gain,
            self.attendance,
            self.exercises,
            self.rubric,
        ]
    }
}

/// One candidate's measures after a workshop, each in its own unit.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Measures {
    pub post_test_pct: Option<f64>,
    pub pre_test_pct: Option<f64>,
    pub attendance_pct: Option<f64>,
    pub exercise_pct: Option<f64>,
    /// Mean of the facilitators' 1–5 scores.
    pub rubric_mean: Option<f64>,
}

/// Each measure on a 0–100 scale, as the composite uses it (`None` when
/// the measure is absent; it then counts as 0).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Components {
    pub post_test: Option<f64>,
    /// post − pre in points, clamped to 0–100 (a loss counts as no gain).
    pub knowledge_gain: Option<f64>,
    pub attendance: Option<f64>,
    pub exercises: Option<f64>,
    /// (mean − 1) ÷ 4 × 100: 1 is 0, 5 is 100.
    pub rubric: Option<f64>,
}

impl Measures {
    pub fn components(&self) -> Components {
        let clamp = |v: f64| v.clamp(0.0, 100.0);
        Components {
            post_test: self.post_test_pct.map(clamp),
            knowledge_gain: match (self.pre_test_pct, self.post_test_pct) {
                (Some(pre), Some(post)) => Some(clamp(post - pre)),
                _ => None,
            },
            attendance: self.attendance_pct.map(clamp),
            exercises: self.exercise_pct.map(clamp),
            rubric: self
                .rubric_mean
                .map(|mean| clamp((mean - 1.0) / 4.0 * 100.0)),
        }
    }
}

/// The composite score, 0–100: Σ weightᵢ × componentᵢ ÷ Σ weightᵢ, an
/// absent component counting as 0 (the page says so next to it).
pub fn composite(measures: &Measures, weights: &Weights) -> f64 {
    let c = measures.components();
    let values = [
        c.post_test,
        c.knowledge_gain,
        c.attendance,
        c.exercises,
        c.rubric,
    ];
    let weights = weights.as_array();
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    values
        .iter()
        .zip(weights)
        .map(|(value, weight)| value.unwrap_or(0.0) * weight)
        .sum::<f64>()
        / total
}

/// Ranks candidates by composite (highest first), then post-test score,
/// then the given order (e.g. by name): returns indices into `candidates`
/// with each composite.
pub fn rank(candidates: &[Measures], weights: &Weights) -> Vec<(usize, f64)> {
    let mut ranked: Vec<(usize, f64)> = candidates
        .iter()
        .enumerate()
        .map(|(i, m)| (i, composite(m, weights)))
        .collect();
    ranked.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then_with(|| {
                let post = |i: usize| candidates[i].post_test_pct.unwrap_or(-1.0);
                post(b.0).total_cmp(&post(a.0))
            })
            .then(a.0.cmp(&b.0))
    });
    ranked
}
