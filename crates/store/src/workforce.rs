//! Workforce statistics: one report of aggregates per administration and
//! reporting year. The HR rows are never stored (see the migration).

use gedhub_core::workforce::WorkforceReport;
use gedhub_core::{AdministrationCode, Scope};
use serde::Serialize;
use sqlx::Row;

use crate::audit::{self, Change};
use crate::{Actor, Result, Store, StoreError, Timestamp};

/// A stored report and where it came from.
#[derive(Debug, Clone, Serialize)]
pub struct StoredWorkforceReport {
    pub administration: String,
    pub reference_year: i32,
    pub report: WorkforceReport,
    /// SHA-256 of the uploaded file, so the source can be identified later
    /// without keeping it.
    pub file_sha256: String,
    pub rows_read: i64,
    pub rows_rejected: i64,
    pub min_group: i64,
    pub computed_by: String,
    pub computed_at: String,
}

/// What is kept of one upload.
pub struct NewWorkforceReport<'a> {
    pub administration: &'a AdministrationCode,
    pub report: &'a WorkforceReport,
    pub file_sha256: &'a str,
    pub rows_read: u64,
    pub min_group: u32,
}

/// The audit trail gets the headline figures, not the whole report.
#[derive(Serialize)]
struct AuditSummary<'a> {
    reference_year: i32,
    file_sha256: &'a str,
    rows_read: u64,
    rows_rejected: u64,
    workers: u64,
    pay_gap_mean_pct: Option<f64>,
}

const COLUMNS: &str = "administration_code, reference_year, report, file_sha256, rows_read, \
     rows_rejected, min_group, computed_by, computed_at";

fn from_row(row: &sqlx::any::AnyRow) -> Result<StoredWorkforceReport> {
    let report: String = row.try_get("report")?;
    let report = serde_json::from_str(&report)
        .map_err(|error| StoreError::ShippedData(format!("stored workforce report: {error}")))?;
    Ok(StoredWorkforceReport {
        administration: row.try_get("administration_code")?,
        reference_year: i32::try_from(row.try_get::<i64, _>("reference_year")?).unwrap_or(0),
        report,
        file_sha256: row.try_get("file_sha256")?,
        rows_read: row.try_get("rows_read")?,
        rows_rejected: row.try_get("rows_rejected")?,
        min_group: row.try_get("min_group")?,
        computed_by: row.try_get("computed_by")?,
        computed_at: row.try_get("computed_at")?,
    })
}

/// When and by whom a stored year's report was computed (what a user is
/// told before replacing it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkforceReportStamp {
    pub reference_year: i32,
    pub computed_by: String,
    pub computed_at: String,
}

impl Store {
    /// Saves the report of one year, replacing an earlier one for the same
    /// year (both versions' headline figures go to the audit log).
    pub async fn save_workforce_report(
        &self,
        actor: &Actor,
        new: &NewWorkforceReport<'_>,
    ) -> Result<()> {
        self.write_workforce_report(actor, new, true).await
    }

    /// Saves the report of a year that has none yet: when one exists (even
    /// one stored a moment ago by someone else) nothing changes and the
    /// answer is `Conflict("workforce_report_exists")`.
    pub async fn add_workforce_report(
        &self,
        actor: &Actor,
        new: &NewWorkforceReport<'_>,
    ) -> Result<()> {
        self.write_workforce_report(actor, new, false).await
    }

    /// When the report of `year` was computed, if there is one.
    pub async fn workforce_report_stamp(
        &self,
        scope: &Scope,
        administration: &AdministrationCode,
        year: i32,
    ) -> Result<Option<WorkforceReportStamp>> {
        if !scope.includes(administration) {
            return Err(StoreError::NotFound);
        }
        sqlx::query(
            "select computed_by, computed_at from workforce_reports \
             where administration_code = $1 and reference_year = $2",
        )
        .bind(administration.as_str().to_owned())
        .bind(i64::from(year))
        .fetch_optional(self.pool())
        .await?
        .map(|row| -> Result<_> {
            Ok(WorkforceReportStamp {
                reference_year: year,
                computed_by: row.try_get(0)?,
                computed_at: row.try_get(1)?,
            })
        })
        .transpose()
    }

    async fn write_workforce_report(
        &self,
        actor: &Actor,
        new: &NewWorkforceReport<'_>,
        replace: bool,
    ) -> Result<()> {
        let json = serde_json::to_string(new.report)
            .map_err(|error| StoreError::ShippedData(format!("workforce report: {error}")))?;
        let year = i64::from(new.report.reference_year);
        let mut tx = self.begin_audited(actor).await?;
        let before: Option<(String, i64, i64)> = sqlx::query(
            "select file_sha256, rows_read, rows_rejected from workforce_reports \
             where administration_code = $1 and reference_year = $2",
        )
        .bind(new.administration.as_str().to_owned())
        .bind(year)
        .fetch_optional(&mut *tx)
        .await?
        .map(|row| -> Result<_> { Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)) })
        .transpose()?;
        if before.is_some() && !replace {
            // Dropping the transaction rolls it back: nothing written.
            return Err(StoreError::Conflict("workforce_report_exists"));
        }
        sqlx::query(
            "delete from workforce_reports where administration_code = $1 and reference_year = $2",
        )
        .bind(new.administration.as_str().to_owned())
        .bind(year)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "insert into workforce_reports (administration_code, reference_year, report, \
             file_sha256, rows_read, rows_rejected, min_group, computed_by, computed_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(new.administration.as_str().to_owned())
        .bind(year)
        .bind(json)
        .bind(new.file_sha256.to_owned())
        .bind(i64::try_from(new.rows_read).unwrap_or(i64::MAX))
        .bind(i64::try_from(new.report.rejected_rows).unwrap_or(i64::MAX))
        .bind(i64::from(new.min_group))
        .bind(actor.label.clone())
        .bind(Timestamp::now().to_db())
        .execute(&mut *tx)
        .await?;
        tx.record(Change::new(if before.is_some() { "replace" } else { "create" }, "workforce_report", format!("{}/{}", new.administration.as_str(), year)).administration(new.administration.as_str()).before(before.map(|(sha, read, rejected)| {
                    serde_json::json!({"file_sha256": sha, "rows_read": read, "rows_rejected": rejected})
                })).after(audit::snapshot(&AuditSummary {
                    reference_year: new.report.reference_year,
                    file_sha256: new.file_sha256,
                    rows_read: new.rows_read,
                    rows_rejected: new.report.rejected_rows,
                    workers: new.report.workers.total,
                    pay_gap_mean_pct: new.report.pay_gap.mean_pct,
                }))).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The reports of one administration, oldest year first; `NotFound` when
    /// the administration is outside the caller's scope.
    pub async fn workforce_reports(
        &self,
        scope: &Scope,
        administration: &AdministrationCode,
    ) -> Result<Vec<StoredWorkforceReport>> {
        if !scope.includes(administration) {
            return Err(StoreError::NotFound);
        }
        let sql = format!(
            "select {COLUMNS} from workforce_reports where administration_code = $1 \
             order by reference_year"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(administration.as_str().to_owned())
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(from_row).collect()
    }

    /// One year's report, if the caller may see it.
    pub async fn workforce_report(
        &self,
        scope: &Scope,
        administration: &AdministrationCode,
        year: i32,
    ) -> Result<StoredWorkforceReport> {
        if !scope.includes(administration) {
            return Err(StoreError::NotFound);
        }
        let sql = format!(
            "select {COLUMNS} from workforce_reports where administration_code = $1 \
             and reference_year = $2"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(administration.as_str().to_owned())
            .bind(i64::from(year))
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        from_row(&row)
    }

    /// For the Secretariat: every administration that reported workforce
    /// data, with its reporting years (oldest first).
    pub async fn workforce_reporting(&self) -> Result<Vec<(String, Vec<i32>)>> {
        let rows = sqlx::query(
            "select administration_code, reference_year from workforce_reports \
             order by administration_code, reference_year",
        )
        .fetch_all(self.pool())
        .await?;
        let mut reporting: Vec<(String, Vec<i32>)> = Vec::new();
        for row in rows {
            let code: String = row.try_get(0)?;
            let year = i32::try_from(row.try_get::<i64, _>(1)?).unwrap_or(0);
            match reporting.last_mut() {
                Some((last, years)) if *last == code => years.push(year),
                _ => reporting.push((code, vec![year])),
            }
        }
        Ok(reporting)
    }

    /// The `workforce` source of monitoring indicators: one value of a
    /// statistic (a key of `gedhub_core::workforce::STATISTIC_KEYS`) per
    /// reporting year, oldest first; years where it cannot be computed are
    /// left out.
    pub async fn workforce_series(
        &self,
        scope: &Scope,
        administration: &AdministrationCode,
        statistic: &str,
    ) -> Result<Vec<(i32, f64)>> {
        Ok(self
            .workforce_reports(scope, administration)
            .await?
            .iter()
            .filter_map(|stored| {
                stored
                    .report
                    .statistic(statistic)
                    .map(|value| (stored.reference_year, value))
            })
            .collect())
    }
}
