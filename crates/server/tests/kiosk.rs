//! Kiosk submissions over real HTTP: sealed to the server's key, stored
//! once under their receipt, refused with a friendly reason when empty or
//! absurd, throttled per kiosk; receipt look-up and the public board show
//! nothing personal.

mod support;

use reqwest::{Client, StatusCode};
use rukun_core::fixtures::household_answers;
use rukun_core::kiosk::{KioskKey, KioskPayload, SealedSubmission};
use rukun_server::kiosk::{seal, MAX_PER_WINDOW};
use serde_json::{json, Value as Json};
use support::{household_upsert, push_mutations, TestServer};

async fn server_key(server: &TestServer) -> KioskKey {
    reqwest::get(server.url("/api/kiosk/key"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

fn flood(description: &str) -> KioskPayload {
    KioskPayload::Report {
        category: "8".into(),
        rw: 1,
        rt: 2,
        description: description.into(),
        contact: Some("0812-3456-7890".into()),
        point: None,
        photo: None,
    }
}

fn sealed(key: &KioskKey, receipt: &str, payload: &KioskPayload) -> SealedSubmission {
    seal(key, receipt, &serde_json::to_vec(payload).unwrap())
}

async fn submit(
    server: &TestServer,
    token: &str,
    body: &impl serde::Serialize,
) -> (StatusCode, Json, Option<String>) {
    let response = Client::new()
        .post(server.url("/api/kiosk/submissions"))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let retry = response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_owned());
    (status, response.json().await.unwrap(), retry)
}

async fn public_get(server: &TestServer, path: &str) -> (StatusCode, String) {
    let response = reqwest::get(server.url(path)).await.unwrap();
    (response.status(), response.text().await.unwrap())
}

#[tokio::test]
async fn a_sealed_report_gets_a_receipt_that_shows_its_state_only() {
    let server = TestServer::start().await;
    let kiosk = support::login_token(&server, "kiosk", "rukun-demo").await;
    let key = server_key(&server).await;
    assert_eq!(key.alg, "ECDH-P256+HKDF-SHA256+A256GCM");
    let report = flood("Air setinggi lutut di depan musala setiap hujan deras");
    let submission = sealed(&key, "7K3QX9M2PA", &report);

    let (status, body, _) = submit(&server, &kiosk, &submission).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(
        (body["state"].as_str(), body["kind"].as_str()),
        (Some("received"), Some("report"))
    );
    // The tablet's retry after a lost answer: the same receipt again.
    let (status, again, _) = submit(&server, &kiosk, &submission).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["received_ms"], body["received_ms"]);
    // Another submission under a taken receipt is refused.
    let other = sealed(
        &key,
        "7K3QX9M2PA",
        &flood("Lampu jalan mati sejak minggu lalu"),
    );
    assert_eq!(
        submit(&server, &kiosk, &other).await.0,
        StatusCode::CONFLICT
    );

    // Anyone with the code sees the state, nothing else.
    for code in ["7K3QX9M2PA", "7k3qx-9m2pa"] {
        let (status, text) = public_get(&server, &format!("/api/receipts/{code}")).await;
        assert_eq!(status, StatusCode::OK, "{code}");
        assert!(text.contains("\"received\""));
        for secret in ["musala", "0812"] {
            assert!(!text.contains(secret), "the receipt look-up shows {secret}");
        }
    }
    for code in ["7K3QX9M2PB", "nope", "7K3QX9M2PAXX"] {
        assert_eq!(
            public_get(&server, &format!("/api/receipts/{code}"))
                .await
                .0,
            StatusCode::NOT_FOUND
        );
    }

    // The coordinator's audit log has it; the office board counts nothing personal.
    let koordinator = support::login_token(&server, "koordinator", "rukun-demo").await;
    let log: Json = Client::new()
        .get(server.url("/api/audit"))
        .bearer_auth(&koordinator)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(log
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "kiosk_submission" && e["detail"] == "report 7K3QX9M2PA"));
}

#[tokio::test]
async fn empty_absurd_or_tampered_submissions_are_refused_with_a_reason() {
    let server = TestServer::start().await;
    let kiosk = support::login_token(&server, "kiosk", "rukun-demo").await;
    let relawan = support::login_token(&server, "relawan", "rukun-demo").await;
    let key = server_key(&server).await;
    let update = |nik: &str| KioskPayload::HouseholdUpdate {
        rw: 1,
        rt: 1,
        nik: nik.into(),
        change: "Nama kepala keluarga salah eja".into(),
        reason: "Sesuai KK baru".into(),
        contact: None,
    };
    let far_rt = KioskPayload::Report {
        category: "8".into(),
        rw: 99,
        rt: 9,
        description: "Genangan di gang".into(),
        contact: None,
        point: None,
        photo: None,
    };
    let unknown_category = KioskPayload::Report {
        category: "99".into(),
        rw: 1,
        rt: 1,
        description: "Genangan di gang".into(),
        contact: None,
        point: None,
        photo: None,
    };
    let cases: Vec<(&str, SealedSubmission, StatusCode, &str)> = vec![
        (
            "empty description",
            sealed(&key, "A0000000A1", &flood("  ")),
            StatusCode::BAD_REQUEST,
            "Ceritakan masalahnya",
        ),
        (
            "too long",
            sealed(&key, "A0000000A2", &flood(&"banjir ".repeat(300))),
            StatusCode::BAD_REQUEST,
            "terlalu panjang",
        ),
        (
            "unknown category",
            sealed(&key, "A0000000A3", &unknown_category),
            StatusCode::BAD_REQUEST,
            "jenis masalah",
        ),
        (
            "no such RT",
            sealed(&key, "A0000000A4", &far_rt),
            StatusCode::BAD_REQUEST,
            "tidak ada di kelurahan",
        ),
        (
            "bad NIK",
            sealed(&key, "A0000000A5", &update("1234")),
            StatusCode::BAD_REQUEST,
            "NIK harus 16 angka",
        ),
        (
            "bad receipt",
            sealed(&key, "short", &flood("Genangan di gang")),
            StatusCode::BAD_REQUEST,
            "tanda terima",
        ),
        (
            "moved to another receipt",
            SealedSubmission {
                receipt: "A0000000A7".into(),
                ..sealed(&key, "A0000000A6", &flood("Genangan di gang"))
            },
            StatusCode::BAD_REQUEST,
            "tidak bisa dibuka",
        ),
        (
            "another key",
            SealedSubmission {
                key_id: "0000000000000000".into(),
                ..sealed(&key, "A0000000A8", &flood("Genangan di gang"))
            },
            StatusCode::CONFLICT,
            "Kunci server",
        ),
        (
            "garbled",
            SealedSubmission {
                epk: "AAAA".into(),
                ..sealed(&key, "A0000000A9", &flood("Genangan di gang"))
            },
            StatusCode::BAD_REQUEST,
            "rusak",
        ),
    ];
    for (what, body, status, reason) in cases {
        let (got, reply, _) = submit(&server, &kiosk, &body).await;
        assert_eq!(got, status, "{what}: {reply}");
        assert!(
            reply["message"].as_str().unwrap().contains(reason),
            "{what}: {reply}"
        );
    }
    // A payload the server cannot read: the reason quotes none of it (the
    // kiosk shows reasons on its screen).
    let nik_as_number = json!({ "kind": "household_update", "rw": 1, "rt": 1,
        "nik": 3576021505900001u64, "change": "Nama salah", "reason": "KK baru" });
    let unreadable = seal(
        &key,
        "A0000000C1",
        &serde_json::to_vec(&nik_as_number).unwrap(),
    );
    let (status, reply, _) = submit(&server, &kiosk, &unreadable).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{reply}");
    assert!(!reply.to_string().contains("3576021505900001"), "{reply}");
    let (status, reply, _) = submit(&server, &kiosk, &json!({ "receipt": 5 })).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{reply}");
    // A valid household update passes; only kiosk accounts submit.
    let valid = sealed(&key, "A0000000B0", &update("3576021505900001"));
    assert_eq!(submit(&server, &kiosk, &valid).await.0, StatusCode::CREATED);
    let (status, _, _) = submit(
        &server,
        &relawan,
        &sealed(&key, "A0000000B1", &flood("Genangan di gang")),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let response = Client::new()
        .post(server.url("/api/kiosk/submissions"))
        .json(&valid)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_kiosk_sending_hundreds_a_minute_is_throttled() {
    let server = TestServer::start().await;
    let kiosk = support::login_token(&server, "kiosk", "rukun-demo").await;
    let key = server_key(&server).await;
    let mut accepted = 0;
    let mut throttled = None;
    for i in 0..(MAX_PER_WINDOW + 5) {
        let receipt = format!("T{i:09}");
        let (status, body, retry) = submit(
            &server,
            &kiosk,
            &sealed(&key, &receipt, &flood("Genangan di gang")),
        )
        .await;
        match status {
            StatusCode::CREATED => accepted += 1,
            StatusCode::TOO_MANY_REQUESTS => {
                assert!(body["message"]
                    .as_str()
                    .unwrap()
                    .contains("Terlalu banyak kiriman"));
                throttled = retry;
                break;
            }
            other => panic!("{other}: {body}"),
        }
    }
    assert_eq!(accepted, MAX_PER_WINDOW);
    let seconds: u64 = throttled.expect("a 429 with Retry-After").parse().unwrap();
    assert!((1..=60).contains(&seconds));
}

#[tokio::test]
async fn the_office_board_is_public_and_aggregate() {
    let server = TestServer::start().await;
    let relawan = support::login_token(&server, "relawan", "rukun-demo").await;
    let answers = household_answers(3, 2);
    push_mutations(
        &server,
        &relawan,
        "phone",
        vec![household_upsert(1, "h1", "35.76.02.1010/01/01", 0, answers)],
    )
    .await;
    let (status, text) = public_get(&server, "/api/board?kelurahan=35.76.02.1010").await;
    assert_eq!(status, StatusCode::OK);
    let board: Json = serde_json::from_str(&text).unwrap();
    assert_eq!(board["name"], "Wates");
    assert_eq!(board["total"]["households"], 1);
    assert_eq!(board["total"]["target"], 150, "the demo targets of RW 01");
    assert_eq!(board["rws"][0]["households"], 1);
    for private in [
        "relawan",
        "Kepala Keluarga 3",
        "Anggota 3-0",
        "rts",
        "volunteers",
    ] {
        assert!(!text.contains(private), "the board shows {private}");
    }
    assert_eq!(
        public_get(&server, "/api/board?kelurahan=35.76.02.1099")
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        public_get(&server, "/api/board?kelurahan=x").await.0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        public_get(&server, "/api/board").await.0,
        StatusCode::BAD_REQUEST
    );
}
