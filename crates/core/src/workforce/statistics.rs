//! The statistics of issue 5, from the valid rows kept in columns.

use super::{
    Band, CategoryGaps, Flow, Flows, Gap, GroupCount, Headcount, ManagementLevel, ReportOptions,
    Representation, Sex, VariablePayReceipt, WorkforceReport, quartiles, share,
};

/// Event flags of a worker in the reference year.
pub(crate) const HIRED: u8 = 1;
pub(crate) const EXITED: u8 = 2;
pub(crate) const PROMOTED: u8 = 4;
/// Weeks in a year for the hourly rates.
const WEEKS_PER_YEAR: f64 = 52.0;
/// Article 10's trigger: a mean gap of at least 5 % either way.
const JOINT_ASSESSMENT_THRESHOLD_PCT: f64 = 5.0;

/// One valid row as the statistics need it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Worker {
    pub sex: Sex,
    pub grade: u32,
    pub category: u32,
    pub level: ManagementLevel,
    pub events: u8,
    pub annual_basic_pay: f64,
    pub annual_variable_pay: f64,
    pub weekly_hours: f64,
}

/// The valid rows, column by column: about 30 bytes a worker, nothing else is
/// kept (no id, no free text).
#[derive(Debug, Default)]
pub(crate) struct Population {
    sex: Vec<u8>,
    grade: Vec<u32>,
    category: Vec<u32>,
    level: Vec<u8>,
    events: Vec<u8>,
    hourly_pay: Vec<f64>,
    hourly_basic: Vec<f64>,
    variable: Vec<f64>,
}

impl Population {
    pub(crate) fn len(&self) -> usize {
        self.sex.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.sex.is_empty()
    }

    pub(crate) fn reserve(&mut self, additional: usize) {
        self.sex.reserve(additional);
        self.grade.reserve(additional);
        self.category.reserve(additional);
        self.level.reserve(additional);
        self.events.reserve(additional);
        self.hourly_pay.reserve(additional);
        self.hourly_basic.reserve(additional);
        self.variable.reserve(additional);
    }

    pub(crate) fn push(&mut self, worker: Worker) {
        let hours_per_year = worker.weekly_hours * WEEKS_PER_YEAR;
        self.sex.push(worker.sex as u8);
        self.grade.push(worker.grade);
        self.category.push(worker.category);
        self.level.push(worker.level as u8);
        self.events.push(worker.events);
        self.hourly_pay
            .push((worker.annual_basic_pay + worker.annual_variable_pay) / hours_per_year);
        self.hourly_basic
            .push(worker.annual_basic_pay / hours_per_year);
        self.variable.push(worker.annual_variable_pay);
    }

    /// Appends `other` without the rows in `skip` (sorted indices), renumbering
    /// grades and categories through the maps.
    pub(crate) fn append_from(
        &mut self,
        other: &Population,
        grade_map: &[u32],
        category_map: &[u32],
        skip: &[usize],
    ) {
        let mut start = 0;
        for end in skip.iter().copied().chain(std::iter::once(other.len())) {
            let range = start..end;
            self.sex.extend_from_slice(&other.sex[range.clone()]);
            self.grade.extend(
                other.grade[range.clone()]
                    .iter()
                    .map(|&g| grade_map.get(g as usize).copied().unwrap_or_default()),
            );
            self.category.extend(
                other.category[range.clone()]
                    .iter()
                    .map(|&c| category_map.get(c as usize).copied().unwrap_or_default()),
            );
            self.level.extend_from_slice(&other.level[range.clone()]);
            self.events.extend_from_slice(&other.events[range.clone()]);
            self.hourly_pay
                .extend_from_slice(&other.hourly_pay[range.clone()]);
            self.hourly_basic
                .extend_from_slice(&other.hourly_basic[range.clone()]);
            self.variable.extend_from_slice(&other.variable[range]);
            start = end + 1;
        }
    }
}

const FEMALE: u8 = Sex::Female as u8;
const MALE: u8 = Sex::Male as u8;

/// Counts by sex code (F, M, X, U).
type BySex = [u64; 4];

fn group(name: String, counts: BySex) -> GroupCount {
    let total = counts.iter().sum();
    GroupCount {
        name,
        female: counts[0],
        male: counts[1],
        other: counts[2],
        unknown: counts[3],
        total,
        female_share_pct: share(counts[0], total),
    }
}

/// Neumaier-compensated mean: close to exact, so it barely depends on the
/// order of the rows.
fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let (mut sum, mut compensation) = (0.0_f64, 0.0_f64);
    for &value in values {
        let t = sum + value;
        if sum.abs() >= value.abs() {
            compensation += (sum - t) + value;
        } else {
            compensation += (value - t) + sum;
        }
        sum = t;
    }
    Some((sum + compensation) / values.len() as f64)
}

/// Median, the mean of the two middle values for an even count. Reorders
/// `values`.
fn median(values: &mut [f64]) -> Option<f64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let (lower, upper, _) = values.select_nth_unstable_by(n / 2, f64::total_cmp);
    let upper = *upper;
    if n % 2 == 1 {
        return Some(upper);
    }
    let below = lower.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Some((below + upper) / 2.0)
}

/// Median of sorted values.
fn sorted_median(values: &[f64]) -> Option<f64> {
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    }
}

/// `(male − female) / male × 100`; `None` when a side is missing, the male
/// value is 0, or the result is not a finite number.
pub(crate) fn gap(male: Option<f64>, female: Option<f64>) -> Option<f64> {
    let (male, female) = (male?, female?);
    if male == 0.0 {
        return None;
    }
    Some(100.0 * (male - female) / male).filter(|g| g.is_finite())
}

/// Mean and median gaps of two samples (reordered by the median).
fn gaps(male: &mut [f64], female: &mut [f64]) -> Gap {
    Gap {
        mean_pct: gap(mean(male), mean(female)),
        median_pct: gap(median(male), median(female)),
        withheld: None,
    }
}

fn sort(values: &mut [f64]) {
    values.sort_unstable_by(f64::total_cmp);
}

/// All the figures of the report.
pub(crate) fn compute(
    population: &Population,
    grades: &[String],
    categories: &[String],
    flows_present: [bool; 3],
    options: &ReportOptions,
    rejected_rows: u64,
    threads: usize,
) -> WorkforceReport {
    let n = population.len();
    let mut workers: BySex = [0; 4];
    let mut by_grade: Vec<BySex> = vec![[0; 4]; grades.len()];
    let mut by_category: Vec<BySex> = vec![[0; 4]; categories.len()];
    // Receivers of variable pay by category and sex: disclosure control
    // needs them to protect the variable-pay figures.
    let mut receivers_by_category: Vec<BySex> = vec![[0; 4]; categories.len()];
    let mut by_level: [BySex; 4] = [[0; 4]; 4];
    let mut events: [BySex; 3] = [[0; 4]; 3];
    for i in 0..n {
        let sex = usize::from(population.sex[i]);
        workers[sex] += 1;
        by_grade[population.grade[i] as usize][sex] += 1;
        by_category[population.category[i] as usize][sex] += 1;
        if population.variable[i] > 0.0 {
            receivers_by_category[population.category[i] as usize][sex] += 1;
        }
        by_level[usize::from(population.level[i])][sex] += 1;
        let flags = population.events[i];
        for (event, flag) in [HIRED, EXITED, PROMOTED].into_iter().enumerate() {
            if flags & flag != 0 {
                events[event][sex] += 1;
            }
        }
    }

    let overall = || overall_pay(population, workers);
    let per_category = || {
        category_gaps(
            population,
            categories,
            &by_category,
            &receivers_by_category,
            options,
        )
    };
    let ((pay_gap, variable_pay_gap, quartiles), categories) = if threads > 1 {
        std::thread::scope(|scope| {
            let handle = scope.spawn(per_category);
            let overall = overall();
            let categories = handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (overall, categories)
        })
    } else {
        (overall(), per_category())
    };

    let receivers = |sex: u8| {
        (0..n)
            .filter(|&i| population.sex[i] == sex && population.variable[i] > 0.0)
            .count() as u64
    };
    let variable_pay_receipt = VariablePayReceipt {
        female_pct: share(receivers(FEMALE), workers[0]),
        male_pct: share(receivers(MALE), workers[1]),
        withheld: None,
    };

    let flow = |event: usize| {
        flows_present[event].then(|| {
            let counts = events[event];
            let rate = |sex: usize| share(counts[sex], workers[sex]);
            let total = counts.iter().sum();
            Flow {
                total,
                female: counts[0],
                male: counts[1],
                other: counts[2],
                unknown: counts[3],
                female_rate_pct: rate(0),
                male_rate_pct: rate(1),
                other_rate_pct: rate(2),
                unknown_rate_pct: rate(3),
                female_share_pct: share(counts[0], total),
            }
        })
    };

    WorkforceReport {
        reference_year: options.reference_year,
        workers: Headcount {
            total: workers.iter().sum(),
            female: workers[0],
            male: workers[1],
            other: workers[2],
            unknown: workers[3],
        },
        pay_gap,
        variable_pay_gap,
        variable_pay_receipt,
        quartiles,
        categories,
        representation: Representation {
            by_grade: grades
                .iter()
                .zip(by_grade)
                .map(|(name, counts)| group(name.clone(), counts))
                .collect(),
            by_management_level: ManagementLevel::ALL
                .into_iter()
                .zip(by_level)
                .map(|(level, counts)| group(level.as_str().to_owned(), counts))
                .collect(),
        },
        flows: Flows {
            hires: flow(0),
            exits: flow(1),
            promotions: flow(2),
        },
        rejected_rows,
    }
}

/// Indicators (a) to (d) and (f).
fn overall_pay(population: &Population, workers: BySex) -> (Gap, Gap, Vec<super::QuartileBand>) {
    let mut female_pay = Vec::with_capacity(workers[0] as usize);
    let mut male_pay = Vec::with_capacity(workers[1] as usize);
    let mut female_variable = Vec::new();
    let mut male_variable = Vec::new();
    for i in 0..population.len() {
        let (pay, variable) = (population.hourly_pay[i], population.variable[i]);
        match population.sex[i] {
            FEMALE => {
                female_pay.push(pay);
                if variable > 0.0 {
                    female_variable.push(variable);
                }
            }
            MALE => {
                male_pay.push(pay);
                if variable > 0.0 {
                    male_variable.push(variable);
                }
            }
            _ => {}
        }
    }
    // Sorted, the pay serves the medians, the quartiles and an order-free mean.
    sort(&mut female_pay);
    sort(&mut male_pay);
    let pay_gap = Gap {
        mean_pct: gap(mean(&male_pay), mean(&female_pay)),
        median_pct: gap(sorted_median(&male_pay), sorted_median(&female_pay)),
        withheld: None,
    };
    let variable_pay_gap = gaps(&mut male_variable, &mut female_variable);
    let quartiles = quartiles::bands(&female_pay, &male_pay);
    debug_assert_eq!(quartiles.len(), Band::ALL.len());
    (pay_gap, variable_pay_gap, quartiles)
}

/// Indicator (g): each category's gaps, computed only for the categories
/// that are not suppressed.
fn category_gaps(
    population: &Population,
    names: &[String],
    counts: &[BySex],
    receivers: &[BySex],
    options: &ReportOptions,
) -> Vec<CategoryGaps> {
    let min_group = u64::from(options.min_group);
    let suppressed: Vec<bool> = counts
        .iter()
        .map(|c| c[0] < min_group || c[1] < min_group)
        .collect();
    // Bucket F and M workers of the computed categories by (category, sex):
    // a counting sort keeps it to two passes and three flat arrays.
    let bucket_count = names.len() * 2;
    let bucket_of = |i: usize| -> Option<usize> {
        let sex = population.sex[i];
        let category = population.category[i] as usize;
        (sex <= MALE && !suppressed[category]).then(|| category * 2 + usize::from(sex))
    };
    let mut starts = vec![0_usize; bucket_count + 1];
    let mut receiver_starts = vec![0_usize; bucket_count + 1];
    for i in 0..population.len() {
        if let Some(bucket) = bucket_of(i) {
            starts[bucket + 1] += 1;
            if population.variable[i] > 0.0 {
                receiver_starts[bucket + 1] += 1;
            }
        }
    }
    for b in 0..bucket_count {
        starts[b + 1] += starts[b];
        receiver_starts[b + 1] += receiver_starts[b];
    }
    let mut basic = vec![0.0; starts[bucket_count]];
    let mut total = vec![0.0; starts[bucket_count]];
    let mut variable = vec![0.0; receiver_starts[bucket_count]];
    let mut next = starts.clone();
    let mut next_receiver = receiver_starts.clone();
    for i in 0..population.len() {
        if let Some(bucket) = bucket_of(i) {
            basic[next[bucket]] = population.hourly_basic[i];
            total[next[bucket]] = population.hourly_pay[i];
            next[bucket] += 1;
            if population.variable[i] > 0.0 {
                variable[next_receiver[bucket]] = population.variable[i];
                next_receiver[bucket] += 1;
            }
        }
    }
    let pair = |values: &mut [f64], bounds: &[usize], category: usize| {
        let (f, m) = (category * 2, category * 2 + 1);
        let (female, rest) = values[bounds[f]..bounds[m + 1]].split_at_mut(bounds[m] - bounds[f]);
        gaps(rest, female)
    };
    names
        .iter()
        .enumerate()
        .map(|(category, name)| {
            let c = counts[category];
            let base = CategoryGaps {
                category: name.clone(),
                female: c[0],
                male: c[1],
                other: c[2],
                unknown: c[3],
                suppressed: suppressed[category],
                suppressed_reason: None,
                min_group: options.min_group,
                female_receivers: Some(receivers[category][0]),
                male_receivers: Some(receivers[category][1]),
                basic_pay_gap: Gap::default(),
                variable_pay_gap: Gap::default(),
                total_pay_gap: Gap::default(),
                joint_assessment_required: false,
            };
            if suppressed[category] {
                return CategoryGaps {
                    suppressed_reason: Some("fewer_than_min_group".to_owned()),
                    ..base
                };
            }
            let total_pay_gap = pair(&mut total, &starts, category);
            CategoryGaps {
                basic_pay_gap: pair(&mut basic, &starts, category),
                variable_pay_gap: pair(&mut variable, &receiver_starts, category),
                joint_assessment_required: total_pay_gap
                    .mean_pct
                    .is_some_and(|g| g.abs() >= JOINT_ASSESSMENT_THRESHOLD_PCT),
                total_pay_gap,
                ..base
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_of_even_counts_are_the_mean_of_the_middle_pair() {
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&mut [5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(&mut []), None);
        assert_eq!(sorted_median(&[1.0, 2.0, 3.0, 4.0]), Some(2.5));
    }

    #[test]
    fn gaps_use_the_male_value_as_denominator() {
        assert_eq!(gap(Some(20.0), Some(19.0)), Some(5.0));
        assert_eq!(gap(Some(10.0), Some(12.0)), Some(-20.0));
        assert_eq!(gap(Some(0.0), Some(1.0)), None);
        assert_eq!(gap(None, Some(1.0)), None);
        assert_eq!(gap(Some(f64::INFINITY), Some(1.0)), None);
    }
}
