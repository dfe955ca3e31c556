//! What a focal point should do next with their administration's diagnostic
//! (issue 19: dashboards are to-do lists with next steps).
//!
//! The GEOAT cycle is: answer the diagnostic, submit it, have the
//! Secretariat validate it, build an action plan from its gaps, then follow
//! that plan. The newest assessment that is not archived says where the
//! administration stands.

use crate::assessment::Status;

/// An assessment as far as the next step is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentState {
    pub id: i64,
    pub status: Status,
    /// Whether an action plan was built from it.
    pub has_plan: bool,
}

/// The next step of the diagnostic cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiagnosticStep {
    /// No diagnostic yet (or only archived ones): start one.
    Start,
    /// Being answered: continue it (and submit it when complete).
    Continue { assessment: i64 },
    /// Submitted: the Secretariat validates it; nothing to do but wait.
    AwaitValidation { assessment: i64 },
    /// Validated and no plan built from it yet: build one from its gaps.
    BuildPlan { assessment: i64 },
    /// Validated and a plan follows it up: the plan's own steps apply.
    FollowPlan { assessment: i64 },
}

/// The next step, from the administration's assessments newest first.
pub fn diagnostic_step(newest_first: &[AssessmentState]) -> DiagnosticStep {
    let Some(current) = newest_first.iter().find(|a| a.status != Status::Archived) else {
        return DiagnosticStep::Start;
    };
    let assessment = current.id;
    match current.status {
        Status::Draft | Status::InProgress => DiagnosticStep::Continue { assessment },
        Status::Submitted => DiagnosticStep::AwaitValidation { assessment },
        Status::Validated if current.has_plan => DiagnosticStep::FollowPlan { assessment },
        Status::Validated => DiagnosticStep::BuildPlan { assessment },
        Status::Archived => DiagnosticStep::Start,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(id: i64, status: Status, has_plan: bool) -> AssessmentState {
        AssessmentState {
            id,
            status,
            has_plan,
        }
    }

    #[test]
    fn the_newest_assessment_that_is_not_archived_sets_the_step() {
        assert_eq!(diagnostic_step(&[]), DiagnosticStep::Start);
        assert_eq!(
            diagnostic_step(&[state(3, Status::Archived, false)]),
            DiagnosticStep::Start
        );
        assert_eq!(
            diagnostic_step(&[state(3, Status::Draft, false)]),
            DiagnosticStep::Continue { assessment: 3 }
        );
        assert_eq!(
            diagnostic_step(&[
                state(4, Status::InProgress, false),
                state(3, Status::Validated, true)
            ]),
            DiagnosticStep::Continue { assessment: 4 }
        );
        assert_eq!(
            diagnostic_step(&[state(5, Status::Submitted, false)]),
            DiagnosticStep::AwaitValidation { assessment: 5 }
        );
        assert_eq!(
            diagnostic_step(&[
                state(6, Status::Archived, false),
                state(5, Status::Validated, false)
            ]),
            DiagnosticStep::BuildPlan { assessment: 5 }
        );
        assert_eq!(
            diagnostic_step(&[state(5, Status::Validated, true)]),
            DiagnosticStep::FollowPlan { assessment: 5 }
        );
    }
}
