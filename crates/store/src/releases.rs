//! Published releases (issue 17): the figures shown across Members for a
//! closed period, kept exactly as first published. The rules that compute
//! them are in `gedhub_core::disclosure::hierarchy`; this module only keeps
//! them. A release is written once: the first server to publish a period
//! wins, and every later read returns that same text.

use sqlx::Row;

use crate::audit::Change;
use crate::{Actor, Result, Store, StoreError, Timestamp};

impl Store {
    /// The published release of `kind` for `period`, as stored (JSON).
    pub async fn published_release(&self, kind: &str, period: i32) -> Result<Option<String>> {
        let row =
            sqlx::query("select body from published_releases where kind = $1 and period = $2")
                .bind(kind.to_owned())
                .bind(i64::from(period))
                .fetch_optional(self.pool())
                .await?;
        row.map(|row| row.try_get::<String, _>(0))
            .transpose()
            .map_err(StoreError::from)
    }

    /// Every published period of `kind`, oldest first, with its body.
    pub async fn published_releases(&self, kind: &str) -> Result<Vec<(i32, String)>> {
        let rows = sqlx::query(
            "select period, body from published_releases where kind = $1 order by period",
        )
        .bind(kind.to_owned())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let period: i64 = row.try_get(0)?;
                Ok((i32::try_from(period).unwrap_or_default(), row.try_get(1)?))
            })
            .collect()
    }

    /// Publishes `body` as the release of `kind` for `period`, audited,
    /// unless one exists already. Returns the release that is published:
    /// this one, or the one another server published first.
    pub async fn publish_release(
        &self,
        actor: &Actor,
        kind: &str,
        period: i32,
        body: &str,
    ) -> Result<String> {
        let mut tx = self.begin_audited(actor).await?;
        let inserted = sqlx::query(
            "insert into published_releases (kind, period, body, published_at) \
             values ($1, $2, $3, $4)",
        )
        .bind(kind.to_owned())
        .bind(i64::from(period))
        .bind(body.to_owned())
        .bind(Timestamp::now().to_db())
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_unique("release_already_published"));
        match inserted {
            Ok(_) => {}
            Err(StoreError::Conflict(_)) => {
                drop(tx);
                return self
                    .published_release(kind, period)
                    .await?
                    .ok_or(StoreError::NotFound);
            }
            Err(other) => return Err(other),
        }
        tx.record(
            Change::new("publish", "release", format!("{kind}/{period}"))
                .after(serde_json::json!({ "kind": kind, "period": period })),
        )
        .await?;
        tx.commit().await?;
        Ok(body.to_owned())
    }
}
