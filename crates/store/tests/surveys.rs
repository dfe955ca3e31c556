//! The demo's surveys: what a newcomer sees on the two seeded workshops, and
//! that seeding twice adds nothing.

use gedhub_core::surveys::SurveyKind;
use gedhub_store::testing::test_database;

#[tokio::test]
async fn the_demo_workshops_have_their_surveys_and_answers() {
    let db = test_database().await;
    let store = db.store.clone();
    store.seed_demo().await.expect("demo");
    store.seed_demo().await.expect("demo again");
    let workshops = store.workshops().await.expect("workshops");
    let brussels = workshops
        .iter()
        .find(|w| w.language == "en")
        .expect("Brussels");
    let online = workshops
        .iter()
        .find(|w| w.language == "fr")
        .expect("virtual");
    let feedback = store
        .survey(brussels.id, SurveyKind::Feedback)
        .await
        .expect("feedback");
    assert!(feedback.anonymous);
    assert_eq!(
        store.survey_response_count(feedback.id).await.expect("n"),
        17
    );
    // Four Likert items and one free text, answered by 17: 68 values, and
    // four comments.
    let answers = store.survey_answers(feedback.id).await.expect("answers");
    assert_eq!(answers.iter().filter(|a| a.likert.is_some()).count(), 68);
    assert_eq!(answers.iter().filter(|a| !a.text.is_empty()).count(), 4);
    assert!(answers.iter().all(|a| a.respondent.is_none()), "anonymous");
    let follow_up = store
        .survey(brussels.id, SurveyKind::FollowUp)
        .await
        .expect("follow-up");
    assert!(follow_up.sent_at.is_some());
    assert_eq!(
        follow_up.send_on.map(|d| d.to_string()).as_deref(),
        Some("2023-06-17")
    );
    assert_eq!(
        store.survey_response_count(follow_up.id).await.expect("n"),
        12
    );
    let online_feedback = store
        .survey(online.id, SurveyKind::Feedback)
        .await
        .expect("feedback");
    assert!(!online_feedback.anonymous);
    assert_eq!(
        store
            .survey_response_count(online_feedback.id)
            .await
            .expect("n"),
        6
    );
    let named = store
        .survey_answers(online_feedback.id)
        .await
        .expect("answers");
    assert!(named.iter().all(|a| a.respondent.is_some()), "named survey");
    assert!(
        store.survey(online.id, SurveyKind::FollowUp).await.is_err(),
        "no follow-up for the 2024 workshop yet"
    );
}
