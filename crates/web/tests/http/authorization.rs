//! Walks every route of the route table with every role, on the caller's own
//! administration and on another one. A route added to the table without a
//! probe here fails `every_route_is_covered_by_the_authorization_walk`.

use axum::http::{Method, StatusCode};
use gedhub_core::Role;
use gedhub_web::routes::{Access, table};

use crate::support::{TestApp, TestResponse};

/// How to call a route: a body that is valid for the Secretariat.
pub struct Probe {
    pub method: Method,
    pub path: &'static str,
    pub body: Body,
}

pub enum Body {
    None,
    Form(&'static str),
    Json(&'static str),
}

pub fn probes() -> Vec<Probe> {
    use Body::*;
    let p = |method: Method, path: &'static str, body: Body| Probe { method, path, body };
    vec![
        p(Method::GET, "/healthz", None),
        p(Method::GET, "/static/{file}", None),
        p(Method::GET, "/", None),
        p(Method::GET, "/login", None),
        p(
            Method::POST,
            "/login",
            Form("email=secretariat@wco.test&password=correct+horse+battery"),
        ),
        p(Method::POST, "/logout", None),
        p(
            Method::POST,
            "/account/language",
            Form("locale=fr&return_to=/dashboard"),
        ),
        p(Method::GET, "/account", None),
        p(
            Method::POST,
            "/account/password",
            Form(
                "current_password=correct+horse+battery&new_password=correct+horse+battery&confirm_password=correct+horse+battery",
            ),
        ),
        p(Method::GET, "/dashboard", None),
        p(Method::GET, "/administrations", None),
        p(
            Method::POST,
            "/administrations",
            Form("code=XT&name_en=Territory&name_fr=Territoire&region=AP"),
        ),
        p(Method::GET, "/administrations/new", None),
        p(Method::GET, "/administrations/{code}", None),
        p(
            Method::POST,
            "/administrations/{code}",
            Form("name_en=Renamed&name_fr=Renomm%C3%A9&region=WCA"),
        ),
        p(
            Method::POST,
            "/administrations/{code}/focal-points",
            Form("email=spare@wco.test"),
        ),
        p(
            Method::POST,
            "/administrations/{code}/focal-points/remove",
            Form("email=focal.own@wco.test"),
        ),
        p(Method::GET, "/users", None),
        p(
            Method::POST,
            "/users",
            Form(
                "email=created@wco.test&name=Created&role=expert&administration=&password=long+enough+password",
            ),
        ),
        p(Method::GET, "/users/new", None),
        p(Method::GET, "/audit", None),
        p(Method::GET, "/api/v1/openapi.json", None),
        p(Method::GET, "/api/v1/me", None),
        p(Method::GET, "/api/v1/administrations", None),
        p(
            Method::POST,
            "/api/v1/administrations",
            Json(
                r#"{"code":"XU","name_en":"Territory U","name_fr":"Territoire U","region":"EUR"}"#,
            ),
        ),
        p(Method::GET, "/api/v1/administrations/{code}", None),
        p(
            Method::PUT,
            "/api/v1/administrations/{code}",
            Json(r#"{"name_en":"Benin","name_fr":"Bénin","region":"WCA"}"#),
        ),
        p(Method::GET, "/api/v1/users", None),
        p(
            Method::POST,
            "/api/v1/users",
            Json(
                r#"{"email":"api-created@wco.test","name":"API","role":"participant","password":"long enough password"}"#,
            ),
        ),
        p(Method::GET, "/api/v1/audit", None),
    ]
}

#[test]
fn every_route_is_covered_by_the_authorization_walk() {
    let probes = probes();
    let missing: Vec<String> = table()
        .iter()
        .filter(|route| {
            !probes
                .iter()
                .any(|p| p.method == route.method && p.path == route.path)
        })
        .map(|route| format!("{} {}", route.method, route.path))
        .collect();
    assert!(
        missing.is_empty(),
        "routes without an authorization probe: {missing:?}"
    );
    assert_eq!(
        probes.len(),
        table().len(),
        "a probe names a route that does not exist"
    );
}

#[derive(Clone, Copy, Debug)]
enum Persona {
    Anonymous,
    Secretariat,
    /// A Benin focal point on Benin's resources.
    FocalPointOwn,
    /// A Benin focal point on Canada's resources.
    FocalPointOther,
    /// An expert from Zimbabwe on Canada's resources.
    Expert,
    /// A participant from Argentina on Canada's resources.
    Participant,
}

impl Persona {
    const ALL: [Persona; 6] = [
        Persona::Anonymous,
        Persona::Secretariat,
        Persona::FocalPointOwn,
        Persona::FocalPointOther,
        Persona::Expert,
        Persona::Participant,
    ];

    fn email(self) -> Option<&'static str> {
        match self {
            Persona::Anonymous => None,
            Persona::Secretariat => Some("secretariat@wco.test"),
            Persona::FocalPointOwn | Persona::FocalPointOther => Some("focal.own@wco.test"),
            Persona::Expert => Some("expert@wco.test"),
            Persona::Participant => Some("participant@wco.test"),
        }
    }

    /// The administration code put in `{code}`.
    fn code(self) -> &'static str {
        match self {
            Persona::FocalPointOwn | Persona::Secretariat | Persona::Anonymous => "BJ",
            _ => "CA",
        }
    }

    /// May see the administration in `{code}`.
    fn in_scope(self) -> bool {
        matches!(
            self,
            Persona::Secretariat | Persona::FocalPointOwn | Persona::Anonymous
        )
    }
}

async fn app_with_people() -> TestApp {
    let app = TestApp::new().await;
    app.user("secretariat@wco.test", Role::Secretariat, None)
        .await;
    app.user("focal.own@wco.test", Role::FocalPoint, Some("BJ"))
        .await;
    app.user("expert@wco.test", Role::Expert, Some("ZW")).await;
    app.user("participant@wco.test", Role::Participant, Some("AR"))
        .await;
    app.user("spare@wco.test", Role::Participant, None).await;
    app
}

async fn call(
    app: &TestApp,
    probe: &Probe,
    persona: Persona,
    cookie: Option<&str>,
) -> TestResponse {
    let path = probe
        .path
        .replace("{code}", persona.code())
        .replace("{file}", "app.css");
    match probe.body {
        Body::None => app.form(probe.method.clone(), &path, cookie, "").await,
        Body::Form(body) => app.form(probe.method.clone(), &path, cookie, body).await,
        Body::Json(body) => app.json(probe.method.clone(), &path, cookie, body).await,
    }
}

fn is_sign_in_redirect(response: &TestResponse) -> bool {
    response.status == StatusCode::SEE_OTHER && response.header("location").starts_with("/login")
}

#[tokio::test]
async fn every_route_enforces_its_access_rule_for_every_role() {
    let app = app_with_people().await;
    let mut failures = Vec::new();
    for route in table() {
        let probe = probes()
            .into_iter()
            .find(|p| p.method == route.method && p.path == route.path)
            .expect("covered, see the test above");
        for persona in Persona::ALL {
            // A fresh session per call: some probes sign out or change passwords.
            let cookie = match persona.email() {
                Some(email) => Some(app.sign_in(email).await),
                None => None,
            };
            let response = call(&app, &probe, persona, cookie.as_deref()).await;
            let status = response.status;
            let scoped = probe.path.contains("{code}");
            let is_api = probe.path.starts_with("/api/");
            let refused_anonymously = if is_api {
                status == StatusCode::UNAUTHORIZED
            } else {
                is_sign_in_redirect(&response)
            };
            let ok = match (route.access, persona) {
                _ if status.is_server_error() => false,
                (Access::Public, _) => {
                    status != StatusCode::UNAUTHORIZED && status != StatusCode::FORBIDDEN
                }
                (_, Persona::Anonymous) => refused_anonymously,
                _ if scoped && !persona.in_scope() => status == StatusCode::NOT_FOUND,
                (Access::SignedIn, _) => status.is_success() || status.is_redirection(),
                (Access::Secretariat, Persona::Secretariat) => {
                    status.is_success() || status.is_redirection()
                }
                (Access::Secretariat, _) => status == StatusCode::FORBIDDEN,
            };
            if !ok {
                failures.push(format!(
                    "{} {} as {persona:?}: {status} {}",
                    route.method,
                    route.path,
                    response.body.chars().take(120).collect::<String>()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "access rule violations:\n{}",
        failures.join("\n")
    );
}
