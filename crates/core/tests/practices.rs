//! The practice library's normaliser, stemmer and review workflow.

use gedhub_core::practices::{
    PracticeStatus, Review, parse_language, search_terms, search_text, stem,
};

#[test]
fn accents_and_case_are_folded() {
    assert_eq!(search_text("Égalité"), "egalite");
    assert_eq!(search_text("ÉGALITÉ"), "egalite");
    assert_eq!(search_text("égalité"), search_text("egalite"));
    assert_eq!(search_text("Œuvre façade naïve"), "oeuvre facade naive");
    assert_eq!(search_text("gestión información"), "gestion informacion");
    assert_eq!(search_text("formação"), "formacao");
    // A decomposed accent (e + U+0301) folds like the composed one.
    assert_eq!(search_text("e\u{301}galite\u{301}"), "egalite");
}

#[test]
fn french_plurals_meet_their_singular() {
    assert_eq!(search_text("égalités"), search_text("égalité"));
    assert_eq!(stem("femmes"), "femme");
    assert_eq!(stem("bureaux"), stem("bureau"));
    assert_eq!(stem("genres"), "genre");
}

#[test]
fn english_plurals_meet_their_singular() {
    assert_eq!(stem("policies"), "policy");
    assert_eq!(stem("processes"), "process");
    assert_eq!(stem("process"), "process");
    assert_eq!(stem("women"), "women");
    assert_eq!(stem("officers"), "officer");
    assert_eq!(stem("status"), "status");
    assert_eq!(stem("analysis"), "analysis");
    // Short words are left alone.
    assert_eq!(stem("bus"), "bus");
}

#[test]
fn punctuation_and_stop_words_are_dropped() {
    assert_eq!(
        search_terms("L'égalité des genres, dans les douanes!"),
        vec!["egalite", "genre", "douane"]
    );
    assert_eq!(
        search_terms("The mentoring of women officers"),
        vec!["mentoring", "women", "officer"]
    );
    assert!(search_terms("  -- , ").is_empty());
    assert!(search_terms("de la").is_empty());
}

#[test]
fn arabic_short_vowels_are_dropped() {
    assert_eq!(search_text("مُسَاوَاة"), "مساواة");
}

#[test]
fn languages_are_checked() {
    assert_eq!(parse_language(" FR "), Ok("fr".to_owned()));
    assert!(parse_language("de").is_err());
}

#[test]
fn the_review_workflow_allows_only_its_moves() {
    use PracticeStatus::*;
    assert_eq!(Draft.after(Review::Submit), Some(Submitted));
    assert_eq!(Submitted.after(Review::Publish), Some(Published));
    assert_eq!(Submitted.after(Review::RequestChanges), Some(Draft));
    assert_eq!(Published.after(Review::RequestChanges), Some(Draft));
    assert_eq!(Published.after(Review::Archive), Some(Archived));
    assert_eq!(Draft.after(Review::Publish), None);
    assert_eq!(Published.after(Review::Submit), None);
    assert_eq!(Archived.after(Review::Publish), None);
    assert_eq!(Archived.after(Review::Archive), None);
    assert!(Draft.editable());
    assert!(!Submitted.editable());
    for status in [Draft, Submitted, Published, Archived] {
        assert_eq!(PracticeStatus::parse(status.as_str()), Ok(status));
    }
}

#[test]
fn geoat_codes_map_to_practice_areas_and_key_elements() {
    use gedhub_core::practices::{area_of_code, key_element_of, parse_key_elements};
    assert_eq!(area_of_code("X.3.1"), Some("CC"));
    assert_eq!(area_of_code("S.D"), Some("SS"));
    assert_eq!(area_of_code("p1.a.2"), Some("P1"));
    assert_eq!(area_of_code("P7.A"), None);
    assert_eq!(area_of_code(""), None);
    assert_eq!(key_element_of("P1.A.2").as_deref(), Some("P1.A"));
    assert_eq!(key_element_of("x.3").as_deref(), Some("X.3"));
    assert_eq!(key_element_of("P1"), None);
    assert_eq!(key_element_of("Q.1.1"), None);
    assert_eq!(
        parse_key_elements(["p1.a", "X.3", " P1.A ", ""]).expect("valid"),
        vec!["P1.A".to_owned(), "X.3".to_owned()]
    );
    assert!(parse_key_elements(["P1.A.2"]).is_err(), "an indicator");
    assert!(parse_key_elements(["P1"]).is_err(), "a section");
    assert!(parse_key_elements(["Z.1"]).is_err(), "no such section");
    assert!(parse_key_elements(["P1.A-"]).is_err());
}
