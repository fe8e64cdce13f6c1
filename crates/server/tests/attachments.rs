//! Photos over real HTTP: content-addressed, idempotent, checked against
//! their hash, limited in size, scoped like their record.

mod support;

use reqwest::{Client, StatusCode};
use rukun_core::account::Session;
use rukun_core::fixtures::household_answers;
use rukun_core::sync::{Mutation, Op, PushRequest, PROTOCOL_VERSION};
use serde_json::json;
use sha2::{Digest, Sha256};
use support::TestServer;

async fn token(server: &TestServer, username: &str) -> String {
    let response = Client::new()
        .post(server.url("/api/auth/login"))
        .json(&json!({ "username": username, "password": "rukun-demo" }))
        .send()
        .await
        .unwrap();
    response.json::<Session>().await.unwrap().token
}

async fn record(server: &TestServer, token: &str, id: &str, area: &str) {
    let mutation = Mutation {
        seq: 1,
        record_id: id.into(),
        form_id: "household".into(),
        form_version: 1,
        area: area.into(),
        base_version: 0,
        op: Op::Upsert,
        changes: household_answers(1, 1)
            .into_iter()
            .map(|(k, v)| (k, Some(v)))
            .collect(),
    };
    let request = PushRequest {
        protocol: PROTOCOL_VERSION,
        client_id: format!("c-{id}"),
        mutations: vec![mutation],
    };
    let response = Client::new()
        .post(server.url("/api/sync/push"))
        .bearer_auth(token)
        .json(&request)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

async fn upload(
    server: &TestServer,
    token: &str,
    hash: &str,
    record: &str,
    bytes: Vec<u8>,
) -> StatusCode {
    Client::new()
        .put(server.url(&format!("/api/attachments/{hash}?record={record}")))
        .bearer_auth(token)
        .header("content-type", "image/jpeg")
        .body(bytes)
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn a_photo_is_stored_once_and_read_back_within_scope() {
    let server = TestServer::start().await;
    let relawan = token(&server, "relawan").await;
    let koordinator = token(&server, "koordinator").await;
    record(&server, &relawan, "r1", "35.76.02.1010/01/01").await;
    let photo = b"\xff\xd8\xff\xe0 not much of a jpeg, but bytes".to_vec();
    let hash = sha(&photo);
    assert_eq!(
        upload(&server, &relawan, &hash, "r1", photo.clone()).await,
        StatusCode::CREATED
    );
    assert_eq!(
        upload(&server, &relawan, &hash, "r1", photo.clone()).await,
        StatusCode::OK,
        "idempotent"
    );
    let back = Client::new()
        .get(server.url(&format!("/api/attachments/{hash}")))
        .bearer_auth(&koordinator)
        .send()
        .await
        .unwrap();
    assert_eq!(back.status(), StatusCode::OK);
    assert_eq!(back.headers()["content-type"], "image/jpeg");
    assert_eq!(back.bytes().await.unwrap().to_vec(), photo);
    let kiosk = token(&server, "kiosk").await;
    let refused = Client::new()
        .get(server.url(&format!("/api/attachments/{hash}")))
        .bearer_auth(&kiosk)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn bad_uploads_are_refused_with_a_reason() {
    let server = TestServer::start().await;
    let relawan = token(&server, "relawan").await;
    let koordinator = token(&server, "koordinator").await;
    record(&server, &koordinator, "rt4", "35.76.02.1010/01/04").await;
    record(&server, &relawan, "r1", "35.76.02.1010/01/01").await;
    let photo = b"\xff\xd8\xff photo bytes".to_vec();
    let hash = sha(&photo);
    // Cut off in transit: the bytes no longer match the hash.
    assert_eq!(
        upload(&server, &relawan, &hash, "r1", b"photo by".to_vec()).await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        upload(&server, &relawan, "not-a-hash", "r1", photo.clone()).await,
        StatusCode::BAD_REQUEST
    );
    // The record has not arrived yet: try again later.
    assert_eq!(
        upload(&server, &relawan, &hash, "unknown", photo.clone()).await,
        StatusCode::CONFLICT
    );
    // Another RT's record.
    assert_eq!(
        upload(&server, &relawan, &hash, "rt4", photo.clone()).await,
        StatusCode::FORBIDDEN
    );
    let huge = vec![7u8; 5 * 1024 * 1024];
    let response = Client::new()
        .put(server.url(&format!("/api/attachments/{}?record=r1", sha(&huge))))
        .bearer_auth(&relawan)
        .header("content-type", "image/jpeg")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let text = Client::new()
        .put(server.url(&format!("/api/attachments/{hash}?record=r1")))
        .bearer_auth(&relawan)
        .header("content-type", "text/plain")
        .body(photo)
        .send()
        .await
        .unwrap();
    assert_eq!(text.status(), StatusCode::BAD_REQUEST);
}
