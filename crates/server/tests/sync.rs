//! Push and pull over real HTTP (sync.md): replays, gaps, merges of
//! different fields, conflicts on the same field, scope per role,
//! validation with the PWA's own rules, limits, and a restart.

mod support;

use std::collections::BTreeMap;

use reqwest::{Client, StatusCode};
use rukun_core::api::ErrorBody;
use rukun_core::fixtures::household_answers;
use rukun_core::form::{Answers, Value};
use rukun_core::sync::*;
use serde_json::json;
use support::TestServer;

const RT1: &str = "35.76.02.1010/01/01";

async fn token(server: &TestServer, username: &str) -> String {
    support::login_token(server, username, "rukun-demo").await
}

fn upsert(seq: u64, record: &str, area: &str, base: u64, changes: Answers) -> Mutation {
    Mutation {
        seq,
        record_id: record.into(),
        form_id: "household".into(),
        form_version: 1,
        area: area.into(),
        base_version: base,
        op: Op::Upsert,
        changes: changes.into_iter().map(|(k, v)| (k, Some(v))).collect(),
    }
}

fn one(path: &str, value: Value) -> Answers {
    BTreeMap::from([(path.to_string(), value)])
}

async fn push_raw(server: &TestServer, token: &str, body: serde_json::Value) -> reqwest::Response {
    Client::new()
        .post(server.url("/api/sync/push"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn push(
    server: &TestServer,
    token: &str,
    client: &str,
    mutations: Vec<Mutation>,
) -> PushResponse {
    let request = PushRequest {
        protocol: PROTOCOL_VERSION,
        client_id: client.into(),
        mutations,
    };
    let response = push_raw(server, token, serde_json::to_value(request).unwrap()).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn pull(server: &TestServer, token: &str, cursor: u64) -> reqwest::Response {
    Client::new()
        .get(server.url(&format!("/api/sync/pull?protocol=1&cursor={cursor}")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn pulled(server: &TestServer, token: &str) -> PullResponse {
    let response = pull(server, token, 0).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

fn outcomes(response: &PushResponse) -> Vec<&Outcome> {
    response.results.iter().map(|r| &r.outcome).collect()
}

#[tokio::test]
async fn a_household_arrives_once_however_often_it_is_sent() {
    let server = TestServer::start().await;
    let relawan = token(&server, "relawan").await;
    let household = upsert(1, "r1", RT1, 0, household_answers(1, 3));
    let first = push(&server, &relawan, "phone-a", vec![household.clone()]).await;
    assert_eq!(first.last_seq, 1);
    assert_eq!(outcomes(&first), [&Outcome::Applied { version: 1 }]);
    // The response was lost: the phone sends it again, and again.
    for _ in 0..2 {
        let again = push(&server, &relawan, "phone-a", vec![household.clone()]).await;
        assert_eq!(again, first);
    }
    let state = pulled(&server, &relawan).await;
    assert_eq!(state.records.len(), 1);
    assert_eq!(state.records[0].version, 1);
    assert_eq!(state.records[0].answers, household_answers(1, 3));
    assert!(!state.has_more);
}

#[tokio::test]
async fn a_gap_stops_the_batch_until_the_missing_mutation_comes() {
    let server = TestServer::start().await;
    let relawan = token(&server, "relawan").await;
    let m1 = upsert(1, "r1", RT1, 0, household_answers(1, 1));
    let m2 = upsert(
        2,
        "r1",
        RT1,
        1,
        one("house_number", Value::Text("9".into())),
    );
    let m3 = upsert(
        3,
        "r1",
        RT1,
        2,
        one("house_number", Value::Text("10".into())),
    );
    let response = push(&server, &relawan, "phone-a", vec![m1, m3.clone()]).await;
    assert_eq!(response.last_seq, 1);
    assert_eq!(response.results.len(), 1);
    let response = push(&server, &relawan, "phone-a", vec![m3, m2]).await;
    assert_eq!(response.last_seq, 3);
    let state = pulled(&server, &relawan).await;
    assert_eq!(
        state.records[0].answers["house_number"],
        Value::Text("10".into())
    );
    assert_eq!(state.records[0].version, 3);
}

#[tokio::test]
async fn different_fields_merge_and_the_same_field_becomes_a_conflict() {
    let server = TestServer::start().await;
    let relawan = token(&server, "relawan").await;
    let koordinator = token(&server, "koordinator").await;
    push(
        &server,
        &relawan,
        "phone-a",
        vec![upsert(1, "r1", RT1, 0, household_answers(1, 2))],
    )
    .await;

    // The coordinator corrects the floor area on the office laptop...
    let office = push(
        &server,
        &koordinator,
        "laptop",
        vec![upsert(
            1,
            "r1",
            RT1,
            1,
            one("floor_area", Value::Number(70.0)),
        )],
    )
    .await;
    assert_eq!(outcomes(&office), [&Outcome::Applied { version: 2 }]);
    // ...while the volunteer, still at version 1, edits the house number and the floor area.
    let mut edits = one("house_number", Value::Text("12B".into()));
    edits.insert("floor_area".into(), Value::Number(45.0));
    let phone = push(
        &server,
        &relawan,
        "phone-a",
        vec![upsert(2, "r1", RT1, 1, edits)],
    )
    .await;
    assert_eq!(
        outcomes(&phone),
        [&Outcome::Conflict {
            version: 3,
            fields: vec!["floor_area".into()]
        }]
    );

    let record = &pulled(&server, &koordinator).await.records[0];
    assert_eq!(
        record.answers["house_number"],
        Value::Text("12B".into()),
        "the other field survived"
    );
    assert_eq!(
        record.answers["floor_area"],
        Value::Number(70.0),
        "the server value stays until resolved"
    );
}

#[tokio::test]
async fn each_role_reads_and_writes_only_its_own_area() {
    let server = TestServer::start().await;
    let relawan = token(&server, "relawan").await;
    let koordinator = token(&server, "koordinator").await;
    let kiosk = token(&server, "kiosk").await;
    let rt5 = "35.76.02.1010/01/04";
    let elsewhere = "35.76.03.1001/01/01";
    let office = push(
        &server,
        &koordinator,
        "laptop",
        vec![
            upsert(1, "k1", rt5, 0, household_answers(2, 1)),
            upsert(2, "k2", elsewhere, 0, household_answers(3, 1)),
        ],
    )
    .await;
    assert!(matches!(
        outcomes(&office)[..],
        [Outcome::Applied { .. }, Outcome::Rejected { .. }]
    ));

    // The volunteer of RT 01-03 may not write RT 04, and the rest of the batch goes on.
    let phone = push(
        &server,
        &relawan,
        "phone-a",
        vec![
            upsert(1, "x1", rt5, 0, household_answers(4, 1)),
            upsert(2, "r1", RT1, 0, household_answers(5, 1)),
        ],
    )
    .await;
    let Outcome::Rejected { reason } = outcomes(&phone)[0] else {
        panic!("{phone:?}")
    };
    assert!(
        reason
            .id
            .contains("tidak boleh mengubah data RT 04 / RW 01")
            && reason
                .en
                .contains("may not change records of RT 04 / RW 01"),
        "{reason:?}"
    );
    assert_eq!(outcomes(&phone)[1], &Outcome::Applied { version: 1 });
    assert_eq!(phone.last_seq, 2);

    let seen: Vec<String> = pulled(&server, &relawan)
        .await
        .records
        .into_iter()
        .map(|r| r.record_id)
        .collect();
    assert_eq!(
        seen,
        ["r1"],
        "RT 04 is not pulled by the RT 01-03 volunteer"
    );
    let seen: Vec<String> = pulled(&server, &koordinator)
        .await
        .records
        .into_iter()
        .map(|r| r.record_id)
        .collect();
    assert_eq!(seen, ["k1", "r1"]);

    assert_eq!(
        pull(&server, &kiosk, 0).await.status(),
        StatusCode::FORBIDDEN
    );
    // A kiosk writes no records at all: only sealed submissions (trust_access.rs).
    let desk = push_raw(
        &server,
        &kiosk,
        serde_json::json!({ "protocol": 1, "client_id": "kiosk-1",
                            "mutations": [upsert(1, "q1", RT1, 0, household_answers(6, 1))] }),
    )
    .await;
    assert_eq!(desk.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn what_the_form_refuses_the_server_refuses() {
    let server = TestServer::start().await;
    let relawan = token(&server, "relawan").await;
    let mut bad = household_answers(1, 2);
    bad.insert(
        "members/m0/nik".into(),
        Value::Text("35760A1505850001".into()),
    );
    let mut unknown_version = upsert(2, "r2", RT1, 0, household_answers(2, 1));
    unknown_version.form_version = 99;
    let response = push(
        &server,
        &relawan,
        "phone-a",
        vec![upsert(1, "r1", RT1, 0, bad), unknown_version],
    )
    .await;
    let reasons: Vec<String> = response
        .results
        .iter()
        .map(|r| match &r.outcome {
            Outcome::Rejected { reason } => format!("{} | {}", reason.id, reason.en),
            other => panic!("{other:?}"),
        })
        .collect();
    assert!(
        reasons[0].contains("members/m0/nik: Hanya boleh berisi angka."),
        "{}",
        reasons[0]
    );
    assert!(
        reasons[1].contains("household versi 99 tidak dikenal")
            && reasons[1].contains("Unknown form household version 99"),
        "{}",
        reasons[1]
    );
    assert_eq!(response.last_seq, 2, "rejections are final, not retried");
    assert!(pulled(&server, &relawan).await.records.is_empty());
}

#[tokio::test]
async fn bad_requests_get_a_4xx_with_a_reason() {
    let server = TestServer::start().await;
    let relawan = token(&server, "relawan").await;
    let old = push_raw(
        &server,
        &relawan,
        json!({ "protocol": 2, "client_id": "p", "mutations": [] }),
    )
    .await;
    assert_eq!(old.status(), StatusCode::BAD_REQUEST);
    assert!(old
        .json::<ErrorBody>()
        .await
        .unwrap()
        .message
        .contains("perbarui aplikasi"));
    let huge: Vec<Mutation> = (1..=201)
        .map(|n| upsert(n, "r", RT1, 0, Answers::new()))
        .collect();
    let request = serde_json::to_value(PushRequest {
        protocol: 1,
        client_id: "p".into(),
        mutations: huge,
    })
    .unwrap();
    assert_eq!(
        push_raw(&server, &relawan, request).await.status(),
        StatusCode::PAYLOAD_TOO_LARGE
    );
    let wrong_type = push_raw(
        &server,
        &relawan,
        json!({ "protocol": 1, "client_id": "p", "mutations": [{ "seq": "one" }] }),
    )
    .await;
    assert_eq!(wrong_type.status(), StatusCode::BAD_REQUEST);
    let anonymous = Client::new()
        .post(server.url("/api/sync/push"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let bad_query = Client::new()
        .get(server.url("/api/sync/pull?cursor=-1"))
        .bearer_auth(&relawan)
        .send()
        .await
        .unwrap();
    assert_eq!(bad_query.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn pulls_page_in_change_order_and_survive_a_restart() {
    let server = TestServer::start().await;
    let relawan = token(&server, "relawan").await;
    let mutations: Vec<Mutation> = (1..=5)
        .map(|n| upsert(n, &format!("r{n}"), RT1, 0, household_answers(n as u32, 1)))
        .collect();
    push(&server, &relawan, "phone-a", mutations.clone()).await;
    let dir = server.stop().await;
    let server = TestServer::start_in(dir).await;
    let relawan = token(&server, "relawan").await;
    let replay = push(&server, &relawan, "phone-a", mutations).await;
    assert_eq!(replay.last_seq, 5);
    let page = |cursor: u64| {
        let server = &server;
        let relawan = &relawan;
        async move {
            Client::new()
                .get(server.url(&format!(
                    "/api/sync/pull?protocol=1&cursor={cursor}&limit=2"
                )))
                .bearer_auth(relawan)
                .send()
                .await
                .unwrap()
                .json::<PullResponse>()
                .await
                .unwrap()
        }
    };
    let mut cursor = 0;
    let mut seen = Vec::new();
    loop {
        let p = page(cursor).await;
        seen.extend(p.records.iter().map(|r| r.record_id.clone()));
        cursor = p.next_cursor;
        if !p.has_more {
            break;
        }
    }
    assert_eq!(seen, ["r1", "r2", "r3", "r4", "r5"]);
    assert_eq!(cursor, 5);
}

#[tokio::test]
async fn a_deletion_leaves_a_tombstone_without_answers_and_later_edits_are_refused() {
    let server = TestServer::start().await;
    let relawan = token(&server, "relawan").await;
    push(
        &server,
        &relawan,
        "phone-a",
        vec![upsert(1, "r1", RT1, 0, household_answers(1, 1))],
    )
    .await;
    let mut delete = upsert(2, "r1", RT1, 1, Answers::new());
    delete.op = Op::Delete;
    let stale_delete = Mutation {
        seq: 1,
        base_version: 0,
        ..delete.clone()
    };
    let koordinator = token(&server, "koordinator").await;
    let refused = push(&server, &koordinator, "laptop", vec![stale_delete]).await;
    assert_eq!(
        outcomes(&refused),
        [&Outcome::Conflict {
            version: 1,
            fields: vec!["*".into()]
        }]
    );
    let deleted = push(&server, &relawan, "phone-a", vec![delete]).await;
    assert_eq!(outcomes(&deleted), [&Outcome::Applied { version: 2 }]);
    let record = &pulled(&server, &relawan).await.records[0];
    assert!(record.deleted);
    assert!(
        record.answers.is_empty(),
        "no personal data kept in a tombstone"
    );
    let late = push(
        &server,
        &relawan,
        "phone-b",
        vec![upsert(
            1,
            "r1",
            RT1,
            1,
            one("note", Value::Text("x".into())),
        )],
    )
    .await;
    assert!(
        matches!(outcomes(&late)[0], Outcome::Rejected { reason } if reason.id.starts_with("Data ini sudah dihapus"))
    );
}

/// Sync requests take turns (a few at once, the rest wait before their
/// bodies are read); a push with no valid token is refused before its body
/// is read, so bodies that never come without one hold no turn and a
/// device's push goes through meanwhile.
#[tokio::test]
async fn bodies_that_never_come_without_a_valid_token_hold_no_turn() {
    use tokio::io::AsyncWriteExt;
    let server = TestServer::start().await;
    let relawan = token(&server, "relawan").await;
    let address = server
        .url("")
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let mut stalled = Vec::new();
    for i in 0..8 {
        // twice the turns (SYNC_AT_ONCE)
        let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
        let auth = if i % 2 == 0 {
            "Authorization: Bearer not-a-token\r\n"
        } else {
            ""
        };
        let head = format!(
            "POST /api/sync/push HTTP/1.1\r\nHost: {address}\r\n{auth}Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{{"
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        stalled.push(stream); // kept open, the body never finished
    }
    let household = upsert(1, "r1", RT1, 0, household_answers(1, 3));
    // A hang guard, not a speed limit: a held turn would wait forever.
    let pushed = tokio::time::timeout(
        std::time::Duration::from_secs(30),
        push(&server, &relawan, "phone-a", vec![household]),
    )
    .await
    .expect("the device's push got a turn");
    assert_eq!(pushed.last_seq, 1);
    drop(stalled);
}
