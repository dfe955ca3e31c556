//! Demo inquiries (issue 8): questions sent to the Secretariat by invented
//! people of the demo accounts, one answered (in French), one new and one
//! in progress, so the inbox and the requester's view can be tried at once.

use gedhub_core::Email;
use gedhub_core::inquiries::{InquiryStatus, NewInquiry};

use crate::inquiries::{InquiryFilter, Notice, Reply};
use crate::{Actor, Result, Store, StoreError, Timestamp};

impl Store {
    pub(super) async fn seed_demo_inquiries(&self) -> Result<()> {
        if !self.inquiries(&InquiryFilter::default()).await?.is_empty() {
            return Ok(());
        }
        let user =
            |email: &'static str| async move { self.user_by_email(&Email::parse(email)?).await };
        let secretariat = user("secretariat@gedhub.test").await?;
        let benin = user("focal.benin@gedhub.test").await?;
        let canada = user("focal.canada@gedhub.test").await?;
        let participant = user("participant@gedhub.test").await?;
        let shipped = |problems: Vec<gedhub_core::ValidationError>| {
            StoreError::ShippedData(format!("demo inquiry: {problems:?}"))
        };
        let secretariat_actor = Actor::user(secretariat.id, secretariat.email.as_str());
        let answered = self
            .create_inquiry(
                &Actor::user(benin.id, benin.email.as_str()),
                &benin,
                &NewInquiry::parse(
                    "diagnostic",
                    "Calendrier du diagnostic GEOAT",
                    "Bonjour, nous souhaitons lancer le diagnostic GEOAT au deuxième semestre. \
                     Combien de temps faut-il prévoir pour la collecte des données ?",
                )
                .map_err(shipped)?,
                Timestamp::now(),
            )
            .await?;
        self.reply_to_inquiry(
            &secretariat_actor,
            answered.id,
            Reply {
                author: &secretariat,
                from_secretariat: true,
                body: "Bonjour, comptez environ six semaines pour la collecte, puis un atelier de \
             validation. Le guide du diagnostic est disponible dans gedhub.",
                notice: &Notice::default(),
                now: Timestamp::now(),
            },
        )
        .await?;
        let in_progress = self
            .create_inquiry(
                &Actor::user(canada.id, canada.email.as_str()),
                &canada,
                &NewInquiry::parse(
                    "experts",
                    "Expert support for our action plan",
                    "Could the Secretariat suggest an expert to review our action plan's \
                     indicators before we submit it?",
                )
                .map_err(shipped)?,
                Timestamp::now(),
            )
            .await?;
        self.set_inquiry_status(
            &secretariat_actor,
            in_progress.id,
            InquiryStatus::InProgress,
            &Notice::default(),
            Timestamp::now(),
        )
        .await?;
        self.create_inquiry(
            &Actor::user(participant.id, participant.email.as_str()),
            &participant,
            &NewInquiry::parse(
                "training",
                "Certificate of the virtual workshop",
                "I attended the virtual workshop but cannot find my certificate. Where can I \
                 download it?",
            )
            .map_err(shipped)?,
            Timestamp::now(),
        )
        .await?;
        Ok(())
    }
}
