//! Accounts and sessions over real HTTP: the demo accounts, wrong passwords,
//! slowed-down guessing, logout, expiry, and who may manage which accounts.

mod support;

use reqwest::{Client, StatusCode};
use rukun_core::account::{Account, Role, RtRef, Session};
use rukun_core::api::ErrorBody;
use serde_json::json;
use support::TestServer;

async fn login(server: &TestServer, username: &str, password: &str) -> reqwest::Response {
    Client::new()
        .post(server.url("/api/auth/login"))
        .json(&json!({ "username": username, "password": password }))
        .send()
        .await
        .unwrap()
}

async fn session(server: &TestServer, username: &str) -> Session {
    let response = login(server, username, "rukun-demo").await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn me(server: &TestServer, token: &str) -> reqwest::Response {
    Client::new()
        .get(server.url("/api/auth/me"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn demo_accounts_log_in_with_their_roles_and_areas() {
    let server = TestServer::start().await;
    let relawan = session(&server, "relawan").await;
    assert_eq!(relawan.account.role, Role::Volunteer);
    assert_eq!(
        relawan.account.kelurahan.as_ref().unwrap().to_string(),
        "35.76.02.1010"
    );
    assert_eq!(
        relawan.account.rts,
        (1..=3).map(|rt| RtRef { rw: 1, rt }).collect::<Vec<_>>()
    );
    assert!(relawan.token.len() >= 43);
    let shown: Account = me(&server, &relawan.token).await.json().await.unwrap();
    assert_eq!(shown, relawan.account);
    assert_eq!(session(&server, "admin").await.account.kelurahan, None);
    assert_eq!(
        session(&server, "koordinator").await.account.role,
        Role::Coordinator
    );
    assert_eq!(session(&server, "KIOSK").await.account.role, Role::Kiosk);
}

#[tokio::test]
async fn each_account_has_one_device_key_for_all_its_logins() {
    let server = TestServer::start().await;
    let first = session(&server, "relawan").await;
    let again = session(&server, "relawan").await;
    assert_eq!(first.device_key.len(), 64);
    assert!(first.device_key.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(first.device_key, again.device_key);
    assert_ne!(first.token, again.token);
    assert_ne!(
        first.device_key,
        session(&server, "koordinator").await.device_key
    );
}

#[tokio::test]
async fn wrong_passwords_and_unknown_names_get_the_same_401() {
    let server = TestServer::start().await;
    let wrong = login(&server, "relawan", "salah-sandi").await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let unknown = login(&server, "tidak-ada", "salah-sandi").await;
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    let (a, b): (ErrorBody, ErrorBody) =
        (wrong.json().await.unwrap(), unknown.json().await.unwrap());
    assert_eq!(a, b);
    assert!(a
        .message
        .starts_with("Nama pengguna atau kata sandi salah."));
}

#[tokio::test]
async fn repeated_failures_are_slowed_down_per_username() {
    let server = TestServer::start().await;
    for _ in 0..5 {
        assert_eq!(
            login(&server, "relawan", "tebak").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let refused = login(&server, "relawan", "rukun-demo").await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(refused.headers()["retry-after"], "30");
    let body: ErrorBody = refused.json().await.unwrap();
    assert!(
        body.message.contains("coba lagi dalam 30 detik"),
        "{}",
        body.message
    );
    // Another account is not held back.
    assert_eq!(
        login(&server, "koordinator", "rukun-demo").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn logout_revokes_the_token_and_sessions_expire() {
    let server = TestServer::start().await;
    let first = session(&server, "relawan").await;
    let second = session(&server, "relawan").await;
    let logout = Client::new()
        .post(server.url("/api/auth/logout"))
        .bearer_auth(&first.token)
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        me(&server, &first.token).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        me(&server, &second.token).await.status(),
        StatusCode::OK,
        "only that session ends"
    );
    assert_eq!(
        me(&server, "made-up").await.status(),
        StatusCode::UNAUTHORIZED
    );
    let none = Client::new()
        .get(server.url("/api/auth/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(none.status(), StatusCode::UNAUTHORIZED);

    let short = TestServer::start_configured(|c| c.session_hours = 1.0 / 3600.0).await;
    let brief = session(&short, "relawan").await;
    assert_eq!(me(&short, &brief.token).await.status(), StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let expired = me(&short, &brief.token).await;
    assert_eq!(expired.status(), StatusCode::UNAUTHORIZED);
    let body: ErrorBody = expired.json().await.unwrap();
    assert!(body.message.starts_with("Sesi berakhir"));
}

async fn create(server: &TestServer, token: &str, body: serde_json::Value) -> reqwest::Response {
    Client::new()
        .post(server.url("/api/accounts"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_coordinator_manages_only_volunteers_and_kiosks_of_their_kelurahan() {
    let server = TestServer::start().await;
    let koordinator = session(&server, "koordinator").await.token;
    let volunteer = json!({ "username": "siti", "password": "kata-sandi-siti", "role": "volunteer",
                            "kelurahan": "35.76.02.1010", "rts": [{ "rw": 2, "rt": 1 }] });
    assert_eq!(
        create(&server, &koordinator, volunteer.clone())
            .await
            .status(),
        StatusCode::CREATED
    );
    let siti = session_with(&server, "siti", "kata-sandi-siti").await;
    assert_eq!(siti.account.rts, [RtRef { rw: 2, rt: 1 }]);
    assert_eq!(
        create(&server, &koordinator, volunteer).await.status(),
        StatusCode::CONFLICT
    );

    let elsewhere = json!({ "username": "budi", "password": "kata-sandi-budi", "role": "volunteer",
                            "kelurahan": "35.76.03.1001", "rts": [{ "rw": 1, "rt": 1 }] });
    assert_eq!(
        create(&server, &koordinator, elsewhere.clone())
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let admin = json!({ "username": "bos", "password": "kata-sandi-bos", "role": "admin" });
    assert_eq!(
        create(&server, &koordinator, admin.clone()).await.status(),
        StatusCode::FORBIDDEN
    );

    let listed: Vec<Account> = Client::new()
        .get(server.url("/api/accounts"))
        .bearer_auth(&koordinator)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let names: Vec<&str> = listed.iter().map(|a| a.username.as_str()).collect();
    assert_eq!(names, ["kiosk", "koordinator", "relawan", "siti"]);

    let administrator = session(&server, "admin").await.token;
    assert_eq!(
        create(&server, &administrator, elsewhere).await.status(),
        StatusCode::CREATED
    );
    assert_eq!(
        create(&server, &administrator, admin).await.status(),
        StatusCode::CREATED
    );
    let all: Vec<Account> = Client::new()
        .get(server.url("/api/accounts"))
        .bearer_auth(&administrator)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(all.len(), 7, "the four demo accounts, siti, budi and bos");

    let relawan = session(&server, "relawan").await.token;
    let refused = Client::new()
        .get(server.url("/api/accounts"))
        .bearer_auth(&relawan)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn malformed_account_requests_get_a_400_with_the_reason() {
    let server = TestServer::start().await;
    let admin = session(&server, "admin").await.token;
    for (body, reason) in [
        (
            json!({ "username": "x", "password": "kata-sandi-x", "role": "admin" }),
            "Nama pengguna 3-40",
        ),
        (
            json!({ "username": "pendek", "password": "1234", "role": "admin" }),
            "Kata sandi 8-128",
        ),
        (
            json!({ "username": "tanpa-rt", "password": "kata-sandi", "role": "volunteer", "kelurahan": "35.76.02.1010" }),
            "paling sedikit satu RT",
        ),
        (
            json!({ "username": "rt-99", "password": "kata-sandi", "role": "volunteer", "kelurahan": "35.76.02.1010", "rts": [{ "rw": 1, "rt": 99 }] }),
            "tidak ada di Wates",
        ),
        (
            json!({ "username": "peran", "password": "kata-sandi", "role": "raja" }),
            "unknown variant",
        ),
        (json!({ "username": 5 }), "invalid type"),
    ] {
        let response = create(&server, &admin, body).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let error: ErrorBody = response.json().await.unwrap();
        assert!(
            error.message.contains(reason),
            "{} should say {reason}",
            error.message
        );
    }
    let not_json = Client::new()
        .post(server.url("/api/auth/login"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_first_administrator_comes_from_the_command_line() {
    let server = TestServer::start().await;
    let dir = server.stop().await;
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_rukun-server"))
        .args(["--data-dir"])
        .arg(dir.path().join("data"))
        .args(["create-admin", "kepala-dinas"])
        .env("RUKUN_ADMIN_PASSWORD", "sandi-yang-panjang")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let server = TestServer::start_in(dir).await;
    let admin = session_with(&server, "kepala-dinas", "sandi-yang-panjang").await;
    assert_eq!(admin.account.role, Role::Admin);
}

async fn session_with(server: &TestServer, username: &str, password: &str) -> Session {
    let response = login(server, username, password).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}
