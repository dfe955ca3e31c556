//! Demo pathway (issue 7): candidates of both workshops at every stage of
//! the pathway to Recognized GED Expert, so a newcomer sees the whole
//! journey: pre-selected, trained, invited, in supervised delivery,
//! recognized, a Champion, one who declined, one who withdrew, and one whose
//! recognition (June 2023) lapsed after three years.
//!
//! Supervised missions are not recorded in gedhub yet, so the moves that
//! need one are recorded as the Secretariat's overrides with the reason
//! written out, as a real Secretariat would have to.

use chrono::NaiveDate;
use gedhub_core::Email;
use gedhub_core::pathway::Stage;

use crate::pathway::NewTransition;
use crate::{Actor, Result, Store, StoreError};

/// Participant (by the local part of their demo e-mail), the stages they
/// reached in order, the day of the last move, and a reason for it.
type DemoPath = (
    &'static str,
    &'static [Stage],
    (i32, u32, u32),
    &'static str,
);

const PATHS: &[DemoPath] = &[
    (
        "kwame.asante.boateng",
        &[
            Stage::Preselected,
            Stage::Trained,
            Stage::Invited,
            Stage::SupervisedDelivery,
            Stage::Recognized,
            Stage::Champion,
        ],
        (2024, 3, 8),
        "Designated Champion for leading the regional GED network in East and Southern Africa",
    ),
    (
        "ngozi.adeyemi",
        &[
            Stage::Preselected,
            Stage::Trained,
            Stage::Invited,
            Stage::SupervisedDelivery,
            Stage::Recognized,
        ],
        (2024, 2, 12),
        "Positive evaluation by the lead facilitator of the GEOAT diagnostic mission to Ghana",
    ),
    (
        "kagiso.molefe",
        &[
            Stage::Preselected,
            Stage::Trained,
            Stage::Invited,
            Stage::SupervisedDelivery,
            Stage::Recognized,
        ],
        (2023, 6, 1),
        "Positive evaluation of the action-plan design mission to Namibia",
    ),
    (
        "wanjiru.kamau",
        &[
            Stage::Preselected,
            Stage::Trained,
            Stage::Invited,
            Stage::SupervisedDelivery,
        ],
        (2024, 10, 14),
        "Co-facilitator of the M&E set-up mission to Uganda",
    ),
    (
        "thandiwe.dlamini",
        &[Stage::Preselected, Stage::Trained, Stage::Invited],
        (2024, 9, 2),
        "",
    ),
    (
        "grace.nakato",
        &[
            Stage::Preselected,
            Stage::Trained,
            Stage::Invited,
            Stage::Declined,
        ],
        (2024, 9, 20),
        "Not available in 2024–2025 (new post in the administration)",
    ),
    (
        "neema.mwakyusa",
        &[Stage::Preselected, Stage::Trained],
        (2023, 4, 28),
        "",
    ),
    (
        "chanda.mwale",
        &[Stage::Preselected],
        (2023, 2, 20),
        "Strong nomination by Zambia's focal point",
    ),
    (
        "chimwemwe.banda",
        &[Stage::Preselected, Stage::Withdrawn],
        (2023, 9, 1),
        "Left the Customs administration",
    ),
    (
        "senami.adjovi",
        &[Stage::Preselected, Stage::Trained],
        (2024, 5, 6),
        "",
    ),
    (
        "awa.ndiaye",
        &[Stage::Preselected, Stage::Trained, Stage::Invited],
        (2024, 6, 3),
        "",
    ),
];

impl Store {
    pub(super) async fn seed_demo_pathway(&self) -> Result<()> {
        if !self.pathway_stages().await?.is_empty() {
            return Ok(());
        }
        let actor = Actor::system("demo");
        for (local, stages, (y, m, d), reason) in PATHS {
            let email = Email::parse(&format!("{local}@participants.gedhub.test"))?;
            // The participants come from `seed_demo_workshops`.
            let user = self.user_by_email(&email).await?;
            let on = NaiveDate::from_ymd_opt(*y, *m, *d)
                .ok_or_else(|| StoreError::ShippedData("demo pathway date".into()))?;
            let mut from = Stage::Nominated;
            for (position, to) in stages.iter().copied().enumerate() {
                let last = position + 1 == stages.len();
                let (reason, overridden) = match to {
                    // No mission records yet: the Secretariat overrides.
                    Stage::SupervisedDelivery => (
                        "Assigned as co-facilitator to a support mission (recorded before missions were in gedhub)",
                        vec!["no_mission_assignment".to_owned()],
                    ),
                    Stage::Recognized => (*reason, vec!["no_positive_evaluation".to_owned()]),
                    _ if last => (*reason, Vec::new()),
                    _ => ("", Vec::new()),
                };
                self.record_transition(
                    &actor,
                    NewTransition {
                        user_id: user.id,
                        from,
                        to,
                        reason: reason.to_owned(),
                        overridden,
                        evidence: serde_json::json!({ "demo": true }),
                        on,
                        notifications: Vec::new(),
                        emails: Vec::new(),
                    },
                )
                .await?;
                from = to;
            }
        }
        Ok(())
    }
}
