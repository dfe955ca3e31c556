//! Releases of figures across Members: one per closed period, for fixed
//! selections only (all Members, and each of the six WCO regions).
//!
//! A release is computed once, from the contributions of its period, and
//! audited together with every earlier release of the same kind, then kept
//! as it is ([`Release`] is what the store keeps). So a focal point cannot
//! difference two selections (there are no free selections) nor two moments
//! (a period's figures never change, and a new period is protected against
//! the old ones: a figure that moves because fewer than the threshold of
//! Members changed is withheld).
//!
//! Each measure (people trained, the share of women among staff, a GEOAT
//! section's score...) is its own table: its blocks are the Members' values,
//! one per Member and distinct value, so that a Member whose value did not
//! change between two periods contributes the same unknown to both (the
//! cautious reading: equal values are assumed known to be equal).

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::owners::Owners;
use super::protect::{Decision, FigureSpec, Model, Status};
use super::{
    COMPLEMENTARY, FEWER_THAN_MIN_OTHERS, MIN_ADMINISTRATIONS, Published, round_count, round_share,
};
use crate::values::Region;

/// How a measure's figures are computed from its contributions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Statistic {
    /// Σ of the first component (people trained): a whole number.
    Sum,
    /// Mean of the first component (indicators on track, a section score).
    Mean,
    /// Σ first / Σ second × 100 (weighted: the share among everyone
    /// covered) and the mean of first / second × 100 (unweighted: the
    /// typical Member).
    Share,
}

/// One Member's contribution to a measure in a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    pub member: String,
    pub region: Region,
    /// The numbers behind the Member's value (`[value]`, or `[part, whole]`
    /// for a share). Two equal lists are the same value.
    pub components: Vec<f64>,
}

/// One measure of a period: its key, statistic and contributions (only
/// Members that contribute: a sum leaves out zeros, a share Members
/// without a whole).
#[derive(Debug, Clone)]
pub struct Measure {
    pub key: String,
    pub statistic: Statistic,
    pub contributions: Vec<Contribution>,
}

/// Everything a period's release is computed from.
#[derive(Debug, Clone, Default)]
pub struct ReleaseInput {
    pub period: i32,
    /// Every Member and its region.
    pub members: Vec<(String, Region)>,
    /// Counts of Members with a property (a validated GEOAT, a plan,
    /// workforce data): key and the Members that have it. Who takes part is
    /// public, like the number of administrations behind each figure; what
    /// they report is not.
    pub counts: Vec<(String, Vec<String>)>,
    pub measures: Vec<Measure>,
}

/// A selection of Members a release covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    Global,
    Region(Region),
}

impl Selection {
    /// All seven: global, then the regions in their standard order.
    pub fn all() -> impl Iterator<Item = Selection> {
        std::iter::once(Selection::Global).chain(Region::ALL.into_iter().map(Selection::Region))
    }

    fn code(self) -> &'static str {
        match self {
            Selection::Global => "global",
            Selection::Region(region) => region.as_str(),
        }
    }

    fn includes(self, region: Region) -> bool {
        match self {
            Selection::Global => true,
            Selection::Region(own) => own == region,
        }
    }
}

/// One figure of a release as kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Cell {
    selection: String,
    contributors: usize,
    /// `shown`, or the reason code it is withheld.
    decision: String,
    /// The rounded values when shown: one, or weighted and unweighted.
    values: Vec<f64>,
    /// When shown, its blocks (`member=value`): the next periods are
    /// audited against them.
    blocks: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct MeasureRecord {
    key: String,
    statistic: Statistic,
    cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct CountRecord {
    key: String,
    selection: String,
    value: u64,
    members: usize,
}

/// The published figures of one period: computed once, then kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Release {
    period: i32,
    counts: Vec<CountRecord>,
    measures: Vec<MeasureRecord>,
}

/// A contribution's block name: its Member and exact value.
fn block_name(contribution: &Contribution) -> String {
    let value: Vec<String> = contribution
        .components
        .iter()
        .map(|c| format!("{c:?}"))
        .collect();
    format!("{}={}", contribution.member, value.join(";"))
}

fn member_of(block: &str) -> &str {
    block.split_once('=').map_or(block, |(member, _)| member)
}

/// The rounded values of a statistic over contributions (none for none).
fn values(statistic: Statistic, contributions: &[&Contribution]) -> Vec<f64> {
    if contributions.is_empty() {
        return Vec::new();
    }
    let first = |c: &&Contribution| c.components.first().copied().unwrap_or(0.0);
    let second = |c: &&Contribution| c.components.get(1).copied().unwrap_or(0.0);
    let n = contributions.len() as f64;
    match statistic {
        Statistic::Sum => vec![round_count(contributions.iter().map(first).sum())],
        Statistic::Mean => vec![round_share(
            contributions.iter().map(first).sum::<f64>() / n,
        )],
        Statistic::Share => {
            let whole: f64 = contributions.iter().map(second).sum();
            if whole <= 0.0 {
                return Vec::new();
            }
            let part: f64 = contributions.iter().map(first).sum();
            let unweighted = contributions
                .iter()
                .map(|c| first(c) / second(c) * 100.0)
                .sum::<f64>()
                / n;
            vec![round_share(part / whole * 100.0), round_share(unweighted)]
        }
    }
}

/// The model of one measure: this period's seven cells, and the shown cells
/// of the same measure in earlier releases.
struct MeasureModel<'a> {
    model: Model,
    /// This period's cells (figures `offset..offset + 7`) and contributions.
    current: Vec<(Selection, Vec<&'a Contribution>, Vec<String>)>,
    offset: usize,
}

fn measure_model<'a>(measure: &'a Measure, earlier: &[&MeasureRecord]) -> MeasureModel<'a> {
    let mut owners: HashMap<String, u32> = HashMap::new();
    let mut blocks: Vec<Owners> = Vec::new();
    let mut block_index: HashMap<String, usize> = HashMap::new();
    let mut block_of = |name: &str| -> usize {
        if let Some(&index) = block_index.get(name) {
            return index;
        }
        let next = owners.len() as u32;
        let owner = *owners.entry(member_of(name).to_owned()).or_insert(next);
        block_index.insert(name.to_owned(), blocks.len());
        blocks.push(Owners::one(owner));
        blocks.len() - 1
    };
    let mut cells: Vec<Vec<usize>> = Vec::new();
    let mut figures: Vec<FigureSpec> = Vec::new();
    for record in earlier {
        for cell in record.cells.iter().filter(|cell| cell.decision == "shown") {
            figures.push(FigureSpec {
                cells: vec![cells.len()],
                status: Status::Published,
                rank: 0,
            });
            cells.push(cell.blocks.iter().map(|name| block_of(name)).collect());
        }
    }
    let offset = figures.len();
    let mut current = Vec::new();
    for selection in Selection::all() {
        let contributions: Vec<&Contribution> = measure
            .contributions
            .iter()
            .filter(|c| selection.includes(c.region))
            .collect();
        let names: Vec<String> = contributions.iter().map(|c| block_name(c)).collect();
        figures.push(FigureSpec {
            cells: vec![cells.len()],
            status: Status::Candidate,
            // The global figure is the last one given up.
            rank: u32::from(selection == Selection::Global),
        });
        cells.push(names.iter().map(|name| block_of(name)).collect());
        current.push((selection, contributions, names));
    }
    MeasureModel {
        model: Model {
            threshold: MIN_ADMINISTRATIONS,
            coalitions: true,
            blocks,
            cells,
            figures,
        },
        current,
        offset,
    }
}

impl Release {
    /// Protects and computes the release of `input.period`, audited with
    /// the `earlier` releases of the same kind (any order).
    pub fn compute(input: &ReleaseInput, earlier: &[Release]) -> Release {
        let mut counts = Vec::new();
        for selection in Selection::all() {
            let members: Vec<&String> = input
                .members
                .iter()
                .filter(|(_, region)| selection.includes(*region))
                .map(|(code, _)| code)
                .collect();
            counts.push(CountRecord {
                key: "members".to_owned(),
                selection: selection.code().to_owned(),
                value: members.len() as u64,
                members: members.len(),
            });
            for (key, having) in &input.counts {
                counts.push(CountRecord {
                    key: key.clone(),
                    selection: selection.code().to_owned(),
                    value: members.iter().filter(|code| having.contains(code)).count() as u64,
                    members: members.len(),
                });
            }
        }
        let measures = input
            .measures
            .iter()
            .map(|measure| {
                let before: Vec<&MeasureRecord> = earlier
                    .iter()
                    .filter(|release| release.period < input.period)
                    .flat_map(|release| &release.measures)
                    .filter(|record| record.key == measure.key)
                    .collect();
                let built = measure_model(measure, &before);
                let decisions = built.model.protect();
                let cells = built
                    .current
                    .into_iter()
                    .enumerate()
                    .map(|(index, (selection, contributions, names))| {
                        let figure = built.offset + index;
                        let contributors = built.model.contributors(figure);
                        let shown_values = values(measure.statistic, &contributions);
                        let (decision, values, blocks) = match decisions[figure] {
                            Decision::Shown if !shown_values.is_empty() => {
                                ("shown", shown_values, names)
                            }
                            Decision::Complementary => (COMPLEMENTARY, Vec::new(), Vec::new()),
                            _ => (FEWER_THAN_MIN_OTHERS, Vec::new(), Vec::new()),
                        };
                        Cell {
                            selection: selection.code().to_owned(),
                            contributors,
                            decision: decision.to_owned(),
                            values,
                            blocks,
                        }
                    })
                    .collect();
                MeasureRecord {
                    key: measure.key.clone(),
                    statistic: measure.statistic,
                    cells,
                }
            })
            .collect();
        Release {
            period: input.period,
            counts,
            measures,
        }
    }

    pub fn period(&self) -> i32 {
        self.period
    }

    fn cell(&self, key: &str, selection: Selection) -> Option<&Cell> {
        self.measures
            .iter()
            .find(|measure| measure.key == key)?
            .cells
            .iter()
            .find(|cell| cell.selection == selection.code())
    }

    fn published(&self, key: &str, selection: Selection, index: usize) -> Published {
        let Some(cell) = self.cell(key, selection) else {
            return Published::unpublished();
        };
        match (cell.decision.as_str(), cell.values.get(index)) {
            ("shown", Some(value)) => Published::shown(*value, cell.contributors),
            (COMPLEMENTARY, _) => Published::withheld(COMPLEMENTARY, cell.contributors),
            _ => Published::withheld(FEWER_THAN_MIN_OTHERS, cell.contributors),
        }
    }

    /// A measure's figure for a selection (the weighted one for a share).
    pub fn figure(&self, key: &str, selection: Selection) -> Published {
        self.published(key, selection, 0)
    }

    /// A share's unweighted figure (each Member counting once).
    pub fn unweighted(&self, key: &str, selection: Selection) -> Published {
        self.published(key, selection, 1)
    }

    /// A public count of Members (`members`, or a key of
    /// [`ReleaseInput::counts`]) in a selection; its administrations are
    /// the selection's Members.
    pub fn count(&self, key: &str, selection: Selection) -> Published {
        self.counts
            .iter()
            .find(|count| count.key == key && count.selection == selection.code())
            .map_or_else(Published::unpublished, |count| {
                Published::shown(count.value as f64, count.members)
            })
    }

    /// How many figures of the release are shown and withheld, over every
    /// measure and selection: (shown, withheld by the primary rule,
    /// withheld as complementary). Figures without any contributor are
    /// not counted.
    pub fn tally(&self) -> (usize, usize, usize) {
        let mut tally = (0, 0, 0);
        for cell in self.measures.iter().flat_map(|m| &m.cells) {
            match cell.decision.as_str() {
                "shown" => tally.0 += 1,
                _ if cell.contributors == 0 => {}
                COMPLEMENTARY => tally.2 += 1,
                _ => tally.1 += 1,
            }
        }
        tally
    }

    /// Whether no figure of the release has any contributor (a year
    /// without data).
    pub fn is_empty(&self) -> bool {
        self.measures
            .iter()
            .flat_map(|m| &m.cells)
            .all(|cell| cell.contributors == 0)
    }

    /// The shown cells of every measure as the Members behind them, by
    /// measure key: what an auditor (or a test) checks the release with.
    pub fn shown_members(&self) -> BTreeMap<String, Vec<(String, Vec<String>)>> {
        self.measures
            .iter()
            .map(|measure| {
                (
                    measure.key.clone(),
                    measure
                        .cells
                        .iter()
                        .filter(|cell| cell.decision == "shown")
                        .map(|cell| (cell.selection.clone(), cell.blocks.clone()))
                        .collect(),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contribution(member: &str, region: Region, value: f64) -> Contribution {
        Contribution {
            member: member.to_owned(),
            region,
            components: vec![value],
        }
    }

    /// `n` Members of `region` named `{prefix}{i}` with value `i + 1`.
    fn members(prefix: &str, region: Region, n: usize) -> Vec<Contribution> {
        (0..n)
            .map(|i| contribution(&format!("{prefix}{i}"), region, (i + 1) as f64))
            .collect()
    }

    fn input(period: i32, contributions: Vec<Contribution>) -> ReleaseInput {
        ReleaseInput {
            period,
            members: contributions
                .iter()
                .map(|c| (c.member.clone(), c.region))
                .collect(),
            counts: Vec::new(),
            measures: vec![Measure {
                key: "trained".to_owned(),
                statistic: Statistic::Sum,
                contributions,
            }],
        }
    }

    #[test]
    fn global_minus_regions_cannot_reveal_a_small_region() {
        // Europe 8, Africa 7, the Americas 2 (withheld): the global figure
        // would give the Americas by subtraction, so the smaller shown
        // region goes too.
        let mut all = members("e", Region::Eur, 8);
        all.extend(members("w", Region::Wca, 7));
        all.extend(members("a", Region::Ams, 2));
        let release = Release::compute(&input(2024, all), &[]);
        let eur = release.figure("trained", Selection::Region(Region::Eur));
        let wca = release.figure("trained", Selection::Region(Region::Wca));
        let ams = release.figure("trained", Selection::Region(Region::Ams));
        let global = release.figure("trained", Selection::Global);
        assert_eq!(global.value(), Some(36.0 + 28.0 + 3.0));
        assert_eq!(eur.value(), Some(36.0));
        assert_eq!(wca.suppressed(), Some(COMPLEMENTARY));
        assert_eq!(wca.administrations(), 7);
        assert_eq!(ams.suppressed(), Some(FEWER_THAN_MIN_OTHERS));
        assert_eq!(ams.administrations(), 2);
        // Regions without anyone are withheld with zero administrations.
        assert_eq!(
            release
                .figure("trained", Selection::Region(Region::Ap))
                .administrations(),
            0
        );
        assert_eq!(release.tally(), (2, 1, 1));
    }

    #[test]
    fn one_new_member_in_a_period_cannot_be_read_from_two_releases() {
        let first = members("e", Region::Eur, 8);
        let before = Release::compute(&input(2024, first.clone()), &[]);
        assert!(
            before
                .figure("trained", Selection::Global)
                .value()
                .is_some()
        );
        // The same eight with the same values, and one newcomer.
        let mut second = first;
        second.push(contribution("new", Region::Eur, 100.0));
        let after = Release::compute(&input(2025, second.clone()), std::slice::from_ref(&before));
        assert_eq!(
            after.figure("trained", Selection::Global).suppressed(),
            Some(COMPLEMENTARY)
        );
        assert_eq!(
            after
                .figure("trained", Selection::Region(Region::Eur))
                .suppressed(),
            Some(COMPLEMENTARY)
        );
        // Five newcomers besides any one of them: the change may be shown.
        for i in 0..5 {
            second.push(contribution(&format!("n{i}"), Region::Eur, 10.0));
        }
        let after = Release::compute(&input(2025, second), &[before]);
        assert!(after.figure("trained", Selection::Global).value().is_some());
    }

    #[test]
    fn shares_have_a_weighted_and_an_unweighted_value() {
        let contributions: Vec<Contribution> = (0..6)
            .map(|i| Contribution {
                member: format!("m{i}"),
                region: Region::Eur,
                components: vec![f64::from(i), 10.0 * f64::from(i + 1)],
            })
            .collect();
        let release = Release::compute(
            &ReleaseInput {
                period: 2024,
                members: Vec::new(),
                counts: Vec::new(),
                measures: vec![Measure {
                    key: "women_staff".to_owned(),
                    statistic: Statistic::Share,
                    contributions,
                }],
            },
            &[],
        );
        // 15 women of 210 staff; mean of 0, 5, 6.67, 7.5, 8, 8.33 %.
        assert_eq!(
            release.figure("women_staff", Selection::Global).value(),
            Some(7.1)
        );
        assert_eq!(
            release.unweighted("women_staff", Selection::Global).value(),
            Some(5.9)
        );
    }

    #[test]
    fn a_release_survives_being_kept_as_json() {
        let release = Release::compute(&input(2024, members("e", Region::Eur, 9)), &[]);
        let text = serde_json::to_string(&release).expect("serialisable");
        let back: Release = serde_json::from_str(&text).expect("readable");
        assert_eq!(back, release);
        assert_eq!(
            back.count("members", Selection::Region(Region::Eur))
                .value(),
            Some(9.0)
        );
    }
}
