//! Feedback and follow-up surveys, the evaluation and certificates (issue 6):
//! the JSON contract with hand-computed summaries, answering once, anonymity
//! (no user id stored, no name shown, nothing below three responses), who
//! sees what, the workbook read back and the certificate's text.

use axum::http::{Method, StatusCode};
use gedhub_core::surveys::{ItemKind, SurveyKind};
use gedhub_core::{Email, Role, UserId};
use gedhub_store::Actor;

use crate::support::TestApp;

const BRUSSELS: &str = r#"{"title":"Train-the-trainer, Brussels","kind":"train_the_trainer","mode":"in_person","language":"en","start_date":"2023-03-13","end_date":"2023-03-17","capacity":5,"venue":"WCO headquarters"}"#;

/// Staff, a Benin focal point, four confirmed participants (three from
/// Benin, one from Canada) and a Benin nominee not yet confirmed.
async fn workshop() -> (TestApp, String, i64) {
    let app = TestApp::new().await;
    app.user("staff@wco.test", Role::Secretariat, None).await;
    app.user("focal@bj.test", Role::FocalPoint, Some("BJ"))
        .await;
    for (email, code) in [
        ("amina@bj.test", "BJ"),
        ("koffi@bj.test", "BJ"),
        ("sena@bj.test", "BJ"),
        ("claire@ca.test", "CA"),
        ("nominee@bj.test", "BJ"),
    ] {
        app.user(email, Role::Participant, Some(code)).await;
    }
    let staff = app.sign_in("staff@wco.test").await;
    let created = app
        .json(Method::POST, "/api/v1/workshops", Some(&staff), BRUSSELS)
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.json()["id"].as_i64().expect("id");
    for email in [
        "amina@bj.test",
        "koffi@bj.test",
        "sena@bj.test",
        "claire@ca.test",
    ] {
        let added = app
            .json(
                Method::POST,
                &format!("/api/v1/workshops/{id}/participants"),
                Some(&staff),
                &format!(r#"{{"email":"{email}"}}"#),
            )
            .await;
        assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
    }
    let store = app.store();
    let workshop = store.workshop(id).await.expect("workshop");
    let nominee = store
        .user_by_email(&Email::parse("nominee@bj.test").expect("valid"))
        .await
        .expect("nominee");
    store
        .nominate(
            &Actor::system("test"),
            &workshop,
            &nominee,
            &gedhub_store::training::Nomination {
                motivation: "Motivated".into(),
                ..Default::default()
            },
        )
        .await
        .expect("nominated");
    (app, staff, id)
}

/// A survey with a Likert item and a free-text item; their ids.
async fn survey(app: &TestApp, id: i64, kind: SurveyKind, anonymous: bool) -> (i64, i64) {
    let store = app.store();
    let actor = Actor::system("test");
    let workshop = store.workshop(id).await.expect("workshop");
    let survey = store
        .create_survey(
            &actor,
            &workshop,
            kind,
            anonymous,
            Some(workshop.dates.end()),
        )
        .await
        .expect("survey");
    let likert = store
        .add_survey_item(
            &actor,
            &survey,
            ItemKind::Likert,
            "The workshop met my needs",
            "L'atelier a répondu à mes besoins",
        )
        .await
        .expect("item");
    let text = store
        .add_survey_item(
            &actor,
            &survey,
            ItemKind::FreeText,
            "What will you apply?",
            "Que mettrez-vous en pratique ?",
        )
        .await
        .expect("item");
    (likert.id, text.id)
}

async fn answer(
    app: &TestApp,
    id: i64,
    kind: &str,
    email: &str,
    body: &str,
) -> crate::support::TestResponse {
    let cookie = app.sign_in(email).await;
    app.json(
        Method::POST,
        &format!("/api/v1/workshops/{id}/surveys/{kind}/responses"),
        Some(&cookie),
        body,
    )
    .await
}

#[tokio::test]
async fn feedback_is_answered_once_and_summarised_per_item() {
    let (app, staff, id) = workshop().await;
    let (likert, text) = survey(&app, id, SurveyKind::Feedback, false).await;
    for (email, value, comment) in [
        ("amina@bj.test", 5, "Use GEOAT with my team"),
        ("koffi@bj.test", 4, ""),
        ("claire@ca.test", 2, "Train colleagues"),
    ] {
        let body = format!(
            r#"{{"answers":[{{"item":{likert},"value":{value}}},{{"item":{text},"text":"{comment}"}}]}}"#
        );
        let response = answer(&app, id, "feedback", email, &body).await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.body);
    }
    // A second answer is refused and changes nothing.
    let again = answer(
        &app,
        id,
        "feedback",
        "amina@bj.test",
        &format!(r#"{{"answers":[{{"item":{likert},"value":1}}]}}"#),
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.error_code(), "survey_already_answered");
    // Out of range, wrong kind, another survey's item: 422, nothing stored.
    for body in [
        format!(r#"{{"answers":[{{"item":{likert},"value":6}}]}}"#),
        format!(r#"{{"answers":[{{"item":{likert},"text":"five"}}]}}"#),
        r#"{"answers":[{"item":99999,"value":3}]}"#.to_owned(),
    ] {
        let refused = answer(&app, id, "feedback", "sena@bj.test", &body).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    }
    let evaluation = app
        .get(&format!("/api/v1/workshops/{id}/evaluation"), Some(&staff))
        .await;
    assert_eq!(evaluation.status, StatusCode::OK, "{}", evaluation.body);
    let reaction = &evaluation.json()["reaction"];
    assert_eq!(reaction["responses"], 3);
    assert_eq!(reaction["results_visible"], true);
    let item = &reaction["items"][0];
    assert_eq!(item["answers"], 3);
    // (5 + 4 + 2) / 3 = 3.666…
    let mean = item["mean"].as_f64().expect("mean");
    assert!((mean - 11.0 / 3.0).abs() < 1e-9, "{mean}");
    assert_eq!(item["distribution"], serde_json::json!([0, 1, 0, 1, 1]));
    // Free texts (the empty one is not an answer), named: the survey is not anonymous.
    let texts = reaction["items"][1]["texts"].as_array().expect("texts");
    assert_eq!(texts.len(), 2);
    let mut named: Vec<(String, String)> = texts
        .iter()
        .map(|t| {
            (
                t["text"].as_str().unwrap_or_default().to_owned(),
                t["name"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    named.sort();
    assert_eq!(
        named,
        vec![
            (
                "Train colleagues".to_owned(),
                "Name of claire@ca.test".to_owned()
            ),
            (
                "Use GEOAT with my team".to_owned(),
                "Name of amina@bj.test".to_owned()
            ),
        ]
    );
    // No test scores yet: level 2 is empty; attendance has no record → 0 %.
    let learning = &evaluation.json()["learning"];
    assert_eq!(learning["participants"], 0);
    assert!(learning["mean_gain_points"].is_null());
    assert_eq!(evaluation.json()["attendance"]["confirmed"], 4);
    // The page shows the same, with its chart and table.
    let page = app
        .get(&format!("/workshops/{id}/evaluation"), Some(&staff))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<svg"), "a chart");
    assert!(
        page.body.contains("3.67") || page.body.contains("3,67"),
        "the mean"
    );
    assert!(page.body.contains("id=\"no-scores\""));
}

#[tokio::test]
async fn the_form_answers_once_and_others_cannot_answer() {
    let (app, _staff, id) = workshop().await;
    let (likert, text) = survey(&app, id, SurveyKind::Feedback, true).await;
    let amina = app.sign_in("amina@bj.test").await;
    // The workshop page links a confirmed participant to the open survey.
    let workshop_page = app.get(&format!("/workshops/{id}"), Some(&amina)).await;
    assert!(
        workshop_page
            .body
            .contains(&format!("href=\"/workshops/{id}/surveys/feedback\""))
    );
    let nominee = app.sign_in("nominee@bj.test").await;
    let nominee_page = app.get(&format!("/workshops/{id}"), Some(&nominee)).await;
    assert!(!nominee_page.body.contains("/surveys/feedback"));
    let form = app
        .get(&format!("/workshops/{id}/surveys/feedback"), Some(&amina))
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains(&format!("name=\"item-{likert}\"")));
    let sent = app
        .form(
            Method::POST,
            &format!("/workshops/{id}/surveys/feedback"),
            Some(&amina),
            &format!("item-{likert}=4&item-{text}=Very+useful"),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let form = app
        .get(&format!("/workshops/{id}/surveys/feedback"), Some(&amina))
        .await;
    assert!(form.body.contains("id=\"answered\""));
    let again = app
        .form(
            Method::POST,
            &format!("/workshops/{id}/surveys/feedback"),
            Some(&amina),
            &format!("item-{likert}=1"),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    // The focal point, the staff and a nominee not confirmed: no such survey.
    for email in ["focal@bj.test", "staff@wco.test", "nominee@bj.test"] {
        let cookie = app.sign_in(email).await;
        let page = app
            .get(&format!("/workshops/{id}/surveys/feedback"), Some(&cookie))
            .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{email}");
        let api = answer(
            &app,
            id,
            "feedback",
            email,
            &format!(r#"{{"answers":[{{"item":{likert},"value":3}}]}}"#),
        )
        .await;
        assert_eq!(api.status, StatusCode::NOT_FOUND, "{email}");
    }
    // A closed survey takes no answer.
    let store = app.store();
    let survey = store
        .survey(id, SurveyKind::Feedback)
        .await
        .expect("survey");
    store
        .set_survey_open(&Actor::system("test"), &survey, false)
        .await
        .expect("closed");
    let closed = answer(
        &app,
        id,
        "feedback",
        "koffi@bj.test",
        &format!(r#"{{"answers":[{{"item":{likert},"value":3}}]}}"#),
    )
    .await;
    assert_eq!(closed.status, StatusCode::CONFLICT);
    assert_eq!(closed.error_code(), "survey_closed");
}

#[tokio::test]
async fn anonymous_results_keep_no_one_and_appear_from_three_responses() {
    let (app, staff, id) = workshop().await;
    let (likert, text) = survey(&app, id, SurveyKind::Feedback, true).await;
    let evaluation = || async {
        app.get(&format!("/api/v1/workshops/{id}/evaluation"), Some(&staff))
            .await
    };
    for (email, value) in [("amina@bj.test", 5), ("koffi@bj.test", 3)] {
        let body = format!(
            r#"{{"answers":[{{"item":{likert},"value":{value}}},{{"item":{text},"text":"Said by someone"}}]}}"#
        );
        let response = answer(&app, id, "feedback", email, &body).await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.body);
    }
    // Two responses: withheld, in the API and on the page.
    let two = evaluation().await.json();
    assert_eq!(two["reaction"]["responses"], 2);
    assert_eq!(two["reaction"]["results_visible"], false);
    assert_eq!(two["reaction"]["anonymity_threshold"], 3);
    assert_eq!(two["reaction"]["items"], serde_json::json!([]));
    let page = app
        .get(&format!("/workshops/{id}/evaluation"), Some(&staff))
        .await;
    assert!(page.body.contains("id=\"withheld-feedback\""));
    assert!(!page.body.contains("Said by someone"));
    // The third response shows them, without any name.
    let body = format!(
        r#"{{"answers":[{{"item":{likert},"value":4}},{{"item":{text},"text":"Said by someone"}}]}}"#
    );
    answer(&app, id, "feedback", "claire@ca.test", &body).await;
    let three = evaluation().await;
    let json = three.json();
    assert_eq!(json["reaction"]["results_visible"], true);
    assert_eq!(json["reaction"]["items"][0]["mean"].as_f64(), Some(4.0));
    assert_eq!(
        json["reaction"]["items"][0]["distribution"],
        serde_json::json!([0, 0, 1, 1, 1])
    );
    let texts = json["reaction"]["items"][1]["texts"]
        .as_array()
        .expect("texts");
    assert_eq!(texts.len(), 3);
    assert!(texts.iter().all(|t| t.get("name").is_none()));
    let page = app
        .get(&format!("/workshops/{id}/evaluation"), Some(&staff))
        .await;
    let workbook =
        crate::support::raw_get(&app, &format!("/workshops/{id}/evaluation.xlsx"), &staff)
            .await
            .1;
    let cells: Vec<String> = gedhub_web::workbooks::read_xlsx(&workbook)
        .expect("workbook")
        .into_iter()
        .flat_map(|sheet| sheet.rows.into_iter().flatten())
        .collect();
    for person in ["amina", "koffi", "claire"] {
        assert!(!three.body.contains(person), "{person} in the API");
        assert!(!page.body.contains(person), "{person} on the page");
        assert!(
            !cells.iter().any(|c| c.contains(person)),
            "{person} in the workbook"
        );
    }
    // Stored: no user id with any response; only "has answered" markers.
    let backup = app.store().backup().await.expect("backup");
    let tables = &backup.as_json()["tables"];
    let responses = tables["survey_responses"]["rows"].as_array().expect("rows");
    assert_eq!(responses.len(), 3);
    assert!(
        responses.iter().all(|row| row[2].is_null()),
        "{responses:?}"
    );
    assert_eq!(
        tables["survey_respondents"]["rows"]
            .as_array()
            .expect("rows")
            .len(),
        3
    );
    // The audit log says who answered, never what nor which response.
    let audit = tables["audit_log"].to_string();
    assert!(!audit.contains("Said by someone"));
    for row in responses {
        let key = row[0].as_str().expect("key");
        assert!(!audit.contains(key), "a response key in the audit log");
    }
}

#[tokio::test]
async fn the_evaluation_is_for_the_secretariat_only() {
    let (app, staff, id) = workshop().await;
    survey(&app, id, SurveyKind::Feedback, false).await;
    for email in ["focal@bj.test", "amina@bj.test"] {
        let cookie = app.sign_in(email).await;
        for path in [
            format!("/api/v1/workshops/{id}/evaluation"),
            format!("/workshops/{id}/evaluation"),
            format!("/workshops/{id}/evaluation.xlsx"),
        ] {
            let response = app.get(&path, Some(&cookie)).await;
            assert_eq!(response.status, StatusCode::NOT_FOUND, "{email} {path}");
        }
        // Configuring surveys is refused.
        let refused = app
            .form(
                Method::POST,
                &format!("/workshops/{id}/surveys/feedback/items"),
                Some(&cookie),
                "item_kind=likert&text_en=Sneaky",
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{email}");
    }
    let unknown = app
        .get("/api/v1/workshops/9999/evaluation", Some(&staff))
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_follow_up_goes_out_once_to_confirmed_participants() {
    let (app, staff, id) = workshop().await;
    // Created through the form without a date: three months after 17 March 2023.
    let created = app
        .form(
            Method::POST,
            &format!("/workshops/{id}/surveys"),
            Some(&staff),
            "kind=follow_up&anonymous=1&send_on=",
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let twice = app
        .form(
            Method::POST,
            &format!("/workshops/{id}/surveys"),
            Some(&staff),
            "kind=follow_up",
        )
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    let added = app
        .form(
            Method::POST,
            &format!("/workshops/{id}/surveys/follow_up/items"),
            Some(&staff),
            "item_kind=free_text&text_en=What+did+you+apply%3F&text_fr=Qu%27avez-vous+appliqu%C3%A9+%3F",
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let json = app
        .get(&format!("/api/v1/workshops/{id}/evaluation"), Some(&staff))
        .await
        .json();
    assert_eq!(json["behaviour"]["send_on"], "2023-06-17");
    assert!(json["behaviour"]["sent_at"].is_null());
    // The daily job does nothing the day before, and sends on the day.
    let day = |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("day");
    let store = app.store();
    assert_eq!(
        gedhub_web::training_views::send_due_follow_ups(store, day("2023-06-16"))
            .await
            .expect("job"),
        0
    );
    assert_eq!(
        gedhub_web::training_views::send_due_follow_ups(store, day("2023-06-17"))
            .await
            .expect("job"),
        4,
        "the four confirmed participants, not the nominee"
    );
    let amina = store
        .user_by_email(&Email::parse("amina@bj.test").expect("valid"))
        .await
        .expect("amina");
    let notes = store.notifications(amina.id, 10).await.expect("notes");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].link, format!("/workshops/{id}/surveys/follow_up"));
    let nominee = store
        .user_by_email(&Email::parse("nominee@bj.test").expect("valid"))
        .await
        .expect("nominee");
    assert!(
        store
            .notifications(nominee.id, 10)
            .await
            .expect("notes")
            .is_empty()
    );
    // Sent once: the button now answers 409, the job sends nothing more.
    let again = app
        .form(
            Method::POST,
            &format!("/workshops/{id}/surveys/follow_up/send"),
            Some(&staff),
            "",
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(
        gedhub_web::training_views::send_due_follow_ups(store, day("2023-06-18"))
            .await
            .expect("job"),
        0
    );
    assert_eq!(
        store
            .notifications(amina.id, 10)
            .await
            .expect("notes")
            .len(),
        1
    );
    // The participant follows the link and answers.
    let cookie = app.sign_in("amina@bj.test").await;
    let form = app
        .get(&format!("/workshops/{id}/surveys/follow_up"), Some(&cookie))
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("What did you apply?"));
}

#[tokio::test]
async fn the_button_sends_the_follow_up_now() {
    let (app, staff, id) = workshop().await;
    survey(&app, id, SurveyKind::FollowUp, false).await;
    let sent = app
        .form(
            Method::POST,
            &format!("/workshops/{id}/surveys/follow_up/send"),
            Some(&staff),
            "",
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let claire = app
        .store()
        .user_by_email(&Email::parse("claire@ca.test").expect("valid"))
        .await
        .expect("claire");
    let notes = app
        .store()
        .notifications(claire.id, 10)
        .await
        .expect("notes");
    assert_eq!(notes.len(), 1);
    // The feedback survey is not sent.
    survey(&app, id, SurveyKind::Feedback, false).await;
    let feedback = app
        .form(
            Method::POST,
            &format!("/workshops/{id}/surveys/feedback/send"),
            Some(&staff),
            "",
        )
        .await;
    assert_eq!(feedback.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn the_evaluation_workbook_reads_back() {
    let (app, staff, id) = workshop().await;
    let (likert, _) = survey(&app, id, SurveyKind::Feedback, false).await;
    for (email, value) in [("amina@bj.test", 4), ("koffi@bj.test", 5)] {
        answer(
            &app,
            id,
            "feedback",
            email,
            &format!(r#"{{"answers":[{{"item":{likert},"value":{value}}}]}}"#),
        )
        .await;
    }
    // Amina attended 4 of 5 days, Koffi 5: mean attendance over the four
    // confirmed participants (80 + 100 + 0 + 0) / 4 = 45 %.
    for (email, days) in [("amina@bj.test", 4), ("koffi@bj.test", 5)] {
        for day in 13..13 + days {
            let response = app
                .json(
                    Method::PUT,
                    &format!("/api/v1/workshops/{id}/attendance"),
                    Some(&staff),
                    &format!(r#"{{"email":"{email}","date":"2023-03-{day}","present":true}}"#),
                )
                .await;
            assert_eq!(response.status, StatusCode::OK, "{}", response.body);
        }
    }
    let (status, bytes) =
        crate::support::raw_get(&app, &format!("/workshops/{id}/evaluation.xlsx"), &staff).await;
    assert_eq!(status, StatusCode::OK);
    let sheets = gedhub_web::workbooks::read_xlsx(&bytes).expect("a workbook");
    let summary = &sheets[0];
    assert_eq!(summary.name, "Summary");
    let value = |label: &str| {
        summary
            .rows
            .iter()
            .find(|row| row.first().map(String::as_str) == Some(label))
            .and_then(|row| row.get(1).cloned())
            .unwrap_or_else(|| panic!("row {label}"))
    };
    assert_eq!(value("Confirmed participants"), "4");
    assert_eq!(value("Mean attendance (%)"), "45");
    assert_eq!(value("Participants with both tests"), "0");
    let feedback = &sheets[1];
    assert_eq!(feedback.name, "End-of-workshop feedback");
    assert_eq!(
        feedback.rows[1],
        vec![
            "The workshop met my needs",
            "2",
            "4.5",
            "0",
            "0",
            "0",
            "1",
            "1",
        ]
    );
    // In French on request.
    let (_, bytes) = crate::support::raw_get(
        &app,
        &format!("/workshops/{id}/evaluation.xlsx?lang=fr"),
        &staff,
    )
    .await;
    let sheets = gedhub_web::workbooks::read_xlsx(&bytes).expect("a workbook");
    assert_eq!(sheets[0].name, "Synthèse");
    assert_eq!(sheets[1].rows[1][0], "L'atelier a répondu à mes besoins");
}

#[tokio::test]
async fn certificates_are_for_those_who_completed_and_their_own_people() {
    let (app, staff, id) = workshop().await;
    let path = |email: &str| format!("/workshops/{id}/participants/{email}/certificate.pdf");
    // Not completed (no attendance, no post-test): 409.
    let amina = app.sign_in("amina@bj.test").await;
    let refused = app.get(&path("amina@bj.test"), Some(&amina)).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.body.contains("not completed") || refused.body.contains("not_completed"));
    // The Secretariat overrides: completed.
    let store = app.store();
    let workshop = store.workshop(id).await.expect("workshop");
    let amina_id: UserId = store
        .user_by_email(&Email::parse("amina@bj.test").expect("valid"))
        .await
        .expect("amina")
        .id;
    for day in 13..=16 {
        app.json(
            Method::PUT,
            &format!("/api/v1/workshops/{id}/attendance"),
            Some(&staff),
            &format!(r#"{{"email":"amina@bj.test","date":"2023-03-{day}","present":true}}"#),
        )
        .await;
    }
    store
        .override_completion(
            &Actor::system("test"),
            &workshop,
            amina_id,
            Some(true),
            "Post-test taken on paper",
        )
        .await
        .expect("override");
    // The workshop page links to it, and to the evaluation for the Secretariat.
    let listing = app.get(&format!("/workshops/{id}"), Some(&staff)).await;
    assert!(listing.body.contains(&path("amina@bj.test")));
    assert!(!listing.body.contains(&path("koffi@bj.test")));
    assert!(listing.body.contains("id=\"evaluation-link\""));
    let (status, pdf) = crate::support::raw_get(&app, &path("amina@bj.test"), &amina).await;
    assert_eq!(status, StatusCode::OK);
    assert!(pdf.starts_with(b"%PDF-"));
    // The Secretariat and Benin's focal point may download it too.
    let focal = app.sign_in("focal@bj.test").await;
    for cookie in [&staff, &focal] {
        let (status, _) = crate::support::raw_get(&app, &path("amina@bj.test"), cookie).await;
        assert_eq!(status, StatusCode::OK);
    }
    // Another participant, and a focal point of another administration: 404.
    let koffi = app.sign_in("koffi@bj.test").await;
    assert_eq!(
        app.get(&path("amina@bj.test"), Some(&koffi)).await.status,
        StatusCode::NOT_FOUND
    );
    app.user("focal@ca.test", Role::FocalPoint, Some("CA"))
        .await;
    let canada = app.sign_in("focal@ca.test").await;
    assert_eq!(
        app.get(&path("amina@bj.test"), Some(&canada)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&path("claire@ca.test"), Some(&focal)).await.status,
        StatusCode::NOT_FOUND
    );
    // The text, in English and in French.
    let Some(english) = crate::support::pdf_text(&pdf) else {
        eprintln!("pdftotext is not installed: the certificate's text was not checked");
        return;
    };
    let squash = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let english = squash(&english);
    for needle in [
        "Certificate of completion",
        "Name of amina@bj.test",
        "Train-the-trainer, Brussels",
        "Train-the-trainer",
        "In person",
        "13 March 2023 – 17 March 2023",
        "WCO headquarters",
        "4 of 5 days (80%)",
        // Letter-spaced capitals: pdftotext splits the words.
        "PROGRAMME",
        &format!("GED-2023-{id:04}-{:05}", amina_id.0),
    ] {
        assert!(english.contains(needle), "{needle:?} in {english}");
    }
    let (_, pdf) =
        crate::support::raw_get(&app, &format!("{}?lang=fr", path("amina@bj.test")), &amina).await;
    let french = squash(&crate::support::pdf_text(&pdf).expect("pdftotext"));
    for needle in [
        "Certificat de réussite",
        "Il est certifié que",
        "13 mars 2023 – 17 mars 2023",
        "En présentiel",
        "4 jours sur 5 (80 %)",
    ] {
        assert!(french.contains(needle), "{needle:?} in {french}");
    }
}
