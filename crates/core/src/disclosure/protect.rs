//! Choosing what to publish: primary suppression per figure, then
//! complementary (secondary) suppression until the audit finds nothing.
//!
//! A *figure* is what a reader sees as one number (or one gap: women's and
//! men's means together); it is made of one or more *cells*, each a sum of
//! blocks (see [`super::audit`]). A figure is shown or withheld as a whole.
//!
//! 1. **Primary**: a figure is withheld when one of its cells has fewer than
//!    the threshold of contributors, counting, when each contributor may be
//!    the reader ([`Model::coalitions`]), the others only: a cell needs
//!    `threshold + 1` contributors so that any one of them still faces
//!    `threshold` others.
//! 2. **Complementary**: while the audit finds a readable small combination,
//!    withhold the candidate figure of least loss (its contributors, then
//!    its declared order) whose withholding makes that combination
//!    unreadable; if no single figure does, the cheapest one taking part in
//!    it. Each step withholds one more figure, so this ends.
//! 3. **Clean-up**: complementary figures are tried again, most valuable
//!    first; one whose return keeps the audit clean is shown again. No
//!    single complementary figure of the result can be shown without an
//!    exposure (the pattern is irredundant), and a withheld figure that the
//!    shown ones already determine is always shown again (it adds nothing).
//!
//! Figures already published in an earlier release are fixed as shown: a
//! new period is audited together with everything released before it.

use super::audit::find_exposure_for_any;
use super::owners::Owners;

/// What a figure is before protection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// To decide.
    Candidate,
    /// Already published (an earlier release): it stays shown, and counts
    /// in the audit.
    Published,
    /// Already withheld (a report protected before): it stays withheld.
    Withheld,
}

/// One figure of the model.
#[derive(Debug, Clone)]
pub struct FigureSpec {
    /// Indices into [`Model::cells`].
    pub cells: Vec<usize>,
    pub status: Status,
    /// Among figures of the same loss, a lower rank is withheld first.
    pub rank: u32,
}

/// The decision for one figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Shown,
    /// Too few contributors behind it.
    Primary,
    /// Withheld so that another withheld figure cannot be worked out.
    Complementary,
    /// Withheld before protection ([`Status::Withheld`]).
    Withheld,
}

/// Everything protection needs: contributors, blocks, cells and figures.
#[derive(Debug, Clone)]
pub struct Model {
    /// Contributors a published combination must involve at the least.
    pub threshold: usize,
    /// Each contributor may be the reader and knows its own blocks.
    pub coalitions: bool,
    /// The contributors of each block.
    pub blocks: Vec<Owners>,
    /// Each cell: the blocks it sums.
    pub cells: Vec<Vec<usize>>,
    pub figures: Vec<FigureSpec>,
}

impl Model {
    /// Distinct contributors of a figure's cells together.
    pub fn contributors(&self, figure: usize) -> usize {
        self.figures[figure]
            .cells
            .iter()
            .flat_map(|&cell| &self.cells[cell])
            .fold(Owners::default(), |all, &block| {
                all.union(&self.blocks[block])
            })
            .len()
    }

    /// The fewest contributors a cell must have to be shown.
    fn primary_minimum(&self) -> usize {
        self.threshold + usize::from(self.coalitions)
    }

    fn is_primary(&self, figure: usize) -> bool {
        self.figures[figure].cells.iter().any(|&cell| {
            self.cells[cell]
                .iter()
                .fold(Owners::default(), |all, &block| {
                    all.union(&self.blocks[block])
                })
                .len()
                < self.primary_minimum()
        })
    }

    /// The cells of the shown figures, with the figure each comes from.
    fn shown_cells(&self, decisions: &[Decision]) -> (Vec<&[usize]>, Vec<usize>) {
        let mut cells = Vec::new();
        let mut owners = Vec::new();
        for (figure, spec) in self.figures.iter().enumerate() {
            if decisions[figure] == Decision::Shown {
                for &cell in &spec.cells {
                    cells.push(self.cells[cell].as_slice());
                    owners.push(figure);
                }
            }
        }
        (cells, owners)
    }

    /// Whether the shown figures of `decisions` pass the audit.
    pub fn is_safe(&self, decisions: &[Decision]) -> bool {
        let (cells, _) = self.shown_cells(decisions);
        find_exposure_for_any(&self.blocks, &cells, self.threshold, self.coalitions).is_none()
    }

    /// The least-loss order of candidates: fewer contributors first, then
    /// lower rank, then declaration order.
    fn loss_order(&self, figures: impl Iterator<Item = usize>) -> Vec<usize> {
        let mut order: Vec<(usize, u32, usize)> = figures
            .map(|figure| (self.contributors(figure), self.figures[figure].rank, figure))
            .collect();
        order.sort_unstable();
        order.into_iter().map(|(_, _, figure)| figure).collect()
    }

    /// Decides every figure (see the module documentation).
    pub fn protect(&self) -> Vec<Decision> {
        let mut decisions: Vec<Decision> = (0..self.figures.len())
            .map(|figure| match self.figures[figure].status {
                Status::Published => Decision::Shown,
                Status::Withheld => Decision::Withheld,
                Status::Candidate if self.is_primary(figure) => Decision::Primary,
                Status::Candidate => Decision::Shown,
            })
            .collect();
        loop {
            let (cells, cell_figure) = self.shown_cells(&decisions);
            let Some(exposure) =
                find_exposure_for_any(&self.blocks, &cells, self.threshold, self.coalitions)
            else {
                break;
            };
            let candidates = self.loss_order((0..self.figures.len()).filter(|&figure| {
                decisions[figure] == Decision::Shown
                    && self.figures[figure].status == Status::Candidate
            }));
            let cells_of = |figures: &[usize]| -> Vec<usize> {
                (0..cells.len())
                    .filter(|&cell| figures.contains(&cell_figure[cell]))
                    .collect()
            };
            // The cheapest one or two figures whose withholding makes the
            // combination unreadable (a total and its copy, a group's total
            // and basic pay, often go together).
            let mut options: Vec<(usize, Vec<usize>)> = Vec::new();
            for (i, &first) in candidates.iter().enumerate() {
                options.push((self.contributors(first), vec![first]));
                for &second in &candidates[i + 1..] {
                    options.push((
                        self.contributors(first) + self.contributors(second),
                        vec![first, second],
                    ));
                }
            }
            options.sort_by_key(|(loss, figures)| (*loss, figures.len()));
            let breaking = options
                .into_iter()
                .map(|(_, figures)| figures)
                .find(|figures| !exposure.survives_without(&cells_of(figures)));
            let taking_part = || {
                candidates
                    .iter()
                    .copied()
                    .find(|&figure| cells_of(&[figure]).iter().any(|&c| exposure.touches(c)))
                    .map(|figure| vec![figure])
            };
            match breaking
                .or_else(taking_part)
                .or_else(|| candidates.first().map(|&figure| vec![figure]))
            {
                Some(figures) => {
                    for figure in figures {
                        decisions[figure] = Decision::Complementary;
                    }
                }
                // Only earlier releases remain: nothing more can be withheld.
                None => break,
            }
        }
        // Clean-up: most valuable complementary figures first.
        let mut complementary = self.loss_order(
            (0..self.figures.len()).filter(|&figure| decisions[figure] == Decision::Complementary),
        );
        complementary.reverse();
        for figure in complementary {
            decisions[figure] = Decision::Shown;
            if !self.is_safe(&decisions) {
                decisions[figure] = Decision::Complementary;
            }
        }
        decisions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Members `0..n`, one block each; figures = cells (one per figure).
    fn hierarchy(n: u32, cells: Vec<Vec<usize>>, coalitions: bool) -> Model {
        let figures = (0..cells.len())
            .map(|cell| FigureSpec {
                cells: vec![cell],
                status: Status::Candidate,
                rank: 0,
            })
            .collect();
        Model {
            threshold: 5,
            coalitions,
            blocks: (0..n).map(Owners::one).collect(),
            cells,
            figures,
        }
    }

    fn range(start: usize, end: usize) -> Vec<usize> {
        (start..end).collect()
    }

    #[test]
    fn one_small_region_costs_the_smallest_other_region() {
        // Global 0..30; regions of 12, 3, 7 and 8 Members.
        let model = hierarchy(
            30,
            vec![
                range(0, 30),
                range(0, 12),
                range(12, 15),
                range(15, 22),
                range(22, 30),
            ],
            false,
        );
        assert_eq!(
            model.protect(),
            [
                Decision::Shown,
                Decision::Shown,
                Decision::Primary,
                Decision::Complementary,
                Decision::Shown
            ]
        );
    }

    #[test]
    fn a_region_of_five_is_withheld_when_each_member_may_read_it() {
        let model = hierarchy(5, vec![range(0, 5)], true);
        assert_eq!(model.protect(), [Decision::Primary]);
        let model = hierarchy(6, vec![range(0, 6)], true);
        assert_eq!(model.protect(), [Decision::Shown]);
    }

    #[test]
    fn without_a_total_nothing_needs_complementary_suppression() {
        let model = hierarchy(20, vec![range(0, 10), range(10, 13), range(13, 20)], true);
        assert_eq!(
            model.protect(),
            [Decision::Shown, Decision::Primary, Decision::Shown]
        );
    }

    #[test]
    fn earlier_releases_count_in_the_audit_and_stay_shown() {
        // Last period's total over 0..10 is public; this period adds
        // Member 10 alone: the new total would reveal it.
        let model = Model {
            threshold: 5,
            coalitions: false,
            blocks: (0..11).map(Owners::one).collect(),
            cells: vec![range(0, 10), range(0, 11)],
            figures: vec![
                FigureSpec {
                    cells: vec![0],
                    status: Status::Published,
                    rank: 0,
                },
                FigureSpec {
                    cells: vec![1],
                    status: Status::Candidate,
                    rank: 0,
                },
            ],
        };
        assert_eq!(model.protect(), [Decision::Shown, Decision::Complementary]);
    }
}
