//! A device whose session was ended, or whose account was disabled, loses
//! nothing (issue 14): its final push is applied and flagged
//! `sent_after_end` for review, the answer tells it `rukun-session: ended`,
//! its photos still arrive, and it can read nothing. A session its holder
//! logged out of, or one ended more than 30 days ago, may not push.

mod support;

use reqwest::{Client, StatusCode};
use rukun_core::console::ListPage;
use rukun_core::fixtures::household_answers;
use rukun_core::quality::Flag;
use rukun_core::review::AuditEntry;
use rukun_core::sync::{Mutation, Outcome, PushRequest, PushResponse, PROTOCOL_VERSION};
use serde_json::json;
use sqlx::sqlite::SqlitePool;
use support::{get_text, household_upsert, login_token, push_mutations, put_photo, TestServer};

const WATES: &str = "35.76.02.1010";
const RT1: &str = "35.76.02.1010/01/01";
const DEMO: &str = "rukun-demo";

/// The three households the phone collected and had not sent yet.
fn held(first_seq: u64) -> Vec<Mutation> {
    (0..3)
        .map(|i| {
            let id = format!("held-{i}");
            household_upsert(
                first_seq + i,
                &id,
                RT1,
                0,
                household_answers(40 + i as u32, 2),
            )
        })
        .collect()
}

/// The device's push: status, `rukun-session` header, error code, results.
struct Pushed {
    status: StatusCode,
    session: Option<String>,
    code: String,
    outcomes: Vec<Outcome>,
}

async fn push(
    server: &TestServer,
    token: &str,
    client_id: &str,
    mutations: Vec<Mutation>,
) -> Pushed {
    let response = Client::new()
        .post(server.url("/api/sync/push"))
        .bearer_auth(token)
        .json(&PushRequest {
            protocol: PROTOCOL_VERSION,
            client_id: client_id.into(),
            mutations,
        })
        .send()
        .await
        .unwrap();
    let status = response.status();
    let session = response
        .headers()
        .get("rukun-session")
        .map(|v| v.to_str().unwrap().to_owned());
    let body: serde_json::Value = response.json().await.unwrap();
    let (code, outcomes) = match status {
        StatusCode::OK => {
            let pushed: PushResponse = serde_json::from_value(body).unwrap();
            (
                String::new(),
                pushed.results.into_iter().map(|r| r.outcome).collect(),
            )
        }
        _ => (body["error"].as_str().unwrap_or("").to_owned(), Vec::new()),
    };
    Pushed {
        status,
        session,
        code,
        outcomes,
    }
}

/// The ids of the review list's records flagged `sent_after_end`.
async fn flagged(server: &TestServer, koordinator: &str) -> Vec<String> {
    let path = format!("/api/review/records?kelurahan={WATES}&flag=sent_after_end");
    let (status, text) = get_text(server, koordinator, &path).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let page: ListPage = serde_json::from_str(&text).unwrap();
    assert!(page
        .items
        .iter()
        .all(|i| i.flags.contains(&Flag::SentAfterEnd)));
    let mut ids: Vec<String> = page.items.into_iter().map(|i| i.id).collect();
    ids.sort();
    ids
}

async fn audit(server: &TestServer, token: &str) -> Vec<AuditEntry> {
    let (status, text) = get_text(server, token, "/api/audit").await;
    assert_eq!(status, StatusCode::OK, "{text}");
    serde_json::from_str(&text).unwrap()
}

async fn patch(server: &TestServer, token: &str, username: &str, body: serde_json::Value) {
    let response = Client::new()
        .patch(server.url(&format!("/api/accounts/{username}")))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

/// Ends `token`'s session as `koordinator` would from the Akun screen.
async fn end_session_of(server: &TestServer, koordinator: &str, token: &str) {
    let (_, text) = get_text(server, token, "/api/accounts/relawan/sessions").await;
    let sessions: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let id = sessions.iter().find(|s| s["current"] == true).unwrap()["id"].clone();
    let ended = Client::new()
        .delete(server.url(&format!("/api/sessions/{id}")))
        .bearer_auth(koordinator)
        .send()
        .await
        .unwrap();
    assert_eq!(ended.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn a_disabled_volunteers_phone_delivers_what_it_held_flagged_for_review() {
    let server = TestServer::start().await;
    let koordinator = login_token(&server, "koordinator", DEMO).await;
    let phone = login_token(&server, "relawan", DEMO).await;
    // Sent while the session was live: not flagged.
    let before = household_upsert(1, "before", RT1, 0, household_answers(30, 1));
    push_mutations(&server, &phone, "phone", vec![before]).await;

    patch(&server, &koordinator, "relawan", json!({ "active": false })).await;
    let last = push(&server, &phone, "phone", held(2)).await;
    assert_eq!(last.status, StatusCode::OK, "the final push is accepted");
    assert_eq!(last.session.as_deref(), Some("ended"));
    assert_eq!(last.outcomes.len(), 3);
    assert!(
        last.outcomes
            .iter()
            .all(|o| matches!(o, Outcome::Applied { version: 1 })),
        "{:?}",
        last.outcomes
    );
    assert_eq!(
        flagged(&server, &koordinator).await,
        ["held-0", "held-1", "held-2"]
    );
    let (_, detail) = get_text(&server, &koordinator, "/api/review/records/held-1").await;
    assert!(detail.contains("sent_after_end"), "{detail}");
    let (_, detail) = get_text(&server, &koordinator, "/api/review/records/before").await;
    assert!(!detail.contains("sent_after_end"), "{detail}");

    let log = audit(&server, &koordinator).await;
    let entry = log
        .iter()
        .find(|e| e.action == "push_after_end")
        .expect("push_after_end");
    assert_eq!(entry.actor, "relawan");
    assert_eq!(entry.detail, "3 records: held-0 held-1 held-2");

    // Its photos still arrive; it reads nothing.
    let photo = b"\xff\xd8\xff\xe0 the house of held-0";
    assert_eq!(
        put_photo(&server, &phone, "held-0", photo, "image/jpeg").await,
        StatusCode::CREATED
    );
    let pull = Client::new()
        .get(server.url("/api/sync/pull?protocol=1&cursor=0"))
        .bearer_auth(&phone)
        .send()
        .await
        .unwrap();
    assert_eq!(pull.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(pull.headers()["rukun-session"], "ended");
    let body: serde_json::Value = pull.json().await.unwrap();
    assert_eq!(body["error"], "session_ended");
    let (status, _) = get_text(
        &server,
        &phone,
        &format!("/api/attachments/{}", support::sha256_hex(photo)),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // A replay of the final push is answered again, and still flagged.
    let again = push(&server, &phone, "phone", held(2)).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.outcomes.len(), 3);

    // Enabled again and logged in anew, the volunteer's next change to a
    // flagged record keeps the flag until a coordinator has looked.
    patch(&server, &koordinator, "relawan", json!({ "active": true })).await;
    let fresh = login_token(&server, "relawan", DEMO).await;
    let edit = household_upsert(1, "held-0", RT1, 1, household_answers(41, 2));
    let outcomes = push_mutations(&server, &fresh, "phone-2", vec![edit]).await;
    assert!(
        matches!(outcomes[..], [Outcome::Applied { version: 2 }]),
        "{outcomes:?}"
    );
    assert_eq!(
        flagged(&server, &koordinator).await,
        ["held-0", "held-1", "held-2"]
    );
}

#[tokio::test]
async fn a_session_ended_by_the_coordinator_may_push_once_more_but_not_read() {
    let server = TestServer::start().await;
    let koordinator = login_token(&server, "koordinator", DEMO).await;
    let phone = login_token(&server, "relawan", DEMO).await;
    let other = login_token(&server, "relawan", DEMO).await;
    end_session_of(&server, &koordinator, &phone).await;

    let last = push(&server, &phone, "phone", held(1)).await;
    assert_eq!(last.status, StatusCode::OK);
    assert_eq!(last.session.as_deref(), Some("ended"));
    assert!(
        last.outcomes
            .iter()
            .all(|o| matches!(o, Outcome::Applied { .. })),
        "{:?}",
        last.outcomes
    );
    assert_eq!(
        flagged(&server, &koordinator).await,
        ["held-0", "held-1", "held-2"]
    );
    let (status, _) = get_text(&server, &phone, "/api/sync/pull?protocol=1&cursor=0").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // The account's other session is a normal one: its pushes carry no flag
    // and no header.
    let live = push(
        &server,
        &other,
        "laptop",
        vec![household_upsert(
            1,
            "live",
            RT1,
            0,
            household_answers(50, 1),
        )],
    )
    .await;
    assert_eq!(live.status, StatusCode::OK);
    assert_eq!(live.session, None);
    assert_eq!(
        flagged(&server, &koordinator).await,
        ["held-0", "held-1", "held-2"]
    );

    // What the final push may not do, it still may not: outside the RTs
    // it is rejected, and a rejected mutation is not flagged.
    let outside = household_upsert(
        4,
        "outside",
        "35.76.02.1010/02/01",
        0,
        household_answers(51, 1),
    );
    let refused = push(&server, &phone, "phone", vec![outside]).await;
    assert_eq!(refused.status, StatusCode::OK);
    assert!(
        matches!(refused.outcomes[..], [Outcome::Rejected { .. }]),
        "{:?}",
        refused.outcomes
    );
    assert_eq!(
        flagged(&server, &koordinator).await,
        ["held-0", "held-1", "held-2"]
    );
}

#[tokio::test]
async fn a_session_its_holder_logged_out_of_may_not_push() {
    let server = TestServer::start().await;
    let phone = login_token(&server, "relawan", DEMO).await;
    let logout = Client::new()
        .post(server.url("/api/auth/logout"))
        .bearer_auth(&phone)
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), StatusCode::NO_CONTENT);
    let refused = push(&server, &phone, "phone", held(1)).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(refused.code, "unauthorized");
    assert_eq!(refused.session, None, "a logout is not an ending");

    // Nor one whose password was changed elsewhere: its holder did that.
    let phone = login_token(&server, "relawan", DEMO).await;
    let laptop = login_token(&server, "relawan", DEMO).await;
    let changed = Client::new()
        .post(server.url("/api/auth/password"))
        .bearer_auth(&laptop)
        .json(&json!({ "current": DEMO, "new": "sandi-baru-relawan" }))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    let refused = push(&server, &phone, "phone", held(1)).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(refused.session, None);

    let koordinator = login_token(&server, "koordinator", DEMO).await;
    assert!(flagged(&server, &koordinator).await.is_empty());
}

#[tokio::test]
async fn a_session_ended_more_than_30_days_ago_may_not_push() {
    let server = TestServer::start().await;
    let koordinator = login_token(&server, "koordinator", DEMO).await;
    let phone = login_token(&server, "relawan", DEMO).await;
    end_session_of(&server, &koordinator, &phone).await;

    // The server's own clock cannot be moved: the end is moved back instead.
    let db = SqlitePool::connect(&format!(
        "sqlite://{}",
        server.dir.path().join("data/rukun.db").display()
    ))
    .await
    .unwrap();
    let day_ms: i64 = 86_400_000;
    let move_end_back = |days: i64| {
        sqlx::query(
            "UPDATE sessions SET revoked_ms = revoked_ms - ? \
             WHERE revoked_reason = 'ended' AND revoked_ms IS NOT NULL",
        )
        .bind(days * day_ms)
        .execute(&db)
    };
    move_end_back(29).await.unwrap();
    let late = push(&server, &phone, "phone", held(1)).await;
    assert_eq!(late.status, StatusCode::OK, "29 days after: {}", late.code);
    assert_eq!(late.session.as_deref(), Some("ended"));

    move_end_back(2).await.unwrap();
    let too_late = push(&server, &phone, "phone", held(4)).await;
    assert_eq!(too_late.status, StatusCode::UNAUTHORIZED);
    assert_eq!(too_late.code, "session_ended");
    assert_eq!(too_late.session.as_deref(), Some("ended"));
    let photo = b"\xff\xd8\xff\xe0 too late";
    assert_eq!(
        put_photo(&server, &phone, "held-0", photo, "image/jpeg").await,
        StatusCode::UNAUTHORIZED
    );
    db.close().await;
}
