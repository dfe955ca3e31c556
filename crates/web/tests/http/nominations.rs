//! The call for nominations, preselection, and the account gedhub creates
//! for a nominee who has none, set up through a one-time e-mailed link.

use axum::http::{Method, StatusCode};
use gedhub_core::Role;

use crate::support::{PASSWORD, TestApp};

const VIRTUAL: &str = r#"{"title":"Atelier virtuel","kind":"train_the_trainer","mode":"virtual","language":"fr","start_date":"2024-04-08","end_date":"2024-04-12","capacity":5,"meeting_link":"https://meet.example/omd"}"#;

async fn setup() -> (TestApp, String, String, i64) {
    let app = TestApp::new().await;
    app.user("staff@wco.test", Role::Secretariat, None).await;
    app.user("focal@bj.test", Role::FocalPoint, Some("BJ"))
        .await;
    for email in ["amina@bj.test", "koffi@bj.test", "sena@bj.test"] {
        app.user(email, Role::Participant, Some("BJ")).await;
    }
    let staff = app.sign_in("staff@wco.test").await;
    let focal = app.sign_in("focal@bj.test").await;
    let created = app
        .json(Method::POST, "/api/v1/workshops", Some(&staff), VIRTUAL)
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.json()["id"].as_i64().expect("id");
    (app, staff, focal, id)
}

fn nomination(email: &str) -> String {
    format!("email={email}&motivation=Leads+the+GED+unit&languages=French&experience=5+years")
}

#[tokio::test]
async fn focal_points_nominate_only_while_the_call_is_open() {
    let (app, staff, focal, id) = setup().await;
    let nominations = format!("/workshops/{id}/nominations");
    let call = format!("/workshops/{id}/call");
    let page = app.get(&format!("/workshops/{id}"), Some(&focal)).await;
    assert!(
        page.body.contains("Nominations are open."),
        "open when created"
    );
    let first = app
        .form(
            Method::POST,
            &nominations,
            Some(&focal),
            &nomination("amina@bj.test"),
        )
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);

    let closed = app
        .form(Method::POST, &call, Some(&staff), "call=close")
        .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER);
    let refused = app
        .form(
            Method::POST,
            &nominations,
            Some(&focal),
            &nomination("koffi@bj.test"),
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(
        refused
            .body
            .contains("call for nominations for this workshop is closed"),
        "{}",
        refused.body
    );
    let page = app.get(&format!("/workshops/{id}"), Some(&focal)).await;
    assert!(page.body.contains("The call for nominations is closed."));
    assert!(
        !page.body.contains("id=\"nominate\""),
        "no nomination form while closed"
    );
    // The Secretariat still nominates; focal points may not change the call.
    let by_staff = app
        .form(
            Method::POST,
            &nominations,
            Some(&staff),
            &nomination("koffi@bj.test"),
        )
        .await;
    assert_eq!(by_staff.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.form(Method::POST, &call, Some(&focal), "call=open")
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    // Reopened with a last day that has passed: still closed for focal points.
    let past = app
        .form(
            Method::POST,
            &call,
            Some(&staff),
            "call=open&close_on=2000-01-31",
        )
        .await;
    assert_eq!(past.status, StatusCode::SEE_OTHER);
    let late = app
        .form(
            Method::POST,
            &nominations,
            Some(&focal),
            &nomination("sena@bj.test"),
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    let future = app
        .form(
            Method::POST,
            &call,
            Some(&staff),
            "call=open&close_on=2999-12-31",
        )
        .await;
    assert_eq!(future.status, StatusCode::SEE_OTHER);
    let page = app.get(&format!("/workshops/{id}"), Some(&focal)).await;
    assert!(
        page.body
            .contains("Nominations are open until 31 December 2999 (included)."),
        "{}",
        page.body
    );
    let on_time = app
        .form(
            Method::POST,
            &nominations,
            Some(&focal),
            &nomination("sena@bj.test"),
        )
        .await;
    assert_eq!(on_time.status, StatusCode::SEE_OTHER);
    let bad = app
        .form(Method::POST, &call, Some(&staff), "call=maybe")
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let bad_date = app
        .form(
            Method::POST,
            &call,
            Some(&staff),
            "call=open&close_on=31/12/2099",
        )
        .await;
    assert_eq!(bad_date.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_nominee_without_an_account_is_preselected_confirmed_and_sets_a_password_once() {
    let (app, staff, focal, id) = setup().await;
    let nominations = format!("/workshops/{id}/nominations");
    let unknown = app
        .form(
            Method::POST,
            &nominations,
            Some(&focal),
            &nomination("new.person@bj.test"),
        )
        .await;
    assert_eq!(
        unknown.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "without a name: no account to nominate"
    );
    let created = app
        .form(
            Method::POST,
            &nominations,
            Some(&focal),
            &format!("{}&name=Nadège+Houngbo", nomination("new.person@bj.test")),
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let nominee = app
        .store()
        .user_by_email(&gedhub_core::Email::parse("new.person@bj.test").expect("valid"))
        .await
        .expect("account created");
    assert_eq!(
        (nominee.role, nominee.name.as_str()),
        (Role::Participant, "Nadège Houngbo")
    );
    assert_eq!(
        nominee.administration.map(|c| c.to_string()).as_deref(),
        Some("BJ")
    );
    let cannot_sign_in = app
        .form(
            Method::POST,
            "/login",
            None,
            "email=new.person%40bj.test&password=%21set-up-pending",
        )
        .await;
    assert_eq!(cannot_sign_in.status, StatusCode::UNAUTHORIZED);

    let decide = format!("/workshops/{id}/participants/{}/decision", nominee.id);
    let preselected = app
        .form(Method::POST, &decide, Some(&staff), "decision=preselect")
        .await;
    assert_eq!(preselected.status, StatusCode::SEE_OTHER);
    let page = app.get(&format!("/workshops/{id}"), Some(&staff)).await;
    assert!(page.body.contains("Preselected"));
    assert!(
        app.store()
            .pending_emails(10)
            .await
            .expect("emails")
            .is_empty(),
        "no link before confirmation"
    );

    let confirmed = app
        .form(Method::POST, &decide, Some(&staff), "decision=confirm")
        .await;
    assert_eq!(confirmed.status, StatusCode::SEE_OTHER);
    let emails = app.store().pending_emails(10).await.expect("emails");
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0].recipient, "new.person@bj.test");
    assert!(
        emails[0].subject.contains("Atelier virtuel"),
        "{}",
        emails[0].subject
    );
    assert!(
        emails[0].body.starts_with("Bonjour Nadège Houngbo"),
        "in the workshop's language: {}",
        emails[0].body
    );
    let link = emails[0]
        .body
        .split_whitespace()
        .find(|word| word.contains("/account/setup/"))
        .expect("a link");
    assert!(
        link.starts_with("http://localhost:8080/account/setup/"),
        "on the configured public address: {link}"
    );
    let path = &link[link.find("/account/setup/").expect("path")..];

    let form = app.get(path, None).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("new.person@bj.test"));
    let differ = app
        .form(
            Method::POST,
            path,
            None,
            "new_password=correct+horse+battery&confirm_password=other+horse+battery",
        )
        .await;
    assert_eq!(differ.status, StatusCode::UNPROCESSABLE_ENTITY);
    let short = app
        .form(
            Method::POST,
            path,
            None,
            "new_password=short&confirm_password=short",
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    let password = PASSWORD.replace(' ', "+");
    let set = app
        .form(
            Method::POST,
            path,
            None,
            &format!("new_password={password}&confirm_password={password}"),
        )
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER, "{}", set.body);
    assert!(set.header("location").starts_with("/login"));
    app.sign_in("new.person@bj.test").await;
    // The link works once.
    assert_eq!(app.get(path, None).await.status, StatusCode::NOT_FOUND);
    let again = app
        .form(
            Method::POST,
            path,
            None,
            &format!("new_password={password}&confirm_password={password}"),
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    // Confirming an existing account sends no link.
    let amina = app
        .store()
        .user_by_email(&gedhub_core::Email::parse("amina@bj.test").expect("valid"))
        .await
        .expect("amina");
    app.form(
        Method::POST,
        &nominations,
        Some(&focal),
        &nomination("amina@bj.test"),
    )
    .await;
    app.form(
        Method::POST,
        &format!("/workshops/{id}/participants/{}/decision", amina.id),
        Some(&staff),
        "decision=confirm",
    )
    .await;
    assert_eq!(
        app.store().pending_emails(10).await.expect("emails").len(),
        1
    );
}

#[tokio::test]
async fn an_unknown_or_expired_setup_link_is_not_found() {
    let (app, ..) = setup().await;
    assert_eq!(
        app.get("/account/setup/0123456789abcdef", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let nominee = app
        .store()
        .user_by_email(&gedhub_core::Email::parse("sena@bj.test").expect("valid"))
        .await
        .expect("sena");
    let long_ago = gedhub_store::Timestamp::from_db("2020-01-01T00:00:00Z").expect("time");
    app.store()
        .send_setup_link(
            &gedhub_store::Actor::system("test"),
            &nominee,
            &gedhub_store::account_setup::SetupEmail {
                subject: "Set up".into(),
                body: "Link: {link}".into(),
                link_prefix: "http://localhost/account/setup/".into(),
            },
            long_ago,
        )
        .await
        .expect("link");
    let emails = app.store().pending_emails(10).await.expect("emails");
    let path = emails[0]
        .body
        .trim_start_matches("Link: http://localhost")
        .to_owned();
    assert!(path.starts_with("/account/setup/"), "{path}");
    assert_eq!(
        app.get(&path, None).await.status,
        StatusCode::NOT_FOUND,
        "expired after 14 days"
    );
}

/// A refused nomination comes back as the workshop page with the form open
/// and as typed, the problem at its field and in the summary; nobody is
/// nominated.
#[tokio::test]
async fn a_refused_nomination_keeps_what_was_typed() {
    let (app, _staff, focal, id) = setup().await;
    app.user("claire@ca.test", Role::Participant, Some("CA"))
        .await;
    let refused = app
        .form(
            Method::POST,
            &format!("/workshops/{id}/nominations"),
            Some(&focal),
            "email=claire%40ca.test&name=&motivation=Leads+the+GED+unit&languages=Fran%C3%A7ais&experience=5+years",
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let body = &refused.body;
    assert!(
        body.contains(r#"<details class="card" id="nomination" open>"#),
        "{body}"
    );
    assert!(body.contains(r#"value="claire@ca.test""#), "{body}");
    assert!(body.contains(">Leads the GED unit</textarea>"), "{body}");
    assert!(body.contains(r#"value="Français""#), "{body}");
    assert!(body.contains(r##"<a href="#nominee-email">"##), "{body}");
    assert!(body.contains(r#"id="nominee-email-problem""#), "{body}");
    let participants = app.store().participants(id).await.expect("participants");
    assert!(participants.is_empty(), "{participants:?}");
}
