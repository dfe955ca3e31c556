//! Exact linear algebra on small integer matrices: row echelon form, rank
//! and row-space membership, with no floating point.
//!
//! Every published figure is a sum (or a mean with its count shown, which is
//! the same equation) over contributors, so the matrices are made of small
//! integers and exact elimination is both possible and cheap. Rows are kept
//! integral: eliminating `r` with the pivot row `p` at column `c` replaces
//! `r` by `r·(p[c]/g) − p·(r[c]/g)` with `g = gcd(p[c], r[c])`, then divides
//! `r` by the gcd of its entries. The numbers stay the size of the matrix's
//! minors; every operation is checked, and an overflow is reported as
//! [`Overflow`], which callers treat as "cannot prove it safe" (so the
//! figure is withheld), never as safe.

/// The arithmetic would leave the range where it is exact (`i128`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overflow;

/// One row of a matrix.
pub type Row = Vec<i128>;

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Divides a row by the gcd of its entries (a zero row is left alone).
fn normalise(row: &mut Row) {
    let g = row.iter().fold(0, |g, &x| gcd(g, x));
    if g > 1 {
        for x in row.iter_mut() {
            *x /= g;
        }
    }
}

/// `row ← row·a − pivot·b`, the elimination step, checked.
fn eliminate(row: &mut Row, pivot: &Row, column: usize) -> Result<(), Overflow> {
    let (p, r) = (pivot[column], row[column]);
    if r == 0 {
        return Ok(());
    }
    let g = gcd(p, r);
    let (a, b) = (p / g, r / g);
    for (x, y) in row.iter_mut().zip(pivot) {
        let left = x.checked_mul(a).ok_or(Overflow)?;
        let right = y.checked_mul(b).ok_or(Overflow)?;
        *x = left.checked_sub(right).ok_or(Overflow)?;
    }
    normalise(row);
    Ok(())
}

/// A matrix in row echelon form: each row's first non-zero entry (its
/// pivot) is in a later column than the previous row's, and every row is
/// zero in the pivot columns of the rows above it.
#[derive(Debug, Clone, Default)]
pub struct Echelon {
    /// (pivot column, row), in increasing pivot column order.
    rows: Vec<(usize, Row)>,
}

impl Echelon {
    /// The echelon form of `rows` (all of the same length), columns taken
    /// left to right.
    pub fn of(rows: Vec<Row>) -> Result<Self, Overflow> {
        let columns = rows.first().map_or(0, Vec::len);
        let mut remaining: Vec<Row> = rows
            .into_iter()
            .filter(|row| row.iter().any(|&x| x != 0))
            .map(|mut row| {
                normalise(&mut row);
                row
            })
            .collect();
        let mut echelon = Vec::new();
        for column in 0..columns {
            // The smallest pivot keeps the numbers small.
            let Some(index) = remaining
                .iter()
                .enumerate()
                .filter(|(_, row)| row[column] != 0)
                .min_by_key(|(_, row)| row[column].unsigned_abs())
                .map(|(index, _)| index)
            else {
                continue;
            };
            let pivot = remaining.swap_remove(index);
            for row in &mut remaining {
                eliminate(row, &pivot, column)?;
            }
            remaining.retain(|row| row.iter().any(|&x| x != 0));
            echelon.push((column, pivot));
            if remaining.is_empty() {
                break;
            }
        }
        Ok(Echelon { rows: echelon })
    }

    pub fn rank(&self) -> usize {
        self.rows.len()
    }

    /// The rows with their pivot columns.
    pub fn rows(&self) -> &[(usize, Row)] {
        &self.rows
    }

    /// Whether `target` is a linear combination of the rows.
    pub fn spans(&self, target: &[i128]) -> Result<bool, Overflow> {
        let mut rest: Row = target.to_vec();
        for (column, row) in &self.rows {
            eliminate(&mut rest, row, *column)?;
        }
        Ok(rest.iter().all(|&x| x == 0))
    }
}

/// Whether `target` lies in the row space of `rows`: the exact test an
/// attacker's Gaussian elimination performs.
pub fn in_row_space(rows: &[Row], target: &[i128]) -> Result<bool, Overflow> {
    Echelon::of(rows.to_vec())?.spans(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_of_a_hierarchy_counts_its_independent_sums() {
        // Global, and three regions that add up to it: rank 3.
        let rows = vec![
            vec![1, 1, 1, 1, 1, 1],
            vec![1, 1, 0, 0, 0, 0],
            vec![0, 0, 1, 1, 0, 0],
            vec![0, 0, 0, 0, 1, 1],
        ];
        assert_eq!(Echelon::of(rows.clone()).expect("exact").rank(), 3);
        // The last region is determined by the others and the total...
        assert!(in_row_space(&rows[..3], &rows[3]).expect("exact"));
        // ...but one Member of it is not.
        assert!(!in_row_space(&rows, &[0, 0, 0, 0, 1, 0]).expect("exact"));
    }

    #[test]
    fn differencing_two_overlapping_sums_isolates_one_contributor() {
        // "A region", then "the same region in a year": 6 minus 5 is one.
        let rows = vec![vec![1, 1, 1, 1, 1, 1], vec![1, 1, 1, 1, 1, 0]];
        assert!(in_row_space(&rows, &[0, 0, 0, 0, 0, 1]).expect("exact"));
        assert!(!in_row_space(&rows, &[0, 0, 0, 0, 1, 0]).expect("exact"));
    }

    #[test]
    fn rational_combinations_are_found_exactly() {
        // t = (r1 + r2) / 2: needs a fraction, found with integers.
        let rows = vec![vec![2, 0, 4], vec![0, 2, 2]];
        assert!(in_row_space(&rows, &[1, 1, 3]).expect("exact"));
        assert!(!in_row_space(&rows, &[1, 1, 2]).expect("exact"));
    }

    #[test]
    fn overflow_is_reported_not_hidden() {
        let big = i128::MAX / 2;
        let rows = vec![vec![big, 3], vec![3, big]];
        assert_eq!(Echelon::of(rows).map(|e| e.rank()), Err(Overflow));
    }
}
