//! The instrument shipped with gedhub: the structure of the GEOAT December
//! 2023 edition with indicators written for gedhub in English and French,
//! illustrative until the WCO's official text is imported. It is kept as the
//! same three sheets an imported workbook has, as CSV files.

use gedhub_core::instrument::{Instrument, Sheet, parse_workbook};

use crate::{Actor, Result, Store, StoreError};

const SETTINGS: &str = include_str!("../data/instruments/gedhub-geoat-2023/settings.csv");
const STRUCTURE: &str = include_str!("../data/instruments/gedhub-geoat-2023/structure.csv");
const SCALE: &str = include_str!("../data/instruments/gedhub-geoat-2023/scale.csv");

/// The code of the shipped instrument.
pub const SHIPPED_INSTRUMENT: &str = "gedhub-geoat-2023";

/// Reads CSV text into a sheet (all rows, the header first).
pub fn csv_sheet(name: &str, text: &str) -> Result<Sheet> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| StoreError::ShippedData(format!("{name}: {error}")))?;
        rows.push(record.iter().map(str::to_owned).collect());
    }
    Ok(Sheet {
        name: name.to_owned(),
        rows,
    })
}

/// The shipped instrument, parsed and checked.
pub fn shipped_instrument() -> Result<Instrument> {
    let sheets = vec![
        csv_sheet("settings", SETTINGS)?,
        csv_sheet("structure", STRUCTURE)?,
        csv_sheet("scale", SCALE)?,
    ];
    parse_workbook(&sheets).map_err(|problems| StoreError::ShippedData(format!("{problems:?}")))
}

impl Store {
    /// Imports the shipped instrument unless it is already there.
    pub async fn seed_instruments(&self) -> Result<bool> {
        match self.instrument(SHIPPED_INSTRUMENT).await {
            Ok(_) => Ok(false),
            Err(StoreError::NotFound) => {
                self.import_instrument(&Actor::system("system"), &shipped_instrument()?)
                    .await?;
                Ok(true)
            }
            Err(other) => Err(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_instrument_covers_every_part_of_the_2023_structure_in_both_languages() {
        let instrument = shipped_instrument().expect("the shipped CSV files are valid");
        let sections: Vec<&str> = instrument
            .sections
            .iter()
            .map(|s| s.code.as_str())
            .collect();
        assert_eq!(sections, ["X", "P1", "P2", "P3", "P4", "P5", "P6", "S"]);
        assert!(
            instrument.indicator_count() >= 60,
            "{}",
            instrument.indicator_count()
        );
        assert!(
            instrument
                .sections
                .iter()
                .all(|s| s.key_elements.len() >= 2)
        );
        assert_eq!(instrument.languages, ["en", "fr"]);
        for (_, _, indicator) in instrument.indicators() {
            assert!(
                indicator.label.0.get("fr").is_some_and(|t| !t.is_empty()),
                "{} lacks French",
                indicator.code
            );
        }
        assert!(
            instrument
                .description
                .get("en")
                .to_lowercase()
                .contains("illustrative")
        );
        assert_eq!(
            (
                instrument.strength_threshold,
                instrument.gap_threshold,
                instrument.scale.max()
            ),
            (4, 2, 5)
        );
    }
}
