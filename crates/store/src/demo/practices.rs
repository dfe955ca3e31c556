//! Demo practice library (issue 8): invented practices from demo
//! administrations in English and French, published, one of them with a
//! translation, so the search, the filters and the "available in … only"
//! marker can be tried at once. Every name and figure is invented.

use gedhub_core::practices::Review;

use crate::practices::{PracticeForm, PracticeQuery, PracticeText};
use crate::{Actor, Result, Store};

/// (administration, year, areas, language, title, summary, what was done,
/// results, contact).
type DemoPractice = (
    &'static str,
    i64,
    &'static [&'static str],
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const PRACTICES: &[DemoPractice] = &[
    (
        "SN",
        2023,
        &["P2", "CC"],
        "fr",
        "Jurys paritaires pour les concours des douanes",
        "Des jurys composés d'autant de femmes que d'hommes pour tous les concours de recrutement.",
        "La direction des ressources humaines a formé quarante membres de jury aux biais inconscients et fixé la parité dans chaque jury.",
        "La part des femmes parmi les admis est passée de 18 % à 27 % en deux sessions.",
        "Cellule genre, Direction des ressources humaines",
    ),
    (
        "BF",
        2022,
        &["P5"],
        "fr",
        "Aménagement des postes frontières pour les agentes",
        "Des vestiaires, des dortoirs et des horaires adaptés pour que les agentes puissent servir aux frontières.",
        "Six postes frontières ont été équipés ; les rotations de nuit sont planifiées avec les agentes.",
        "Les demandes d'affectation de femmes aux frontières ont doublé.",
        "Point focal genre, Direction générale des douanes",
    ),
    (
        "GH",
        2024,
        &["P4", "P6"],
        "en",
        "Mentoring women officers into management",
        "A one-year mentoring programme pairing women officers with senior managers.",
        "Thirty pairs met monthly; the programme included leadership training and job shadowing.",
        "Nine mentees were promoted within eighteen months.",
        "GED focal point, Human Resources Division",
    ),
    (
        "UG",
        2023,
        &["P3", "SS"],
        "en",
        "A confidential channel against harassment",
        "A confidential reporting line for harassment, run with an independent counsellor.",
        "The policy was rewritten with staff unions; every station displays the channel's contacts.",
        "Reports rose in the first year, then fell as cases were handled within thirty days.",
        "Integrity and Gender Office",
    ),
    (
        "BE",
        2024,
        &["P1", "P6"],
        "en",
        "Sex-disaggregated workforce data every year",
        "Publishing sex-disaggregated workforce figures in the annual report.",
        "The HR system was extended to report headcount, grades and pay by sex each year.",
        "Gaps by grade are now discussed by the management board every year.",
        "Diversity unit",
    ),
];

/// The GEOAT key elements of each demo practice, so the demo diagnostics'
/// gaps show related practices ranked by key element.
fn demo_key_elements(administration: &str) -> &'static [&'static str] {
    match administration {
        "SN" => &["P1.C"],
        "BF" => &["P3.B"],
        "GH" => &["P4.A"],
        "UG" => &["P3.C"],
        "BE" => &["X.3"],
        _ => &[],
    }
}

impl Store {
    /// Seeds the demo practices once (skipped when any practice exists).
    pub(crate) async fn seed_demo_practices(&self) -> Result<()> {
        let existing = self
            .search_practices(&PracticeQuery {
                limit: 1,
                ..PracticeQuery::default()
            })
            .await?;
        if !existing.is_empty() {
            return Ok(());
        }
        let actor = Actor::system("demo");
        let mut ghana = None;
        for (administration, year, areas, language, title, summary, done, results, contact) in
            PRACTICES
        {
            let text = PracticeText::parse(language, title, summary, done, results)?;
            let form = PracticeForm::parse(administration, *year, areas, contact, text)?
                .with_key_elements(demo_key_elements(administration))?;
            let practice = self.create_practice(&actor, &form, false).await?;
            self.review_practice(&actor, practice.id, Review::Publish, "")
                .await?;
            if *administration == "GH" {
                ghana = Some(practice.id);
            }
        }
        if let Some(id) = ghana {
            let translation = PracticeText::parse(
                "fr",
                "Mentorat des agentes vers l'encadrement",
                "Un programme de mentorat d'un an associant des agentes à des cadres supérieurs.",
                "Trente binômes se sont réunis chaque mois, avec une formation au leadership.",
                "Neuf mentorées ont été promues en dix-huit mois.",
            )?;
            self.set_practice_translation(&actor, id, &translation)
                .await?;
        }
        Ok(())
    }
}
