//! The assessment workflow: states, transitions and who may do what.
//!
//! draft → in_progress (first answer) → submitted → validated → archived; a
//! submitted assessment is read-only until reopened with a reason.

use serde::{Deserialize, Serialize};

use crate::values::ValidationError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    InProgress,
    Submitted,
    Validated,
    Archived,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Draft,
        Status::InProgress,
        Status::Submitted,
        Status::Validated,
        Status::Archived,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::InProgress => "in_progress",
            Status::Submitted => "submitted",
            Status::Validated => "validated",
            Status::Archived => "archived",
        }
    }

    /// Not yet validated: its scores may still change, so every view of
    /// them says they are provisional (validated, then perhaps archived,
    /// they are final).
    pub fn is_provisional(self) -> bool {
        matches!(self, Status::Draft | Status::InProgress | Status::Submitted)
    }

    pub fn parse(code: &str) -> Result<Self, ValidationError> {
        Status::ALL
            .into_iter()
            .find(|status| status.as_str() == code)
            .ok_or(ValidationError::new("status", "unknown_status"))
    }

    /// Answers may change only before submission.
    pub fn accepts_answers(self) -> bool {
        matches!(self, Status::Draft | Status::InProgress)
    }
}

/// What a user asks to do to an assessment's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transition {
    Submit,
    Validate,
    Reopen,
    Archive,
}

impl Transition {
    pub const ALL: [Transition; 4] = [
        Transition::Submit,
        Transition::Validate,
        Transition::Reopen,
        Transition::Archive,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Transition::Submit => "submit",
            Transition::Validate => "validate",
            Transition::Reopen => "reopen",
            Transition::Archive => "archive",
        }
    }

    pub fn parse(code: &str) -> Result<Self, ValidationError> {
        Transition::ALL
            .into_iter()
            .find(|t| t.as_str() == code)
            .ok_or(ValidationError::new("transition", "unknown_transition"))
    }

    /// The state after this transition, or why it is not possible now.
    pub fn apply(self, from: Status) -> Result<Status, ValidationError> {
        let refused = ValidationError::new("status", "transition_not_allowed");
        match (self, from) {
            (Transition::Submit, Status::Draft | Status::InProgress) => Ok(Status::Submitted),
            (Transition::Validate, Status::Submitted) => Ok(Status::Validated),
            (Transition::Reopen, Status::Submitted | Status::Validated) => Ok(Status::InProgress),
            (Transition::Archive, Status::Validated) => Ok(Status::Archived),
            _ => Err(refused),
        }
    }

    /// Reopening needs a written reason.
    pub fn needs_reason(self) -> bool {
        self == Transition::Reopen
    }
}

/// How a user relates to one assessment. Built by the web edge from the
/// user's role, administration and contributor record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Relation {
    pub secretariat: bool,
    /// A focal point of the assessed administration.
    pub focal_point: bool,
    /// Invited as contributor; `sections` limits what they answer (empty = all).
    pub contributor: Option<Vec<String>>,
    /// Invited as facilitator (an expert who may validate).
    pub facilitator: bool,
}

impl Relation {
    pub fn can_view(&self) -> bool {
        self.secretariat || self.focal_point || self.contributor.is_some() || self.facilitator
    }

    /// May answer indicators of `section` (when the state allows answers).
    pub fn can_answer(&self, section: &str) -> bool {
        self.secretariat
            || self.focal_point
            || self.contributor.as_ref().is_some_and(|sections| {
                sections.is_empty() || sections.iter().any(|s| s == section)
            })
    }

    /// May invite contributors and assign sections.
    pub fn can_manage_contributors(&self) -> bool {
        self.secretariat || self.focal_point
    }

    pub fn can(&self, transition: Transition) -> bool {
        match transition {
            Transition::Submit => self.secretariat || self.focal_point,
            Transition::Validate => self.secretariat || self.facilitator,
            Transition::Reopen => self.secretariat || self.facilitator || self.focal_point,
            Transition::Archive => self.secretariat || self.focal_point,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workflow_moves_forward_and_reopens_only_from_submitted_or_validated() {
        assert_eq!(
            Transition::Submit.apply(Status::Draft),
            Ok(Status::Submitted)
        );
        assert_eq!(
            Transition::Submit.apply(Status::InProgress),
            Ok(Status::Submitted)
        );
        assert_eq!(
            Transition::Validate.apply(Status::Submitted),
            Ok(Status::Validated)
        );
        assert_eq!(
            Transition::Archive.apply(Status::Validated),
            Ok(Status::Archived)
        );
        assert_eq!(
            Transition::Reopen.apply(Status::Submitted),
            Ok(Status::InProgress)
        );
        assert_eq!(
            Transition::Reopen.apply(Status::Validated),
            Ok(Status::InProgress)
        );
        for (transition, from) in [
            (Transition::Validate, Status::InProgress),
            (Transition::Submit, Status::Submitted),
            (Transition::Archive, Status::Submitted),
            (Transition::Reopen, Status::Archived),
            (Transition::Submit, Status::Archived),
        ] {
            assert!(
                transition.apply(from).is_err(),
                "{transition:?} from {from:?}"
            );
        }
    }

    #[test]
    fn only_drafts_and_assessments_in_progress_accept_answers() {
        let open: Vec<Status> = Status::ALL
            .into_iter()
            .filter(|s| s.accepts_answers())
            .collect();
        assert_eq!(open, [Status::Draft, Status::InProgress]);
    }

    #[test]
    fn contributors_answer_only_their_sections_and_cannot_validate() {
        let contributor = Relation {
            contributor: Some(vec!["P1".to_owned()]),
            ..Relation::default()
        };
        assert!(contributor.can_view());
        assert!(contributor.can_answer("P1") && !contributor.can_answer("P2"));
        assert!(!contributor.can(Transition::Submit) && !contributor.can(Transition::Validate));
        let everywhere = Relation {
            contributor: Some(Vec::new()),
            ..Relation::default()
        };
        assert!(everywhere.can_answer("S"));
        let focal = Relation {
            focal_point: true,
            ..Relation::default()
        };
        assert!(focal.can(Transition::Submit) && !focal.can(Transition::Validate));
        let facilitator = Relation {
            facilitator: true,
            ..Relation::default()
        };
        assert!(facilitator.can(Transition::Validate) && !facilitator.can_answer("P1"));
        assert!(!Relation::default().can_view());
    }
}
