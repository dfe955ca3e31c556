//! Time as gedhub stores it: UTC, as fixed-width text that sorts correctly on
//! both backends.

use chrono::{DateTime, Utc};

/// A moment in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(pub DateTime<Utc>);

impl Timestamp {
    pub fn now() -> Self {
        Self(Utc::now())
    }

    /// The stored form, e.g. `2024-04-08T09:30:00.000000Z`.
    pub fn to_db(self) -> String {
        self.0.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
    }

    pub fn from_db(text: &str) -> Option<Self> {
        DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|moment| Self(moment.with_timezone(&Utc)))
    }

    pub fn plus(self, duration: chrono::Duration) -> Self {
        Self(self.0 + duration)
    }

    pub fn minus(self, duration: chrono::Duration) -> Self {
        Self(self.0 - duration)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn stored_timestamps_round_trip_and_sort_as_text() {
        let earlier = Timestamp(
            Utc.with_ymd_and_hms(2023, 3, 13, 9, 0, 0)
                .single()
                .expect("valid"),
        );
        let later = earlier.plus(chrono::Duration::microseconds(1));
        assert_eq!(earlier.to_db(), "2023-03-13T09:00:00.000000Z");
        assert_eq!(Timestamp::from_db(&earlier.to_db()), Some(earlier));
        assert!(earlier.to_db() < later.to_db());
    }
}
