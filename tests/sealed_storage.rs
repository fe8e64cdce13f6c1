//! Issue 14 in headless Chromium: every answer a household gave is sealed
//! at rest (address, GPS, religion, welfare programmes, assets, photos, not
//! only the fields marked personal), locked writes fail, and data stored
//! in the shape before (only the personal part sealed, photos plain) still
//! reads and is converted by `seal_legacy_data` without changing a queued
//! change.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use rukun::records::{complete, start, summarize, with_draft};
use rukun::storage::{LocalDb, StorageError, StoredPhoto};
use rukun::sync::mutation_of;
use rukun_core::fixtures::household_answers;
use rukun_core::form::{split_personal, Answers, Issue, Text, Value};
use rukun_core::forms::household;
use rukun_core::{AreaSelection, RegionCode};
use serde::Serialize;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const KEY: [u8; 32] = [7; 32];
const TODAY: time::Date = time::macros::date!(2026 - 11 - 28);
const STORES: [&str; 5] = ["records", "summaries", "outbox", "attachments", "meta"];
/// Stands in for a JPEG: a test can look for it in the stored bytes.
const PHOTO: &[u8] = b"\xff\xd8\xff\xe0 JFIF photo of the house front, Jl. Empunala";

async fn fresh(name: &str) -> LocalDb {
    rukun::storage::sealed::unlock(&KEY);
    LocalDb::delete(name).await.unwrap();
    LocalDb::open(name).await.unwrap()
}

fn area() -> AreaSelection {
    AreaSelection {
        kelurahan: RegionCode::parse("35.76.02.1010").unwrap(),
        rw: 1,
        rt: 1,
    }
}

fn photo_sha() -> String {
    "ab".repeat(32)
}

/// Household `n`: the fixture's answers (address, GPS, religion, the LPG
/// subsidy, a motorcycle and a smartphone) and a photo of the house.
fn answers(n: u32) -> Answers {
    let mut answers = household_answers(n, 2);
    answers.insert("house_photo".into(), Value::Photos(vec![photo_sha()]));
    answers
}

/// What must never be readable in the stored values, for household `n`:
/// answers as typed and as paths (a plain path says "this household gets
/// the LPG subsidy"), and the NIK of its head.
fn secrets(n: u32) -> Vec<String> {
    let answers = answers(n);
    let text = |path: &str| match &answers[path] {
        Value::Text(t) => t.clone(),
        other => panic!("{path}: {other:?}"),
    };
    vec![
        text("address"),
        text("head_name"),
        text("no_kk"),
        text("members/m0/nik"),
        text("respondent"),
        "Empunala".into(),
        "-7.4721".into(),
        "112.4338".into(),
        "religion".into(),
        "prog_lpg".into(),
        "asset_motorcycle".into(),
        "asset_smartphone".into(),
        "house_photo".into(),
        "gps".into(),
        "address".into(),
    ]
}

fn photo_blob(bytes: &[u8]) -> web_sys::Blob {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::Blob::new_with_u8_array_sequence(&parts).unwrap()
}

async fn bytes_of(blob: &web_sys::Blob) -> Vec<u8> {
    rukun::platform::photo::bytes_of(blob).await.unwrap()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Every stored value of the database, as the browser holds it: each
/// store's values as JSON, and the bytes of every stored blob.
async fn raw_contents(name: &str) -> (String, Vec<Vec<u8>>) {
    let db = rexie::Rexie::builder(name).build().await.unwrap();
    let tx = db
        .transaction(&STORES, rexie::TransactionMode::ReadOnly)
        .unwrap();
    let mut json = String::new();
    let mut blobs = Vec::new();
    for store in STORES {
        for value in tx.store(store).unwrap().get_all(None, None).await.unwrap() {
            json.push_str(
                &js_sys::JSON::stringify(&value)
                    .unwrap()
                    .as_string()
                    .unwrap(),
            );
            json.push('\n');
            if let Ok(blob) = js_sys::Reflect::get(&value, &"blob".into()) {
                if let Ok(blob) = wasm_bindgen::JsCast::dyn_into::<web_sys::Blob>(blob) {
                    blobs.push(blob);
                }
            }
        }
    }
    tx.done().await.unwrap();
    db.close();
    let mut bytes = Vec::new();
    for blob in &blobs {
        bytes.push(bytes_of(blob).await);
    }
    (json, bytes)
}

async fn assert_nothing_plain(name: &str, secrets: &[String]) {
    let (json, blobs) = raw_contents(name).await;
    for secret in secrets {
        assert!(
            !json.contains(secret.as_str()),
            "{secret} readable in {json}"
        );
    }
    assert!(!blobs.is_empty(), "the photo is stored");
    for bytes in blobs {
        assert!(!contains(&bytes, b"JFIF") && !contains(&bytes, b"Empunala"));
    }
}

/// Completes household `n` with its photo on `db`.
async fn survey(db: &LocalDb, id: &str, n: u32) -> Result<(), StorageError> {
    let form = household();
    db.save_photo(&StoredPhoto {
        sha256: photo_sha(),
        record_id: id.into(),
        blob: photo_blob(PHOTO),
        created_ms: 1.0,
    })
    .await?;
    let record = with_draft(
        start(id.into(), &form, &area(), 1.0, "2026-11-28"),
        answers(n),
        2.0,
    );
    db.save_record(&record, &summarize(&record, &form, &answers(n)))
        .await?;
    let (record, entry) = complete(record, &form, &answers(n), &[], 3.0, TODAY);
    let summary = summarize(&record, &form, &answers(n));
    db.complete_record(&record, &summary, entry, "phone")
        .await
        .map(|_| ())
}

#[wasm_bindgen_test]
async fn every_answer_and_photo_is_sealed_at_rest_and_opens_when_unlocked() {
    let name = "rukun-test-seal-all";
    let db = fresh(name).await;
    survey(&db, "h1", 5).await.unwrap();
    assert_nothing_plain(name, &secrets(5)).await;
    let (json, _) = raw_contents(name).await;
    for plain in ["\"h1\"", "35.76.02.1010/01/01", "\"ready\"", "household"] {
        assert!(
            json.contains(plain),
            "{plain} (ids, area, state) stays plain"
        );
    }

    // Unlocked, everything reads back.
    let record = db.load_record("h1").await.unwrap().unwrap();
    let completed = record.content.completed.unwrap();
    for path in [
        "address",
        "gps",
        "members/m0/religion",
        "prog_lpg",
        "asset_motorcycle",
        "house_photo",
    ] {
        assert_eq!(completed.get(path), answers(5).get(path), "{path}");
    }
    let summary = &db.summaries(None).await.unwrap()[0];
    assert_eq!(summary.text.title.id, "Kepala Keluarga 5");
    assert!(summary.text.detail.id.starts_with("Jl. Empunala"));
    assert!(summary
        .text
        .niks
        .iter()
        .any(|n| Value::Text(n.clone()) == answers(5)["members/m0/nik"]));
    let entry = &db.outbox().await.unwrap()[0];
    assert_eq!(
        entry.changes.get("prog_lpg"),
        Some(&Some(Value::Bool(true)))
    );
    let shown = db.photo_blob(&photo_sha()).await.unwrap().unwrap();
    assert_eq!(bytes_of(&shown).await, PHOTO);
    assert_eq!(shown.type_(), "image/jpeg");
    let upload = db.photos_to_upload().await.unwrap();
    assert_eq!(upload.len(), 1);
    assert_eq!(bytes_of(&upload[0].2).await, PHOTO);
}

#[wasm_bindgen_test]
async fn while_locked_nothing_is_written_or_read() {
    let name = "rukun-test-seal-locked";
    let db = fresh(name).await;
    survey(&db, "h1", 1).await.unwrap();
    let before = raw_contents(name).await;
    rukun::storage::sealed::lock();
    let stored = db
        .save_photo(&StoredPhoto {
            sha256: "cd".repeat(32),
            record_id: "h2".into(),
            blob: photo_blob(PHOTO),
            created_ms: 1.0,
        })
        .await;
    assert_eq!(
        stored,
        Err(StorageError::Locked),
        "a photo is never stored plain"
    );
    assert!(survey(&db, "h2", 2).await.is_err());
    let form = household();
    let record = with_draft(
        start("h3".into(), &form, &area(), 1.0, "2026-11-28"),
        answers(3),
        2.0,
    );
    let saved = db
        .save_record(&record, &summarize(&record, &form, &answers(3)))
        .await;
    assert!(saved.is_err(), "a draft is never stored plain");
    assert!(db.load_record("h1").await.is_err());
    assert!(db.summaries(None).await.is_err());
    assert!(db.outbox().await.is_err());
    assert_eq!(db.photo_blob(&photo_sha()).await, Err(StorageError::Locked));
    assert_eq!(db.seal_legacy_data().await, Err(StorageError::Locked));
    assert_eq!(raw_contents(name).await, before, "nothing was written");
    rukun::storage::sealed::unlock(&KEY);
    assert!(db.load_record("h2").await.unwrap().is_none());
    assert!(db.load_record("h3").await.unwrap().is_none());
}

// The shapes stored before issue 14, as that version wrote them.

#[derive(Serialize)]
struct OldSplit {
    open: Answers,
    #[serde(with = "rukun::storage::sealed")]
    personal: Answers,
}

#[derive(Serialize)]
struct OldRecord {
    id: String,
    form_id: String,
    form_version: u32,
    area: String,
    created_ms: f64,
    updated_ms: f64,
    status: &'static str,
    server_version: u64,
    completed: Option<OldSplit>,
    draft: Option<OldSplit>,
    warnings: Vec<Issue>,
    sync_note: Option<Text>,
    #[serde(with = "rukun::storage::sealed")]
    review: Option<rukun_core::review::ReviewNote>,
}

#[derive(Serialize)]
struct OldSummaryPrivate {
    title: Text,
    search: String,
    niks: Vec<String>,
}

#[derive(Serialize)]
struct OldSummary {
    id: String,
    form_id: String,
    area: String,
    status: &'static str,
    editing: bool,
    updated_ms: f64,
    warnings: u32,
    sync_note: Option<Text>,
    detail: Text,
    #[serde(with = "rukun::storage::sealed")]
    private: OldSummaryPrivate,
}

type OldChanges = BTreeMap<String, Option<Value>>;

#[derive(Serialize)]
struct OldOutboxEntry {
    seq: u64,
    client_id: String,
    record_id: String,
    form_id: String,
    form_version: u32,
    area: String,
    base_version: u64,
    op: &'static str,
    changes: OldChanges,
    #[serde(with = "rukun::storage::sealed")]
    personal_changes: OldChanges,
    created_ms: f64,
}

fn old_js(value: &impl Serialize) -> JsValue {
    value
        .serialize(
            &serde_wasm_bindgen::Serializer::json_compatible().serialize_bytes_as_arrays(false),
        )
        .unwrap()
}

fn split(answers: Answers) -> OldSplit {
    let (open, personal) = split_personal(&household(), answers);
    OldSplit { open, personal }
}

/// Writes household `n` as `id` in the old shape: a completed record with
/// a newer draft and a rejection that quotes an answer, its summary, its
/// queued change and a plain photo.
async fn write_old_household(name: &str, id: &str, n: u32, seq: u64) {
    let completed = answers(n);
    let mut draft = completed.clone();
    draft.insert(
        "address".into(),
        Value::Text(format!("Jl. Empunala Gg. {n} Baru")),
    );
    let Value::Text(nik) = &completed["members/m0/nik"] else {
        unreachable!()
    };
    let quote = Text::new(&format!("NIK {nik} ditolak"), "NIK refused");
    let record = OldRecord {
        id: id.into(),
        form_id: "household".into(),
        form_version: 1,
        area: area().key(),
        created_ms: 1.0,
        updated_ms: 2.0,
        status: "rejected",
        server_version: 0,
        completed: Some(split(completed.clone())),
        draft: Some(split(draft)),
        warnings: vec![],
        sync_note: Some(quote.clone()),
        review: None,
    };
    let summary = OldSummary {
        id: id.into(),
        form_id: "household".into(),
        area: area().key(),
        status: "rejected",
        editing: true,
        updated_ms: 2.0,
        warnings: 0,
        sync_note: Some(quote),
        detail: Text::new(&format!("Jl. Empunala Gg. {}", n % 40 + 1), "-"),
        private: OldSummaryPrivate {
            title: Text::new(&format!("Kepala Keluarga {n}"), "-"),
            search: format!("kepala keluarga {n} jl. empunala"),
            niks: vec![],
        },
    };
    let all = rukun_core::form::diff(&Answers::new(), &completed);
    let (personal_changes, changes) = all
        .into_iter()
        .partition(|(path, _)| rukun_core::form::is_personal(&household(), path));
    let entry = OldOutboxEntry {
        seq,
        client_id: "phone".into(),
        record_id: id.into(),
        form_id: "household".into(),
        form_version: 1,
        area: area().key(),
        base_version: 0,
        op: "upsert",
        changes,
        personal_changes,
        created_ms: 3.0,
    };
    let photo = js_sys::Object::new();
    for (key, value) in [
        ("sha256", JsValue::from_str(&format!("{n:064x}"))),
        ("record_id", JsValue::from_str(id)),
        ("blob", photo_blob(PHOTO).into()),
        ("bytes", JsValue::from_f64(PHOTO.len() as f64)),
        ("created_ms", JsValue::from_f64(1.0)),
        ("uploaded", JsValue::FALSE),
    ] {
        js_sys::Reflect::set(&photo, &key.into(), &value).unwrap();
    }
    let db = rexie::Rexie::builder(name).build().await.unwrap();
    let stores = ["records", "summaries", "outbox", "attachments"];
    let tx = db
        .transaction(&stores, rexie::TransactionMode::ReadWrite)
        .unwrap();
    let put = |store: &str, value: JsValue| {
        let store = tx.store(store).unwrap();
        async move { store.put(&value, None).await.unwrap() }
    };
    put("records", old_js(&record)).await;
    put("summaries", old_js(&summary)).await;
    put("outbox", old_js(&entry)).await;
    put("attachments", photo.into()).await;
    tx.done().await.unwrap();
    db.close();
}

#[wasm_bindgen_test]
async fn data_in_the_old_shape_reads_and_is_sealed_by_the_sweep() {
    let name = "rukun-test-seal-legacy";
    let db = fresh(name).await;
    write_old_household(name, "old1", 11, 1).await;
    write_old_household(name, "old2", 12, 2).await;
    let (json, _) = raw_contents(name).await;
    assert!(
        json.contains("Empunala") && json.contains("prog_lpg"),
        "the old shape is plain"
    );

    // Read before the sweep: the two parts come back as one.
    let record = db.load_record("old1").await.unwrap().unwrap();
    assert_eq!(record.content.completed, Some(answers(11)));
    assert_eq!(
        record.content.draft.as_ref().unwrap()["address"],
        Value::Text("Jl. Empunala Gg. 11 Baru".into())
    );
    let outbox = db.outbox().await.unwrap();
    let before: Vec<_> = outbox.iter().map(mutation_of).collect();
    let every_path: OldChanges = rukun_core::form::diff(&Answers::new(), &answers(11));
    assert_eq!(before[0].changes, every_path, "no change lost in reading");
    let summaries = db.summaries(None).await.unwrap();
    assert_eq!(
        db.photo_blob(&format!("{:064x}", 11))
            .await
            .unwrap()
            .map(|_| ()),
        Some(())
    );

    assert_eq!(db.seal_legacy_data().await, Ok(8));
    let mut hidden = secrets(11);
    hidden.extend(secrets(12));
    hidden.push("ditolak".into());
    assert_nothing_plain(name, &hidden).await;

    // The same data, the same mutations for the server, the same photos.
    assert_eq!(db.load_record("old1").await.unwrap(), Some(record));
    assert_eq!(db.summaries(None).await.unwrap(), summaries);
    let after: Vec<_> = db.outbox().await.unwrap().iter().map(mutation_of).collect();
    assert_eq!(after, before);
    assert_eq!((after[0].seq, after[1].seq), (1, 2));
    for n in [11u32, 12] {
        let photo = db.photo_blob(&format!("{n:064x}")).await.unwrap().unwrap();
        assert_eq!(bytes_of(&photo).await, PHOTO);
    }
    assert_eq!(db.photos_to_upload().await.unwrap().len(), 2);
    assert_eq!(db.seal_legacy_data().await, Ok(0), "once is enough");
}
