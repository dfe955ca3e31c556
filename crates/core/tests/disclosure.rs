//! Disclosure control (issue 17) checked from the attacker's side, through
//! the public interface, against oracles that do not share the module's
//! shortcuts:
//!
//! - a brute-force oracle: every set of fewer than the threshold of
//!   contributors is tried, and the published row space (plus a reader's
//!   own values) must not contain a non-zero vector living on it;
//! - the classic audit: no contributor's value (unit vector) and no withheld
//!   figure lies in the row space of the shown ones;
//! - worker-level equations for workforce reports (one unknown per worker's
//!   basic pay and per receiver's variable pay), rebuilt from the report.
//!
//! Minimality of complementary suppression is pinned on hand-made tables
//! by comparing with the best pattern found by trying every subset.

use gedhub_core::Region;
use gedhub_core::disclosure::exact::{Echelon, Row, in_row_space};
use gedhub_core::disclosure::hierarchy::{
    Contribution, Measure, Release, ReleaseInput, Selection, Statistic,
};
use gedhub_core::disclosure::owners::Owners;
use gedhub_core::disclosure::protect::{Decision, FigureSpec, Model, Status};
use gedhub_core::disclosure::workforce::ProtectedReport;
use gedhub_core::disclosure::{COMPLEMENTARY, FEWER_THAN_MIN_OTHERS};
use gedhub_core::workforce::{ReportOptions, Withheld, WorkforceReport, report_from_csv};
use proptest::prelude::*;

fn unit(n: usize, j: usize) -> Row {
    let mut row = vec![0; n];
    row[j] = 1;
    row
}

fn indicator(n: usize, members: &[usize]) -> Row {
    let mut row = vec![0; n];
    for &j in members {
        row[j] = 1;
    }
    row
}

fn rank(rows: &[Row]) -> usize {
    Echelon::of(rows.to_vec())
        .expect("small exact numbers")
        .rank()
}

fn subsets(items: &[usize], size: usize) -> Vec<Vec<usize>> {
    if size == 0 {
        return vec![Vec::new()];
    }
    let mut all = Vec::new();
    for (i, &first) in items.iter().enumerate() {
        for mut rest in subsets(&items[i + 1..], size - 1) {
            rest.insert(0, first);
            all.push(rest);
        }
    }
    all
}

/// Brute force: is there a combination of the shown rows (and of the
/// coalition's own values) that is not zero outside the coalition and
/// lives on fewer than `k` other contributors?
fn brute_exposed(n: usize, shown: &[Row], k: usize, coalition: Option<usize>) -> bool {
    let mut known = shown.to_vec();
    if let Some(c) = coalition {
        known.push(unit(n, c));
    }
    let dim_known = rank(&known);
    let others: Vec<usize> = (0..n).filter(|&j| Some(j) != coalition).collect();
    for size in 1..k {
        for set in subsets(&others, size) {
            let mut small: Vec<Row> = set.iter().map(|&j| unit(n, j)).collect();
            if let Some(c) = coalition {
                small.push(unit(n, c));
            }
            let together: Vec<Row> = known.iter().chain(&small).cloned().collect();
            let intersection = dim_known + small.len() - rank(&together);
            // With a coalition, its own unit vector is always shared.
            if intersection > usize::from(coalition.is_some()) {
                return true;
            }
        }
    }
    false
}

/// A table of Members `0..n`: the total, and each group of each partition.
fn table(n: usize, partitions: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut cells = vec![(0..n).collect::<Vec<usize>>()];
    for partition in partitions {
        let groups = partition.iter().copied().max().map_or(0, |g| g + 1);
        for group in 0..groups {
            cells.push((0..n).filter(|&j| partition[j] == group).collect());
        }
    }
    cells
}

fn model(n: usize, cells: Vec<Vec<usize>>, threshold: usize, coalitions: bool) -> Model {
    Model {
        threshold,
        coalitions,
        blocks: (0..n as u32).map(Owners::one).collect(),
        figures: (0..cells.len())
            .map(|cell| FigureSpec {
                cells: vec![cell],
                status: Status::Candidate,
                rank: 0,
            })
            .collect(),
        cells,
    }
}

fn shown_rows(n: usize, model: &Model, decisions: &[Decision]) -> Vec<Row> {
    decisions
        .iter()
        .enumerate()
        .filter(|(_, d)| **d == Decision::Shown)
        .map(|(figure, _)| indicator(n, &model.cells[model.figures[figure].cells[0]]))
        .collect()
}

fn coalitions_of(n: usize, coalitions: bool) -> Vec<Option<usize>> {
    let mut all = vec![None];
    if coalitions {
        all.extend((0..n).map(Some));
    }
    all
}

/// Partitions of `n` Members into 1–4 groups, possibly two of them.
fn partitions() -> impl Strategy<Value = (usize, Vec<Vec<usize>>)> {
    (6_usize..=11).prop_flat_map(|n| {
        (
            Just(n),
            prop::collection::vec(prop::collection::vec(0_usize..4, n), 1..=2),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// After protection, no set of fewer than the threshold of
    /// contributors can be read, by an outsider or by any contributor using
    /// its own values; no withheld figure is determined by the shown ones;
    /// and every complementary figure is needed.
    #[test]
    fn no_small_combination_survives_protection(
        (n, parts) in partitions(),
        threshold in 2_usize..=4,
        coalitions in any::<bool>(),
    ) {
        let cells = table(n, &parts);
        let model = model(n, cells, threshold, coalitions);
        let decisions = model.protect();
        let shown = shown_rows(n, &model, &decisions);
        for coalition in coalitions_of(n, coalitions) {
            prop_assert!(!brute_exposed(n, &shown, threshold, coalition), "{coalition:?}: {decisions:?}");
            let mut known = shown.clone();
            if let Some(c) = coalition {
                known.push(unit(n, c));
            }
            for j in (0..n).filter(|&j| Some(j) != coalition) {
                prop_assert!(!in_row_space(&known, &unit(n, j)).expect("exact"));
            }
        }
        for (figure, decision) in decisions.iter().enumerate() {
            let row = indicator(n, &model.cells[model.figures[figure].cells[0]]);
            if *decision != Decision::Shown && row.iter().any(|&x| x != 0) {
                prop_assert!(!in_row_space(&shown, &row).expect("exact"), "withheld {figure} is determined");
            }
            if *decision == Decision::Complementary {
                let mut more = shown.clone();
                more.push(row);
                prop_assert!(
                    coalitions_of(n, coalitions).into_iter().any(|c| brute_exposed(n, &more, threshold, c)),
                    "complementary {figure} was not needed"
                );
            }
        }
    }

    /// A total and one partition without any small group: nothing is
    /// withheld at all (the rules cost nothing where nothing is at risk).
    #[test]
    fn a_partition_without_small_groups_loses_nothing(
        sizes in prop::collection::vec(6_usize..15, 1..6),
    ) {
        let n: usize = sizes.iter().sum();
        let partition: Vec<usize> = sizes.iter().enumerate().flat_map(|(g, &size)| std::iter::repeat_n(g, size)).collect();
        let model = model(n, table(n, &[partition]), 5, true);
        prop_assert!(model.protect().iter().all(|d| *d == Decision::Shown));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// Larger tables (up to 50 Members, the threshold of 5 counting the
    /// others): no Member's value is determined by the shown figures and
    /// its own, and the module's audit agrees that the result is safe.
    #[test]
    fn no_member_is_determined_in_larger_tables(
        n in 20_usize..=50,
        regions in prop::collection::vec(0_usize..6, 60),
        languages in prop::collection::vec(0_usize..3, 60),
        linked in any::<bool>(),
    ) {
        let mut parts = vec![regions[..n].to_vec()];
        if linked {
            parts.push(languages[..n].to_vec());
        }
        let model = model(n, table(n, &parts), 5, true);
        let decisions = model.protect();
        prop_assert!(model.is_safe(&decisions));
        let shown = shown_rows(n, &model, &decisions);
        for coalition in 0..n {
            let mut known = shown.clone();
            known.push(unit(n, coalition));
            let echelon = Echelon::of(known).expect("exact");
            for j in (0..n).filter(|&j| j != coalition) {
                prop_assert!(!echelon.spans(&unit(n, j)).expect("exact"));
            }
        }
    }
}

/// The least total loss (contributors of the withheld figures) of a safe
/// pattern, by trying every subset of the non-primary figures.
fn best_loss(model: &Model) -> usize {
    let primary: Vec<bool> = model
        .protect()
        .iter()
        .map(|d| *d == Decision::Primary)
        .collect();
    let candidates: Vec<usize> = (0..model.figures.len()).filter(|&f| !primary[f]).collect();
    let mut best = usize::MAX;
    for mask in 0..(1_u32 << candidates.len()) {
        let decisions: Vec<Decision> = (0..model.figures.len())
            .map(|f| {
                let position = candidates.iter().position(|&c| c == f);
                match position {
                    None => Decision::Primary,
                    Some(p) if mask & (1 << p) != 0 => Decision::Complementary,
                    Some(_) => Decision::Shown,
                }
            })
            .collect();
        if model.is_safe(&decisions) {
            let loss = candidates
                .iter()
                .enumerate()
                .filter(|(p, _)| mask & (1 << p) != 0)
                .map(|(_, &f)| model.contributors(f))
                .sum();
            best = best.min(loss);
        }
    }
    best
}

fn loss(model: &Model, decisions: &[Decision]) -> usize {
    decisions
        .iter()
        .enumerate()
        .filter(|(_, d)| **d == Decision::Complementary)
        .map(|(f, _)| model.contributors(f))
        .sum()
}

fn sized(sizes: &[usize]) -> (usize, Vec<usize>) {
    let partition: Vec<usize> = sizes
        .iter()
        .enumerate()
        .flat_map(|(g, &size)| std::iter::repeat_n(g, size))
        .collect();
    (partition.len(), partition)
}

#[test]
fn complementary_suppression_is_minimal_on_hand_made_tables() {
    // One small region: the smallest other region goes (7, not the total).
    let (n, regions) = sized(&[12, 3, 7, 8, 10]);
    let one = model(n, table(n, &[regions]), 5, true);
    // Two small regions (2 + 2 = 4 < 5): one more region is needed.
    let (n, regions) = sized(&[10, 2, 2, 9, 8]);
    let two = model(n, table(n, &[regions]), 5, true);
    // A total with two margins (regions × languages): the small region is
    // both the total minus the other region and the languages minus it.
    let (n, regions) = sized(&[3, 12]);
    let languages: Vec<usize> = (0..n).map(|j| j % 2).collect();
    let linked = model(n, table(n, &[regions, languages]), 5, true);
    for (name, model, expected) in [("one", one, 7), ("two", two, 8), ("linked", linked, 12)] {
        let decisions = model.protect();
        assert!(model.is_safe(&decisions), "{name}");
        assert_eq!(loss(&model, &decisions), expected, "{name}: {decisions:?}");
        assert_eq!(best_loss(&model), expected, "{name}: not minimal");
    }
}

fn trained(member: &str, region: Region, value: f64) -> Contribution {
    Contribution {
        member: member.to_owned(),
        region,
        components: vec![value],
    }
}

fn release(period: i32, contributions: Vec<Contribution>, earlier: &[Release]) -> Release {
    Release::compute(
        &ReleaseInput {
            period,
            members: Vec::new(),
            counts: Vec::new(),
            measures: vec![Measure {
                key: "trained".to_owned(),
                statistic: Statistic::Sum,
                contributions,
            }],
        },
        earlier,
    )
}

/// The first attack: a region is withheld but the total and the
/// other regions are shown. After protection the arithmetic has nothing to
/// work with.
#[test]
fn the_total_minus_the_regions_is_not_available_for_a_withheld_region() {
    let mut all: Vec<Contribution> = (0..8)
        .map(|i| trained(&format!("eu{i}"), Region::Eur, 10.0))
        .collect();
    all.extend((0..9).map(|i| trained(&format!("ap{i}"), Region::Ap, 20.0)));
    all.extend((0..6).map(|i| trained(&format!("am{i}"), Region::Ams, 5.0)));
    all.push(trained("CI", Region::Wca, 29.0));
    let release = release(2024, all, &[]);
    let global = release.figure("trained", Selection::Global);
    let wca = release.figure("trained", Selection::Region(Region::Wca));
    assert_eq!(wca.suppressed(), Some(FEWER_THAN_MIN_OTHERS));
    assert_eq!(wca.administrations(), 1);
    let shown: Vec<f64> = Region::ALL
        .iter()
        .filter(|r| **r != Region::Wca)
        .filter_map(|r| release.figure("trained", Selection::Region(*r)).value())
        .collect();
    // Either the total or one of the other regions is withheld too.
    let all_others_shown = shown.len() == 3;
    assert!(
        global.value().is_none() || !all_others_shown,
        "total {:?} and regions {shown:?} would give 29",
        global.value()
    );
    assert_eq!(
        release
            .figure("trained", Selection::Region(Region::Ams))
            .suppressed(),
        Some(COMPLEMENTARY),
        "the smallest shown region pays"
    );
}

/// Over time: the same Members with the same values, and one newcomer; or
/// one Member whose value changed. Neither difference can be read.
#[test]
fn a_change_by_one_member_between_periods_is_not_readable() {
    let base: Vec<Contribution> = (0..10)
        .map(|i| trained(&format!("m{i}"), Region::Eur, f64::from(i)))
        .collect();
    let first = release(2024, base.clone(), &[]);
    assert!(first.figure("trained", Selection::Global).value().is_some());
    let mut changed = base.clone();
    changed[3].components = vec![99.0];
    let second = release(2025, changed, std::slice::from_ref(&first));
    for selection in [Selection::Global, Selection::Region(Region::Eur)] {
        assert_eq!(
            second.figure("trained", selection).suppressed(),
            Some(COMPLEMENTARY)
        );
    }
    // Nothing changed: the same figure again (it adds nothing).
    let same = release(2025, base, &[first]);
    assert!(same.figure("trained", Selection::Global).value().is_some());
}

// ----- workforce reports ----------------------------------------------------

const HEADER: &str =
    "employee_id,sex,grade,category,annual_basic_pay,annual_variable_pay,weekly_hours";

/// Workers: (sex, category, hourly basic, variable pay).
fn extract(workers: &[(&str, &str, f64, f64)]) -> String {
    let mut text = String::from(HEADER);
    for (i, (sex, category, hourly, variable)) in workers.iter().enumerate() {
        text.push_str(&format!(
            "\n{i},{sex},G1,{category},{},{variable},10",
            hourly * 520.0
        ));
    }
    text.push('\n');
    text
}

fn raw(workers: &[(&str, &str, f64, f64)]) -> WorkforceReport {
    report_from_csv(extract(workers).as_bytes(), &ReportOptions::new(2025)).expect("valid")
}

fn many<'a>(
    n: usize,
    sex: &'a str,
    category: &'a str,
    hourly: f64,
) -> Vec<(&'a str, &'a str, f64, f64)> {
    (0..n)
        .map(|i| (sex, category, hourly + i as f64 * 0.5, 0.0))
        .collect()
}

/// Worker-level equations of what a protected report shows: one unknown
/// per worker's basic pay and per receiver's variable pay; each shown gap
/// publishes women's and men's sums of its figure.
struct WorkerEquations {
    unknowns: usize,
    /// Per category and sex (0 F, 1 M): (basic unknowns, variable unknowns).
    groups: Vec<[(Vec<usize>, Vec<usize>); 2]>,
}

impl WorkerEquations {
    fn of(report: &WorkforceReport) -> Self {
        let mut unknowns = 0;
        let mut take = |n: u64| {
            let range: Vec<usize> = (unknowns..unknowns + n as usize).collect();
            unknowns += n as usize;
            range
        };
        let groups = report
            .categories
            .iter()
            .map(|c| {
                let f = (take(c.female), take(c.female_receivers.expect("kept")));
                let m = (take(c.male), take(c.male_receivers.expect("kept")));
                [f, m]
            })
            .collect();
        WorkerEquations { unknowns, groups }
    }

    fn row(&self, pick: impl Fn(usize, usize) -> (bool, bool)) -> [Row; 2] {
        [0, 1].map(|sex| {
            let mut members = Vec::new();
            for (c, group) in self.groups.iter().enumerate() {
                let (basic, variable) = pick(c, sex);
                if basic {
                    members.extend(&group[sex].0);
                }
                if variable {
                    members.extend(&group[sex].1);
                }
            }
            indicator(self.unknowns, &members)
        })
    }

    /// The rows the protected report publishes.
    fn shown(&self, report: &WorkforceReport) -> Vec<Row> {
        let mut rows = Vec::new();
        let shown = |gap: &gedhub_core::workforce::Gap| gap.mean_pct.is_some();
        if shown(&report.pay_gap) {
            rows.extend(self.row(|_, _| (true, true)));
        }
        if shown(&report.variable_pay_gap) {
            rows.extend(self.row(|_, _| (false, true)));
        }
        for (index, category) in report.categories.iter().enumerate() {
            let only = |basic: bool, variable: bool| {
                move |c: usize, _| {
                    if c == index {
                        (basic, variable)
                    } else {
                        (false, false)
                    }
                }
            };
            if shown(&category.total_pay_gap) {
                rows.extend(self.row(only(true, true)));
            }
            if shown(&category.basic_pay_gap) {
                rows.extend(self.row(only(true, false)));
            }
            if shown(&category.variable_pay_gap) {
                rows.extend(self.row(only(false, true)));
            }
        }
        rows
    }

    /// Whether some worker's basic pay, variable pay or total pay, or the
    /// sum of a group of fewer than `k` of one sex in one category, can be
    /// read.
    fn reveals_something(&self, report: &WorkforceReport, k: usize) -> Option<String> {
        let shown = self.shown(report);
        if shown.is_empty() {
            return None;
        }
        for (c, group) in self.groups.iter().enumerate() {
            for (sex, (basic, variable)) in group.iter().enumerate() {
                let mut targets: Vec<(String, Row)> = Vec::new();
                for (i, &b) in basic.iter().enumerate() {
                    targets.push((format!("basic of worker {i}"), unit(self.unknowns, b)));
                    if let Some(&v) = variable.get(i) {
                        targets.push((format!("variable of worker {i}"), unit(self.unknowns, v)));
                        targets.push((
                            format!("total of worker {i}"),
                            indicator(self.unknowns, &[b, v]),
                        ));
                    }
                }
                if !basic.is_empty() && basic.len() < k {
                    let all: Vec<usize> = basic.iter().chain(variable).copied().collect();
                    targets.push((
                        "the small group's total".into(),
                        indicator(self.unknowns, &all),
                    ));
                }
                if !variable.is_empty() && variable.len() < k {
                    targets.push((
                        "the few receivers' variable pay".into(),
                        indicator(self.unknowns, variable),
                    ));
                }
                for (what, target) in targets {
                    if in_row_space(&shown, &target).expect("exact") {
                        return Some(format!("category {c}, sex {sex}: {what}"));
                    }
                }
            }
        }
        None
    }
}

/// The attack: a suppressed category of 3 women, the overall gap
/// and the other categories shown. The protected report withholds one more
/// figure, so the 3 women's pay cannot be had by subtraction.
#[test]
fn a_small_category_cannot_be_had_from_the_total_and_the_others() {
    let mut workers = many(3, "F", "Drivers", 12.0);
    workers.extend(many(14, "M", "Drivers", 20.0));
    workers.extend(many(20, "F", "Officers", 18.0));
    workers.extend(many(20, "M", "Officers", 19.0));
    workers.extend(many(15, "F", "Support", 14.0));
    workers.extend(many(12, "M", "Support", 15.0));
    let raw = raw(&workers);
    let equations = WorkerEquations::of(&raw);
    // Unprotected, it works: the engine's own suppression is not enough.
    assert!(
        equations.reveals_something(&raw, 10).is_some(),
        "the attack works on the raw report"
    );
    let protected = ProtectedReport::protect(raw);
    let report = protected.report();
    assert_eq!(equations.reveals_something(report, 10), None);
    let drivers = &report.categories[0];
    assert!(drivers.suppressed);
    assert_eq!(
        drivers.suppressed_reason.as_deref(),
        Some("fewer_than_min_group")
    );
    // The overall gap stays; one category pays with its total gap.
    assert!(report.pay_gap.mean_pct.is_some());
    let complementary = report
        .categories
        .iter()
        .filter(|c| {
            c.total_pay_gap.withheld == Some(Withheld::Complementary)
                || c.suppressed_reason.as_deref() == Some("complementary")
        })
        .count();
    assert_eq!(complementary, 1, "{:#?}", report.categories);
}

/// The attack: one woman receives variable pay. Neither the
/// variable-pay gaps nor the difference of the total and basic gaps of her
/// category give her bonus.
#[test]
fn a_single_recipient_s_bonus_cannot_be_read() {
    let mut workers = many(20, "F", "Officers", 18.0);
    workers[0].3 = 4_000.0;
    workers.extend(
        many(20, "M", "Officers", 19.0)
            .into_iter()
            .enumerate()
            .map(|(i, (s, c, h, _))| (s, c, h, 1_000.0 + i as f64 * 10.0)),
    );
    let raw = raw(&workers);
    assert!(
        raw.variable_pay_gap.mean_pct.is_some(),
        "computed over one woman"
    );
    let equations = WorkerEquations::of(&raw);
    assert!(equations.reveals_something(&raw, 10).is_some());
    let protected = ProtectedReport::protect(raw);
    let report = protected.report();
    assert_eq!(equations.reveals_something(report, 10), None);
    assert_eq!(
        report.variable_pay_gap.withheld,
        Some(Withheld::FewerThanMinGroupReceiving)
    );
    let officers = &report.categories[0];
    assert_eq!(
        officers.variable_pay_gap.withheld,
        Some(Withheld::FewerThanMinGroupReceiving)
    );
    // Total minus basic would give her bonus: one of them goes.
    assert!(officers.total_pay_gap.mean_pct.is_none() || officers.basic_pay_gap.mean_pct.is_none());
    assert!(report.pay_gap.mean_pct.is_some() || officers.total_pay_gap.mean_pct.is_some());
}

/// The attack: an administration of 4 women. Nothing
/// administration-wide about pay is shown: gaps, quartiles, receipt.
#[test]
fn an_administration_of_four_women_shows_no_pay_figure() {
    let mut workers = many(4, "F", "Officers", 18.0);
    workers.extend(many(40, "M", "Officers", 19.0));
    let protected = ProtectedReport::protect(raw(&workers));
    let report = protected.report();
    assert_eq!(report.pay_gap.mean_pct, None);
    assert_eq!(report.pay_gap.median_pct, None);
    assert_eq!(
        report.pay_gap.withheld,
        Some(Withheld::AdministrationBelowMinGroup)
    );
    assert_eq!(report.variable_pay_receipt.female_pct, None);
    for band in &report.quartiles {
        assert_eq!(band.female_pct, None);
        assert_eq!(band.female_places, 0.0);
        assert_eq!(band.withheld, Some(Withheld::AdministrationBelowMinGroup));
    }
    assert!(report.categories[0].suppressed);
    // Headcounts stay: they explain why.
    assert_eq!(report.workers.female, 4);
}

#[test]
fn the_floor_cannot_be_lowered_except_locally_and_then_it_says_so() {
    let mut workers = many(6, "F", "Officers", 18.0);
    workers.extend(many(6, "M", "Officers", 19.0));
    let mut asked_low = raw(&workers);
    for category in &mut asked_low.categories {
        category.min_group = 3;
    }
    let shared = ProtectedReport::protect(asked_low.clone());
    assert_eq!(shared.min_group(), 10);
    assert!(!shared.below_floor());
    assert_eq!(shared.report().pay_gap.mean_pct, None);
    let local = ProtectedReport::protect_local(asked_low, 3);
    assert!(local.below_floor());
    assert!(local.report().pay_gap.mean_pct.is_some());
    assert_eq!(local.report().categories[0].min_group, 3);
}

/// Workers of two sexes in up to four categories, some receiving variable
/// pay, at distinct hourly rates.
fn workforce() -> impl Strategy<Value = Vec<(u8, u8, bool)>> {
    prop::collection::vec((0_u8..2, 0_u8..4, prop::bool::weighted(0.3)), 0..70)
}

fn workers_of(spec: &[(u8, u8, bool)]) -> Vec<(&'static str, &'static str, f64, f64)> {
    spec.iter()
        .enumerate()
        .map(|(i, &(sex, category, receives))| {
            (
                ["F", "M"][sex as usize],
                ["A", "B", "C", "D"][category as usize],
                10.0 + i as f64 * 0.25,
                if receives { 500.0 + i as f64 } else { 0.0 },
            )
        })
        .collect()
}

fn decimals_at_most_one(value: Option<f64>) -> bool {
    value.is_none_or(|v| ((v * 10.0).round() - v * 10.0).abs() < 1e-6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// For random reports and thresholds, the protected report reveals no
    /// worker's pay and no small group's, protecting twice changes
    /// nothing, and every percentage has at most one decimal.
    #[test]
    fn protected_reports_reveal_no_worker(spec in workforce(), threshold in 2_u32..=10) {
        prop_assume!(!spec.is_empty());
        let raw = raw(&workers_of(&spec));
        let equations = WorkerEquations::of(&raw);
        let protected = ProtectedReport::protect_local(raw, threshold);
        let report = protected.report();
        prop_assert_eq!(equations.reveals_something(report, threshold as usize), None);
        let again = ProtectedReport::protect_local(report.clone(), threshold);
        prop_assert_eq!(again.report(), report);
        let mut values = vec![report.pay_gap.mean_pct, report.pay_gap.median_pct, report.variable_pay_receipt.female_pct];
        for c in &report.categories {
            values.extend([c.total_pay_gap.mean_pct, c.basic_pay_gap.median_pct, c.variable_pay_gap.mean_pct]);
        }
        for band in &report.quartiles {
            values.push(band.female_pct);
        }
        prop_assert!(values.into_iter().all(decimals_at_most_one));
    }
}
