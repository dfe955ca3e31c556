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
    /// A multipart upload: field name and file name; the content is a small PDF.
    Multipart(&'static str, &'static str),
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
        p(
            Method::POST,
            "/users/{user}/recognition",
            Form("recognized_on=2024-05-20"),
        ),
        p(Method::POST, "/users/{user}/recognition/withdraw", None),
        p(Method::GET, "/audit", None),
        p(Method::GET, "/instruments", None),
        p(
            Method::POST,
            "/instruments/import",
            Multipart("workbook", "not-a-workbook.xlsx"),
        ),
        p(Method::GET, "/instruments/{code}", None),
        p(Method::GET, "/instruments/{code}/export.xlsx", None),
        p(Method::GET, "/assessments", None),
        p(
            Method::POST,
            "/assessments",
            Form("instrument=gedhub-geoat-2023&title=Walk&administration=BJ"),
        ),
        p(Method::GET, "/assessments/{id}", None),
        p(Method::GET, "/assessments/{id}/sections/{section}", None),
        p(
            Method::POST,
            "/assessments/{id}/answers/{indicator}",
            Form("rating=3&justification=walk&version=0"),
        ),
        p(
            Method::POST,
            "/assessments/{id}/comments/{indicator}",
            Form("body=A+comment"),
        ),
        p(
            Method::POST,
            "/assessments/{id}/attachments/{indicator}",
            Multipart("file", "evidence.pdf"),
        ),
        p(Method::GET, "/assessments/{id}/files/{attachment}", None),
        p(
            Method::POST,
            "/assessments/{id}/contributors",
            Form("email=spare%40wco.test&sections=X"),
        ),
        p(
            Method::POST,
            "/assessments/{id}/contributors/{user}/remove",
            None,
        ),
        p(
            Method::POST,
            "/assessments/{id}/transitions",
            Form("transition=submit"),
        ),
        p(Method::GET, "/assessments/{id}/report", None),
        p(Method::GET, "/assessments/{id}/report.pdf", None),
        p(Method::GET, "/assessments/{id}/report.xlsx", None),
        p(Method::GET, "/workforce", None),
        p(Method::GET, "/workforce/{code}", None),
        p(
            Method::POST,
            "/workforce/{code}",
            Multipart("file", "extract.csv"),
        ),
        p(Method::GET, "/workforce/{code}/{year}", None),
        p(Method::GET, "/workforce/{code}/{year}/report.json", None),
        p(Method::GET, "/workforce/{code}/{year}/report.xlsx", None),
        p(Method::GET, "/workforce/{code}/{year}/report.pdf", None),
        p(Method::GET, "/api/v1/workforce/{code}", None),
        p(Method::GET, "/api/v1/workforce/{code}/{year}", None),
        p(Method::GET, "/plans", None),
        p(
            Method::POST,
            "/plans",
            Form("title=Walk+plan&administration=BJ"),
        ),
        p(Method::GET, "/plans/new", None),
        p(Method::GET, "/plans/{plan}", None),
        p(
            Method::POST,
            "/plans/{plan}/details",
            Form("title=Walk+plan+renamed&period_start=2025-01-01&period_end=2026-12-31&owner=HR"),
        ),
        p(Method::POST, "/plans/{plan}/status", Form("status=adopted")),
        p(
            Method::POST,
            "/plans/{plan}/objectives",
            Form("title=Walk+objective&indicator_codes=X.1.1"),
        ),
        p(
            Method::POST,
            "/plans/{plan}/actions",
            Form("objective_id=1&title=Walk+action&due_date=2025-01-31&status=not_started"),
        ),
        p(
            Method::POST,
            "/plans/{plan}/actions/{action}",
            Form("status=in_progress&progress_notes=walk"),
        ),
        p(
            Method::POST,
            "/plans/{plan}/indicators",
            Form(
                "name_en=Walk&unit=percent&baseline_value=10&baseline_date=2024-01-01&target_value=20&target_date=2026-01-01&source=manual",
            ),
        ),
        p(
            Method::GET,
            "/plans/{plan}/indicators/{plan_indicator}",
            None,
        ),
        p(
            Method::POST,
            "/plans/{plan}/indicators/{plan_indicator}/measurements",
            Form("date=2024-06-30&value=12"),
        ),
        p(
            Method::POST,
            "/plans/{plan}/indicators/{plan_indicator}/import",
            Multipart("file", "values.csv"),
        ),
        p(Method::GET, "/plans/{plan}/report.pdf", None),
        p(Method::GET, "/plans/{plan}/report.xlsx", None),
        p(Method::GET, "/workshops", None),
        p(
            Method::POST,
            "/workshops",
            Form(
                "title=Walk+workshop&kind=national&mode=virtual&language=fr&start_date=2024-04-08&end_date=2024-04-12&capacity=10",
            ),
        ),
        p(Method::GET, "/workshops/{workshop}", None),
        p(
            Method::POST,
            "/workshops/{workshop}/participants",
            Form("email=spare%40wco.test"),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/attendance",
            Form("day=2024-04-08&present=1"),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/nominations",
            Form("email=trainee.bj%40wco.test&motivation=Walk"),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/participants/{participant}/decision",
            Form("decision=confirm"),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/participants/{participant}/completion",
            Form("completion=completed&reason=Walk"),
        ),
        p(Method::GET, "/api/v1/workshops", None),
        p(
            Method::POST,
            "/api/v1/workshops",
            Json(
                r#"{"title":"Walk API workshop","kind":"train_the_trainer","mode":"in_person","language":"en","start_date":"2023-03-13","end_date":"2023-03-17","capacity":20}"#,
            ),
        ),
        p(
            Method::POST,
            "/api/v1/workshops/{workshop}/participants",
            Json(r#"{"email":"spare@wco.test"}"#),
        ),
        p(
            Method::PUT,
            "/api/v1/workshops/{workshop}/attendance",
            Json(r#"{"email":"trainee.bj@wco.test","date":"2024-04-08","present":true}"#),
        ),
        p(
            Method::GET,
            "/api/v1/workshops/{workshop}/participants/{email}/completion",
            None,
        ),
        p(Method::GET, "/notifications", None),
        p(Method::POST, "/notifications/read", Form("up_to=1000")),
        p(Method::GET, "/api/v1/action-plans", None),
        p(Method::GET, "/workshops/{workshop}/evaluation", None),
        p(Method::GET, "/workshops/{workshop}/evaluation.xlsx", None),
        p(
            Method::POST,
            "/workshops/{workshop}/surveys",
            Form("kind=follow_up&anonymous=1"),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/surveys/{kind}/items",
            Form("item_kind=likert&text_en=Walk&text_fr=Marche"),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/surveys/{kind}/status",
            Form("open=1"),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/surveys/{kind}/send",
            None,
        ),
        p(Method::GET, "/workshops/{workshop}/surveys/{kind}", None),
        p(
            Method::POST,
            "/workshops/{workshop}/surveys/{kind}",
            Form("item-1=4"),
        ),
        p(
            Method::GET,
            "/workshops/{workshop}/participants/{email}/certificate.pdf",
            None,
        ),
        p(Method::GET, "/api/v1/workshops/{workshop}/evaluation", None),
        p(
            Method::POST,
            "/api/v1/workshops/{workshop}/surveys/{kind}/responses",
            Json(r#"{"answers":[{"item":1,"value":4}]}"#),
        ),
        p(
            Method::POST,
            "/api/v1/action-plans",
            Json(r#"{"title":"Walk API plan","administration":"BJ"}"#),
        ),
        p(Method::GET, "/api/v1/action-plans/{plan}", None),
        p(
            Method::POST,
            "/api/v1/action-plans/{plan}/status",
            Json(r#"{"status":"adopted"}"#),
        ),
        p(
            Method::POST,
            "/api/v1/action-plans/{plan}/objectives",
            Json(r#"{"title":"Walk","indicator_codes":["X.1.1"]}"#),
        ),
        p(
            Method::POST,
            "/api/v1/action-plans/{plan}/actions",
            Json(
                r#"{"objective_id":1,"title":"Walk","due_date":"2025-01-31","status":"not_started"}"#,
            ),
        ),
        p(
            Method::PUT,
            "/api/v1/action-plans/{plan}/actions/{action}",
            Json(r#"{"status":"done"}"#),
        ),
        p(
            Method::POST,
            "/api/v1/action-plans/{plan}/indicators",
            Json(
                r#"{"name":"Walk","unit":"%","baseline_value":10,"baseline_date":"2024-01-01","target_value":20,"target_date":"2026-01-01","source":"manual"}"#,
            ),
        ),
        p(Method::GET, "/api/v1/action-plans/{plan}/progress", None),
        p(
            Method::GET,
            "/api/v1/indicators/{plan_indicator}/measurements",
            None,
        ),
        p(
            Method::POST,
            "/api/v1/indicators/{plan_indicator}/measurements",
            Json(r#"{"date":"2024-06-30","value":12}"#),
        ),
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
        p(Method::GET, "/api/v1/instruments", None),
        p(Method::GET, "/api/v1/instruments/{code}", None),
        p(Method::GET, "/api/v1/assessments", None),
        p(
            Method::POST,
            "/api/v1/assessments",
            Json(r#"{"instrument":"gedhub-geoat-2023","title":"Walk API","administration":"BJ"}"#),
        ),
        p(Method::GET, "/api/v1/assessments/{id}", None),
        p(
            Method::PUT,
            "/api/v1/assessments/{id}/answers/{indicator}",
            Json(r#"{"rating":4}"#),
        ),
        p(Method::GET, "/api/v1/assessments/{id}/scores", None),
        p(
            Method::POST,
            "/api/v1/assessments/{id}/transitions",
            Json(r#"{"transition":"submit"}"#),
        ),
        p(Method::GET, "/api/v1/assessments/{id}/report.pdf", None),
        p(Method::GET, "/api/v1/assessments/{id}/report.xlsx", None),
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

    /// Related to the assessment in `{id}` (Secretariat, or focal point of its administration).
    fn related_to_assessment(self) -> bool {
        matches!(self, Persona::Secretariat | Persona::FocalPointOwn)
    }
}

/// The app, and for BJ and CA: an assessment id, an attachment id and the id
/// of an invited contributor.
struct World {
    app: TestApp,
    ids: std::collections::HashMap<&'static str, (i64, i64, i64)>,
    /// The expert account, whose recognition the `/users/{user}/…` routes record.
    expert: i64,
    /// For BJ and CA: an action plan, one of its actions and one of its indicators.
    plans: std::collections::HashMap<&'static str, (i64, i64, i64)>,
    /// A virtual workshop with one participant from BJ and one from CA.
    workshop: i64,
    /// Its participant from BJ.
    trainee: i64,
}

async fn app_with_people() -> World {
    let app = TestApp::new().await;
    app.user("secretariat@wco.test", Role::Secretariat, None)
        .await;
    app.user("focal.own@wco.test", Role::FocalPoint, Some("BJ"))
        .await;
    app.user("expert@wco.test", Role::Expert, Some("ZW")).await;
    app.user("participant@wco.test", Role::Participant, Some("AR"))
        .await;
    app.user("spare@wco.test", Role::Participant, None).await;
    let store = app.store();
    let actor = gedhub_store::Actor::system("test");
    let spare = store
        .user_by_email(&gedhub_core::Email::parse("spare@wco.test").expect("valid"))
        .await
        .expect("spare");
    let mut ids = std::collections::HashMap::new();
    let mut plans = std::collections::HashMap::new();
    for code in ["BJ", "CA"] {
        let administration = gedhub_core::AdministrationCode::parse(code).expect("valid");
        crate::support::store_workforce_report(&app, code, 2024).await;
        let assessment = store
            .create_assessment(&actor, &administration, "gedhub-geoat-2023", "Walk")
            .await
            .expect("assessment");
        app.files
            .put("attachments/walk", b"%PDF-1.4 walk")
            .await
            .expect("file");
        let attachment = store
            .add_attachment(
                &actor,
                &assessment,
                &gedhub_store::assessments::Attachment {
                    id: 0,
                    indicator_code: "X.1.1".into(),
                    file_name: "walk.pdf".into(),
                    content_type: "application/pdf".into(),
                    size_bytes: 13,
                    sha256: String::new(),
                    storage_key: "attachments/walk".into(),
                    uploaded_by: String::new(),
                    uploaded_at: String::new(),
                },
            )
            .await
            .expect("attachment");
        ids.insert(code, (assessment.id, attachment.id, spare.id.0));
        plans.insert(code, walk_plan(store, &administration).await);
    }
    let expert = app
        .store()
        .user_by_email(&gedhub_core::Email::parse("expert@wco.test").expect("valid"))
        .await
        .expect("expert")
        .id
        .0;
    let workshop = walk_workshop(&app).await;
    let trainee = app
        .store()
        .user_by_email(&gedhub_core::Email::parse("trainee.bj@wco.test").expect("valid"))
        .await
        .expect("trainee")
        .id
        .0;
    World {
        app,
        ids,
        expert,
        plans,
        workshop,
        trainee,
    }
}

/// A workshop (8–12 April 2024) with trainee.bj@wco.test and
/// trainee.ca@wco.test as participants.
pub async fn walk_workshop(app: &TestApp) -> i64 {
    use gedhub_core::training::{CompletionRules, WorkshopDates, WorkshopKind, WorkshopMode};
    let day = |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("day");
    let actor = gedhub_store::Actor::system("test");
    let workshop = app
        .store()
        .create_workshop(
            &actor,
            &gedhub_store::training::NewWorkshop {
                title: "Walk workshop".into(),
                kind: WorkshopKind::TrainTheTrainer,
                mode: WorkshopMode::Virtual,
                language: "fr".into(),
                venue: String::new(),
                meeting_link: "https://meet.example/walk".into(),
                dates: WorkshopDates::new(day("2024-04-08"), day("2024-04-12")).expect("dates"),
                capacity: 10,
                rules: CompletionRules::DEFAULT,
            },
        )
        .await
        .expect("workshop");
    for (email, code) in [("trainee.bj@wco.test", "BJ"), ("trainee.ca@wco.test", "CA")] {
        app.user(email, Role::Participant, Some(code)).await;
        app.store()
            .add_participant(
                &actor,
                &workshop,
                &gedhub_core::Email::parse(email).expect("valid"),
            )
            .await
            .expect("participant");
    }
    // Its anonymous feedback survey, with one Likert item.
    let survey = app
        .store()
        .create_survey(
            &actor,
            &workshop,
            gedhub_core::surveys::SurveyKind::Feedback,
            true,
            None,
        )
        .await
        .expect("survey");
    app.store()
        .add_survey_item(
            &actor,
            &survey,
            gedhub_core::surveys::ItemKind::Likert,
            "Walk",
            "Marche",
        )
        .await
        .expect("item");
    workshop.id
}

/// A plan with an objective, an action and a manual indicator.
pub async fn walk_plan(
    store: &gedhub_store::Store,
    administration: &gedhub_core::AdministrationCode,
) -> (i64, i64, i64) {
    use gedhub_store::plans::{NewAction, NewObjective, NewPlan};
    let actor = gedhub_store::Actor::system("test");
    let plan = store
        .create_plan(
            &actor,
            administration,
            &NewPlan {
                title: "Walk plan".into(),
                objectives: vec![NewObjective {
                    title: "Walk objective".into(),
                    indicator_codes: vec!["X.1.1".into()],
                }],
                ..NewPlan::default()
            },
        )
        .await
        .expect("plan");
    let objective = store.objectives(plan.id).await.expect("objectives")[0].id;
    let day = |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("day");
    let action = store
        .add_action(
            &actor,
            &plan,
            &NewAction {
                objective_id: objective,
                title: "Walk action".into(),
                responsible: String::new(),
                responsible_user_id: None,
                start_date: None,
                due_date: day("2025-01-31"),
                budget_amount: None,
                budget_currency: None,
                status: gedhub_core::monitoring::ActionStatus::NotStarted,
                progress_notes: String::new(),
            },
        )
        .await
        .expect("action");
    let definition =
        gedhub_core::monitoring::IndicatorDefinition::new(gedhub_core::monitoring::NewIndicator {
            name_en: "Walk indicator".into(),
            name_fr: String::new(),
            unit: "percent".into(),
            direction: None,
            baseline_value: 10.0,
            baseline_date: day("2024-01-01"),
            target_value: 20.0,
            target_date: day("2026-01-01"),
            milestones: Vec::new(),
            frequency: None,
            source: gedhub_core::monitoring::Source::Manual,
        })
        .expect("definition");
    let indicator = store
        .add_indicator(&actor, &plan, Some(objective), &definition)
        .await
        .expect("indicator");
    (plan.id, action.id, indicator.id)
}

async fn invite_spare(world: &World) {
    let store = world.app.store();
    let viewer = gedhub_store::assessments::Viewer {
        scope: gedhub_core::Scope::All,
        user_id: gedhub_core::UserId(0),
    };
    for (assessment_id, _, _) in world.ids.values() {
        let access = store
            .assessment(&viewer, *assessment_id)
            .await
            .expect("assessment");
        store
            .set_contributor(
                &gedhub_store::Actor::system("test"),
                &access.assessment,
                &gedhub_core::Email::parse("spare@wco.test").expect("valid"),
                &["X".to_owned()],
                false,
            )
            .await
            .expect("invite");
    }
}

/// The probe's path with its parameters filled in for an administration.
fn fill(world: &World, path: &str, administration: &'static str) -> String {
    let (assessment, attachment, user) =
        world.ids.get(administration).copied().unwrap_or((0, 0, 0));
    let (plan, action, plan_indicator) = world
        .plans
        .get(administration)
        .copied()
        .unwrap_or((0, 0, 0));
    let user = if path.starts_with("/users/") {
        world.expert
    } else {
        user
    };
    let code = if path.starts_with("/instruments") || path.starts_with("/api/v1/instruments") {
        "gedhub-geoat-2023"
    } else {
        administration
    };
    path.replace("{code}", code)
        .replace("{file}", "app.css")
        .replace("{id}", &assessment.to_string())
        .replace("{section}", "X")
        .replace("{indicator}", "X.1.1")
        .replace("{attachment}", &attachment.to_string())
        .replace("{user}", &user.to_string())
        .replace("{year}", "2024")
        .replace("{plan}", &plan.to_string())
        .replace("{action}", &action.to_string())
        .replace("{plan_indicator}", &plan_indicator.to_string())
        .replace("{workshop}", &world.workshop.to_string())
        .replace("{participant}", &world.trainee.to_string())
        .replace("{kind}", "feedback")
        .replace(
            "{email}",
            if administration == "BJ" {
                "trainee.bj@wco.test"
            } else {
                "trainee.ca@wco.test"
            },
        )
}

/// Sends a probe's request to `path`.
pub async fn send(app: &TestApp, probe: &Probe, path: &str, cookie: Option<&str>) -> TestResponse {
    match probe.body {
        Body::None => app.form(probe.method.clone(), path, cookie, "").await,
        Body::Form(body) => app.form(probe.method.clone(), path, cookie, body).await,
        Body::Json(body) => app.json(probe.method.clone(), path, cookie, body).await,
        Body::Multipart(field, file_name) => {
            let boundary = "gedhubtestboundary";
            let body = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n%PDF-1.4 test\r\n--{boundary}--\r\n"
            );
            let request = TestApp::request(probe.method.clone(), path, cookie)
                .header(
                    "content-type",
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .body(axum::body::Body::from(body))
                .expect("request");
            app.send(request).await
        }
    }
}

fn is_sign_in_redirect(response: &TestResponse) -> bool {
    response.status == StatusCode::SEE_OTHER && response.header("location").starts_with("/login")
}

#[tokio::test]
async fn every_route_enforces_its_access_rule_for_every_role() {
    let world = app_with_people().await;
    let app = &world.app;
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
            if probe.path.contains("{user}") {
                // Each persona gets a contributor to remove.
                invite_spare(&world).await;
            }
            let path = fill(&world, probe.path, persona.code());
            let response = send(app, &probe, &path, cookie.as_deref()).await;
            let status = response.status;
            let scoped = probe.path.contains("{code}") && !probe.path.contains("instruments");
            let refused = [
                StatusCode::UNAUTHORIZED,
                StatusCode::FORBIDDEN,
                StatusCode::NOT_FOUND,
            ];
            let is_api = probe.path.starts_with("/api/");
            let refused_anonymously = if is_api {
                status == StatusCode::UNAUTHORIZED
            } else {
                is_sign_in_redirect(&response)
            };
            let not_refused = !refused.contains(&status);
            let ok = match (route.access, persona) {
                _ if status.is_server_error() => false,
                (Access::Public, _) => {
                    status != StatusCode::UNAUTHORIZED && status != StatusCode::FORBIDDEN
                }
                (_, Persona::Anonymous) => refused_anonymously,
                // Allowed means "not refused": the workflow may still answer
                // 409 or 422 (e.g. answering a submitted assessment).
                (Access::Assessment, persona) if persona.related_to_assessment() => not_refused,
                (Access::Assessment, _) => status == StatusCode::NOT_FOUND,
                (Access::Administration, Persona::Secretariat | Persona::FocalPointOwn) => {
                    not_refused
                }
                (Access::Administration, _) => status == StatusCode::NOT_FOUND,
                (Access::Plan, Persona::Secretariat | Persona::FocalPointOwn) => not_refused,
                (Access::Plan, _) => status == StatusCode::NOT_FOUND,
                (Access::Trainee, Persona::Secretariat | Persona::FocalPointOwn) => not_refused,
                (Access::Trainee, _) => status == StatusCode::NOT_FOUND,
                (Access::SecretariatHidden, Persona::Secretariat) => not_refused,
                (Access::SecretariatHidden, _) => status == StatusCode::NOT_FOUND,
                // No persona takes part in the walk workshop.
                (Access::Respondent, _) => status == StatusCode::NOT_FOUND,
                (
                    Access::Starters,
                    Persona::Secretariat | Persona::FocalPointOwn | Persona::FocalPointOther,
                ) => not_refused,
                (Access::Starters, _) => status == StatusCode::FORBIDDEN,
                _ if scoped && !persona.in_scope() => status == StatusCode::NOT_FOUND,
                (Access::SignedIn, _) => status.is_success() || status.is_redirection(),
                (Access::Secretariat, Persona::Secretariat) => not_refused,
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
