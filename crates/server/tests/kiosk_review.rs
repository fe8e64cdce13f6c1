//! Kiosk submissions in the coordinator's console, over real HTTP: listed
//! and opened for the kelurahan's coordinator only, the NIK masked; an
//! accepted report becomes an infrastructure record returned to the RT's
//! volunteer, an accepted household request returns that household; a
//! decline needs a reason; the receipt and the board follow.

mod support;

use reqwest::{Client, StatusCode};
use rukun_core::fixtures::household_answers;
use rukun_core::form::{GpsPoint, Value};
use rukun_core::kiosk::{KioskPayload, KioskPhoto};
use serde_json::{json, Value as Json};
use support::{
    decide_kiosk as decide, get_text as get, household_upsert, pulled, push_mutations,
    submit_kiosk as submit, TestServer,
};

const WATES_RT1: &str = "35.76.02.1010/01/01";

#[tokio::test]
async fn an_accepted_report_becomes_a_record_for_the_rts_volunteer() {
    let server = TestServer::start().await;
    let kiosk = support::login_token(&server, "kiosk", "rukun-demo").await;
    let coordinator = support::login_token(&server, "koordinator", "rukun-demo").await;
    let relawan = support::login_token(&server, "relawan", "rukun-demo").await;
    let photo = b"\xff\xd8\xff\xe0 a small jpeg".to_vec();
    let report = KioskPayload::Report {
        category: "8".into(),
        rw: 1,
        rt: 1,
        description: "Banjir setinggi lutut di Gang Melati".into(),
        contact: Some("0812-3456-7890".into()),
        point: Some(GpsPoint {
            lat: -7.4706,
            lon: 112.4401,
            accuracy: 30.0,
        }),
        photo: Some(KioskPhoto {
            content_type: "image/jpeg".into(),
            data: base64_encode(&photo),
        }),
    };
    submit(&server, &kiosk, "7K3QX9M2PA", &report).await;

    let (status, list) = get(&server, &coordinator, "/api/review/kiosk?state=received").await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let list: Json = serde_json::from_str(&list).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(
        (list[0]["receipt"].as_str(), list[0]["category"].as_str()),
        (Some("7K3QX9M2PA"), Some("8"))
    );
    let (_, detail) = get(&server, &coordinator, "/api/review/kiosk/7k3qx-9m2pa").await;
    let detail: Json = serde_json::from_str(&detail).unwrap();
    assert_eq!(detail["text"], "Banjir setinggi lutut di Gang Melati");
    assert_eq!(detail["contact"], "0812-3456-7890");
    assert_eq!(detail["has_photo"], true);
    let photo_back = Client::new()
        .get(server.url("/api/review/kiosk/7K3QX9M2PA/photo"))
        .bearer_auth(&coordinator)
        .send()
        .await
        .unwrap();
    assert_eq!(photo_back.status(), StatusCode::OK);
    assert_eq!(photo_back.bytes().await.unwrap().to_vec(), photo);

    // Nobody else reads it: not the volunteer, not the kiosk, not anonymous.
    for token in [&relawan, &kiosk] {
        for path in [
            "/api/review/kiosk",
            "/api/review/kiosk/7K3QX9M2PA",
            "/api/review/kiosk/7K3QX9M2PA/photo",
        ] {
            assert_eq!(
                get(&server, token, path).await.0,
                StatusCode::FORBIDDEN,
                "{path}"
            );
        }
    }
    assert_eq!(
        get(&server, "nope", "/api/review/kiosk").await.0,
        StatusCode::UNAUTHORIZED
    );
    let (status, body) = decide(&server, &relawan, "7K3QX9M2PA", json!({ "accept": true })).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");

    // Declining needs a reason; a malformed decision is a 4xx.
    let (status, body) = decide(
        &server,
        &coordinator,
        "7K3QX9M2PA",
        json!({ "accept": false }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["message"].as_str().unwrap().contains("alasan"));
    let (status, _) = decide(
        &server,
        &coordinator,
        "7K3QX9M2PA",
        json!({ "accept": "ya" }),
    )
    .await;
    assert!(status.is_client_error());
    let (status, _) = decide(
        &server,
        &coordinator,
        "0000000000",
        json!({ "accept": true }),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, body) = decide(
        &server,
        &coordinator,
        "7K3QX9M2PA",
        json!({ "accept": true, "note": "Cek saluran di ujung gang" }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["item"]["state"], "accepted");
    assert_eq!(body["record_id"], "kiosk-7k3qx9m2pa");
    assert_eq!(body["decided_by"], "koordinator");
    let (status, _) = decide(
        &server,
        &coordinator,
        "7K3QX9M2PA",
        json!({ "accept": true }),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "decided once");

    // The RT's volunteer pulls it as a task: returned, with what to do.
    let record = pulled(&server, &relawan, "kiosk-7k3qx9m2pa").await;
    assert_eq!(record.form_id, "infrastructure");
    assert_eq!(record.area, WATES_RT1);
    assert_eq!(record.review_state.as_str(), "returned");
    let comment = record.review.as_ref().unwrap().comment.clone();
    assert!(
        comment.contains("7K3QX-9M2PA") && comment.contains("Cek saluran"),
        "{comment}"
    );
    assert_eq!(
        record.answers.get("category"),
        Some(&Value::Choice("8".into()))
    );
    assert!(matches!(record.answers.get("gps"), Some(Value::Gps(p)) if p.lat == -7.4706));
    let Some(Value::Text(note)) = record.answers.get("note") else {
        panic!("no note");
    };
    assert!(note.contains("Gang Melati"));
    let Some(Value::Photos(photos)) = record.answers.get("photos") else {
        panic!("no photo");
    };
    let (status, _) = get(
        &server,
        &relawan,
        &format!("/api/attachments/{}", photos[0]),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "the photo reaches the volunteer");
    // In the console it is flagged incomplete until the volunteer completes it.
    let (_, detail) = get(
        &server,
        &coordinator,
        "/api/review/records/kiosk-7k3qx9m2pa",
    )
    .await;
    assert!(detail.contains("incomplete"), "{detail}");

    let (_, receipt) = get(&server, "", "/api/receipts/7K3QX9M2PA").await;
    assert!(receipt.contains("accepted"));
    let (_, board) = get(&server, "", "/api/board?kelurahan=35.76.02.1010").await;
    let board: Json = serde_json::from_str(&board).unwrap();
    assert_eq!(
        board["kiosk"],
        json!({ "received": 0, "accepted": 1, "declined": 0 })
    );
    let (_, audit) = get(&server, &coordinator, "/api/audit").await;
    assert!(audit.contains("kiosk:accepted"), "{audit}");
}

#[tokio::test]
async fn a_household_request_returns_that_household_or_is_declined() {
    let server = TestServer::start().await;
    let kiosk = support::login_token(&server, "kiosk", "rukun-demo").await;
    let coordinator = support::login_token(&server, "koordinator", "rukun-demo").await;
    let relawan = support::login_token(&server, "relawan", "rukun-demo").await;
    let admin = support::login_token(&server, "admin", "rukun-demo").await;
    let answers = household_answers(4, 2);
    let nik = answers
        .iter()
        .find_map(|(path, value)| match value {
            Value::Text(text) if path.ends_with("/nik") => Some(text.clone()),
            _ => None,
        })
        .unwrap();
    push_mutations(
        &server,
        &relawan,
        "phone",
        vec![household_upsert(1, "h1", WATES_RT1, 0, answers)],
    )
    .await;
    let request = |nik: &str| KioskPayload::HouseholdUpdate {
        rw: 1,
        rt: 1,
        nik: nik.into(),
        change: "Nama ibu salah eja, seharusnya Siti Aminah".into(),
        reason: "Sesuai KK baru".into(),
        contact: None,
    };
    submit(&server, &kiosk, "AAAAABBBBB", &request(&nik)).await;
    submit(&server, &kiosk, "CCCCCDDDDD", &request("3576024107990009")).await;

    let (_, detail) = get(&server, &coordinator, "/api/review/kiosk/AAAAABBBBB").await;
    assert!(!detail.contains(&nik), "the NIK is masked");
    let detail: Json = serde_json::from_str(&detail).unwrap();
    assert_eq!(detail["nik_masked"], format!("{}**********", &nik[..6]));
    assert_eq!(detail["households"], json!(["h1"]));
    assert_eq!(detail["reason"], "Sesuai KK baru");

    // Another kelurahan's coordinator sees none of it.
    let kranggan = support::kranggan_coordinator(&server, &admin).await;
    assert_eq!(
        get(&server, &kranggan, "/api/review/kiosk/AAAAABBBBB")
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let (_, theirs) = get(&server, &kranggan, "/api/review/kiosk").await;
    assert_eq!(theirs, "[]");
    assert_eq!(
        get(&server, &admin, "/api/review/kiosk").await.0,
        StatusCode::BAD_REQUEST
    );
    let (status, all) = get(&server, &admin, "/api/review/kiosk?kelurahan=35.76.02.1010").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        serde_json::from_str::<Json>(&all)
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        get(
            &server,
            &admin,
            "/api/review/kiosk?kelurahan=35.76.02.1010&state=maybe"
        )
        .await
        .0,
        StatusCode::BAD_REQUEST
    );

    let (status, body) = decide(
        &server,
        &coordinator,
        "AAAAABBBBB",
        json!({ "accept": true }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["record_id"], "h1");
    let household = pulled(&server, &relawan, "h1").await;
    assert_eq!(household.review_state.as_str(), "returned");
    assert!(household.review.unwrap().comment.contains("Siti Aminah"));

    // No household with that NIK: accepting cannot make a task of it.
    let (status, body) = decide(
        &server,
        &coordinator,
        "CCCCCDDDDD",
        json!({ "accept": true }),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let (status, body) = decide(
        &server,
        &coordinator,
        "CCCCCDDDDD",
        json!({ "accept": false, "note": "Belum terdata; relawan akan berkunjung" }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, receipt) = get(&server, "", "/api/receipts/CCCCCDDDDD").await;
    assert!(
        receipt.contains("declined") && !receipt.contains("relawan"),
        "{receipt}"
    );
}

fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
