//! Consent and residents' rights (issue 16) over real HTTP: the notice's
//! versions, a refusal keeping no name, requests found only by receipt and
//! the head's NIK, a kiosk's request filed once with its receipt following,
//! overdue requests first, and an honoured erasure leaving nothing of the
//! household in any answer or any table.

mod support;

use reqwest::{Client, StatusCode};
use rukun_core::consent::{DataRequest, RequestList, CONSENT_AT, NOTICE_VERSION, RECEIPT};
use rukun_core::fixtures::household_answers;
use rukun_core::form::{Answers, Value};
use rukun_core::kiosk::KioskPayload;
use rukun_core::sync::Outcome;
use serde_json::{json, Value as Json};
use sqlx::Row;
use support::{get_text, household_upsert, login_token, push_mutations, TestServer};

const RT1: &str = "35.76.02.1010/01/01";
const RECEIPT_CODE: &str = "7K3QX9M2PA";

fn text(answers: &Answers, path: &str) -> String {
    match &answers[path] {
        Value::Text(text) => text.clone(),
        other => panic!("{path}: {other:?}"),
    }
}

/// A surveyed household with its consent on record and a receipt.
fn consenting(n: u32, receipt: &str) -> Answers {
    let mut answers = household_answers(n, 2);
    answers.insert(NOTICE_VERSION.into(), Value::Number(1.0));
    answers.insert(CONSENT_AT.into(), Value::Number(1_795_000_000_000.0));
    answers.insert(RECEIPT.into(), Value::Text(receipt.into()));
    answers
}

/// Household `h1` surveyed with consent and receipt `RECEIPT_CODE` by the
/// demo volunteer: the volunteer's and the coordinator's tokens, and the
/// head's NIK.
async fn surveyed_household(server: &TestServer) -> (String, String, String) {
    let relawan = login_token(server, "relawan", "rukun-demo").await;
    let koordinator = login_token(server, "koordinator", "rukun-demo").await;
    let answers = consenting(1, RECEIPT_CODE);
    let head_nik = text(&answers, "members/m0/nik");
    push_mutations(
        server,
        &relawan,
        "phone",
        vec![household_upsert(1, "h1", RT1, 0, answers)],
    )
    .await;
    (relawan, koordinator, head_nik)
}

async fn post(server: &TestServer, token: &str, path: &str, body: Json) -> (StatusCode, Json) {
    let response = Client::new()
        .post(server.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Json::Null))
}

async fn answers_on_server(server: &TestServer, token: &str, id: &str) -> Answers {
    let (status, body) = get_text(server, token, &format!("/api/review/records/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let detail: rukun_core::console::RecordDetail = serde_json::from_str(&body).unwrap();
    detail.answers
}

#[tokio::test]
async fn the_notice_is_versioned_and_only_administrators_publish_it() {
    let server = TestServer::start().await;
    let admin = login_token(&server, "admin", "rukun-demo").await;
    let relawan = login_token(&server, "relawan", "rukun-demo").await;
    let (status, body) = get_text(&server, &relawan, "/api/notices").await;
    assert_eq!(status, StatusCode::OK);
    let list: rukun_core::consent::NoticeList = serde_json::from_str(&body).unwrap();
    assert_eq!(list.notices.len(), 1);
    assert_eq!(list.notices[0].published_by, "system");
    assert!(list.notices[0].text.id.contains("3 × 24 jam"));

    let notice = |version: u32| {
        json!({"version": version, "text": {"id": "Pemberitahuan privasi yang baru dan lengkap.",
            "en": "The new and complete privacy notice."}})
    };
    assert_eq!(
        post(&server, &relawan, "/api/notices", notice(2)).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, body) = post(&server, &admin, "/api/notices", notice(3)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("Versi berikutnya adalah 2"));
    let short = json!({"version": 2, "text": {"id": "Singkat", "en": "Short"}});
    assert_eq!(
        post(&server, &admin, "/api/notices", short).await.0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        post(&server, &admin, "/api/notices", notice(2)).await.0,
        StatusCode::CREATED
    );
    assert_eq!(
        post(&server, &admin, "/api/notices", notice(2)).await.0,
        StatusCode::CONFLICT
    );
    let (_, audit) = get_text(&server, &admin, "/api/audit").await;
    assert!(audit.contains("notice_publish"), "{audit}");
}

#[tokio::test]
async fn a_refusal_keeps_no_name_nik_contact_or_photo() {
    let server = TestServer::start().await;
    let relawan = login_token(&server, "relawan", "rukun-demo").await;
    let koordinator = login_token(&server, "koordinator", "rukun-demo").await;
    // A household that consented, with a house photo ...
    let mut answers = consenting(1, RECEIPT_CODE);
    let photo = b"\xff\xd8\xff\xe0 the front of the house".to_vec();
    let hash = support::sha256_hex(&photo);
    answers.insert("house_photo".into(), Value::Photos(vec![hash.clone()]));
    let head = text(&answers, "head_name");
    let outcomes = push_mutations(
        &server,
        &relawan,
        "phone",
        vec![household_upsert(1, "h1", RT1, 0, answers)],
    )
    .await;
    assert!(
        matches!(outcomes[0], Outcome::Applied { .. }),
        "{outcomes:?}"
    );
    assert_eq!(
        support::put_photo(&server, &relawan, "h1", &photo, "image/jpeg").await,
        StatusCode::CREATED
    );
    // ... then withdraws at the next visit: only the consent changes.
    let mut change = household_upsert(2, "h1", RT1, 1, Answers::new());
    change
        .changes
        .insert("consent".into(), Some(Value::Bool(false)));
    let outcomes = push_mutations(&server, &relawan, "phone", vec![change]).await;
    assert!(
        matches!(outcomes[0], Outcome::Applied { .. }),
        "{outcomes:?}"
    );

    let kept = answers_on_server(&server, &koordinator, "h1").await;
    let mut paths: Vec<&str> = kept.keys().map(String::as_str).collect();
    paths.sort();
    for gone in [
        "respondent",
        "head_name",
        "no_kk",
        "members",
        "house_photo",
        RECEIPT,
    ] {
        assert!(!kept.contains_key(gone), "{gone} kept: {paths:?}");
    }
    assert!(
        !paths.iter().any(|p| p.starts_with("members/")),
        "{paths:?}"
    );
    for path in [
        "visit_result",
        "visit_date",
        "consent",
        NOTICE_VERSION,
        CONSENT_AT,
    ] {
        assert!(kept.contains_key(path), "{path} dropped: {paths:?}");
    }
    // Nor in the values edits replaced, nor the photo.
    let (status, _) = get_text(&server, &koordinator, &format!("/api/attachments/{hash}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let db = database(&server).await;
    assert_eq!(tables_holding(&db, &head).await, Vec::<String>::new());

    // A refusal pushed with a name (an old app) stores none of it.
    let mut refused = household_answers(2, 2);
    refused.insert("visit_result".into(), Value::Choice("4".into()));
    refused.insert("visit_note".into(), Value::Text("Menolak didata".into()));
    let name = text(&refused, "respondent");
    let outcomes = push_mutations(
        &server,
        &relawan,
        "phone",
        vec![household_upsert(3, "h2", RT1, 0, refused)],
    )
    .await;
    assert!(
        matches!(outcomes[0], Outcome::Applied { .. }),
        "{outcomes:?}"
    );
    assert!(!answers_on_server(&server, &koordinator, "h2")
        .await
        .contains_key("respondent"));
    assert_eq!(tables_holding(&db, &name).await, Vec::<String>::new());
}

#[tokio::test]
async fn a_household_is_found_only_by_its_receipt_and_its_heads_nik() {
    let server = TestServer::start().await;
    let admin = login_token(&server, "admin", "rukun-demo").await;
    let relawan = login_token(&server, "relawan", "rukun-demo").await;
    let koordinator = login_token(&server, "koordinator", "rukun-demo").await;
    let kranggan = support::kranggan_coordinator(&server, &admin).await;
    let answers = consenting(1, RECEIPT_CODE);
    let head_nik = text(&answers, "members/m0/nik");
    let member_nik = text(&answers, "members/m1/nik");
    push_mutations(
        &server,
        &relawan,
        "phone",
        vec![household_upsert(1, "h1", RT1, 0, answers)],
    )
    .await;
    let ask = |receipt: &str, nik: &str| json!({"kind": "access", "receipt": receipt, "nik": nik});
    for (who, body) in [
        (&koordinator, ask(RECEIPT_CODE, &member_nik)),
        (&koordinator, ask("7K3QX9M2PB", &head_nik)),
        (&kranggan, ask(RECEIPT_CODE, &head_nik)),
    ] {
        let (status, answer) = post(&server, who, "/api/requests", body).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{answer}");
        assert!(!answer.to_string().contains(&head_nik));
    }
    let (status, answer) = post(
        &server,
        &koordinator,
        "/api/requests",
        ask("7k3qx-9m2pa", "123"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    // Typed as printed, in lower case with its dash: found.
    let (status, answer) = post(
        &server,
        &koordinator,
        "/api/requests",
        ask("7k3qx-9m2pa", &head_nik),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let request: DataRequest = serde_json::from_value(answer).unwrap();
    assert_eq!(request.record_id.as_deref(), Some("h1"));
    assert_eq!(request.owner.as_deref(), Some("koordinator"));
    assert_eq!(request.due_ms - request.created_ms, 72 * 3_600_000);
    // A correction needs what to correct; the wrong step is refused.
    let correction = json!({"kind": "correction", "receipt": RECEIPT_CODE, "nik": head_nik});
    assert_eq!(
        post(&server, &koordinator, "/api/requests", correction)
            .await
            .0,
        StatusCode::BAD_REQUEST
    );
    let path = format!("/api/requests/{}/action", request.id);
    let (status, _) = post(&server, &koordinator, &path, json!({"step": "erase"})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _) = post(&server, &koordinator, &path, json!({"step": "decline"})).await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "a decline needs its reason"
    );
    let (status, answer) = post(&server, &koordinator, &path, json!({"step": "handed"})).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["state"], "done");
    let (status, _) = post(&server, &koordinator, &path, json!({"step": "handed"})).await;
    assert_eq!(status, StatusCode::CONFLICT, "closed once");
}

#[tokio::test]
async fn a_kiosk_request_is_filed_once_and_its_receipt_follows_the_request() {
    let server = TestServer::start_configured(|c| c.erasure_deadline_hours = 0).await;
    let (_, koordinator, head_nik) = surveyed_household(&server).await;
    let kiosk = login_token(&server, "kiosk", "rukun-demo").await;
    let payload = |kind: &str, receipt: &str| {
        serde_json::from_value::<KioskPayload>(json!({"kind": "data_request",
            "request": kind, "household_receipt": receipt, "nik": head_nik,
            "detail": "Alamat kami sudah pindah gang", "contact": null}))
        .unwrap()
    };
    support::submit_kiosk(
        &server,
        &kiosk,
        "KSK0000001",
        &payload("erasure", "7K3QX-9M2PA"),
    )
    .await;
    support::submit_kiosk(
        &server,
        &kiosk,
        "KSK0000002",
        &payload("access", "ZZZZZZZZZZ"),
    )
    .await;
    // Sent again after a lost answer: the same request.
    let key: rukun_core::kiosk::KioskKey = reqwest::get(server.url("/api/kiosk/key"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let again = rukun_server::kiosk::seal(
        &key,
        "KSK0000001",
        &serde_json::to_vec(&payload("erasure", "7K3QX-9M2PA")).unwrap(),
    );
    let resent = Client::new()
        .post(server.url("/api/kiosk/submissions"))
        .bearer_auth(&kiosk)
        .json(&again)
        .send()
        .await
        .unwrap();
    assert!(resent.status().is_success() || resent.status() == StatusCode::CONFLICT);

    let (_, body) = get_text(&server, &koordinator, "/api/requests").await;
    let list: RequestList = serde_json::from_str(&body).unwrap();
    assert_eq!(list.items.len(), 2, "{body}");
    // The erasure (due at once) is overdue and comes first.
    let erasure = &list.items[0];
    assert!(erasure.overdue);
    assert_eq!(erasure.source, "kiosk");
    assert_eq!(erasure.record_id.as_deref(), Some("h1"));
    assert_eq!(erasure.owner, None);
    let unmatched = &list.items[1];
    assert!(!unmatched.overdue);
    assert_eq!(unmatched.record_id, None);
    assert!(!body.contains(&head_nik), "the NIK is not kept");

    let receipt_state = |code: &'static str| {
        let server = &server;
        async move {
            let (_, body) = get_text(server, "", &format!("/api/receipts/{code}")).await;
            serde_json::from_str::<Json>(&body).unwrap()["state"].clone()
        }
    };
    assert_eq!(receipt_state("KSK0000002").await, "received");
    let path = format!("/api/requests/{}/action", unmatched.id);
    let (status, _) = post(&server, &koordinator, &path, json!({"step": "handed"})).await;
    assert_eq!(status, StatusCode::CONFLICT, "no household to hand over");
    let decline = json!({"step": "decline", "note": "Kode dan NIK tidak cocok"});
    assert_eq!(
        post(&server, &koordinator, &path, decline).await.0,
        StatusCode::OK
    );
    assert_eq!(receipt_state("KSK0000002").await, "declined");

    let path = format!("/api/requests/{}/action", erasure.id);
    let (status, taken) = post(&server, &koordinator, &path, json!({"step": "take"})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(taken["owner"], "koordinator");
    assert_eq!(
        post(&server, &koordinator, &path, json!({"step": "erase"}))
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(receipt_state("KSK0000001").await, "accepted");
    // The erasure took the resident's kiosk request (with the NIK) too:
    // only the unmatched request still holds it, until its retention.
    let db = database(&server).await;
    let tables = tables_holding(&db, &head_nik).await;
    assert_eq!(tables, vec!["kiosk_submissions".to_string()]);
    let holding: i64 =
        sqlx::query_scalar("SELECT count(*) FROM kiosk_submissions WHERE instr(payload, ?) > 0")
            .bind(&head_nik)
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(holding, 1);
}

#[tokio::test]
async fn an_honoured_erasure_leaves_nothing_of_the_household() {
    let server = TestServer::start().await;
    let relawan = login_token(&server, "relawan", "rukun-demo").await;
    let koordinator = login_token(&server, "koordinator", "rukun-demo").await;
    let answers = consenting(1, RECEIPT_CODE);
    let secrets: Vec<String> = ["head_name", "no_kk", "members/m0/nik", "members/m1/name"]
        .iter()
        .map(|path| text(&answers, path))
        .collect();
    let head_nik = secrets[2].clone();
    let mut answers = answers;
    let photo = b"\xff\xd8\xff\xe0 the house to be erased".to_vec();
    let hash = support::sha256_hex(&photo);
    answers.insert("house_photo".into(), Value::Photos(vec![hash.clone()]));
    push_mutations(
        &server,
        &relawan,
        "phone",
        vec![household_upsert(1, "h1", RT1, 0, answers)],
    )
    .await;
    support::put_photo(&server, &relawan, "h1", &photo, "image/jpeg").await;
    // History to erase too: a coordinator's edit (the old value kept) and
    // a return with a comment quoting the household.
    let edit = json!({"version": 1, "changes": {"head_name": {"text": "Nama Dibetulkan"}},
        "reason": format!("KTP asli: {}", secrets[0])});
    let (status, body) = post(&server, &koordinator, "/api/records/h1/edit", edit).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let comment = json!({"action": "return", "comment": format!("Cek NIK {head_nik}")});
    assert_eq!(
        post(&server, &koordinator, "/api/records/h1/review", comment)
            .await
            .0,
        StatusCode::OK
    );

    let ask = json!({"kind": "erasure", "receipt": RECEIPT_CODE, "nik": head_nik,
        "detail": "Kami menarik persetujuan"});
    let (status, request) = post(&server, &koordinator, "/api/requests", ask).await;
    assert_eq!(status, StatusCode::CREATED, "{request}");
    let path = format!("/api/requests/{}/action", request["id"]);
    let (status, done) = post(&server, &koordinator, &path, json!({"step": "erase"})).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(done["state"], "done");

    // No query answers anything of it ...
    for path in [
        "/api/review/records?kelurahan=35.76.02.1010".to_string(),
        "/api/review/points?kelurahan=35.76.02.1010".to_string(),
        "/api/exports/households.csv?kelurahan=35.76.02.1010&identities=full".to_string(),
        "/api/exports/members.csv?kelurahan=35.76.02.1010&identities=full".to_string(),
        "/api/exports/points.geojson?kelurahan=35.76.02.1010".to_string(),
        "/api/audit".to_string(),
        "/api/requests".to_string(),
    ] {
        let (status, body) = get_text(&server, &koordinator, &path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        for secret in &secrets {
            assert!(
                !body.contains(secret.as_str()),
                "{path} still holds {secret}"
            );
        }
        if path.starts_with("/api/review") || path.starts_with("/api/exports") {
            assert!(!body.contains("h1"), "{path} still lists h1: {body:.300}");
        }
    }
    let (status, _) = get_text(&server, &koordinator, "/api/review/records/h1").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = get_text(&server, &relawan, &format!("/api/attachments/{hash}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // ... the pull tells phones to remove it ...
    let state = support::pulled(&server, &relawan, "h1").await;
    assert!(
        state.deleted && state.erased && state.answers.is_empty(),
        "{state:?}"
    );
    // ... a phone's late change to it is refused, storing nothing ...
    let mut late = household_upsert(1, "h1", RT1, 1, Answers::new());
    late.changes
        .insert("head_name".into(), Some(Value::Text(secrets[0].clone())));
    let outcomes = push_mutations(&server, &relawan, "other-phone", vec![late]).await;
    assert!(
        matches!(outcomes[0], Outcome::Rejected { .. }),
        "{outcomes:?}"
    );
    // ... and no table holds any of it; the audit keeps that it happened.
    let db = database(&server).await;
    for secret in &secrets {
        assert_eq!(
            tables_holding(&db, secret).await,
            Vec::<String>::new(),
            "{secret}"
        );
    }
    assert_eq!(tables_holding(&db, &hash).await, Vec::<String>::new());
    let (_, audit) = get_text(&server, &koordinator, "/api/audit").await;
    assert!(audit.contains("\"erasure\""), "{audit:.500}");
}

#[tokio::test]
async fn a_household_whose_stored_answers_are_damaged_is_erased_all_the_same() {
    let server = TestServer::start().await;
    let (relawan, koordinator, head_nik) = surveyed_household(&server).await;
    let ask = json!({"kind": "erasure", "receipt": RECEIPT_CODE, "nik": head_nik});
    let (status, request) = post(&server, &koordinator, "/api/requests", ask).await;
    assert_eq!(status, StatusCode::CREATED, "{request}");
    // A damaged database: the household's answers document no longer parses.
    let db = database(&server).await;
    sqlx::query("UPDATE records SET answers = '{\"head_name\": ' WHERE id = 'h1'")
        .execute(&db)
        .await
        .unwrap();

    let path = format!("/api/requests/{}/action", request["id"]);
    let (status, done) = post(&server, &koordinator, &path, json!({"step": "erase"})).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(done["state"], "done");
    let state = support::pulled(&server, &relawan, "h1").await;
    assert!(
        state.deleted && state.erased && state.answers.is_empty(),
        "{state:?}"
    );
    let stored: String = sqlx::query_scalar("SELECT answers FROM records WHERE id = 'h1'")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(stored, "{}");
}

async fn database(server: &TestServer) -> sqlx::SqlitePool {
    let path = server.dir.path().join("data/rukun.db");
    sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap()
}

/// The tables with a cell containing `needle` (every column read as text).
async fn tables_holding(db: &sqlx::SqlitePool, needle: &str) -> Vec<String> {
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
            .fetch_all(db)
            .await
            .unwrap();
    let mut holding = Vec::new();
    for table in tables {
        let columns: Vec<String> = sqlx::query(&format!("PRAGMA table_info({table})"))
            .fetch_all(db)
            .await
            .unwrap()
            .iter()
            .map(|row| row.get::<String, _>("name"))
            .collect();
        let any = columns
            .iter()
            .map(|c| format!("instr(CAST(\"{c}\" AS TEXT), ?1) > 0"))
            .collect::<Vec<_>>()
            .join(" OR ");
        let found: i64 =
            sqlx::query_scalar(&format!("SELECT count(*) FROM \"{table}\" WHERE {any}"))
                .bind(needle)
                .fetch_one(db)
                .await
                .unwrap();
        if found > 0 {
            holding.push(table);
        }
    }
    holding
}
