//! Coordinators' review over real HTTP: every transition, legal and
//! illegal; returned records reach the volunteer's pull with the comments;
//! a resubmission is awaiting review again; scope per role; bad requests.

mod support;

use reqwest::{Client, StatusCode};
use rukun_core::api::ErrorBody;
use rukun_core::fixtures::household_answers;
use rukun_core::review::ReviewState;
use rukun_core::sync::*;
use serde_json::{json, Value as Json};
use support::{pulled, TestServer};

const RT1: &str = "35.76.02.1010/01/01";

async fn token(server: &TestServer, username: &str, password: &str) -> String {
    support::login_token(server, username, password).await
}

/// The volunteer's device pushes change `seq` to record `id`.
async fn push(server: &TestServer, token: &str, seq: u64, id: &str, base: u64, op: Op) -> Outcome {
    let mut mutation =
        support::household_upsert(seq, id, RT1, base, household_answers(seq as u32, 1));
    mutation.op = op;
    support::push_mutations(server, token, "phone", vec![mutation])
        .await
        .remove(0)
}

async fn review(server: &TestServer, token: &str, id: &str, body: Json) -> (StatusCode, Json) {
    let response = Client::new()
        .post(server.url(&format!("/api/records/{id}/review")))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    (response.status(), response.json().await.unwrap())
}

fn state(body: &Json) -> &str {
    body["review_state"].as_str().unwrap_or("")
}

#[tokio::test]
async fn a_returned_record_reaches_the_volunteer_and_comes_back_for_approval() {
    let server = TestServer::start().await;
    let relawan = token(&server, "relawan", "rukun-demo").await;
    let koordinator = token(&server, "koordinator", "rukun-demo").await;
    assert!(matches!(
        push(&server, &relawan, 1, "h1", 0, Op::Upsert).await,
        Outcome::Applied { version: 1 }
    ));
    assert_eq!(
        pulled(&server, &relawan, "h1").await.review_state,
        ReviewState::Submitted
    );

    // Illegal before any decision: reopening.
    let (status, body) = review(&server, &koordinator, "h1", json!({ "action": "reopen" })).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("Cannot reopen a record that is awaiting review"));

    let (status, body) = review(
        &server,
        &koordinator,
        "h1",
        json!({
            "action": "return",
            "comment": "Periksa NIK anggota",
            "field_comments": { "members/m0/nik": "NIK tidak cocok dengan KK" }
        }),
    )
    .await;
    assert_eq!((status, state(&body)), (StatusCode::OK, "returned"));
    // Returning twice, or approving a returned record, needs a reopen first.
    for action in ["return", "approve", "reject"] {
        let (status, body) = review(
            &server,
            &koordinator,
            "h1",
            json!({ "action": action, "comment": "x" }),
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT, "{action}: {body}");
    }

    // The device's next pull brings the task with both comments.
    let on_phone = pulled(&server, &relawan, "h1").await;
    assert_eq!(on_phone.review_state, ReviewState::Returned);
    assert_eq!(
        on_phone.version, 2,
        "a decision is a new version, so devices take it in"
    );
    let note = on_phone.review.unwrap();
    assert_eq!(
        (note.comment.as_str(), note.author.as_str()),
        ("Periksa NIK anggota", "koordinator")
    );
    assert_eq!(
        note.field_comments["members/m0/nik"],
        "NIK tidak cocok dengan KK"
    );

    // The fix, made against that version, is awaiting review again.
    assert!(matches!(
        push(&server, &relawan, 2, "h1", 2, Op::Upsert).await,
        Outcome::Applied { version: 3 }
    ));
    assert_eq!(
        pulled(&server, &relawan, "h1").await.review_state,
        ReviewState::Submitted
    );
    let (status, body) = review(&server, &koordinator, "h1", json!({ "action": "approve" })).await;
    assert_eq!((status, state(&body)), (StatusCode::OK, "approved"));
    let (status, _) = review(
        &server,
        &koordinator,
        "h1",
        json!({ "action": "return", "comment": "lagi" }),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "an approved record is reopened first"
    );
    let (status, body) = review(&server, &koordinator, "h1", json!({ "action": "reopen" })).await;
    assert_eq!((status, state(&body)), (StatusCode::OK, "submitted"));
    let (status, body) = review(
        &server,
        &koordinator,
        "h1",
        json!({ "action": "reject", "comment": "Rumah kosong" }),
    )
    .await;
    assert_eq!((status, state(&body)), (StatusCode::OK, "rejected"));
}

#[tokio::test]
async fn deleted_records_cannot_be_reviewed() {
    let server = TestServer::start().await;
    let relawan = token(&server, "relawan", "rukun-demo").await;
    let koordinator = token(&server, "koordinator", "rukun-demo").await;
    push(&server, &relawan, 1, "h1", 0, Op::Upsert).await;
    assert!(matches!(
        push(&server, &relawan, 2, "h1", 1, Op::Delete).await,
        Outcome::Applied { .. }
    ));
    let (status, body) = review(&server, &koordinator, "h1", json!({ "action": "approve" })).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("This record was deleted"));
}

#[tokio::test]
async fn only_coordinators_of_the_kelurahan_and_administrators_review() {
    let server = TestServer::start().await;
    let relawan = token(&server, "relawan", "rukun-demo").await;
    let admin = token(&server, "admin", "rukun-demo").await;
    push(&server, &relawan, 1, "h1", 0, Op::Upsert).await;
    let elsewhere = support::kranggan_coordinator(&server, &admin).await;
    let kiosk = token(&server, "kiosk", "rukun-demo").await;
    for (who, token) in [("volunteer", &relawan), ("kiosk", &kiosk)] {
        let (status, _) = review(&server, token, "h1", json!({ "action": "approve" })).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{who}");
    }
    // Another kelurahan's record answers like a missing one.
    let (status, _) = review(&server, &elsewhere, "h1", json!({ "action": "approve" })).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = review(&server, "not-a-token", "h1", json!({ "action": "approve" })).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, body) = review(&server, &admin, "h1", json!({ "action": "approve" })).await;
    assert_eq!((status, state(&body)), (StatusCode::OK, "approved"));
}

#[tokio::test]
async fn bad_review_requests_get_a_4xx_with_a_reason() {
    let server = TestServer::start().await;
    let relawan = token(&server, "relawan", "rukun-demo").await;
    let koordinator = token(&server, "koordinator", "rukun-demo").await;
    push(&server, &relawan, 1, "h1", 0, Op::Upsert).await;
    let cases = [
        (
            "h1",
            json!({ "action": "return" }),
            StatusCode::BAD_REQUEST,
            "Say what needs fixing",
        ),
        (
            "h1",
            json!({ "action": "reject", "comment": "  " }),
            StatusCode::BAD_REQUEST,
            "Give the reason",
        ),
        (
            "h1",
            json!({ "action": "publish" }),
            StatusCode::BAD_REQUEST,
            "unknown variant `publish`",
        ),
        (
            "h1",
            json!({ "action": "approve", "comment": "x".repeat(2_001) }),
            StatusCode::BAD_REQUEST,
            "2,000",
        ),
        (
            "nothing",
            json!({ "action": "approve" }),
            StatusCode::NOT_FOUND,
            "No such record",
        ),
    ];
    for (id, body, expected, reason) in cases {
        let (status, answer) = review(&server, &koordinator, id, body.clone()).await;
        assert_eq!(status, expected, "{body}: {answer}");
        let answer: ErrorBody = serde_json::from_value(answer).unwrap();
        assert!(answer.message.contains(reason), "{}", answer.message);
    }
    let raw = Client::new()
        .post(server.url("/api/records/h1/review"))
        .bearer_auth(&koordinator)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), StatusCode::BAD_REQUEST);
}

async fn audit(server: &TestServer, token: &str, query: &str) -> (StatusCode, Json) {
    let response = Client::new()
        .get(server.url(&format!("/api/audit{query}")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (response.status(), response.json().await.unwrap())
}

#[tokio::test]
async fn the_audit_log_says_who_created_edited_and_reviewed_what_within_scope() {
    let server = TestServer::start().await;
    let relawan = token(&server, "relawan", "rukun-demo").await;
    let koordinator = token(&server, "koordinator", "rukun-demo").await;
    let admin = token(&server, "admin", "rukun-demo").await;
    push(&server, &relawan, 1, "h1", 0, Op::Upsert).await;
    review(
        &server,
        &koordinator,
        "h1",
        json!({ "action": "return", "comment": "cek" }),
    )
    .await;
    push(&server, &relawan, 2, "h1", 2, Op::Upsert).await;

    let (status, log) = audit(&server, &koordinator, "").await;
    assert_eq!(status, StatusCode::OK);
    // Logins and account creations are there too (trust_access.rs); here
    // the record and target entries.
    let about_records = |log: &Json| -> Vec<Json> {
        log.as_array()
            .unwrap()
            .iter()
            .filter(|e| !matches!(e["action"].as_str(), Some("login" | "account_create")))
            .cloned()
            .collect()
    };
    let lines: Vec<(String, String)> = about_records(&log)
        .iter()
        .map(|e| {
            (
                e["actor"].as_str().unwrap().into(),
                e["action"].as_str().unwrap().into(),
            )
        })
        .collect();
    // Below them, the demo targets set at start (entries about no record).
    let expected = [
        ("relawan", "edit"),
        ("koordinator", "review:return"),
        ("relawan", "create"),
        ("demo", "target"),
        ("demo", "target"),
        ("demo", "target"),
        ("demo", "target"),
    ];
    assert_eq!(lines, expected.map(|(a, b)| (a.to_string(), b.to_string())));
    // Paging: the entries before the newest one.
    let newest = log[0]["id"].as_i64().unwrap();
    let (_, older) = audit(&server, &koordinator, &format!("?before={newest}&limit=1")).await;
    assert_eq!(older.as_array().unwrap().len(), 1);
    assert_eq!(older[0]["action"], "review:return");
    assert_eq!(about_records(&audit(&server, &admin, "").await.1).len(), 7);

    let elsewhere = support::kranggan_coordinator(&server, &admin).await;
    let (status, theirs) = audit(&server, &elsewhere, "").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(about_records(&theirs), Vec::<Json>::new());
    assert_eq!(audit(&server, &relawan, "").await.0, StatusCode::FORBIDDEN);
    for bad in ["?limit=0", "?limit=501", "?before=abc"] {
        assert_eq!(
            audit(&server, &koordinator, bad).await.0,
            StatusCode::BAD_REQUEST,
            "{bad}"
        );
    }
}
