//! Disclosure control (issue 17): the one place that decides which
//! aggregates of Members' and workers' data may be shown to someone who is
//! not entitled to every contributor's data, so that no combination of the
//! figures gedhub shows reveals what one of them hides. The rules, in plain
//! words and precisely, are in `docs/DISCLOSURE.md`.
//!
//! Policy:
//! - Pure computation, like the rest of the crate: callers hand over the
//!   contributions, this module decides and computes the published values.
//! - **Primary suppression per figure**: a figure is shown only when enough
//!   contributors stand behind that very figure ([`MIN_ADMINISTRATIONS`]
//!   Members besides any one of them; [`MIN_WORKERS`] women and
//!   [`MIN_WORKERS`] men for pay figures).
//! - **Complementary suppression** ([`protect`]): figures that add up (a
//!   total and its parts, a period and the one before) are audited together
//!   by exact linear algebra ([`audit`], [`exact`]); further figures are
//!   withheld until no combination of the shown ones involves fewer than the
//!   threshold of contributors.
//! - **Fixed selections, closed periods** ([`hierarchy`]): what Members see
//!   across Members is one release per closed period (global and the six
//!   regions), computed once and audited with every earlier release, so
//!   neither two selections nor two moments can be differenced.
//! - **Workforce reports** ([`workforce`]): the pay figures of one
//!   administration's report, protected against its own categories, the
//!   total and the variable-pay figures together.
//! - **One rounding** ([`round_share`], [`round_count`]) for every channel.
//! - Published figures are values of [`Published`] and
//!   [`workforce::ProtectedReport`], which only this module constructs;
//!   pages, API responses and documents that show aggregates take them.

pub mod audit;
pub mod exact;
pub mod hierarchy;
pub mod owners;
pub mod protect;
pub mod workforce;

use serde::Serialize;

/// A figure across Members needs this many contributing administrations
/// besides any one of them (each Member knows its own figures, so "five
/// including me" would tell a Member the sum of the other four). Not
/// configurable.
pub const MIN_ADMINISTRATIONS: usize = 5;

/// A pay figure needs this many women and this many men (for a variable-pay
/// gap: receivers of each sex). The floor for anything stored or shown to
/// others; only the command line, on a file its user owns, may go lower.
pub const MIN_WORKERS: u32 = 10;

/// Reason code: fewer than [`MIN_ADMINISTRATIONS`] administrations besides
/// any one of them contribute to the figure.
pub const FEWER_THAN_MIN_OTHERS: &str = "fewer_than_5_other_administrations";

/// Reason code: withheld so that another withheld figure cannot be worked
/// out from the shown ones (complementary suppression).
pub const COMPLEMENTARY: &str = "complementary";

/// Reason code: the period is not published yet (or the selection is not a
/// published one).
pub const NOT_PUBLISHED: &str = "not_published";

/// Shares, means, averages and gaps in percent: one decimal, everywhere
/// (page, API, PDF, workbook), so that no channel gives more than another.
pub fn round_share(value: f64) -> f64 {
    let rounded = (value * 10.0).round() / 10.0;
    // No "-0.0".
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// Counts and sums of counts: whole numbers.
pub fn round_count(value: f64) -> f64 {
    let rounded = value.round();
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// A figure across Members as it may be shown: its rounded value, or the
/// reason it is withheld, and the number of administrations behind it.
/// Only this module builds one with a value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Published {
    value: Option<f64>,
    administrations: usize,
    suppressed: Option<&'static str>,
}

impl Published {
    pub(crate) fn shown(value: f64, administrations: usize) -> Self {
        Published {
            value: Some(value),
            administrations,
            suppressed: None,
        }
    }

    pub(crate) fn withheld(reason: &'static str, administrations: usize) -> Self {
        Published {
            value: None,
            administrations,
            suppressed: Some(reason),
        }
    }

    /// A figure of a period or selection that is not published: no value.
    pub fn unpublished() -> Self {
        Published::withheld(NOT_PUBLISHED, 0)
    }

    /// The rounded value; `None` when withheld.
    pub fn value(&self) -> Option<f64> {
        self.value
    }

    /// The administrations behind the figure (shown even when withheld).
    pub fn administrations(&self) -> usize {
        self.administrations
    }

    /// Why the value is withheld, as a stable code.
    pub fn suppressed(&self) -> Option<&'static str> {
        self.suppressed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_round_to_one_decimal_and_counts_to_whole_numbers() {
        assert_eq!(round_share(139.0 / 277.0 * 100.0), 50.2);
        assert_eq!(round_share(-0.04), 0.0);
        assert!(round_share(-0.04).is_sign_positive());
        assert_eq!(round_share(12.25), 12.3);
        assert_eq!(round_count(41.5), 42.0);
    }
}
