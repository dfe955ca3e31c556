//! Sign-in throttling: how many wrong passwords are tolerated, from where,
//! and how long a caller waits after too many (OWASP ASVS 4.0.3 V2.2.1,
//! ASVS 5.0 V6.3.1).
//!
//! The rule must slow guessing without letting a stranger lock the owner of
//! an account out, so nothing is counted per account alone:
//!
//! - **per address**: after `per_address` failures within `address_window`
//!   from one address (any accounts), that address waits out the window;
//! - **per account and address**: the first `free_failures` wrong passwords
//!   for one account from one address cost nothing; the next one makes that
//!   address wait `first_delay` before trying that account again, and each
//!   further one doubles the wait, up to `max_delay`. They are counted since
//!   that address last signed in to the account (within a day);
//! - **an account under attack** (`hot_account_failures` failures within an
//!   hour, from anywhere) loses the free failures: every address that has
//!   failed on it waits from its first failure on.
//!
//! An address that has not failed on an account is never made to wait for
//! that account: the owner's right password from their own computer
//! still signs in while a stranger hammers the account from elsewhere.
//! IPv6 clients are counted per /64 network ([`throttle_key`]), since one
//! client usually holds a whole /64.

use std::net::IpAddr;

use chrono::{DateTime, Duration, Utc};

/// The limits; [`Throttle::default`] is what gedhub runs with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttle {
    pub per_address: i64,
    pub address_window: Duration,
    pub free_failures: i64,
    pub first_delay: Duration,
    pub max_delay: Duration,
    /// Failures of one account within an hour (all addresses) that mark it
    /// as under attack. ASVS asks for no more than 100 per hour per account.
    pub hot_account_failures: i64,
}

impl Default for Throttle {
    fn default() -> Self {
        Self {
            per_address: 30,
            address_window: Duration::minutes(15),
            free_failures: 4,
            first_delay: Duration::minutes(1),
            max_delay: Duration::minutes(15),
            hot_account_failures: 100,
        }
    }
}

/// What the database knows of the recent failures that matter to one
/// attempt (account `A` from address `X`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Facts {
    /// Failures from `X`, any account, within the address window.
    pub address_failures: i64,
    /// Failures for `A` from `X` since `X` last signed in to `A` (within a
    /// day: older attempts are forgotten).
    pub pair_failures: i64,
    /// The latest of those.
    pub pair_last_failure: Option<DateTime<Utc>>,
    /// Failures for `A` from every address within the last hour.
    pub account_failures_last_hour: i64,
}

/// Whether an attempt may check its password now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    /// Refused without checking the password; try again at `until`.
    Wait {
        until: DateTime<Utc>,
    },
}

impl Throttle {
    /// The decision for an attempt at `now`.
    pub fn decide(&self, facts: &Facts, now: DateTime<Utc>) -> Decision {
        if facts.address_failures >= self.per_address {
            // Throttled attempts are not counted, so once the window has
            // passed every failure that counted now has left it.
            return Decision::Wait {
                until: now + self.address_window,
            };
        }
        let Some(last) = facts.pair_last_failure else {
            return Decision::Allow;
        };
        let hot = facts.account_failures_last_hour >= self.hot_account_failures;
        let free = if hot { 0 } else { self.free_failures };
        match self.delay_after(facts.pair_failures, free) {
            Some(delay) if now < last + delay => Decision::Wait {
                until: last + delay,
            },
            _ => Decision::Allow,
        }
    }

    /// The wait after the `failures`-th failure when the first `free` cost
    /// nothing: none up to `free`, then `first_delay`, doubling with each
    /// further failure, at most `max_delay`.
    pub fn delay_after(&self, failures: i64, free: i64) -> Option<Duration> {
        let beyond = failures.checked_sub(free)?;
        if beyond <= 0 {
            return None;
        }
        // Doubling `beyond - 1` times would overflow long before it matters;
        // stop once the cap is reached.
        let mut delay = self.first_delay;
        for _ in 1..beyond.min(64) {
            if delay >= self.max_delay {
                break;
            }
            delay = delay * 2;
        }
        Some(delay.min(self.max_delay))
    }
}

/// The key an address is counted under: an IPv4 address as it is, an IPv6
/// address by its /64 network (an IPv4-mapped IPv6 address as the IPv4
/// address), anything else (no address known) as it is.
pub fn throttle_key(address: &str) -> String {
    match address.parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let segments = v6.segments();
                format!(
                    "{:x}:{:x}:{:x}:{:x}::/64",
                    segments[0], segments[1], segments[2], segments[3]
                )
            }
        },
        Err(_) => address.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use proptest::prelude::*;

    use super::*;

    fn at(minute: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0)
            .single()
            .expect("valid")
            + Duration::minutes(minute)
    }

    #[test]
    fn delays_double_after_the_free_failures_up_to_the_cap() {
        let throttle = Throttle::default();
        let minutes = |failures| {
            throttle
                .delay_after(failures, 4)
                .map(|delay| delay.num_minutes())
        };
        // Hand-computed: 4 free, then 1, 2, 4, 8, then 15 (capped) minutes.
        assert_eq!(
            (0..=12).map(minutes).collect::<Vec<_>>(),
            vec![
                None,
                None,
                None,
                None,
                None,
                Some(1),
                Some(2),
                Some(4),
                Some(8),
                Some(15),
                Some(15),
                Some(15),
                Some(15)
            ]
        );
        assert_eq!(
            throttle
                .delay_after(i64::MAX, 0)
                .map(|delay| delay.num_minutes()),
            Some(15)
        );
        // Under attack there is nothing free: the first failure costs a minute.
        assert_eq!(
            throttle.delay_after(1, 0).map(|delay| delay.num_minutes()),
            Some(1)
        );
    }

    #[test]
    fn a_pair_waits_after_its_free_failures_and_may_try_again_later() {
        let throttle = Throttle::default();
        let facts = Facts {
            address_failures: 6,
            pair_failures: 6,
            pair_last_failure: Some(at(0)),
            account_failures_last_hour: 6,
        };
        // The sixth failure costs two minutes (the fifth cost one, the
        // first four nothing).
        assert_eq!(
            throttle.decide(&facts, at(1)),
            Decision::Wait { until: at(2) }
        );
        assert_eq!(throttle.decide(&facts, at(2)), Decision::Allow);
        let fewer = Facts {
            pair_failures: 4,
            pair_last_failure: Some(at(0)),
            ..facts
        };
        assert_eq!(throttle.decide(&fewer, at(0)), Decision::Allow);
    }

    #[test]
    fn an_address_that_failed_too_often_waits_the_window_whatever_the_account() {
        let throttle = Throttle::default();
        let facts = Facts {
            address_failures: 30,
            ..Facts::default()
        };
        assert_eq!(
            throttle.decide(&facts, at(0)),
            Decision::Wait { until: at(15) }
        );
        assert_eq!(
            throttle.decide(
                &Facts {
                    address_failures: 29,
                    ..facts
                },
                at(0)
            ),
            Decision::Allow
        );
    }

    #[test]
    fn an_account_under_attack_gives_failing_addresses_no_free_tries() {
        let throttle = Throttle::default();
        let one_failure = Facts {
            address_failures: 1,
            pair_failures: 1,
            pair_last_failure: Some(at(0)),
            account_failures_last_hour: 100,
        };
        assert_eq!(
            throttle.decide(&one_failure, at(0)),
            Decision::Wait { until: at(1) }
        );
        // An address that has not failed on it is not made to wait.
        let clean = Facts {
            address_failures: 0,
            pair_failures: 0,
            pair_last_failure: None,
            account_failures_last_hour: 10_000,
        };
        assert_eq!(throttle.decide(&clean, at(0)), Decision::Allow);
    }

    #[test]
    fn addresses_are_counted_per_ipv4_address_and_per_ipv6_slash_64() {
        assert_eq!(throttle_key("192.0.2.7"), "192.0.2.7");
        assert_eq!(throttle_key("::ffff:192.0.2.7"), "192.0.2.7");
        assert_eq!(
            throttle_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd"),
            "2001:db8:1:2::/64"
        );
        assert_eq!(throttle_key("2001:db8:1:2::1"), "2001:db8:1:2::/64");
        assert_eq!(throttle_key("unknown"), "unknown");
    }

    proptest! {
        /// However many failures a stranger piles up on an account from
        /// elsewhere, an address without failures on it is let in.
        #[test]
        fn an_address_without_failures_is_never_made_to_wait_for_the_account(
            account_failures in 0i64..1_000_000,
            address_failures in 0i64..30,
        ) {
            let facts = Facts {
                address_failures,
                pair_failures: 0,
                pair_last_failure: None,
                account_failures_last_hour: account_failures,
            };
            prop_assert_eq!(Throttle::default().decide(&facts, at(0)), Decision::Allow);
        }

        /// One more failure never shortens the wait.
        #[test]
        fn waits_never_shrink_with_more_failures(failures in 0i64..200, free in 0i64..10) {
            let throttle = Throttle::default();
            let now = throttle.delay_after(failures, free).unwrap_or_default();
            let next = throttle.delay_after(failures + 1, free).unwrap_or_default();
            prop_assert!(next >= now);
            prop_assert!(next <= throttle.max_delay);
        }
    }
}
