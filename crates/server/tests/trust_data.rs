//! Attacks on the data an ordinary account sends, over real HTTP (issue
//! 13): formulas into the coordinator's spreadsheet, answers the form does
//! not have, photo ids that are paths, uploads that lie about their type,
//! and deletions that leave the person behind. Each test is named after
//! the attack it stops.

mod support;

use std::collections::BTreeMap;

use calamine::{Data, Reader, Xlsx};
use reqwest::{Client, StatusCode};
use rukun_core::fixtures::{flood_report_answers, household_answers};
use rukun_core::form::{Answers, Value};
use rukun_core::sync::{Mutation, Op, Outcome};
use serde_json::json;
use sqlx::sqlite::SqlitePool;
use support::{
    get_text, household_upsert, login_token, push_mutations, put_photo, sha256_hex as sha,
    TestServer,
};

const RT1: &str = "35.76.02.1010/01/01";
const FORMULA: &str = "=HYPERLINK(\"http://contoh.invalid/\",\"klik\")";

fn one(path: &str, value: Value) -> Answers {
    Answers::from([(path.to_owned(), value)])
}

fn with(mut answers: Answers, path: &str, value: Value) -> Answers {
    answers.insert(path.into(), value);
    answers
}

fn report(seq: u64, id: &str, answers: Answers) -> Mutation {
    Mutation {
        form_id: "infrastructure".into(),
        ..household_upsert(seq, id, RT1, 0, answers)
    }
}

fn rejected_reason(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Rejected { reason } => format!("{} / {}", reason.id, reason.en),
        other => panic!("not rejected: {other:?}"),
    }
}

async fn database(server: &TestServer) -> SqlitePool {
    let path = server.dir.path().join("data/rukun.db");
    SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap()
}

/// The record a stored photo belongs to, if the server keeps it.
async fn photo_holder(db: &SqlitePool, bytes: &[u8]) -> Option<String> {
    sqlx::query_scalar("SELECT record_id FROM attachments WHERE sha256 = ?")
        .bind(sha(bytes))
        .fetch_optional(db)
        .await
        .unwrap()
}

async fn count(db: &SqlitePool, sql: &str, id: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(db)
        .await
        .unwrap()
}

#[tokio::test]
async fn formulas_pushed_as_answers_reach_spreadsheets_as_text() {
    let server = TestServer::start().await;
    let relawan = login_token(&server, "relawan", "rukun-demo").await;
    let koordinator = login_token(&server, "koordinator", "rukun-demo").await;
    let household = with(
        with(
            household_answers(1, 1),
            "address",
            Value::Text(FORMULA.into()),
        ),
        "note",
        Value::Text("+1+2".into()),
    );
    let flood = with(
        flood_report_answers(1),
        "note",
        Value::Text("@SUM(A1:A9)".into()),
    );
    let outcomes = push_mutations(
        &server,
        &relawan,
        "phone",
        vec![
            household_upsert(1, "h1", RT1, 0, household),
            report(2, "f1", flood),
        ],
    )
    .await;
    assert!(outcomes
        .iter()
        .all(|o| matches!(o, Outcome::Applied { .. })));

    for (file, dangerous) in [
        ("households.csv", vec![FORMULA, "+1+2"]),
        ("infrastructure.csv", vec!["@SUM(A1:A9)"]),
    ] {
        let (status, csv) = get_text(&server, &koordinator, &format!("/api/exports/{file}")).await;
        assert_eq!(status, StatusCode::OK);
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let cells: Vec<String> = reader
            .records()
            .flat_map(|r| r.unwrap().iter().map(String::from).collect::<Vec<_>>())
            .collect();
        for text in dangerous {
            assert!(
                cells.contains(&format!("'{text}")),
                "{file}: {text} is not neutralised"
            );
        }
        for cell in &cells {
            let starts_formula = cell.starts_with(['=', '+', '@', '\t', '\r'])
                || (cell.starts_with('-') && cell.parse::<f64>().is_err());
            assert!(!starts_formula, "{file}: a live formula {cell:?}");
        }
    }

    let response = Client::new()
        .get(server.url("/api/exports/survey.xlsx"))
        .bearer_auth(&koordinator)
        .send()
        .await
        .unwrap();
    let bytes = response.bytes().await.unwrap().to_vec();
    let mut workbook: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let formulas = workbook.worksheet_formula("Rumah tangga").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "the XLSX holds a formula"
    );
    let values = workbook.worksheet_range("Rumah tangga").unwrap();
    assert!(values
        .used_cells()
        .any(|(_, _, cell)| *cell == Data::String(FORMULA.into())));
}

#[tokio::test]
async fn answers_the_form_does_not_have_are_rejected_and_the_batch_goes_on() {
    let server = TestServer::start().await;
    let relawan = login_token(&server, "relawan", "rukun-demo").await;
    let complete = household_answers(1, 2);
    let outcomes = push_mutations(
        &server,
        &relawan,
        "phone",
        vec![
            household_upsert(
                1,
                "unknown-path",
                RT1,
                0,
                with(complete.clone(), "zz_not_a_field", Value::Text("x".into())),
            ),
            household_upsert(
                2,
                "wrong-type",
                RT1,
                0,
                with(complete.clone(), "address", Value::Number(1.0)),
            ),
            household_upsert(
                3,
                "oversized",
                RT1,
                0,
                with(complete.clone(), "note", Value::Text("x".repeat(100_000))),
            ),
            household_upsert(
                4,
                "row-escape",
                RT1,
                0,
                with(complete.clone(), "members/../nik", Value::Text("1".into())),
            ),
            household_upsert(5, "good", RT1, 0, complete.clone()),
        ],
    )
    .await;
    assert!(rejected_reason(&outcomes[0]).contains("zz_not_a_field"));
    assert!(rejected_reason(&outcomes[1]).contains("wrong type"));
    assert!(rejected_reason(&outcomes[2]).contains("too long"));
    rejected_reason(&outcomes[3]);
    assert_eq!(outcomes[4], Outcome::Applied { version: 1 });

    // Nothing of a rejected mutation is stored.
    let (_, page) = get_text(&server, &relawan, "/api/sync/pull?protocol=1&cursor=0").await;
    assert!(!page.contains("zz_not_a_field") && !page.contains("wrong-type"));
    let db = database(&server).await;
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM records")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(stored, 1);
}

#[tokio::test]
async fn a_record_pushed_again_under_another_form_is_rejected() {
    let server = TestServer::start().await;
    let relawan = login_token(&server, "relawan", "rukun-demo").await;
    push_mutations(
        &server,
        &relawan,
        "phone",
        vec![household_upsert(1, "h1", RT1, 0, household_answers(1, 1))],
    )
    .await;
    let mut as_report = report(2, "h1", flood_report_answers(1));
    as_report.base_version = 1;
    let outcomes = push_mutations(&server, &relawan, "phone", vec![as_report]).await;
    assert!(rejected_reason(&outcomes[0]).contains("form cannot change"));
    let (_, page) = get_text(&server, &relawan, "/api/sync/pull?protocol=1&cursor=0").await;
    assert!(page.contains("\"form_id\":\"household\"") && !page.contains("flood_depth"));
}

#[tokio::test]
async fn a_photo_id_that_is_a_path_is_rejected() {
    let server = TestServer::start().await;
    let relawan = login_token(&server, "relawan", "rukun-demo").await;
    let traversal = Value::Photos(vec!["../exports/households.csv?identities=full".into()]);
    let upper = Value::Photos(vec!["AB".repeat(32)]);
    let outcomes = push_mutations(
        &server,
        &relawan,
        "phone",
        vec![
            report(1, "f1", with(flood_report_answers(1), "photos", traversal)),
            report(2, "f2", with(flood_report_answers(2), "photos", upper)),
            household_upsert(
                3,
                "h1",
                RT1,
                0,
                with(
                    household_answers(1, 1),
                    "house_photo",
                    Value::Photos(vec!["ab".repeat(32)]),
                ),
            ),
        ],
    )
    .await;
    assert!(rejected_reason(&outcomes[0]).contains("SHA-256"));
    assert!(rejected_reason(&outcomes[1]).contains("SHA-256"));
    assert_eq!(outcomes[2], Outcome::Applied { version: 1 });
}

#[tokio::test]
async fn an_upload_whose_bytes_are_not_an_image_is_refused_and_photos_are_served_as_what_they_are()
{
    let server = TestServer::start().await;
    let relawan = login_token(&server, "relawan", "rukun-demo").await;
    push_mutations(
        &server,
        &relawan,
        "phone",
        vec![household_upsert(1, "h1", RT1, 0, household_answers(1, 1))],
    )
    .await;
    let html = b"<html><script>alert(document.cookie)</script></html>";
    assert_eq!(
        put_photo(&server, &relawan, "h1", html, "image/jpeg").await,
        StatusCode::BAD_REQUEST
    );
    let png = b"\x89PNG\r\n\x1a\n and the rest of a png";
    assert_eq!(
        put_photo(&server, &relawan, "h1", png, "image/jpeg").await,
        StatusCode::BAD_REQUEST,
        "declared JPEG, bytes PNG"
    );
    assert_eq!(
        put_photo(&server, &relawan, "h1", png, "image/png").await,
        StatusCode::CREATED
    );
    let back = Client::new()
        .get(server.url(&format!("/api/attachments/{}", sha(png))))
        .bearer_auth(&relawan)
        .send()
        .await
        .unwrap();
    assert_eq!(back.headers()["content-type"], "image/png");
}

#[tokio::test]
async fn a_photo_of_another_rt_answers_exactly_like_a_missing_one() {
    let server = TestServer::start().await;
    let relawan = login_token(&server, "relawan", "rukun-demo").await;
    let koordinator = login_token(&server, "koordinator", "rukun-demo").await;
    let rt4 = "35.76.02.1010/01/04";
    push_mutations(
        &server,
        &koordinator,
        "laptop",
        vec![household_upsert(1, "h4", rt4, 0, household_answers(4, 1))],
    )
    .await;
    let photo = b"\xff\xd8\xff\xe0 the house in RT 04";
    assert_eq!(
        put_photo(&server, &koordinator, "h4", photo, "image/jpeg").await,
        StatusCode::CREATED
    );
    let (exists_status, exists_body) = get_text(
        &server,
        &relawan,
        &format!("/api/attachments/{}", sha(photo)),
    )
    .await;
    let (missing_status, missing_body) = get_text(
        &server,
        &relawan,
        &format!("/api/attachments/{}", sha(b"never uploaded")),
    )
    .await;
    assert_eq!(exists_status, StatusCode::NOT_FOUND);
    assert_eq!((exists_status, exists_body), (missing_status, missing_body));
}

#[tokio::test]
async fn a_deleted_household_leaves_no_answers_in_history_reviews_conflicts_or_photos() {
    let server = TestServer::start().await;
    let relawan = login_token(&server, "relawan", "rukun-demo").await;
    let koordinator = login_token(&server, "koordinator", "rukun-demo").await;
    let answers = household_answers(7, 2);
    let Value::Text(nik) = answers["members/m0/nik"].clone() else {
        panic!()
    };
    push_mutations(
        &server,
        &relawan,
        "phone-a",
        vec![
            household_upsert(1, "h1", RT1, 0, answers.clone()),
            household_upsert(2, "h2", RT1, 0, household_answers(8, 1)),
        ],
    )
    .await;
    // One photo only h1 uses, one h1 and h2 share.
    let own = b"\xff\xd8\xff\xe0 only the first house";
    let shared = b"\xff\xd8\xff\xe0 the same gate photo";
    for (record, bytes) in [("h1", &own[..]), ("h1", &shared[..]), ("h2", &shared[..])] {
        let status = put_photo(&server, &relawan, record, bytes, "image/jpeg").await;
        assert!(status.is_success(), "{record}: {status}");
    }
    // An edit (history), a conflict and a review with comments.
    let edit = household_upsert(
        1,
        "h1",
        RT1,
        1,
        one("address", Value::Text("Jl. Melati 9 (pindah)".into())),
    );
    push_mutations(&server, &relawan, "phone-b", vec![edit]).await;
    let clash = household_upsert(
        3,
        "h1",
        RT1,
        1,
        one("address", Value::Text("Jl. Mawar 3".into())),
    );
    let clashed = push_mutations(&server, &relawan, "phone-a", vec![clash]).await;
    assert!(
        matches!(clashed[0], Outcome::Conflict { .. }),
        "{clashed:?}"
    );
    let review = Client::new()
        .post(server.url("/api/records/h1/review"))
        .bearer_auth(&koordinator)
        .json(
            &json!({ "action": "return", "comment": format!("NIK {nik} salah ketik"),
                       "field_comments": { "members/m0/nik": format!("bukan {nik}") } }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(review.status(), StatusCode::OK);
    let db = database(&server).await;
    assert!(
        count(
            &db,
            "SELECT COUNT(*) FROM field_history WHERE record_id = ?",
            "h1"
        )
        .await
            > 0
    );

    let delete = Mutation {
        op: Op::Delete,
        changes: BTreeMap::new(),
        ..household_upsert(2, "h1", RT1, 2, Answers::new())
    };
    let deleted = push_mutations(&server, &relawan, "phone-b", vec![delete]).await;
    assert!(matches!(deleted[0], Outcome::Applied { .. }), "{deleted:?}");

    for sql in [
        "SELECT COUNT(*) FROM records, json_each(records.answers) WHERE records.id = ?",
        "SELECT COUNT(*) FROM field_history WHERE record_id = ?",
        "SELECT COUNT(*) FROM conflicts WHERE record_id = ?",
        "SELECT COUNT(*) FROM attachment_uses WHERE record_id = ?",
        "SELECT COUNT(*) FROM attachments WHERE record_id = ?",
        "SELECT COUNT(*) FROM reviews WHERE record_id = ? AND (comment != '' OR field_comments != '{}' OR answers != '{}')",
    ] {
        assert_eq!(count(&db, sql, "h1").await, 0, "{sql}");
    }
    assert_eq!(
        photo_holder(&db, own).await,
        None,
        "the photo only h1 used is gone"
    );
    assert_eq!(
        photo_holder(&db, shared).await.as_deref(),
        Some("h2"),
        "h2 keeps its photo"
    );
    // The audit log says who deleted what and when, and nothing of the answers.
    let log: Vec<(String, String)> =
        sqlx::query_as("SELECT action, detail FROM audit_log WHERE record_id = 'h1'")
            .fetch_all(&db)
            .await
            .unwrap();
    assert!(log.iter().any(|(action, _)| action == "delete"), "{log:?}");
    assert!(log.iter().all(|(_, detail)| !detail.contains(&nik)));
}

#[tokio::test]
async fn an_opened_kiosk_submission_is_erased_after_its_retention() {
    use rukun_core::kiosk::{KioskPayload, KioskPhoto};
    let server = TestServer::start().await;
    let kiosk = login_token(&server, "kiosk", "rukun-demo").await;
    let koordinator = login_token(&server, "koordinator", "rukun-demo").await;
    let photo = b"\xff\xd8\xff\xe0 a flooded lane";
    let request = KioskPayload::Report {
        category: "8".into(),
        rw: 1,
        rt: 1,
        description: "Banjir di Gang Melati depan rumah Bu Sari".into(),
        contact: Some("0812-3456-7890".into()),
        point: None,
        photo: Some(KioskPhoto {
            content_type: "image/jpeg".into(),
            data: base64::Engine::encode(&base64::engine::general_purpose::STANDARD, photo),
        }),
    };
    support::submit_kiosk(&server, &kiosk, "7K3QX9M2PA", &request).await;
    let (status, _) = support::decide_kiosk(
        &server,
        &koordinator,
        "7K3QX9M2PA",
        json!({ "accept": false, "note": "Sudah ditangani kelurahan" }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    // Kept while within its retention (90 days by default) ...
    let dir = server.stop().await;
    let server = TestServer::start_in(dir).await;
    let koordinator = login_token(&server, "koordinator", "rukun-demo").await;
    let (_, detail) = get_text(&server, &koordinator, "/api/review/kiosk/7K3QX9M2PA").await;
    assert!(
        detail.contains("Gang Melati") && detail.contains("0812-3456"),
        "{detail}"
    );
    // ... and erased once past it: the receipt, place and decision remain.
    let dir = server.stop().await;
    let server = TestServer::start_in_configured(dir, |c| c.kiosk_retention_days = 0).await;
    let koordinator = login_token(&server, "koordinator", "rukun-demo").await;
    let (status, detail) = get_text(&server, &koordinator, "/api/review/kiosk/7K3QX9M2PA").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !detail.contains("Gang Melati") && !detail.contains("0812-3456"),
        "{detail}"
    );
    assert!(
        detail.contains("declined") && detail.contains("Sudah ditangani"),
        "{detail}"
    );
    let (status, _) = get_text(&server, &koordinator, "/api/review/kiosk/7K3QX9M2PA/photo").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, receipt) = get_text(&server, "", "/api/receipts/7K3QX9M2PA").await;
    assert!(receipt.contains("declined"));
}

#[tokio::test]
async fn a_kiosk_report_with_the_largest_photo_allowed_is_not_refused_for_its_size() {
    use rukun_core::kiosk::{KioskPayload, KioskPhoto, MAX_PHOTO_BYTES};
    let server = TestServer::start().await;
    let kiosk = login_token(&server, "kiosk", "rukun-demo").await;
    let mut photo = b"\xff\xd8\xff\xe0".to_vec();
    photo.resize(MAX_PHOTO_BYTES, 0x55);
    let request = KioskPayload::Report {
        category: "8".into(),
        rw: 1,
        rt: 1,
        description: "Banjir setinggi lutut".repeat(40),
        contact: None,
        point: None,
        photo: Some(KioskPhoto {
            content_type: "image/jpeg".into(),
            data: base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &photo),
        }),
    };
    // submit_kiosk asserts 201.
    support::submit_kiosk(&server, &kiosk, "7K3QX9M2PB", &request).await;
}

#[tokio::test]
async fn a_coordinators_edit_cannot_add_answers_the_form_does_not_have() {
    let server = TestServer::start().await;
    let relawan = login_token(&server, "relawan", "rukun-demo").await;
    let koordinator = login_token(&server, "koordinator", "rukun-demo").await;
    push_mutations(
        &server,
        &relawan,
        "phone",
        vec![household_upsert(1, "h1", RT1, 0, household_answers(1, 1))],
    )
    .await;
    for changes in [
        json!({ "zz_not_a_field": { "text": "x" } }),
        json!({ "house_photo": { "photos": ["../exports/households.csv?identities=full"] } }),
        json!({ "address": { "number": 3 } }),
    ] {
        let response = Client::new()
            .post(server.url("/api/records/h1/edit"))
            .bearer_auth(&koordinator)
            .json(&json!({ "version": 1, "changes": changes, "reason": "coba" }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{changes}");
    }
    let (_, page) = get_text(&server, &relawan, "/api/sync/pull?protocol=1&cursor=0").await;
    assert!(!page.contains("zz_not_a_field") && !page.contains("exports/"));
}

#[tokio::test]
async fn a_forged_base_version_cannot_overwrite_anothers_change_and_ids_must_be_ids() {
    let server = TestServer::start().await;
    let relawan = login_token(&server, "relawan", "rukun-demo").await;
    let koordinator = login_token(&server, "koordinator", "rukun-demo").await;
    push_mutations(
        &server,
        &relawan,
        "phone",
        vec![household_upsert(1, "h1", RT1, 0, household_answers(1, 1))],
    )
    .await;
    let edit = json!({ "version": 1, "changes": { "address": { "text": "Jl. Koordinator 1" } },
                       "reason": "alamat dari KK" });
    let edited = Client::new()
        .post(server.url("/api/records/h1/edit"))
        .bearer_auth(&koordinator)
        .json(&edit)
        .send()
        .await
        .unwrap();
    assert_eq!(edited.status(), StatusCode::OK);
    let mut forged = household_upsert(
        2,
        "h1",
        RT1,
        0,
        one("address", Value::Text("Jl. Relawan 2".into())),
    );
    forged.base_version = u64::MAX;
    let outcomes = push_mutations(&server, &relawan, "phone", vec![forged]).await;
    assert!(
        matches!(outcomes[0], Outcome::Conflict { .. }),
        "{outcomes:?}"
    );
    let (_, page) = get_text(&server, &relawan, "/api/sync/pull?protocol=1&cursor=0").await;
    assert!(page.contains("Jl. Koordinator 1") && !page.contains("Jl. Relawan 2"));

    let mut unnamed = household_upsert(3, "", RT1, 0, household_answers(2, 1));
    let mut slashed = household_upsert(4, "../h1", RT1, 0, household_answers(3, 1));
    unnamed.record_id = String::new();
    slashed.record_id = "../h1".into();
    let outcomes = push_mutations(&server, &relawan, "phone", vec![unnamed, slashed]).await;
    assert!(rejected_reason(&outcomes[0]).contains("record id"));
    assert!(rejected_reason(&outcomes[1]).contains("record id"));
}

#[tokio::test]
async fn a_photo_sent_after_its_record_was_deleted_is_not_kept_and_a_named_one_survives() {
    let server = TestServer::start().await;
    let relawan = login_token(&server, "relawan", "rukun-demo").await;
    let shared = b"\xff\xd8\xff\xe0 the gate both houses share";
    let late = b"\xff\xd8\xff\xe0 sent after the deletion";
    let named = with(
        household_answers(2, 1),
        "house_photo",
        Value::Photos(vec![sha(shared)]),
    );
    push_mutations(
        &server,
        &relawan,
        "phone",
        vec![
            household_upsert(1, "h1", RT1, 0, household_answers(1, 1)),
            // h2 names the photo but never uploads it (h1 did).
            household_upsert(2, "h2", RT1, 0, named),
        ],
    )
    .await;
    assert_eq!(
        put_photo(&server, &relawan, "h1", shared, "image/jpeg").await,
        StatusCode::CREATED
    );
    let delete = Mutation {
        op: Op::Delete,
        changes: BTreeMap::new(),
        ..household_upsert(3, "h1", RT1, 1, Answers::new())
    };
    push_mutations(&server, &relawan, "phone", vec![delete]).await;
    assert_eq!(
        put_photo(&server, &relawan, "h1", late, "image/jpeg").await,
        StatusCode::GONE
    );
    let db = database(&server).await;
    assert_eq!(photo_holder(&db, late).await, None);
    assert_eq!(photo_holder(&db, shared).await.as_deref(), Some("h2"));
}

#[tokio::test]
async fn a_device_cannot_take_the_ids_the_server_makes_for_kiosk_decisions() {
    let server = TestServer::start().await;
    let relawan = login_token(&server, "relawan", "rukun-demo").await;
    let taken = Client::new()
        .post(server.url("/api/sync/push"))
        .bearer_auth(&relawan)
        .json(&json!({ "protocol": 1, "client_id": "kiosk-7K3QX9M2PA", "mutations": [] }))
        .send()
        .await
        .unwrap();
    assert_eq!(taken.status(), StatusCode::BAD_REQUEST);
    let squat = report(1, "kiosk-7k3qx9m2pa", flood_report_answers(1));
    let outcomes = push_mutations(&server, &relawan, "phone", vec![squat]).await;
    assert!(rejected_reason(&outcomes[0]).contains("record id"));
}

#[tokio::test]
async fn a_kiosk_report_of_the_longest_description_can_be_accepted() {
    use rukun_core::kiosk::KioskPayload;
    let server = TestServer::start().await;
    let kiosk = login_token(&server, "kiosk", "rukun-demo").await;
    let koordinator = login_token(&server, "koordinator", "rukun-demo").await;
    let request = KioskPayload::Report {
        category: "8".into(),
        rw: 1,
        rt: 1,
        description: "Air menggenang ".repeat(70).chars().take(1_000).collect(),
        contact: None,
        point: None,
        photo: None,
    };
    support::submit_kiosk(&server, &kiosk, "7K3QX9M2PC", &request).await;
    let (status, body) = support::decide_kiosk(
        &server,
        &koordinator,
        "7K3QX9M2PC",
        json!({ "accept": true }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, record) = get_text(
        &server,
        &koordinator,
        "/api/review/records/kiosk-7k3qx9m2pc",
    )
    .await;
    assert!(
        record.contains("Laporan warga dari kios (7K3QX-9M2PC)"),
        "{record}"
    );
}
