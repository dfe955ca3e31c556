//! The registry of Member administrations.

use gedhub_core::{AdministrationCode, Region, Scope, ValidationError, required_text};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::audit::{Actor, Change, snapshot};
use crate::{Result, Store, StoreError, Timestamp};

/// A Customs administration: a WCO Member, or another customs territory the
/// Secretariat added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Administration {
    pub code: AdministrationCode,
    pub name_en: String,
    pub name_fr: String,
    pub region: Region,
    /// True for the WCO Members seeded from the Members list.
    pub wco_member: bool,
}

impl Administration {
    /// The name in the interface language (French for `fr`, English otherwise).
    pub fn name(&self, language: &str) -> &str {
        if language == "fr" {
            &self.name_fr
        } else {
            &self.name_en
        }
    }
}

/// The fields a Secretariat user fills in to add or edit an administration.
#[derive(Debug, Clone)]
pub struct AdministrationForm {
    pub name_en: String,
    pub name_fr: String,
    pub region: Region,
}

impl AdministrationForm {
    /// Checks raw form or JSON input.
    pub fn parse(name_en: &str, name_fr: &str, region: &str) -> Result<Self, ValidationError> {
        Ok(Self {
            name_en: required_text("name_en", name_en, 200)?,
            name_fr: required_text("name_fr", name_fr, 200)?,
            region: Region::parse(region)?,
        })
    }
}

/// What the Secretariat's dashboard shows.
#[derive(Debug, Clone)]
pub struct SecretariatOverview {
    pub per_region: Vec<(Region, i64)>,
    pub accounts: i64,
    /// Newest first: audit id, actor, "time action entity key".
    pub recent_changes: Vec<(i64, String, String)>,
}

/// Filters for the registry list.
#[derive(Debug, Clone, Default)]
pub struct AdministrationFilter {
    pub region: Option<Region>,
    /// Part of a name (either language) or the code.
    pub search: Option<String>,
}

fn administration_from_row(row: &AnyRow) -> Result<Administration> {
    let code: String = row.try_get("code")?;
    let region: String = row.try_get("region")?;
    let wco_member: i64 = row.try_get("wco_member")?;
    Ok(Administration {
        code: AdministrationCode::parse(&code)?,
        name_en: row.try_get("name_en")?,
        name_fr: row.try_get("name_fr")?,
        region: Region::parse(&region)?,
        wco_member: wco_member != 0,
    })
}

/// The WCO Members list shipped with gedhub (ISO code, English and French
/// names, region), copied from the reference data.
pub const WCO_MEMBERS_CSV: &str = include_str!("../data/wco-members.csv");

/// Parses the shipped Members list.
pub fn wco_members() -> Result<Vec<Administration>> {
    let mut reader = csv::Reader::from_reader(WCO_MEMBERS_CSV.as_bytes());
    let mut members = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| StoreError::ShippedData(error.to_string()))?;
        let field = |index: usize| record.get(index).unwrap_or_default();
        members.push(Administration {
            code: AdministrationCode::parse(field(0))?,
            name_en: field(1).to_owned(),
            name_fr: field(2).to_owned(),
            region: Region::parse(field(3))?,
            wco_member: true,
        });
    }
    Ok(members)
}

impl Store {
    /// Adds the WCO Members that are not in the registry yet; never overwrites
    /// the Secretariat's edits. Returns how many were added.
    pub async fn seed_wco_members(&self) -> Result<usize> {
        let members = wco_members()?;
        let actor = Actor::system("system");
        let mut tx = self.begin_audited(&actor).await?;
        let now = Timestamp::now().to_db();
        let mut added = 0;
        for member in &members {
            let inserted = sqlx::query(
                "insert into administrations (code, name_en, name_fr, region, wco_member, created_at, updated_at) \
                 values ($1, $2, $3, $4, 1, $5, $5) on conflict (code) do nothing",
            )
            .bind(member.code.as_str().to_owned())
            .bind(member.name_en.clone())
            .bind(member.name_fr.clone())
            .bind(member.region.as_str())
            .bind(now.clone())
            .execute(&mut *tx)
            .await?;
            added += inserted.rows_affected() as usize;
        }
        if added > 0 {
            tx.record(
                Change::new("seed", "administration", "wco-members")
                    .after(serde_json::json!({ "added": added })),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(added)
    }

    /// The registry, ordered by English name.
    pub async fn administrations(
        &self,
        filter: &AdministrationFilter,
    ) -> Result<Vec<Administration>> {
        let rows = sqlx::query(
            "select code, name_en, name_fr, region, wco_member from administrations order by name_en",
        )
        .fetch_all(self.pool())
        .await?;
        let search = filter
            .search
            .as_deref()
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty());
        let mut list = Vec::with_capacity(rows.len());
        for row in &rows {
            let administration = administration_from_row(row)?;
            let region_ok = filter.region.is_none_or(|r| r == administration.region);
            let search_ok = search.as_deref().is_none_or(|needle| {
                administration.code.as_str().eq_ignore_ascii_case(needle)
                    || administration.name_en.to_lowercase().contains(needle)
                    || administration.name_fr.to_lowercase().contains(needle)
            });
            if region_ok && search_ok {
                list.push(administration);
            }
        }
        Ok(list)
    }

    /// One administration, if `scope` lets the caller see it; otherwise
    /// [`StoreError::NotFound`], exactly as if it did not exist.
    pub async fn administration(
        &self,
        scope: &Scope,
        code: &AdministrationCode,
    ) -> Result<Administration> {
        if !scope.includes(code) {
            return Err(StoreError::NotFound);
        }
        let row = sqlx::query(
            "select code, name_en, name_fr, region, wco_member from administrations where code = $1",
        )
        .bind(code.as_str().to_owned())
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        administration_from_row(&row)
    }

    /// Adds an administration (e.g. a customs territory). `code_taken` when the
    /// code exists.
    pub async fn create_administration(
        &self,
        actor: &Actor,
        code: &AdministrationCode,
        form: &AdministrationForm,
    ) -> Result<Administration> {
        let mut tx = self.begin_audited(actor).await?;
        let now = Timestamp::now().to_db();
        let row = sqlx::query(
            "insert into administrations (code, name_en, name_fr, region, wco_member, created_at, updated_at) \
             values ($1, $2, $3, $4, 0, $5, $5) returning code, name_en, name_fr, region, wco_member",
        )
        .bind(code.as_str().to_owned())
        .bind(form.name_en.clone())
        .bind(form.name_fr.clone())
        .bind(form.region.as_str())
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(StoreError::on_unique("code_taken"))?;
        let created = administration_from_row(&row)?;
        tx.record(
            Change::new("create", "administration", code)
                .administration(code.as_str())
                .after(snapshot(&created)),
        )
        .await?;
        tx.commit().await?;
        Ok(created)
    }

    /// Edits an administration's names and region.
    pub async fn update_administration(
        &self,
        actor: &Actor,
        code: &AdministrationCode,
        form: &AdministrationForm,
    ) -> Result<Administration> {
        let mut tx = self.begin_audited(actor).await?;
        let before = sqlx::query(
            "select code, name_en, name_fr, region, wco_member from administrations where code = $1",
        )
        .bind(code.as_str().to_owned())
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let before = administration_from_row(&before)?;
        let row = sqlx::query(
            "update administrations set name_en = $1, name_fr = $2, region = $3, updated_at = $4 \
             where code = $5 returning code, name_en, name_fr, region, wco_member",
        )
        .bind(form.name_en.clone())
        .bind(form.name_fr.clone())
        .bind(form.region.as_str())
        .bind(Timestamp::now().to_db())
        .bind(code.as_str().to_owned())
        .fetch_one(&mut *tx)
        .await?;
        let after = administration_from_row(&row)?;
        tx.record(
            Change::new("update", "administration", code)
                .administration(code.as_str())
                .before(snapshot(&before))
                .after(snapshot(&after)),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// The Secretariat dashboard's figures in one round trip (the dashboard
    /// is the most visited page): administrations per region, the number of
    /// accounts, and the five latest changes of the audit log.
    pub async fn secretariat_overview(&self) -> Result<SecretariatOverview> {
        let rows = sqlx::query(
            "select 'region' as kind, region as label, count(*) as n, '' as detail from administrations group by region \
             union all select 'users' as kind, '' as label, count(*) as n, '' as detail from users \
             union all select 'change' as kind, actor as label, id as n, detail from \
               (select coalesce(actor_email, '') as actor, id, \
                       occurred_at || ' ' || action || ' ' || entity || ' ' || entity_key as detail \
                from audit_log order by id desc limit 5) recent",
        )
        .fetch_all(self.pool())
        .await?;
        let mut overview = SecretariatOverview {
            per_region: Region::ALL.map(|region| (region, 0_i64)).to_vec(),
            accounts: 0,
            recent_changes: Vec::new(),
        };
        for row in &rows {
            let kind: String = row.try_get("kind")?;
            let label: String = row.try_get("label")?;
            let n: i64 = row.try_get("n")?;
            let detail: String = row.try_get("detail")?;
            match kind.as_str() {
                "region" => {
                    if let Some(slot) = overview
                        .per_region
                        .iter_mut()
                        .find(|(r, _)| r.as_str() == label)
                    {
                        slot.1 = n;
                    }
                }
                "users" => overview.accounts = n,
                _ => overview.recent_changes.push((n, label, detail)),
            }
        }
        overview
            .recent_changes
            .sort_by_key(|(id, _, _)| std::cmp::Reverse(*id));
        Ok(overview)
    }

    /// Number of administrations per region, for the Secretariat's dashboard.
    pub async fn administrations_per_region(&self) -> Result<Vec<(Region, i64)>> {
        let rows = sqlx::query("select region, count(*) as n from administrations group by region")
            .fetch_all(self.pool())
            .await?;
        let mut counts = Region::ALL.map(|region| (region, 0_i64)).to_vec();
        for row in &rows {
            let region = Region::parse(&row.try_get::<String, _>("region")?)?;
            let n: i64 = row.try_get("n")?;
            if let Some(slot) = counts.iter_mut().find(|(r, _)| *r == region) {
                slot.1 = n;
            }
        }
        Ok(counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_members_list_has_186_members_in_six_regions() {
        let members = wco_members().expect("the shipped list parses");
        assert_eq!(members.len(), 186);
        let count = |region| members.iter().filter(|m| m.region == region).count();
        assert_eq!(count(Region::Esa), 24);
        assert_eq!(count(Region::Wca), 24);
        assert_eq!(count(Region::Mena), 18);
        let benin = members
            .iter()
            .find(|m| m.code.as_str() == "BJ")
            .expect("Benin is a Member");
        assert_eq!(
            (benin.name_en.as_str(), benin.name_fr.as_str()),
            ("Benin", "Bénin")
        );
    }
}
