//! Indicator (f): quartile pay bands with tied pay shared in proportion.

use super::{Band, QuartileBand};

/// Places per band for `n` workers: `n / 4` each, the remainder going to
/// lower (r = 1), lower and upper-middle (r = 2), lower, lower-middle and
/// upper-middle (r = 3).
pub(crate) fn band_sizes(n: u64) -> [u64; 4] {
    let (q, r) = (n / 4, n % 4);
    [
        q + u64::from(r >= 1),
        q + u64::from(r >= 3),
        q + u64::from(r >= 2),
        q,
    ]
}

/// The four bands from the hourly pay of the female and of the male workers,
/// each sorted ascending.
///
/// The workers are walked in pay order one tied group at a time (all workers on
/// the same hourly pay, f women and m men). A group that lies within one band
/// gives it exactly f female and m male places; a group that straddles a
/// boundary gives each band it overlaps `overlap × f / (f + m)` female places
/// and `overlap × m / (f + m)` male places, so every band sees the group's own
/// female share, as the UK regulation 13(2) asks.
pub(crate) fn bands(female: &[f64], male: &[f64]) -> Vec<QuartileBand> {
    let n = (female.len() + male.len()) as u64;
    let sizes = band_sizes(n);
    let mut ends = [0_u64; 4];
    let mut cumulative = 0;
    for (end, size) in ends.iter_mut().zip(sizes) {
        cumulative += size;
        *end = cumulative;
    }
    let mut female_places = [0.0_f64; 4];
    let mut male_places = [0.0_f64; 4];
    let (mut i, mut j, mut position) = (0_usize, 0_usize, 0_u64);
    while i < female.len() || j < male.len() {
        let pay = match (female.get(i), male.get(j)) {
            (Some(&f), Some(&m)) => f.min(m),
            (Some(&f), None) => f,
            (None, Some(&m)) => m,
            (None, None) => break,
        };
        let f_start = i;
        while i < female.len() && female[i] == pay {
            i += 1;
        }
        let m_start = j;
        while j < male.len() && male[j] == pay {
            j += 1;
        }
        let (f, m) = ((i - f_start) as u64, (j - m_start) as u64);
        let (start, end) = (position, position + f + m);
        let mut band_start = 0;
        for band in 0..4 {
            let overlap = end.min(ends[band]).saturating_sub(start.max(band_start));
            band_start = ends[band];
            if overlap == 0 {
                continue;
            }
            if overlap == f + m {
                female_places[band] += f as f64;
                male_places[band] += m as f64;
            } else {
                let group = (f + m) as f64;
                female_places[band] += (overlap * f) as f64 / group;
                male_places[band] += (overlap * m) as f64 / group;
            }
        }
        position = end;
    }
    Band::ALL
        .into_iter()
        .zip(sizes)
        .zip(female_places.into_iter().zip(male_places))
        .map(
            |((band, workers), (female_places, male_places))| QuartileBand {
                band,
                workers,
                female_places,
                male_places,
                female_pct: (workers > 0).then(|| 100.0 * female_places / workers as f64),
                male_pct: (workers > 0).then(|| 100.0 * male_places / workers as f64),
                withheld: None,
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_remainder_goes_to_lower_then_upper_middle_then_lower_middle() {
        assert_eq!(band_sizes(8), [2, 2, 2, 2]);
        assert_eq!(band_sizes(9), [3, 2, 2, 2]);
        assert_eq!(band_sizes(10), [3, 2, 3, 2]);
        assert_eq!(band_sizes(11), [3, 3, 3, 2]);
        assert_eq!(band_sizes(0), [0, 0, 0, 0]);
        assert_eq!(band_sizes(3), [1, 1, 1, 0]);
    }

    #[test]
    fn a_tied_group_across_a_boundary_is_shared_with_its_own_female_share() {
        // 8 workers, 2 per band. Pay 10 (F), then a group at 20 of 1 F and 2 M
        // in places 2..5, then 30, 40, 50, 60 (M). The group gives 1 place to
        // lower (1/3 F, 2/3 M) and 2 to lower-middle (2/3 F, 4/3 M).
        let female = [10.0, 20.0];
        let male = [20.0, 20.0, 30.0, 40.0, 50.0, 60.0];
        let bands = bands(&female, &male);
        assert_eq!(bands[0].female_places, 1.0 + 1.0 / 3.0);
        assert_eq!(bands[0].male_places, 2.0 / 3.0);
        assert_eq!(bands[1].female_places, 2.0 / 3.0);
        assert_eq!(bands[1].male_places, 4.0 / 3.0);
    }
}
