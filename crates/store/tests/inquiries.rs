//! Inquiries' storage (issue 8): threads and statuses, lists and filters,
//! form tokens, the contact address, notifications queued with a reply,
//! audit, backups and the demo inquiries. SQLite by default, PostgreSQL when
//! GEDHUB_TEST_POSTGRES_URL is set.

use gedhub_core::inquiries::{InquiryStatus, NewInquiry};
use gedhub_core::{AdministrationCode, Email, Role, UserId};
use gedhub_store::audit::AuditFilter;
use gedhub_store::inquiries::{DEFAULT_CONTACT_ADDRESS, InquiryFilter, Notice, Reply};
use gedhub_store::notifications::{NewEmail, NewNotification};
use gedhub_store::users::{NewUser, User};
use gedhub_store::{Actor, Store, Timestamp};

async fn person(store: &Store, email: &str, role: Role, administration: Option<&str>) -> User {
    store
        .create_user(
            &Actor::system("test"),
            NewUser {
                email: Email::parse(email).expect("valid"),
                name: format!("Name of {email}"),
                role,
                administration: administration.map(|c| AdministrationCode::parse(c).expect("code")),
                password_hash: "x".into(),
            },
        )
        .await
        .expect("user")
}

fn question(subject: &str) -> NewInquiry {
    NewInquiry::parse("training", subject, "When is the next workshop?").expect("valid")
}

fn actor(user: &User) -> Actor {
    Actor::user(user.id, user.email.as_str())
}

#[tokio::test]
async fn a_thread_moves_through_its_statuses_and_notifies_with_the_reply() {
    let db = gedhub_store::testing::test_database().await;
    let store = &db.store;
    store.seed_wco_members().await.expect("members");
    let focal = person(store, "focal@bj.test", Role::FocalPoint, Some("BJ")).await;
    let staff = person(store, "staff@wco.test", Role::Secretariat, None).await;
    let now = Timestamp::now();
    let inquiry = store
        .create_inquiry(&actor(&focal), &focal, &question("Workshop dates"), now)
        .await
        .expect("create");
    assert_eq!(inquiry.status, InquiryStatus::New);
    assert_eq!(inquiry.administration.as_deref(), Some("BJ"));
    assert_eq!(inquiry.messages.len(), 1);
    assert!(!inquiry.messages[0].from_secretariat);
    let notice = Notice {
        notifications: vec![NewNotification {
            user_id: focal.id,
            subject: "Answered".into(),
            body: "Read it".into(),
            link: format!("/inquiries/{}", inquiry.id),
        }],
        emails: vec![NewEmail {
            recipient: "focal@bj.test".into(),
            recipient_name: "Focal".into(),
            subject: "Answered".into(),
            body: "Read it".into(),
        }],
    };
    let answered = store
        .reply_to_inquiry(
            &actor(&staff),
            inquiry.id,
            Reply {
                author: &staff,
                from_secretariat: true,
                body: "In May.",
                notice: &notice,
                now,
            },
        )
        .await
        .expect("reply");
    assert_eq!(answered.status, InquiryStatus::Answered);
    assert_eq!(answered.messages.len(), 2);
    assert!(answered.messages[1].from_secretariat);
    assert_eq!(
        store.unread_notifications(focal.id).await.expect("count"),
        1
    );
    assert_eq!(store.pending_emails(10).await.expect("emails").len(), 1);
    let reopened = store
        .reply_to_inquiry(
            &actor(&focal),
            inquiry.id,
            Reply {
                author: &focal,
                from_secretariat: false,
                body: "Thanks, and the venue?",
                notice: &Notice::default(),
                now,
            },
        )
        .await
        .expect("reply");
    assert_eq!(reopened.status, InquiryStatus::InProgress);
    let closed = store
        .set_inquiry_status(
            &actor(&staff),
            inquiry.id,
            InquiryStatus::Closed,
            &Notice::default(),
            now,
        )
        .await
        .expect("close");
    assert_eq!(closed.status, InquiryStatus::Closed);
    let page = store
        .audit_entries(
            &AuditFilter {
                entity: Some("inquiry".into()),
                ..AuditFilter::default()
            },
            1,
            100,
        )
        .await
        .expect("audit");
    let actions: Vec<&str> = page.entries.iter().map(|e| e.action.as_str()).collect();
    for action in ["create", "reply", "set_status"] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
    assert!(matches!(
        store.inquiry(999_999).await,
        Err(gedhub_store::StoreError::NotFound)
    ));
}

#[tokio::test]
async fn lists_filter_by_requester_status_and_administration_and_count_recent_ones() {
    let db = gedhub_store::testing::test_database().await;
    let store = &db.store;
    store.seed_wco_members().await.expect("members");
    let benin = person(store, "focal@bj.test", Role::FocalPoint, Some("BJ")).await;
    let canada = person(store, "focal@ca.test", Role::FocalPoint, Some("CA")).await;
    let now = Timestamp::now();
    let a = store
        .create_inquiry(&actor(&benin), &benin, &question("A"), now)
        .await
        .expect("a");
    store
        .create_inquiry(&actor(&canada), &canada, &question("B"), now)
        .await
        .expect("b");
    store
        .set_inquiry_status(
            &Actor::system("test"),
            a.id,
            InquiryStatus::InProgress,
            &Notice::default(),
            now,
        )
        .await
        .expect("status");
    let subjects = |list: Vec<gedhub_store::inquiries::Inquiry>| -> Vec<String> {
        list.into_iter().map(|i| i.subject).collect()
    };
    let all = store
        .inquiries(&InquiryFilter::default())
        .await
        .expect("all");
    assert_eq!(all.len(), 2);
    assert!(all[0].messages.is_empty(), "lists carry no thread");
    let mine = store
        .inquiries(&InquiryFilter {
            requester: Some(canada.id),
            ..InquiryFilter::default()
        })
        .await
        .expect("mine");
    assert_eq!(subjects(mine), vec!["B"]);
    let in_progress = store
        .inquiries(&InquiryFilter {
            status: Some(InquiryStatus::InProgress),
            ..InquiryFilter::default()
        })
        .await
        .expect("status");
    assert_eq!(subjects(in_progress), vec!["A"]);
    let canadian = store
        .inquiries(&InquiryFilter {
            administration: Some("CA".into()),
            ..InquiryFilter::default()
        })
        .await
        .expect("administration");
    assert_eq!(subjects(canadian), vec!["B"]);
    let hour_ago = now.minus(chrono::Duration::hours(1));
    assert_eq!(
        store
            .inquiries_sent_since(benin.id, hour_ago)
            .await
            .expect("count"),
        1
    );
    assert_eq!(
        store
            .inquiries_sent_since(benin.id, now.plus(chrono::Duration::seconds(1)))
            .await
            .expect("count"),
        0
    );
}

#[tokio::test]
async fn a_form_token_is_the_users_own_and_used_once() {
    let db = gedhub_store::testing::test_database().await;
    let store = &db.store;
    let one = person(store, "one@wco.test", Role::Participant, None).await;
    let two = person(store, "two@wco.test", Role::Participant, None).await;
    let issued = Timestamp::now();
    let token = store
        .issue_inquiry_token(one.id, issued, issued.minus(chrono::Duration::hours(24)))
        .await
        .expect("token");
    assert_eq!(
        store
            .take_inquiry_token(two.id, &token)
            .await
            .expect("take"),
        None,
        "another user's token"
    );
    let taken = store
        .take_inquiry_token(one.id, &token)
        .await
        .expect("take")
        .expect("issued");
    assert_eq!(taken.to_db(), issued.to_db());
    assert_eq!(
        store
            .take_inquiry_token(one.id, &token)
            .await
            .expect("take"),
        None,
        "used once"
    );
    assert_eq!(
        store
            .take_inquiry_token(UserId(one.id.0), "nonsense")
            .await
            .expect("take"),
        None
    );
}

#[tokio::test]
async fn the_contact_address_has_a_default_and_changes_are_audited_and_backed_up() {
    let db = gedhub_store::testing::test_database().await;
    let store = &db.store;
    store.seed_wco_members().await.expect("members");
    assert_eq!(
        store.contact_address().await.expect("address"),
        DEFAULT_CONTACT_ADDRESS
    );
    let address = Email::parse("ged@wcoomd.org").expect("valid");
    store
        .set_contact_address(&Actor::system("test"), &address)
        .await
        .expect("save");
    assert_eq!(
        store.contact_address().await.expect("address"),
        "ged@wcoomd.org"
    );
    let page = store
        .audit_entries(
            &AuditFilter {
                entity: Some("contact_settings".into()),
                ..AuditFilter::default()
            },
            1,
            10,
        )
        .await
        .expect("audit");
    assert_eq!(page.entries.len(), 1);
    let focal = person(store, "focal@bj.test", Role::FocalPoint, Some("BJ")).await;
    let inquiry = store
        .create_inquiry(&actor(&focal), &focal, &question("Kept"), Timestamp::now())
        .await
        .expect("create");
    let backup = store.backup().await.expect("backup");
    store.restore(&backup).await.expect("restore");
    assert_eq!(
        store.contact_address().await.expect("address"),
        "ged@wcoomd.org"
    );
    let restored = store.inquiry(inquiry.id).await.expect("restored");
    assert_eq!(restored.messages.len(), 1);
    assert_eq!(restored.subject, "Kept");
}

#[tokio::test]
async fn the_demo_inquiries_are_seeded_once_one_answered_one_new() {
    let db = gedhub_store::testing::test_database().await;
    db.store.seed_demo().await.expect("demo");
    db.store.seed_demo().await.expect("demo again");
    let all = db
        .store
        .inquiries(&InquiryFilter::default())
        .await
        .expect("all");
    assert_eq!(all.len(), 3);
    let statuses: Vec<InquiryStatus> = all.iter().map(|i| i.status).collect();
    for status in [
        InquiryStatus::Answered,
        InquiryStatus::New,
        InquiryStatus::InProgress,
    ] {
        assert!(statuses.contains(&status), "{status:?} in {statuses:?}");
    }
}
