//! The attacker's side: given the published cells, can anyone read the
//! combined data of fewer than the threshold of contributors?
//!
//! # The model
//! Contributors' values are grouped in *blocks*: variables that always
//! appear together in the published cells (one Member's value of a measure
//! in a period; the basic pay of the women of one category). A published
//! cell is the sum of some blocks, so an attacker knows exactly the linear
//! combinations of blocks in the row space of the published cells. A
//! coalition (a Member asking, who knows its own values) also knows its own
//! blocks: it reads every combination of the *other* blocks that is in the
//! row space once its own blocks are set to zero.
//!
//! # The criterion
//! The published cells are safe when no non-zero combination in that row
//! space involves fewer than `threshold` distinct contributors: neither one
//! contributor's value (a unit vector), nor a withheld cell (a sum of 3
//! Members), nor any other small sum (the difference of two overlapping
//! selections). This is stronger than testing only the primary suppressed
//! cells, and it is decided exactly:
//!
//! 1. Blocks that appear in the same published cells are merged into
//!    *atoms*; every combination the attacker can read is constant on each
//!    atom, so atoms are the coordinates (a hierarchy of 186 Members and 7
//!    cells has at most 7 atoms per period).
//! 2. Atoms with at least `threshold` contributors cannot be part of a small
//!    combination. Putting them first and eliminating, the rows whose pivot
//!    falls among the small atoms span exactly the readable combinations
//!    that avoid the large atoms (the subspace `U`).
//! 3. The smallest combinations of `U` are its circuits: each is the unique
//!    vector of `U` vanishing on some `dim U − 1` coordinates. They are
//!    enumerated; one with fewer than `threshold` contributors is an
//!    exposure. When the enumeration would be too long (never for
//!    gedhub's tables), or the exact arithmetic would overflow, the first
//!    vector of `U` is reported as an exposure: undecided counts as unsafe.

use std::collections::HashMap;

use super::exact::{Echelon, Overflow, Row};
use super::owners::{Owner, Owners};

/// At most this many circuit candidates are examined before the audit
/// gives up and calls the pattern unsafe.
const CIRCUIT_BUDGET: usize = 50_000;

/// The published cells over atoms, for one coalition.
#[derive(Debug, Clone)]
pub(crate) struct AtomSpace {
    /// The contributors of each atom (the coalition removed).
    atoms: Vec<Owners>,
    /// One 0/1 row per published cell, in the order given.
    rows: Vec<Row>,
}

impl AtomSpace {
    /// Groups the blocks of `shown` cells into atoms. `coalition`'s own
    /// contributions are known to the attacker: they are left out.
    pub(crate) fn new(blocks: &[Owners], shown: &[&[usize]], coalition: Option<Owner>) -> Self {
        let mut signatures: Vec<Vec<usize>> = vec![Vec::new(); blocks.len()];
        for (cell, members) in shown.iter().enumerate() {
            for &block in members.iter() {
                if let Some(signature) = signatures.get_mut(block)
                    && signature.last() != Some(&cell)
                {
                    signature.push(cell);
                }
            }
        }
        let mut index: HashMap<Vec<usize>, usize> = HashMap::new();
        let mut atoms: Vec<Owners> = Vec::new();
        let mut atom_cells: Vec<Vec<usize>> = Vec::new();
        for (block, signature) in signatures.into_iter().enumerate() {
            if signature.is_empty() {
                continue;
            }
            let owners = match coalition {
                Some(owner) => blocks[block].without(owner),
                None => blocks[block].clone(),
            };
            if owners.is_empty() {
                continue;
            }
            match index.get(&signature) {
                Some(&atom) => atoms[atom] = atoms[atom].union(&owners),
                None => {
                    index.insert(signature.clone(), atoms.len());
                    atoms.push(owners);
                    atom_cells.push(signature);
                }
            }
        }
        let mut rows = vec![vec![0; atoms.len()]; shown.len()];
        for (atom, cells) in atom_cells.iter().enumerate() {
            for &cell in cells {
                rows[cell][atom] = 1;
            }
        }
        AtomSpace { atoms, rows }
    }

    /// The owners of the atoms where `vector` is not zero.
    fn owners_of(&self, vector: &[i128]) -> Owners {
        vector
            .iter()
            .zip(&self.atoms)
            .filter(|(x, _)| **x != 0)
            .fold(Owners::default(), |all, (_, owners)| all.union(owners))
    }

    /// Owners of atoms with at most `limit` contributors: the only ones
    /// whose knowledge of their own values can change the audit.
    pub(crate) fn owners_of_atoms_up_to(&self, limit: usize) -> Vec<Owner> {
        let mut owners: Vec<Owner> = self
            .atoms
            .iter()
            .filter(|owners| owners.len() <= limit)
            .flat_map(|owners| owners.iter().collect::<Vec<_>>())
            .collect();
        owners.sort_unstable();
        owners.dedup();
        owners
    }
}

/// A readable combination of fewer than the threshold of contributors.
#[derive(Debug, Clone)]
pub struct Exposure {
    /// The Member whose own knowledge the attack uses, if any.
    pub coalition: Option<Owner>,
    /// The contributors whose combined data would be revealed.
    pub owners: Owners,
    /// The combination, over the atoms of `space`.
    vector: Row,
    space: AtomSpace,
}

impl Exposure {
    /// Whether the revealing combination can still be read once the given
    /// published cells (indices into the list audited) are withheld.
    pub(crate) fn survives_without(&self, withheld: &[usize]) -> bool {
        let rows: Vec<Row> = self
            .space
            .rows
            .iter()
            .enumerate()
            .filter(|(cell, _)| !withheld.contains(cell))
            .map(|(_, row)| row.clone())
            .collect();
        // Undecided (overflow) counts as still exposed.
        Echelon::of(rows)
            .and_then(|echelon| echelon.spans(&self.vector))
            .unwrap_or(true)
    }

    /// Whether published cell `cell` (an index into the list audited) takes
    /// part in the revealing combination's atoms.
    pub(crate) fn touches(&self, cell: usize) -> bool {
        self.space.rows.get(cell).is_some_and(|row| {
            row.iter()
                .zip(&self.vector)
                .any(|(a, b)| *a != 0 && *b != 0)
        })
    }
}

/// The k-subsets of `0..n`, in lexicographic order, at most `budget` of them
/// (`None` when there are more).
fn combinations(n: usize, k: usize, budget: usize) -> Option<Vec<Vec<usize>>> {
    let mut all = Vec::new();
    if k > n {
        return Some(all);
    }
    let mut current: Vec<usize> = (0..k).collect();
    loop {
        if all.len() == budget {
            return None;
        }
        all.push(current.clone());
        // The rightmost position that can still move right.
        let Some(i) = (0..k).rev().find(|&i| current[i] < n - k + i) else {
            return Some(all);
        };
        current[i] += 1;
        for j in i + 1..k {
            current[j] = current[j - 1] + 1;
        }
    }
}

/// Reorders the entries of `row` so that `order[j]` becomes column `j`.
fn permute(row: &[i128], order: &[usize]) -> Row {
    order.iter().map(|&j| row[j]).collect()
}

/// A readable combination of fewer than `threshold` contributors in
/// `space`, or `None`. Undecided cases answer with a combination too.
fn small_combination(space: &AtomSpace, threshold: usize) -> Option<Row> {
    let atoms = space.atoms.len();
    let small: Vec<usize> = (0..atoms)
        .filter(|&a| space.atoms[a].len() < threshold)
        .collect();
    if small.is_empty() {
        return None;
    }
    let large: Vec<usize> = (0..atoms).filter(|a| !small.contains(a)).collect();
    let order: Vec<usize> = large.iter().chain(&small).copied().collect();
    let permuted: Vec<Row> = space.rows.iter().map(|row| permute(row, &order)).collect();
    let unsafe_first = |rows: &[Row]| {
        // Undecided: the first readable row is reported, mapped back.
        let row = rows.first().cloned().unwrap_or_default();
        let mut vector = vec![0; atoms];
        for (position, &atom) in order.iter().enumerate() {
            vector[atom] = row.get(position).copied().unwrap_or(0);
        }
        Some(vector)
    };
    let echelon = match Echelon::of(permuted.clone()) {
        Ok(echelon) => echelon,
        Err(Overflow) => return unsafe_first(&permuted),
    };
    // Rows pivoting among the small atoms are zero on the large ones.
    let basis: Vec<Row> = echelon
        .rows()
        .iter()
        .filter(|(pivot, _)| *pivot >= large.len())
        .map(|(_, row)| row[large.len()..].to_vec())
        .collect();
    if basis.is_empty() {
        return None;
    }
    let to_atoms = |values: &[i128], columns: &[usize]| {
        let mut vector = vec![0; atoms];
        for (&value, &column) in values.iter().zip(columns) {
            vector[small[column]] = value;
        }
        vector
    };
    // Only the columns where U is not identically zero matter.
    let support: Vec<usize> = (0..small.len())
        .filter(|&j| basis.iter().any(|row| row[j] != 0))
        .collect();
    let reduced: Vec<Row> = basis.iter().map(|row| permute(row, &support)).collect();
    let undecided = || Some(to_atoms(&reduced[0], &support));
    let owners: Vec<&Owners> = support.iter().map(|&j| &space.atoms[small[j]]).collect();
    let found = if count_circuits(support.len(), reduced.len())
        <= count_small_sets(support.len(), threshold)
    {
        smallest_circuit(&reduced, &owners, threshold)
    } else {
        small_support(&reduced, &owners, threshold)
    };
    match found {
        Ok(Some((values, columns))) => {
            let columns: Vec<usize> = columns.iter().map(|&j| support[j]).collect();
            Some(to_atoms(&values, &columns))
        }
        Ok(None) => None,
        Err(Overflow) => undecided(),
    }
}

/// How many coordinate sets the circuit search would try: C(n, d − 1).
fn count_circuits(n: usize, dimension: usize) -> usize {
    binomial(n, dimension.saturating_sub(1))
}

/// How many sets of fewer than `threshold` coordinates there are (each has
/// at least one contributor): Σ C(n, j), j < threshold.
fn count_small_sets(n: usize, threshold: usize) -> usize {
    (1..threshold.min(n + 1)).fold(0_usize, |sum, j| sum.saturating_add(binomial(n, j)))
}

fn binomial(n: usize, k: usize) -> usize {
    if k > n {
        return 0;
    }
    (0..k.min(n - k)).fold(1_usize, |c, i| c.saturating_mul(n - i) / (i + 1))
}

/// A vector of the span of `basis` (rows over the columns `0..n`) living
/// only on the columns `inside`, if there is one: with the other columns
/// eliminated first, a row pivoting among `inside` is zero elsewhere.
/// Returns its values and their columns, in the permuted order.
fn vector_inside(basis: &[Row], inside: &[usize]) -> Result<Option<(Row, Vec<usize>)>, Overflow> {
    let columns = basis.first().map_or(0, Vec::len);
    let outside: Vec<usize> = (0..columns).filter(|j| !inside.contains(j)).collect();
    let order: Vec<usize> = outside.iter().chain(inside).copied().collect();
    let rows: Vec<Row> = basis.iter().map(|row| permute(row, &order)).collect();
    let echelon = Echelon::of(rows)?;
    Ok(echelon
        .rows()
        .iter()
        .find(|(pivot, _)| *pivot >= outside.len())
        .map(|(_, row)| (row.clone(), order.clone())))
}

/// The circuits of the space (each the unique vector vanishing on some
/// `dim − 1` coordinates), until one has fewer than `threshold`
/// contributors. More candidates than the budget: undecided.
fn smallest_circuit(
    basis: &[Row],
    owners: &[&Owners],
    threshold: usize,
) -> Result<Option<(Row, Vec<usize>)>, Overflow> {
    let n = owners.len();
    let dimension = basis.len();
    let Some(zero_sets) = combinations(n, dimension - 1, CIRCUIT_BUDGET) else {
        return Err(Overflow);
    };
    for zeros in zero_sets {
        let rest: Vec<usize> = (0..n).filter(|j| !zeros.contains(j)).collect();
        let order: Vec<usize> = zeros.iter().chain(&rest).copied().collect();
        let rows: Vec<Row> = basis.iter().map(|row| permute(row, &order)).collect();
        let echelon = Echelon::of(rows)?;
        let free: Vec<&Row> = echelon
            .rows()
            .iter()
            .filter(|(pivot, _)| *pivot >= zeros.len())
            .map(|(_, row)| row)
            .collect();
        // Exactly one vector of the space vanishes on these coordinates.
        if echelon.rank() != dimension || free.len() != 1 {
            continue;
        }
        let weight = free[0]
            .iter()
            .zip(&order)
            .filter(|(x, _)| **x != 0)
            .fold(Owners::default(), |all, (_, &j)| all.union(owners[j]))
            .len();
        if weight < threshold {
            return Ok(Some((free[0].clone(), order)));
        }
    }
    Ok(None)
}

/// Sets of coordinates with fewer than `threshold` contributors together,
/// grown one coordinate at a time; the first that holds a vector of the
/// space answers. More sets than the budget: undecided.
fn small_support(
    basis: &[Row],
    owners: &[&Owners],
    threshold: usize,
) -> Result<Option<(Row, Vec<usize>)>, Overflow> {
    let mut stack: Vec<(Vec<usize>, Owners)> = vec![(Vec::new(), Owners::default())];
    let mut tried = 0;
    while let Some((set, weight)) = stack.pop() {
        if !set.is_empty() {
            tried += 1;
            if tried > CIRCUIT_BUDGET {
                return Err(Overflow);
            }
            if let Some(found) = vector_inside(basis, &set)? {
                return Ok(Some(found));
            }
        }
        let next = set.last().map_or(0, |last| last + 1);
        for (j, more) in owners.iter().enumerate().skip(next) {
            let grown = weight.union(more);
            if grown.len() < threshold {
                let mut bigger = set.clone();
                bigger.push(j);
                stack.push((bigger, grown));
            }
        }
    }
    Ok(None)
}

/// Whether the shown cells let an attacker (knowing `coalition`'s own
/// values) read the combined data of fewer than `threshold` contributors.
pub fn find_exposure(
    blocks: &[Owners],
    shown: &[&[usize]],
    threshold: usize,
    coalition: Option<Owner>,
) -> Option<Exposure> {
    let space = AtomSpace::new(blocks, shown, coalition);
    let vector = small_combination(&space, threshold)?;
    Some(Exposure {
        coalition,
        owners: space.owners_of(&vector),
        vector,
        space,
    })
}

/// [`find_exposure`] for no coalition and for every single contributor as
/// a coalition (each Member knows its own values), in that order.
pub fn find_exposure_for_any(
    blocks: &[Owners],
    shown: &[&[usize]],
    threshold: usize,
    coalitions: bool,
) -> Option<Exposure> {
    let plain = AtomSpace::new(blocks, shown, None);
    if let Some(vector) = small_combination(&plain, threshold) {
        return Some(Exposure {
            coalition: None,
            owners: plain.owners_of(&vector),
            vector,
            space: plain,
        });
    }
    if !coalitions {
        return None;
    }
    // Only a contributor of an atom that its own knowledge makes small can
    // read more than an outsider.
    plain
        .owners_of_atoms_up_to(threshold)
        .into_iter()
        .find_map(|owner| find_exposure(blocks, shown, threshold, Some(owner)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members(n: u32) -> Vec<Owners> {
        (0..n).map(Owners::one).collect()
    }

    #[test]
    fn combinations_are_enumerated_and_capped() {
        assert_eq!(
            combinations(4, 2, 100).expect("within budget"),
            [
                vec![0, 1],
                vec![0, 2],
                vec![0, 3],
                vec![1, 2],
                vec![1, 3],
                vec![2, 3]
            ]
        );
        assert_eq!(
            combinations(3, 0, 100).expect("one empty set"),
            [Vec::<usize>::new()]
        );
        assert!(combinations(30, 10, 1000).is_none());
    }

    #[test]
    fn global_minus_regions_exposes_the_withheld_region() {
        // Sixteen Members: region A = 0..6, region B = 6..9 (three
        // Members, withheld), region C = 9..16, the total and A and C shown.
        let blocks = members(16);
        let global: Vec<usize> = (0..16).collect();
        let a: Vec<usize> = (0..6).collect();
        let c: Vec<usize> = (9..16).collect();
        let exposure = find_exposure(&blocks, &[&global, &a, &c], 5, None).expect("exposed");
        assert_eq!(exposure.owners.iter().collect::<Vec<_>>(), [6, 7, 8]);
        // Withholding the total breaks it.
        assert!(!exposure.survives_without(&[0]));
        assert!(exposure.survives_without(&[]));
    }

    #[test]
    fn a_union_of_two_small_withheld_regions_is_still_a_small_sum() {
        // A: 0..10 shown; B (2) and C (2) withheld: total − A = B + C, four.
        let blocks = members(14);
        let global: Vec<usize> = (0..14).collect();
        let a: Vec<usize> = (0..10).collect();
        let exposure = find_exposure(&blocks, &[&global, &a], 5, None).expect("4 < 5");
        assert_eq!(exposure.owners.len(), 4);
        // With B + C of five Members it is safe for an outsider...
        let blocks = members(15);
        let global: Vec<usize> = (0..15).collect();
        assert!(find_exposure(&blocks, &[&global, &a], 5, None).is_none());
        // ...but not for one of those five, who knows its own value.
        let inside = find_exposure_for_any(&blocks, &[&global, &a], 5, true).expect("4 others");
        assert!(inside.coalition.is_some_and(|c| c >= 10));
        assert_eq!(inside.owners.len(), 4);
    }

    #[test]
    fn a_shown_cell_of_five_reveals_four_to_each_of_them() {
        let blocks = members(5);
        let cell: Vec<usize> = (0..5).collect();
        assert!(find_exposure(&blocks, &[&cell], 5, None).is_none());
        let exposure = find_exposure_for_any(&blocks, &[&cell], 5, true).expect("four others");
        assert_eq!(exposure.owners.len(), 4);
    }

    #[test]
    fn circuits_are_found_when_the_readable_space_has_several_dimensions() {
        // Two independent differences, each isolating one Member: cells
        // {0..6}, {0..5}, {10..16}, {10..15}.
        let blocks = members(16);
        let cells: Vec<Vec<usize>> = vec![
            (0..6).collect(),
            (0..5).collect(),
            (10..16).collect(),
            (10..15).collect(),
        ];
        let shown: Vec<&[usize]> = cells.iter().map(Vec::as_slice).collect();
        let exposure = find_exposure(&blocks, &shown, 5, None).expect("a singleton");
        assert_eq!(exposure.owners.len(), 1);
    }

    #[test]
    fn blocks_of_many_workers_count_their_distinct_owners() {
        // Women's basic pay (30 women) and their variable pay (3 of them
        // receive it): total − basic = the three receivers' variable pay.
        let blocks = vec![Owners::range(0, 30), Owners::range(0, 3)];
        let total = vec![0, 1];
        let basic = vec![0];
        let exposure = find_exposure(&blocks, &[&total, &basic], 10, None).expect("exposed");
        assert_eq!(exposure.owners.len(), 3);
        // Only the total: the thirty women together.
        assert!(find_exposure(&blocks, &[&total], 10, None).is_none());
    }
}
