//! Sets of contributors ("owners": Members, or workers), kept as sorted,
//! disjoint half-open ranges so that a block of thousands of workers costs
//! one range, and a Member one range of length one.

/// A contributor's number, unique within one model.
pub type Owner = u32;

/// A set of owners.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Owners {
    /// Sorted, disjoint, non-adjacent, non-empty `start..end` ranges.
    ranges: Vec<(Owner, Owner)>,
}

impl Owners {
    /// One owner.
    pub fn one(owner: Owner) -> Self {
        Owners {
            ranges: vec![(owner, owner.saturating_add(1))],
        }
    }

    /// The owners `start..end` (empty when `end <= start`).
    pub fn range(start: Owner, end: Owner) -> Self {
        Owners {
            ranges: if end > start {
                vec![(start, end)]
            } else {
                Vec::new()
            },
        }
    }

    /// How many owners.
    pub fn len(&self) -> usize {
        self.ranges
            .iter()
            .map(|(start, end)| (end - start) as usize)
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    pub fn contains(&self, owner: Owner) -> bool {
        self.ranges
            .iter()
            .any(|(start, end)| (*start..*end).contains(&owner))
    }

    /// The union of two sets.
    pub fn union(&self, other: &Owners) -> Owners {
        let mut all: Vec<(Owner, Owner)> =
            self.ranges.iter().chain(&other.ranges).copied().collect();
        all.sort_unstable();
        let mut ranges: Vec<(Owner, Owner)> = Vec::with_capacity(all.len());
        for (start, end) in all {
            match ranges.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => ranges.push((start, end)),
            }
        }
        Owners { ranges }
    }

    /// The set without `owner`.
    pub fn without(&self, owner: Owner) -> Owners {
        let mut ranges = Vec::with_capacity(self.ranges.len() + 1);
        for &(start, end) in &self.ranges {
            if (start..end).contains(&owner) {
                if start < owner {
                    ranges.push((start, owner));
                }
                if owner + 1 < end {
                    ranges.push((owner + 1, end));
                }
            } else {
                ranges.push((start, end));
            }
        }
        Owners { ranges }
    }

    /// Every owner, in order (meant for small sets).
    pub fn iter(&self) -> impl Iterator<Item = Owner> + '_ {
        self.ranges.iter().flat_map(|(start, end)| *start..*end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unions_merge_overlapping_and_adjacent_ranges() {
        let a = Owners::range(0, 10);
        let b = Owners::range(5, 12).union(&Owners::one(20));
        let union = a.union(&b);
        assert_eq!(union.len(), 13);
        assert_eq!(union.iter().collect::<Vec<_>>().last(), Some(&20));
        assert_eq!(Owners::range(0, 3).union(&Owners::range(3, 5)).len(), 5);
        assert!(Owners::range(4, 4).is_empty());
    }

    #[test]
    fn removing_an_owner_splits_its_range() {
        let owners = Owners::range(0, 5).without(2);
        assert_eq!(owners.iter().collect::<Vec<_>>(), [0, 1, 3, 4]);
        assert!(!owners.contains(2) && owners.contains(3));
        assert_eq!(Owners::one(7).without(7).len(), 0);
    }
}
