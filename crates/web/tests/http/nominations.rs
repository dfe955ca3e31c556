//! The call for nominations, preselection, and the account gedhub creates
//! for a nominee who has none, set up through a one-time e-mailed link.

use axum::http::{Method, StatusCode};
use gedhub_core::Role;

use crate::support::{PASSWORD, TestApp};

const VIRTUAL: &str = r#"{"title":"Atelier virtuel","kind":"train_the_trainer","mode":"virtual","language":"fr","start_date":"2099-04-08","end_date":"2099-04-12","capacity":5,"meeting_link":"https://meet.example/omd"}"#;

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
    format!("email={email}&motivation=Leads+the+GED+unit&languages=fr&experience=5+years")
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
            "email=claire%40ca.test&name=&motivation=Leads+the+GED+unit&languages=fr&languages=es&sex=female&experience=5+years",
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
    for kept in [
        r#"id="nominee-language-fr" name="languages" value="fr" checked"#,
        r#"id="nominee-language-es" name="languages" value="es" checked"#,
        r#"id="nominee-sex-female" name="sex" value="female" checked"#,
    ] {
        assert!(body.contains(kept), "{kept} in {body}");
    }
    assert!(
        !body.contains(r#"value="en" checked"#) && !body.contains(r#"value="male" checked"#),
        "{body}"
    );
    assert!(body.contains(r##"<a href="#nominee-email">"##), "{body}");
    assert!(body.contains(r#"id="nominee-email-problem""#), "{body}");
    let participants = app.store().participants(id).await.expect("participants");
    assert!(participants.is_empty(), "{participants:?}");
}

/// A nominee's languages (from the list) and, optionally, sex: the form
/// pre-decides neither, the person's account and training record keep them,
/// and a sex the person recorded themselves is never replaced.
#[tokio::test]
async fn a_nomination_records_the_persons_languages_and_optional_sex() {
    let (app, staff, focal, id) = setup().await;
    let page = app.get(&format!("/workshops/{id}"), Some(&focal)).await;
    for code in ["en", "fr", "es", "pt", "ar"] {
        assert!(
            page.body.contains(&format!(
                r#"id="nominee-language-{code}" name="languages" value="{code}">"#
            )),
            "{code} offered, not checked: {}",
            page.body
        );
    }
    for code in ["female", "male", "other", "undisclosed"] {
        assert!(
            page.body.contains(&format!(
                r#"id="nominee-sex-{code}" name="sex" value="{code}">"#
            )),
            "{code} offered, not chosen"
        );
    }
    let form = &page.body[page.body.find(r#"id="nomination""#).expect("the form")..];
    let form = &form[..form.find("</details>").expect("its end")];
    assert!(!form.contains(" checked"), "nothing pre-decided: {form}");

    // The page: French, a woman.
    let sent = app
        .form(
            Method::POST,
            &format!("/workshops/{id}/nominations"),
            Some(&focal),
            "email=amina%40bj.test&motivation=Leads+the+GED+unit&languages=fr&sex=female",
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let user = |email: &'static str| {
        let app = &app;
        async move {
            app.store()
                .user_by_email(&gedhub_core::Email::parse(email).expect("valid"))
                .await
                .expect("user")
        }
    };
    let amina = user("amina@bj.test").await;
    assert_eq!(
        app.store()
            .user_sex(amina.id)
            .await
            .expect("sex")
            .as_deref(),
        Some("female")
    );
    let record = app
        .get("/api/v1/training-records/amina@bj.test", Some(&focal))
        .await;
    assert_eq!(record.status, StatusCode::OK, "{}", record.body);
    assert_eq!(record.json()["languages"], serde_json::json!(["fr"]));
    let page = app
        .get(&format!("/training/{}", amina.id.0), Some(&staff))
        .await;
    assert!(
        page.body
            .contains(r#"<dd id="record-languages">French</dd>"#),
        "{}",
        page.body
    );
    let workshop = app.get(&format!("/workshops/{id}"), Some(&staff)).await;
    assert!(
        workshop.body.contains("Languages: French"),
        "{}",
        workshop.body
    );

    // The API: two languages, sex not given; then one whose own answer stays.
    let api = format!("/api/v1/workshops/{id}/nominations");
    let koffi = app
        .json(
            Method::POST,
            &api,
            Some(&focal),
            r#"{"email":"koffi@bj.test","motivation":"Trainer","languages":["fr","en"],"sex":null}"#,
        )
        .await;
    assert_eq!(koffi.status, StatusCode::CREATED, "{}", koffi.body);
    let koffi_user = user("koffi@bj.test").await;
    assert_eq!(koffi.json()["id"].as_i64(), Some(koffi_user.id.0));
    assert_eq!(
        app.store().user_sex(koffi_user.id).await.expect("sex"),
        None,
        "not given: not recorded"
    );
    let record = app
        .get("/api/v1/training-records/koffi@bj.test", Some(&staff))
        .await
        .json();
    assert_eq!(record["languages"], serde_json::json!(["en", "fr"]));
    let sena = user("sena@bj.test").await;
    app.store()
        .set_user_sex(&gedhub_store::Actor::system("test"), sena.id, Some("male"))
        .await
        .expect("own answer");
    let sena_nominated = app
        .json(
            Method::POST,
            &api,
            Some(&focal),
            r#"{"email":"sena@bj.test","motivation":"Trainer","languages":["fr"],"sex":"female"}"#,
        )
        .await;
    assert_eq!(sena_nominated.status, StatusCode::CREATED);
    assert_eq!(
        app.store().user_sex(sena.id).await.expect("sex").as_deref(),
        Some("male"),
        "the person's own answer stays"
    );
}

/// Every problem of a nomination at once, at its field, on the page and in
/// the API; nobody is nominated.
#[tokio::test]
async fn a_nomination_without_languages_or_with_an_unknown_sex_is_refused_at_its_fields() {
    let (app, _staff, focal, id) = setup().await;
    let refused = app
        .json(
            Method::POST,
            &format!("/api/v1/workshops/{id}/nominations"),
            Some(&focal),
            r#"{"email":"amina@bj.test","motivation":" ","languages":[],"sex":"yes"}"#,
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let codes: Vec<String> = refused.json()["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["code"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        codes,
        ["required", "required", "unknown_sex"],
        "{}",
        refused.body
    );
    let unknown = app
        .json(
            Method::POST,
            &format!("/api/v1/workshops/{id}/nominations"),
            Some(&focal),
            r#"{"email":"amina@bj.test","motivation":"x","languages":["French"]}"#,
        )
        .await;
    assert_eq!(unknown.error_code(), "unknown_language");
    let page = app
        .form(
            Method::POST,
            &format!("/workshops/{id}/nominations"),
            Some(&focal),
            "email=amina%40bj.test&motivation=Leads&sex=",
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains(r##"<a href="#nominee-languages">"##),
        "{}",
        page.body
    );
    assert!(
        page.body.contains(r#"id="nominee-languages-problem""#),
        "{}",
        page.body
    );
    assert!(
        app.store()
            .participants(id)
            .await
            .expect("participants")
            .is_empty()
    );
}

/// Nominations close when the workshop starts, for focal points and the
/// Secretariat alike, on the page and in the API; the page says so and no
/// longer offers the form.
#[tokio::test]
async fn nominations_close_when_the_workshop_starts() {
    let app = TestApp::on_day("2025-02-03").await;
    app.user("staff@wco.test", Role::Secretariat, None).await;
    app.user("focal@bj.test", Role::FocalPoint, Some("BJ"))
        .await;
    app.user("amina@bj.test", Role::Participant, Some("BJ"))
        .await;
    let staff = app.sign_in("staff@wco.test").await;
    let focal = app.sign_in("focal@bj.test").await;
    let workshop = |start: &str| {
        format!(
            r#"{{"title":"Atelier","kind":"national","mode":"virtual","language":"fr","start_date":"{start}","end_date":"2025-02-28","capacity":5}}"#
        )
    };
    let mut ids = Vec::new();
    for start in ["2025-02-04", "2025-02-03", "2025-01-27"] {
        let created = app
            .json(
                Method::POST,
                "/api/v1/workshops",
                Some(&staff),
                &workshop(start),
            )
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        ids.push(created.json()["id"].as_i64().expect("id"));
    }
    let (tomorrow, started) = (ids[0], &ids[1..]);
    let body = "email=amina%40bj.test&motivation=Leads&languages=fr";
    for id in started {
        let page = app.get(&format!("/workshops/{id}"), Some(&staff)).await;
        assert!(
            page.body
                .contains("The workshop has started: nominations are closed."),
            "{}",
            page.body
        );
        assert!(!page.body.contains(r#"id="nominate""#), "no form");
        for cookie in [&focal, &staff] {
            let refused = app
                .form(
                    Method::POST,
                    &format!("/workshops/{id}/nominations"),
                    Some(cookie),
                    body,
                )
                .await;
            assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
            assert!(
                refused
                    .body
                    .contains("This workshop has started: nominations closed on its first day."),
                "{}",
                refused.body
            );
            let api = app
                .json(
                    Method::POST,
                    &format!("/api/v1/workshops/{id}/nominations"),
                    Some(cookie),
                    r#"{"email":"amina@bj.test","motivation":"Leads","languages":["fr"]}"#,
                )
                .await;
            assert_eq!(api.status, StatusCode::CONFLICT);
            assert_eq!(api.error_code(), "workshop_started");
        }
    }
    let french = app
        .send(
            TestApp::request(Method::GET, &format!("/workshops/{}", ids[1]), Some(&focal))
                .header("accept-language", "fr")
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await;
    assert!(
        french
            .body
            .contains("L&#39;atelier a commencé\u{a0}: l&#39;appel à candidatures est clos."),
        "{}",
        french.body
    );
    // The day before it starts, the call is still open.
    let page = app
        .get(&format!("/workshops/{tomorrow}"), Some(&focal))
        .await;
    assert!(page.body.contains(r#"id="nominate""#));
    let on_time = app
        .form(
            Method::POST,
            &format!("/workshops/{tomorrow}/nominations"),
            Some(&focal),
            body,
        )
        .await;
    assert_eq!(on_time.status, StatusCode::SEE_OTHER, "{}", on_time.body);
}

/// Whether an address has an account in another administration is not
/// told to a focal point: such an address, an address nobody has and the
/// Secretariat's own address all get the same answer, on the page and in
/// the API, with or without a name (docs/SECURITY.md).
#[tokio::test]
async fn a_focal_point_cannot_tell_another_administrations_accounts_from_unknown_addresses() {
    let (app, _staff, focal, id) = setup().await;
    app.user("claire@ca.test", Role::Participant, Some("CA"))
        .await;
    let problem = |body: &str| -> String {
        let start = body
            .find(r#"id="nominee-email-problem">"#)
            .unwrap_or_else(|| panic!("a problem at the e-mail: {body}"));
        let rest = &body[start..];
        rest[..rest.find("</p>").expect("end")].to_owned()
    };
    let mut pages = Vec::new();
    let mut api = Vec::new();
    for email in ["claire@ca.test", "nobody@ca.test", "staff@wco.test"] {
        let encoded = email.replace('@', "%40");
        for name in ["", "&name=Claire+Tremblay"] {
            if email == "nobody@ca.test" && !name.is_empty() {
                continue; // creates a colleague's account: see docs/SECURITY.md
            }
            let page = app
                .form(
                    Method::POST,
                    &format!("/workshops/{id}/nominations"),
                    Some(&focal),
                    &format!("email={encoded}&motivation=Leads&languages=fr{name}"),
                )
                .await;
            assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{email}");
            pages.push(problem(&page.body));
            let json = app
                .json(
                    Method::POST,
                    &format!("/api/v1/workshops/{id}/nominations"),
                    Some(&focal),
                    &format!(
                        r#"{{"email":"{email}","motivation":"Leads","languages":["fr"],"name":"{}"}}"#,
                        name.trim_start_matches("&name=").replace('+', " ")
                    ),
                )
                .await;
            assert_eq!(json.status, StatusCode::UNPROCESSABLE_ENTITY, "{email}");
            api.push(json.body);
        }
    }
    assert!(pages.iter().all(|p| *p == pages[0]), "{pages:#?}");
    assert!(
        pages[0].contains("No one in your administration has a gedhub account with this address"),
        "{}",
        pages[0]
    );
    assert!(api.iter().all(|b| *b == api[0]), "{api:#?}");
    assert!(api[0].contains("nominee_unknown"), "{}", api[0]);
    assert!(app.store().participants(id).await.expect("list").is_empty());
}
