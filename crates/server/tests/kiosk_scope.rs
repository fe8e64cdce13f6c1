//! The kiosk's token against every route of the API (taken from the
//! OpenAPI description, which `openapi.rs` keeps complete): apart from the
//! public routes, its own account, logging out, sealed submissions and
//! reading the published form definitions and privacy notices, everything is refused, and no
//! answer carries a household's personal data.

mod support;

use reqwest::{Client, Method, StatusCode};
use rukun_core::fixtures::household_answers;
use rukun_core::form::Value;
use sha2::{Digest, Sha256};
use support::{household_upsert, push_mutations, TestServer};

const RT1: &str = "35.76.02.1010/01/01";

/// What a kiosk may call: public routes, its own account and session,
/// sending sealed submissions, and reading the published form definitions
/// (its report offers the newest infrastructure version's categories; a
/// definition holds no one's data). Everything else (sync pushes, photo
/// uploads and publishing a form included) must refuse it; `{username}` is
/// the volunteer's, and ending another account's session is checked on
/// its own below.
const KIOSK_MAY: [(&str, &str); 15] = [
    ("get", "/api/health"),
    ("get", "/api/openapi.json"),
    ("get", "/api/regions"),
    ("get", "/api/kiosk/key"),
    ("post", "/api/kiosk/submissions"),
    ("get", "/api/receipts/{code}"),
    ("get", "/api/board"),
    ("post", "/api/auth/login"),
    ("post", "/api/auth/logout"),
    ("get", "/api/auth/me"),
    ("post", "/api/auth/password"),
    ("delete", "/api/sessions/{id}"),
    ("get", "/api/forms"),
    ("get", "/api/forms/{id}/versions/{n}"),
    ("get", "/api/notices"),
];

#[tokio::test]
async fn a_kiosk_token_reads_nothing_beyond_its_own_account() {
    let server = TestServer::start().await;
    let relawan = support::login_token(&server, "relawan", "rukun-demo").await;
    let kiosk = support::login_token(&server, "kiosk", "rukun-demo").await;
    let answers = household_answers(1, 2);
    let secrets: Vec<String> = ["head_name", "no_kk", "members/m0/nik", "members/m0/name"]
        .iter()
        .map(|path| match &answers[*path] {
            Value::Text(text) => text.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    push_mutations(
        &server,
        &relawan,
        "phone",
        vec![household_upsert(1, "h1", RT1, 0, answers)],
    )
    .await;
    let photo = b"\xff\xd8\xff\xe0 a photo of the house".to_vec();
    let hash: String = Sha256::digest(&photo)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let stored = Client::new()
        .put(server.url(&format!("/api/attachments/{hash}?record=h1")))
        .bearer_auth(&relawan)
        .header("content-type", "image/jpeg")
        .body(photo)
        .send()
        .await
        .unwrap();
    assert_eq!(stored.status(), StatusCode::CREATED);

    let doc: serde_json::Value = reqwest::get(server.url("/api/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let (mut checked, mut allowed) = (0, 0);
    for (path, operations) in doc["paths"].as_object().unwrap() {
        for method in operations.as_object().unwrap().keys() {
            if KIOSK_MAY.contains(&(method.as_str(), path.as_str())) {
                allowed += 1;
                continue;
            }
            let url = path
                .replace("{id}", "h1")
                .replace("{sha256}", &hash)
                .replace("{file}", "households.csv")
                .replace("{username}", "relawan");
            let query = "?protocol=1&cursor=0&kelurahan=35.76.02.1010";
            let response = Client::new()
                .request(
                    Method::from_bytes(method.to_uppercase().as_bytes()).unwrap(),
                    server.url(&format!("{url}{query}")),
                )
                .bearer_auth(&kiosk)
                .json(&serde_json::json!({
                    "action": "approve", "version": 1, "changes": {}, "reason": "x",
                    "area": RT1, "households": 1,
                    "username": "x", "password": "xxxxxxxxxx", "role": "volunteer", "rts": []
                }))
                .send()
                .await
                .unwrap();
            let status = response.status();
            let body = response.text().await.unwrap();
            assert_eq!(status, StatusCode::FORBIDDEN, "{method} {path}: {body}");
            for secret in &secrets {
                assert!(
                    !body.contains(secret.as_str()),
                    "{method} {path} leaks {secret}"
                );
            }
            checked += 1;
        }
    }
    assert_eq!(allowed, KIOSK_MAY.len(), "every allowed route exists");
    assert!(checked >= 13, "only {checked} routes checked");
    // Its own account is all /auth/me shows.
    let me: serde_json::Value = Client::new()
        .get(server.url("/api/auth/me"))
        .bearer_auth(&kiosk)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["username"], "kiosk");
    // It ends its own sessions only.
    let sessions: Vec<serde_json::Value> = Client::new()
        .get(server.url("/api/accounts/relawan/sessions"))
        .bearer_auth(&relawan)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let end = Client::new()
        .delete(server.url(&format!("/api/sessions/{}", sessions[0]["id"])))
        .bearer_auth(&kiosk)
        .send()
        .await
        .unwrap();
    assert_eq!(end.status(), StatusCode::FORBIDDEN);
}
