//! A workforce report as it may be stored and shown: the pay figures of one
//! administration protected so that no worker's pay, and no small group's,
//! can be read from them, even by the administration's own focal point or
//! the Secretariat.
//!
//! The figures are derived from individual workers, so the contributors are
//! workers and the threshold is [`MIN_WORKERS`] women and [`MIN_WORKERS`]
//! men (for a variable-pay figure: receivers of each sex):
//!
//! - **Administration-wide**: with fewer women or men than the threshold, the
//!   overall pay gap, the quartile placement and the share receiving variable
//!   pay are withheld (`administration_below_min_group`).
//! - **Per figure**: a category's pay gaps need the threshold of women and
//!   men in the category (`fewer_than_min_group`); a variable-pay gap (the
//!   administration's or a category's) needs the threshold of receivers of
//!   each sex (`fewer_than_min_group_receiving`).
//! - **Together**: the overall figures and the categories add up (the women
//!   of the administration are the women of its categories), and a group's
//!   total pay is its basic pay plus its variable pay. All these sums are
//!   audited as one linked table ([`super::protect`]); further figures are
//!   withheld (`complementary`) until no combination of the shown ones
//!   concerns fewer than the threshold of workers — so the pay of a withheld
//!   category of 3 women cannot be had from the overall gap minus the shown
//!   categories, nor the bonus of a category's only receiver from its total
//!   minus its basic pay.
//!
//! The model counts each gap as publishing women's and men's sums (a gap is
//! a ratio of means; treating the means as known is the cautious reading),
//! and a worker's variable pay as one unknown whether it is read annually or
//! per hour (hours are assumed known). Medians, quartile places and
//! headcounts are not sums: they follow the per-figure and
//! administration-wide rules only.
//!
//! Every percentage of the protected report is rounded to one decimal
//! ([`super::round_share`]), in every channel.

use super::MIN_WORKERS;
use super::owners::Owners;
use super::protect::{Decision, FigureSpec, Model, Status};
use super::round_share;
use crate::workforce::{Gap, Withheld, WorkforceReport};

/// A report whose figures passed disclosure control; pages, API responses,
/// downloads and stored reports take this, never a raw report.
#[derive(Debug, Clone, PartialEq)]
pub struct ProtectedReport {
    report: WorkforceReport,
    min_group: u32,
}

impl ProtectedReport {
    /// For anything stored or shown to others: the threshold is the report's
    /// own minimum group, never below [`MIN_WORKERS`].
    pub fn protect(report: WorkforceReport) -> Self {
        let asked = report
            .categories
            .first()
            .map_or(MIN_WORKERS, |c| c.min_group);
        Self::with_threshold(report, asked.max(MIN_WORKERS))
    }

    /// For a local file its user owns (the command line): any threshold of
    /// at least 1. Below [`MIN_WORKERS`] the result is for that user only
    /// ([`ProtectedReport::below_floor`]).
    pub fn protect_local(report: WorkforceReport, min_group: u32) -> Self {
        Self::with_threshold(report, min_group.max(1))
    }

    /// The protected report.
    pub fn report(&self) -> &WorkforceReport {
        &self.report
    }

    /// The threshold the report was protected with.
    pub fn min_group(&self) -> u32 {
        self.min_group
    }

    /// Computed with a threshold below the floor for shared reports.
    pub fn below_floor(&self) -> bool {
        self.min_group < MIN_WORKERS
    }

    /// How many pay figures the report shows and withholds: (shown,
    /// withheld by a per-figure or administration-wide rule, withheld as
    /// complementary). The figures are the overall and variable-pay gaps,
    /// the share receiving variable pay, the quartile placement, and each
    /// category's total, basic and variable-pay gaps.
    pub fn tally(&self) -> (usize, usize, usize) {
        let report = &self.report;
        let mut tally = (0, 0, 0);
        let mut count = |withheld: Option<Withheld>| match withheld {
            None => tally.0 += 1,
            Some(Withheld::Complementary) => tally.2 += 1,
            Some(_) => tally.1 += 1,
        };
        count(report.pay_gap.withheld);
        count(report.variable_pay_gap.withheld);
        count(report.variable_pay_receipt.withheld);
        count(report.quartiles.first().and_then(|band| band.withheld));
        for category in &report.categories {
            let category_wide = match category.suppressed_reason.as_deref() {
                Some("complementary") => Some(Withheld::Complementary),
                Some(_) => Some(Withheld::FewerThanMinGroup),
                None => None,
            };
            for gap in [
                &category.total_pay_gap,
                &category.basic_pay_gap,
                &category.variable_pay_gap,
            ] {
                count(category_wide.or(gap.withheld));
            }
        }
        tally
    }

    fn with_threshold(mut report: WorkforceReport, min_group: u32) -> Self {
        let k = u64::from(min_group);
        let small_administration = report.workers.female < k || report.workers.male < k;
        let figures = Figures::of(&report);
        let decisions = figures.model(&report, min_group).protect();
        apply(
            &mut report,
            &figures,
            &decisions,
            small_administration,
            min_group,
        );
        round(&mut report);
        ProtectedReport { report, min_group }
    }
}

/// Which figure of the report a model figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    PayGap,
    VariablePayGap,
    Total(usize),
    Basic(usize),
    Variable(usize),
}

/// The report's gap figures, in model order.
struct Figures {
    which: Vec<Which>,
}

impl Figures {
    fn of(report: &WorkforceReport) -> Self {
        let mut which = vec![Which::PayGap, Which::VariablePayGap];
        for category in 0..report.categories.len() {
            which.extend([
                Which::Total(category),
                Which::Basic(category),
                Which::Variable(category),
            ]);
        }
        Figures { which }
    }

    fn gap<'a>(&self, report: &'a WorkforceReport, figure: usize) -> &'a Gap {
        match self.which[figure] {
            Which::PayGap => &report.pay_gap,
            Which::VariablePayGap => &report.variable_pay_gap,
            Which::Total(c) => &report.categories[c].total_pay_gap,
            Which::Basic(c) => &report.categories[c].basic_pay_gap,
            Which::Variable(c) => &report.categories[c].variable_pay_gap,
        }
    }

    /// The linked table: blocks of women's and men's basic and variable pay
    /// per category, cells per figure and sex.
    fn model(&self, report: &WorkforceReport, min_group: u32) -> Model {
        let mut blocks: Vec<Owners> = Vec::new();
        // (basic block, variable block) per category and sex (0 F, 1 M).
        let mut of: Vec<[(usize, usize); 2]> = Vec::new();
        let mut next = 0u32;
        for category in &report.categories {
            let mut pair = [(0, 0); 2];
            for (sex, (workers, receivers)) in [
                (category.female, category.female_receivers),
                (category.male, category.male_receivers),
            ]
            .into_iter()
            .enumerate()
            {
                let workers = u32::try_from(workers).unwrap_or(u32::MAX);
                // Unknown receivers (an old report): assume the worst, one.
                let receivers = receivers.map_or(workers.min(1), |r| {
                    u32::try_from(r).unwrap_or(u32::MAX).min(workers)
                });
                let start = next;
                next = next.saturating_add(workers);
                blocks.push(Owners::range(start, next));
                blocks.push(Owners::range(start, start.saturating_add(receivers)));
                pair[sex] = (blocks.len() - 2, blocks.len() - 1);
            }
            of.push(pair);
        }
        let mut cells: Vec<Vec<usize>> = Vec::new();
        let mut cell = |members: Vec<usize>| {
            cells.push(members);
            cells.len() - 1
        };
        let all = |sex: usize, basic: bool, variable: bool| -> Vec<usize> {
            of.iter()
                .flat_map(|pair| {
                    let (b, v) = pair[sex];
                    [basic.then_some(b), variable.then_some(v)]
                })
                .flatten()
                .collect()
        };
        let mut figures = Vec::new();
        for (index, which) in self.which.iter().enumerate() {
            let sexes: [Vec<usize>; 2] = [0, 1].map(|sex| match which {
                Which::PayGap => all(sex, true, true),
                Which::VariablePayGap => all(sex, false, true),
                Which::Total(c) => vec![of[*c][sex].0, of[*c][sex].1],
                Which::Basic(c) => vec![of[*c][sex].0],
                Which::Variable(c) => vec![of[*c][sex].1],
            });
            let [female, male] = sexes;
            let unknown_receivers = match which {
                Which::Variable(c) => {
                    let category = &report.categories[*c];
                    category.female_receivers.is_none() || category.male_receivers.is_none()
                }
                Which::VariablePayGap => report
                    .categories
                    .iter()
                    .any(|c| c.female_receivers.is_none() || c.male_receivers.is_none()),
                _ => false,
            };
            let in_suppressed_category = match which {
                Which::Total(c) | Which::Basic(c) | Which::Variable(c) => {
                    report.categories[*c].suppressed
                }
                Which::PayGap | Which::VariablePayGap => false,
            };
            // Withheld before (a report protected when stored) stays
            // withheld: protecting twice changes nothing.
            let status = if self.gap(report, index).withheld.is_some()
                || in_suppressed_category
                || unknown_receivers
            {
                Status::Withheld
            } else {
                Status::Candidate
            };
            figures.push(FigureSpec {
                cells: vec![cell(female), cell(male)],
                status,
                // Kept longest: the overall gap, then each category's total,
                // basic and variable gaps.
                rank: match which {
                    Which::PayGap => 5,
                    Which::Total(_) => 4,
                    Which::Basic(_) => 3,
                    Which::VariablePayGap => 2,
                    Which::Variable(_) => 1,
                },
            });
        }
        Model {
            threshold: min_group as usize,
            coalitions: false,
            blocks,
            cells,
            figures,
        }
    }
}

/// Writes the decisions into the report.
fn apply(
    report: &mut WorkforceReport,
    figures: &Figures,
    decisions: &[Decision],
    small_administration: bool,
    min_group: u32,
) {
    let k = u64::from(min_group);
    for (index, which) in figures.which.iter().enumerate() {
        let earlier = figures.gap(report, index).withheld;
        let reason = match decisions[index] {
            Decision::Shown => continue,
            Decision::Withheld => earlier.unwrap_or(Withheld::FewerThanMinGroupReceiving),
            Decision::Complementary => Withheld::Complementary,
            Decision::Primary => match which {
                Which::PayGap | Which::VariablePayGap if small_administration => {
                    Withheld::AdministrationBelowMinGroup
                }
                Which::PayGap => Withheld::AdministrationBelowMinGroup,
                Which::VariablePayGap | Which::Variable(_) => Withheld::FewerThanMinGroupReceiving,
                Which::Total(_) | Which::Basic(_) => Withheld::FewerThanMinGroup,
            },
        };
        let withheld = Gap {
            mean_pct: None,
            median_pct: None,
            withheld: Some(reason),
        };
        match *which {
            Which::PayGap => report.pay_gap = withheld,
            Which::VariablePayGap => report.variable_pay_gap = withheld,
            Which::Total(c) => report.categories[c].total_pay_gap = withheld,
            Which::Basic(c) => report.categories[c].basic_pay_gap = withheld,
            Which::Variable(c) => report.categories[c].variable_pay_gap = withheld,
        }
    }
    for category in &mut report.categories {
        category.min_group = min_group;
        let small = category.female < k || category.male < k;
        let all_withheld = [
            &category.total_pay_gap,
            &category.basic_pay_gap,
            &category.variable_pay_gap,
        ]
        .iter()
        .all(|gap| gap.withheld.is_some());
        if small {
            category.suppressed = true;
            category.suppressed_reason = Some(Withheld::FewerThanMinGroup.code().to_owned());
        } else if all_withheld && !category.suppressed {
            category.suppressed = true;
            category.suppressed_reason = Some(Withheld::Complementary.code().to_owned());
        }
        if category.suppressed {
            // A suppressed category's gaps are simply null, as before.
            for gap in [
                &mut category.total_pay_gap,
                &mut category.basic_pay_gap,
                &mut category.variable_pay_gap,
            ] {
                *gap = Gap::default();
            }
        }
        // The flag says whether the total gap is at least 5 %: a bound on
        // it, withheld with it.
        if category.suppressed || category.total_pay_gap.withheld.is_some() {
            category.joint_assessment_required = false;
        }
    }
    if small_administration {
        let reason = Some(Withheld::AdministrationBelowMinGroup);
        report.variable_pay_receipt.female_pct = None;
        report.variable_pay_receipt.male_pct = None;
        report.variable_pay_receipt.withheld = reason;
        for band in &mut report.quartiles {
            band.female_places = 0.0;
            band.male_places = 0.0;
            band.female_pct = None;
            band.male_pct = None;
            band.withheld = reason;
        }
    }
}

fn round_option(value: &mut Option<f64>) {
    *value = value.map(round_share);
}

/// One decimal for every percentage (and quartile place) of the report.
fn round(report: &mut WorkforceReport) {
    let gap = |gap: &mut Gap| {
        round_option(&mut gap.mean_pct);
        round_option(&mut gap.median_pct);
    };
    gap(&mut report.pay_gap);
    gap(&mut report.variable_pay_gap);
    round_option(&mut report.variable_pay_receipt.female_pct);
    round_option(&mut report.variable_pay_receipt.male_pct);
    for band in &mut report.quartiles {
        band.female_places = round_share(band.female_places);
        band.male_places = round_share(band.male_places);
        round_option(&mut band.female_pct);
        round_option(&mut band.male_pct);
    }
    for category in &mut report.categories {
        gap(&mut category.total_pay_gap);
        gap(&mut category.basic_pay_gap);
        gap(&mut category.variable_pay_gap);
    }
    for group in report
        .representation
        .by_grade
        .iter_mut()
        .chain(report.representation.by_management_level.iter_mut())
    {
        round_option(&mut group.female_share_pct);
    }
    for flow in [
        &mut report.flows.hires,
        &mut report.flows.exits,
        &mut report.flows.promotions,
    ]
    .into_iter()
    .flatten()
    {
        round_option(&mut flow.female_rate_pct);
        round_option(&mut flow.male_rate_pct);
        round_option(&mut flow.other_rate_pct);
        round_option(&mut flow.unknown_rate_pct);
        round_option(&mut flow.female_share_pct);
    }
}
