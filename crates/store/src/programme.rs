//! The facts behind the Secretariat's programme overview (issue 8), read
//! for every administration at once: one query per kind of fact, whatever
//! the number of Members (no query per Member). The aggregation and the
//! suppression rule live in `gedhub_core::programme`; action plans come from
//! [`Store::plan_summaries`], which the monitoring rules need whole.
//!
//! The caller decides who may see what: these functions read everything.

use std::collections::HashMap;

use gedhub_core::Region;
use gedhub_core::programme::{AssessmentFact, BySex, WorkforceHeadline};
use gedhub_core::workforce::WorkforceReport;
use sqlx::Row;

use crate::{Result, Store};

/// Which slice of the programme to read. `year` narrows dated facts to that
/// calendar year (workshops and missions by start date, support requests by
/// request date, workforce reports by reference year, assessments to those
/// that existed by the year's end); `language` narrows workshops and
/// missions to those delivered in it; `region` narrows the Members.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProgrammeFilter {
    pub year: Option<i32>,
    pub region: Option<Region>,
    /// A delivery language code (`en`, `fr`, `es`, `pt`, `ar`).
    pub language: Option<String>,
}

/// One administration's raw facts.
#[derive(Debug, Clone, Default)]
pub struct MemberFacts {
    pub code: String,
    pub name_en: String,
    pub name_fr: String,
    pub region: String,
    pub assessments: Vec<AssessmentFact>,
    pub workforce_years: Vec<i32>,
    /// The headline of the report the figures use: the filter's year, or
    /// the latest year without a year filter.
    pub workforce: Option<WorkforceHeadline>,
    pub trained: BySex,
    /// Pathway stage code → people of this administration at that stage.
    pub pathway: Vec<(String, u64)>,
    pub requests_open: u64,
    pub missions_open: u64,
    pub missions_delivered: u64,
    pub missions_with_feedback: u64,
}

fn year_end(year: i32) -> String {
    format!("{year:04}-12-31T99")
}

fn year_prefix(year: i32) -> String {
    format!("{year:04}-%")
}

impl Store {
    /// The facts of every administration in the filter's region, by code
    /// (administrations in code order). `today` (`YYYY-MM-DD`) decides which
    /// workshops are over, so that their confirmed participants count as
    /// trained, and which missions have taken place, so that they count as
    /// delivered.
    pub async fn programme_facts(
        &self,
        filter: &ProgrammeFilter,
        today: &str,
    ) -> Result<Vec<MemberFacts>> {
        // Unset filters bind patterns that match everything, so that every
        // query has the same text on both engines (no `$1 is null` whose
        // parameter type PostgreSQL would have to guess).
        let region = filter
            .region
            .map_or("%".to_owned(), |r| r.as_str().to_owned());
        let rows = sqlx::query(
            "select code, name_en, name_fr, region from administrations \
             where region like $1 order by code",
        )
        .bind(region)
        .fetch_all(self.pool())
        .await?;
        let mut members: Vec<MemberFacts> = Vec::with_capacity(rows.len());
        let mut index: HashMap<String, usize> = HashMap::with_capacity(rows.len());
        for row in rows {
            let code: String = row.try_get(0)?;
            index.insert(code.clone(), members.len());
            members.push(MemberFacts {
                code,
                name_en: row.try_get(1)?,
                name_fr: row.try_get(2)?,
                region: row.try_get(3)?,
                ..MemberFacts::default()
            });
        }
        let slot = |code: &str| index.get(code).copied();
        let year_end = filter.year.map(year_end);
        let year_like = filter.year.map_or("%".to_owned(), year_prefix);
        let language = filter.language.clone().unwrap_or_else(|| "%".to_owned());

        // GEOAT assessments, with the edition of their instrument, as they
        // stood at the filter's year end (a submission or validation after
        // it had not happened yet).
        for row in sqlx::query(
            "select a.administration_code, a.status, a.submitted_at, a.validated_at, i.edition \
             from assessments a join instruments i on i.code = a.instrument_code \
             where a.created_at <= $1",
        )
        .bind(year_end.clone().unwrap_or_else(|| "9999".to_owned()))
        .fetch_all(self.pool())
        .await?
        {
            let code: String = row.try_get(0)?;
            let Some(at) = slot(&code) else { continue };
            let fact = AssessmentFact {
                status: row.try_get(1)?,
                submitted_on: row.try_get(2)?,
                validated_on: row.try_get(3)?,
                edition: row.try_get(4)?,
            };
            members[at].assessments.push(match &year_end {
                Some(end) => fact.as_at(end),
                None => fact,
            });
        }

        // Workforce reports: every year for the list (no report text), then
        // the one report per Member the figures use (the filter's year, else
        // the latest), parsed for its headline.
        for row in sqlx::query(
            "select administration_code, reference_year from workforce_reports \
             order by administration_code, reference_year",
        )
        .fetch_all(self.pool())
        .await?
        {
            let code: String = row.try_get(0)?;
            let Some(at) = slot(&code) else { continue };
            let year = i32::try_from(row.try_get::<i64, _>(1)?).unwrap_or(0);
            members[at].workforce_years.push(year);
        }
        let chosen = match filter.year {
            Some(year) => sqlx::query(
                "select administration_code, report from workforce_reports where reference_year = $1",
            )
            .bind(i64::from(year))
            .fetch_all(self.pool())
            .await?,
            None => sqlx::query(
                "select r.administration_code, r.report from workforce_reports r \
                 where r.reference_year = (select max(l.reference_year) from workforce_reports l \
                 where l.administration_code = r.administration_code)",
            )
            .fetch_all(self.pool())
            .await?,
        };
        for row in chosen {
            let code: String = row.try_get(0)?;
            let Some(at) = slot(&code) else { continue };
            let json: String = row.try_get(1)?;
            // A report that no longer parses is left out of the figures
            // rather than failing the whole overview.
            if let Ok(report) = serde_json::from_str::<WorkforceReport>(&json) {
                members[at].workforce = Some(WorkforceHeadline::of(&report));
            }
        }

        // People trained: confirmed participants of workshops that are over.
        for row in sqlx::query(
            "select p.administration_code, u.sex, count(*) from workshop_participants p \
             join workshops w on w.id = p.workshop_id join users u on u.id = p.user_id \
             where p.status = 'confirmed' and p.administration_code is not null \
             and w.end_date < $1 and w.start_date like $2 \
             and w.language like $3 \
             group by p.administration_code, u.sex",
        )
        .bind(today.to_owned())
        .bind(year_like.clone())
        .bind(language.clone())
        .fetch_all(self.pool())
        .await?
        {
            let code: String = row.try_get(0)?;
            let Some(at) = slot(&code) else { continue };
            let sex: Option<String> = row.try_get(1)?;
            let count = u64::try_from(row.try_get::<i64, _>(2)?).unwrap_or(0);
            for _ in 0..count {
                members[at].trained.add(sex.as_deref());
            }
        }

        // Experts and candidates by pathway stage: experts, and anyone with
        // a pathway record; without a record a person is `nominated`.
        for row in sqlx::query(
            "select administration_code, stage, count(*) from (\
               select u.administration_code, coalesce((select e.to_stage from pathway_events e \
                 where e.user_id = u.id order by e.id desc limit 1), 'nominated') as stage \
               from users u where u.administration_code is not null and (u.role = 'expert' \
                 or exists (select 1 from pathway_events e where e.user_id = u.id))\
             ) people group by administration_code, stage order by administration_code, stage",
        )
        .fetch_all(self.pool())
        .await?
        {
            let code: String = row.try_get(0)?;
            let Some(at) = slot(&code) else { continue };
            members[at].pathway.push((
                row.try_get(1)?,
                u64::try_from(row.try_get::<i64, _>(2)?).unwrap_or(0),
            ));
        }

        // Support requests still waiting for an answer.
        for row in sqlx::query(
            "select administration_code, count(*) from support_requests \
             where status = 'submitted' and requested_at like $1 \
             and language like $2 group by administration_code",
        )
        .bind(year_like.clone())
        .bind(language.clone())
        .fetch_all(self.pool())
        .await?
        {
            let code: String = row.try_get(0)?;
            let Some(at) = slot(&code) else { continue };
            members[at].requests_open = u64::try_from(row.try_get::<i64, _>(1)?).unwrap_or(0);
        }

        // Missions: planned, delivered, and delivered with the Member's
        // feedback. A mission counts as delivered from its last day on: one
        // reported earlier (recorded before that rule) is still to come.
        for row in sqlx::query(
            "select administration_code, \
               sum(case when status = 'planned' or (status = 'delivered' and end_date > $3) \
                 then 1 else 0 end), \
               sum(case when status = 'delivered' and end_date <= $3 then 1 else 0 end), \
               sum(case when status = 'delivered' and end_date <= $3 \
                 and feedback_at is not null then 1 else 0 end) \
             from missions where start_date like $1 \
             and language like $2 group by administration_code",
        )
        .bind(year_like)
        .bind(language)
        .bind(today.to_owned())
        .fetch_all(self.pool())
        .await?
        {
            let code: String = row.try_get(0)?;
            let Some(at) = slot(&code) else { continue };
            let count = |index: usize| -> Result<u64> {
                Ok(u64::try_from(row.try_get::<Option<i64>, _>(index)?.unwrap_or(0)).unwrap_or(0))
            };
            members[at].missions_open = count(1)?;
            members[at].missions_delivered = count(2)?;
            members[at].missions_with_feedback = count(3)?;
        }
        Ok(members)
    }
}
