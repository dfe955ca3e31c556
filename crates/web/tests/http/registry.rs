//! The registry of administrations, accounts and the audit log.

use axum::http::{Method, StatusCode};
use gedhub_core::Role;

use crate::support::TestApp;

async fn app() -> (TestApp, String, String) {
    let app = TestApp::new().await;
    app.user("staff@wco.test", Role::Secretariat, None).await;
    app.user("focal@wco.test", Role::FocalPoint, Some("BJ"))
        .await;
    let staff = app.sign_in("staff@wco.test").await;
    let focal = app.sign_in("focal@wco.test").await;
    (app, staff, focal)
}

#[tokio::test]
async fn the_registry_lists_the_186_members_with_iso_codes_and_regions() {
    let (app, _, focal) = app().await;
    let list = app.get("/api/v1/administrations", Some(&focal)).await;
    assert_eq!(list.status, StatusCode::OK);
    let items = list.json();
    let items = items.as_array().expect("a list");
    assert_eq!(items.len(), 186);
    let benin = items.iter().find(|a| a["code"] == "BJ").expect("Benin");
    assert_eq!(
        (benin["name"].as_str(), benin["region"].as_str()),
        (Some("Benin"), Some("WCA"))
    );
    let wca = app
        .get("/api/v1/administrations?region=WCA", Some(&focal))
        .await;
    assert_eq!(wca.json().as_array().map(Vec::len), Some(24));
    let search = app.get("/administrations?q=b%C3%A9nin", Some(&focal)).await;
    assert!(
        search.body.contains("One administration."),
        "{}",
        search.body
    );
    let bad_region = app
        .get("/api/v1/administrations?region=MARS", Some(&focal))
        .await;
    assert_eq!(
        (bad_region.status, bad_region.error_code().as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "unknown_region")
    );
}

#[tokio::test]
async fn a_focal_point_sees_their_own_administration_and_gets_404_for_another() {
    let (app, _, focal) = app().await;
    let own = app.get("/administrations/BJ", Some(&focal)).await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.body.contains("<h1>Benin</h1>") && own.body.contains("focal@wco.test"));
    let other = app.get("/administrations/CA", Some(&focal)).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    assert!(other.body.contains("Page not found") && !other.body.contains("Canada"));
    let unknown = app.get("/administrations/ZZ", Some(&focal)).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let api_other = app.get("/api/v1/administrations/CA", Some(&focal)).await;
    let api_unknown = app.get("/api/v1/administrations/ZZ", Some(&focal)).await;
    assert_eq!(api_other.status, StatusCode::NOT_FOUND);
    assert_eq!(
        api_other.body, api_unknown.body,
        "another Member's resource looks exactly like a missing one"
    );
    let api_own = app.get("/api/v1/administrations/bj", Some(&focal)).await;
    assert_eq!(api_own.json()["focal_points"][0]["email"], "focal@wco.test");
}

#[tokio::test]
async fn the_secretariat_adds_and_edits_administrations_and_every_change_is_audited() {
    let (app, staff, focal) = app().await;
    let body =
        r#"{"code":"xk-t","name_en":"Test Territory","name_fr":"Territoire test","region":"EUR"}"#;
    let created = app
        .json(Method::POST, "/api/v1/administrations", Some(&staff), body)
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(
        (
            created.json()["code"].as_str(),
            created.json()["wco_member"].as_bool()
        ),
        (Some("XK-T"), Some(false))
    );
    let again = app
        .json(Method::POST, "/api/v1/administrations", Some(&staff), body)
        .await;
    assert_eq!(
        (again.status, again.error_code().as_str()),
        (StatusCode::CONFLICT, "code_taken")
    );
    let by_focal = app
        .json(Method::POST, "/api/v1/administrations", Some(&focal), body)
        .await;
    assert_eq!(
        (by_focal.status, by_focal.error_code().as_str()),
        (StatusCode::FORBIDDEN, "forbidden")
    );
    let invalid = app
        .json(
            Method::POST,
            "/api/v1/administrations",
            Some(&staff),
            r#"{"code":"1","name_en":" ","name_fr":"x","region":"EUR"}"#,
        )
        .await;
    assert_eq!(
        (invalid.status, invalid.error_code().as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_administration_code"
        )
    );
    let renamed = app
        .json(
            Method::PUT,
            "/api/v1/administrations/XK-T",
            Some(&staff),
            r#"{"name_en":"Renamed","name_fr":"Renommé","region":"EUR"}"#,
        )
        .await;
    assert_eq!(renamed.json()["name_fr"], "Renommé", "{}", renamed.body);
    let audit = app
        .get(
            "/api/v1/audit?entity=administration&administration=XK-T",
            Some(&staff),
        )
        .await;
    let entries = audit.json()["entries"].clone();
    assert_eq!(entries.as_array().map(Vec::len), Some(2));
    assert_eq!(entries[0]["action"], "update");
    assert_eq!(entries[0]["actor"], "staff@wco.test");
    assert_eq!(entries[0]["before"]["name_en"], "Test Territory");
    assert_eq!(entries[0]["after"]["name_en"], "Renamed");
    let page = app
        .get("/audit?entity=administration&actor=staff", Some(&staff))
        .await;
    assert!(page.body.contains("XK-T") && page.body.contains("Renamed"));
    assert_eq!(
        app.get("/audit", Some(&focal)).await.status,
        StatusCode::FORBIDDEN
    );
    let bad_date = app.get("/api/v1/audit?from=yesterday", Some(&staff)).await;
    assert_eq!(
        (bad_date.status, bad_date.error_code().as_str()),
        (StatusCode::BAD_REQUEST, "invalid_date")
    );
}

#[tokio::test]
async fn the_secretariat_creates_an_account_and_assigns_it_as_focal_point_with_confirmation_to_remove()
 {
    let (app, staff, _) = app().await;
    let created = app
        .form(Method::POST, "/users", Some(&staff), "email=new.focal%40douane.test&name=Nouvelle+Personne&role=participant&administration=&password=correct+horse+battery")
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let assign = app
        .form(
            Method::POST,
            "/administrations/TG/focal-points",
            Some(&staff),
            "email=new.focal@douane.test",
        )
        .await;
    assert_eq!(
        assign.header("location"),
        "/administrations/TG?saved=focal_point"
    );
    let togo = app.get("/api/v1/administrations/TG", Some(&staff)).await;
    assert_eq!(
        togo.json()["focal_points"][0]["email"],
        "new.focal@douane.test"
    );
    // The new focal point now sees Togo and nothing else.
    let cookie = app.sign_in("new.focal@douane.test").await;
    assert_eq!(
        app.get("/administrations/TG", Some(&cookie)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get("/administrations/BJ", Some(&cookie)).await.status,
        StatusCode::NOT_FOUND
    );
    // Removing asks first, and changes nothing until confirmed.
    let ask = app
        .form(
            Method::POST,
            "/administrations/TG/focal-points/remove",
            Some(&staff),
            "email=new.focal@douane.test",
        )
        .await;
    assert_eq!(ask.status, StatusCode::OK);
    assert!(ask.body.contains("confirm-remove"));
    assert_eq!(
        app.get("/api/v1/administrations/TG", Some(&staff))
            .await
            .json()["focal_points"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let done = app
        .form(
            Method::POST,
            "/administrations/TG/focal-points/remove",
            Some(&staff),
            "email=new.focal@douane.test&confirm=yes",
        )
        .await;
    assert_eq!(done.header("location"), "/administrations/TG?saved=removed");
    assert_eq!(
        app.get("/api/v1/administrations/TG", Some(&staff))
            .await
            .json()["focal_points"]
            .as_array()
            .map(Vec::len),
        Some(0)
    );
    assert_eq!(
        app.get("/administrations/TG", Some(&cookie)).await.status,
        StatusCode::NOT_FOUND
    );
    let unknown = app
        .form(
            Method::POST,
            "/administrations/TG/focal-points",
            Some(&staff),
            "email=ghost@douane.test",
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("No account has this e-mail address"));
}

#[tokio::test]
async fn account_creation_reports_every_problem_in_the_users_language() {
    let (app, staff, _) = app().await;
    app.form(Method::POST, "/account/language", Some(&staff), "locale=fr")
        .await;
    let response = app
        .form(
            Method::POST,
            "/users",
            Some(&staff),
            "email=not-an-email&name=&role=boss&administration=&password=short",
        )
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "Ce n'est pas une adresse électronique valide.",
        "Ce champ est obligatoire.",
        "Choisissez l'un des rôles",
        "au moins 10 caractères",
    ] {
        assert!(
            response.body.contains(&message.replace('\'', "&#39;"))
                || response.body.contains(message),
            "missing {message:?} in {}",
            response.body
        );
    }
    let api = app
        .json(Method::POST, "/api/v1/users", Some(&staff), r#"{"email":"x@y.org","name":"X","role":"focal_point","password":"long enough password"}"#)
        .await;
    assert_eq!(
        (api.status, api.error_code().as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "administration_required")
    );
    assert_eq!(
        api.json()["errors"][0]["detail"],
        "Administration\u{a0}: Un point focal doit appartenir à une administration."
    );
}

#[tokio::test]
async fn the_dashboard_differs_by_role() {
    let (app, staff, focal) = app().await;
    let secretariat = app.get("/dashboard", Some(&staff)).await;
    assert!(
        secretariat
            .body
            .contains("186 administrations by WCO region")
    );
    assert!(secretariat.body.contains(r#"href="/audit""#));
    let focal_point = app.get("/dashboard", Some(&focal)).await;
    assert!(focal_point.body.contains("Your administration") && focal_point.body.contains("Benin"));
    assert!(!focal_point.body.contains(r#"href="/audit""#));
}
