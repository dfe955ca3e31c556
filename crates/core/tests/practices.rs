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
