//! Records, drafts and the outbox in IndexedDB, in real (headless) Chromium.
#![cfg(target_arch = "wasm32")]

use rukun::records::{complete, deletion, start, summarize, with_draft, working_answers};
use rukun::storage::{LocalDb, MutationOp, RecordStatus, StorageError, StoredPhoto};
use rukun_core::fixtures::household_answers;
use rukun_core::forms::household;
use rukun_core::{AreaSelection, RegionCode};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn fresh(name: &str) -> LocalDb {
    rukun::storage::sealed::unlock(&[7; 32]);
    LocalDb::delete(name).await.unwrap();
    LocalDb::open(name).await.unwrap()
}

fn area(rt: u16) -> AreaSelection {
    AreaSelection {
        kelurahan: RegionCode::parse("35.76.02.1010").unwrap(),
        rw: 1,
        rt,
    }
}

/// A household draft of `members` people saved on `db`.
async fn saved_draft(
    db: &LocalDb,
    id: &str,
    rt: u16,
    members: u32,
) -> rukun::storage::StoredRecord {
    let form = household();
    let record = start(id.into(), &form, &area(rt), 1.0, "2026-11-28");
    let answers = household_answers(1, members);
    let record = with_draft(record, answers.clone(), 2.0);
    db.save_record(&record, &summarize(&record, &form, &answers))
        .await
        .unwrap();
    record
}

async fn completed(
    db: &LocalDb,
    record: rukun::storage::StoredRecord,
) -> Result<rukun::storage::OutboxEntry, StorageError> {
    let form = household();
    let answers = working_answers(&record);
    let (record, entry) = complete(
        record,
        &form,
        &answers,
        &[],
        3.0,
        time::macros::date!(2026 - 11 - 28),
    );
    let summary = summarize(&record, &form, &answers);
    db.complete_record(&record, &summary, entry, "client-a")
        .await
}

#[wasm_bindgen_test]
async fn drafts_survive_closing_the_database() {
    let name = "rukun-test-drafts";
    let draft = saved_draft(&fresh(name).await, "d1", 1, 3).await;
    let reopened = LocalDb::open(name).await.unwrap();
    assert_eq!(reopened.load_record("d1").await.unwrap(), Some(draft));
    let listed = reopened
        .summaries(Some("35.76.02.1010/01/01"))
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].status, RecordStatus::Draft);
    assert!(reopened
        .summaries(Some("35.76.02.1010/01/02"))
        .await
        .unwrap()
        .is_empty());
    assert!(reopened.outbox().await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn completing_writes_the_record_and_its_outbox_entry_with_gapless_numbers() {
    let db = fresh("rukun-test-complete").await;
    let first = completed(&db, saved_draft(&db, "c1", 1, 8).await)
        .await
        .unwrap();
    let second = completed(&db, saved_draft(&db, "c2", 1, 2).await)
        .await
        .unwrap();
    assert_eq!((first.seq, second.seq), (1, 2));
    assert_eq!(first.client_id, "client-a");
    let outbox = db.outbox().await.unwrap();
    assert_eq!(outbox, vec![first, second]);
    let stored = db.load_record("c1").await.unwrap().unwrap();
    assert_eq!(stored.status, RecordStatus::Ready);
    assert!(stored.content.draft.is_none());
    assert!(stored
        .content
        .completed
        .unwrap()
        .contains_key("members/m7/nik"));
}

#[wasm_bindgen_test]
async fn a_failed_outbox_write_leaves_the_record_a_draft() {
    let name = "rukun-test-atomic";
    let db = fresh(name).await;
    let draft = saved_draft(&db, "a1", 1, 3).await;
    // Occupy sequence number 1, as a corrupted counter would: the outbox
    // `add` then fails, and the record write in the same transaction must
    // not survive it.
    let raw = rexie::Rexie::builder(name).build().await.unwrap();
    let tx = raw
        .transaction(&["outbox"], rexie::TransactionMode::ReadWrite)
        .unwrap();
    let squatter = js_sys::JSON::parse(r#"{"seq":1,"note":"already here"}"#).unwrap();
    tx.store("outbox")
        .unwrap()
        .add(&squatter, None)
        .await
        .unwrap();
    tx.done().await.unwrap();
    raw.close();

    assert!(completed(&db, draft.clone()).await.is_err());
    assert_eq!(db.load_record("a1").await.unwrap(), Some(draft.clone()));
    let summary = &db.summaries(None).await.unwrap()[0];
    assert_eq!(summary.status, RecordStatus::Draft);

    // Nor did the counter move: once the slot is free, the same draft
    // completes as number 1.
    let raw = rexie::Rexie::builder(name).build().await.unwrap();
    let tx = raw
        .transaction(&["outbox"], rexie::TransactionMode::ReadWrite)
        .unwrap();
    tx.store("outbox")
        .unwrap()
        .delete(JsValue::from_f64(1.0))
        .await
        .unwrap();
    tx.done().await.unwrap();
    raw.close();
    assert_eq!(completed(&db, draft).await.unwrap().seq, 1);
    assert_eq!(
        db.load_record("a1").await.unwrap().unwrap().status,
        RecordStatus::Ready
    );
}

#[wasm_bindgen_test]
async fn deleting_a_draft_removes_it_and_its_photos() {
    let db = fresh("rukun-test-discard").await;
    let draft = saved_draft(&db, "x1", 1, 1).await;
    let blob =
        web_sys::Blob::new_with_str_sequence(&js_sys::Array::of1(&JsValue::from_str("jpeg")))
            .unwrap();
    let photo = StoredPhoto {
        sha256: "ab".repeat(32),
        record_id: "x1".into(),
        blob,
        created_ms: 1.0,
    };
    db.save_photo(&photo).await.unwrap();
    assert!(db.photo_blob(&photo.sha256).await.unwrap().is_some());
    db.delete_record("x1", deletion(&draft, 5.0), 5.0)
        .await
        .unwrap();
    assert_eq!(db.load_record("x1").await.unwrap(), None);
    assert!(db.photo_blob(&photo.sha256).await.unwrap().is_none());
    assert!(db.outbox().await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn deleting_a_completed_record_leaves_a_tombstone_for_the_sync() {
    let db = fresh("rukun-test-tombstone").await;
    let draft = saved_draft(&db, "t1", 1, 2).await;
    completed(&db, draft.clone()).await.unwrap();
    db.delete_record("t1", deletion(&draft, 9.0), 9.0)
        .await
        .unwrap();
    let tombstone = db.load_record("t1").await.unwrap().unwrap();
    assert_eq!(tombstone.status, RecordStatus::Deleted);
    assert_eq!(
        tombstone.content,
        Default::default(),
        "no answer is kept in a tombstone"
    );
    assert!(db.summaries(None).await.unwrap().is_empty());
    let outbox = db.outbox().await.unwrap();
    assert_eq!(outbox.len(), 2);
    assert_eq!((outbox[1].seq, outbox[1].op), (2, MutationOp::Delete));
}

#[wasm_bindgen_test]
async fn the_newest_summaries_of_an_rt_come_first() {
    let db = fresh("rukun-test-newest").await;
    let form = household();
    for (n, rt) in [(1, 1), (2, 2), (3, 1), (4, 1)] {
        let answers = household_answers(n, 1);
        let record = with_draft(
            start(format!("n{n}"), &form, &area(rt), 1.0, "2026-11-28"),
            answers.clone(),
            f64::from(n),
        );
        db.save_record(&record, &summarize(&record, &form, &answers))
            .await
            .unwrap();
    }
    let newest = db.newest_summaries("35.76.02.1010/01/01", 2).await.unwrap();
    assert_eq!(
        newest.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        ["n4", "n3"]
    );
    assert_eq!(
        db.newest_summaries("35.76.02.1010/01/02", 50)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(db
        .newest_summaries("35.76.02.1010/01/03", 50)
        .await
        .unwrap()
        .is_empty());
}

#[wasm_bindgen_test]
async fn photos_wait_for_upload_and_keep_the_servers_refusal() {
    let db = fresh("rukun-test-uploads").await;
    let blob =
        web_sys::Blob::new_with_str_sequence(&js_sys::Array::of1(&JsValue::from_str("jpeg")))
            .unwrap();
    for sha in ["aa", "bb"] {
        let photo = StoredPhoto {
            sha256: sha.repeat(32),
            record_id: "r1".into(),
            blob: blob.clone(),
            created_ms: 1.0,
        };
        db.save_photo(&photo).await.unwrap();
    }
    let waiting: Vec<String> = db
        .photos_to_upload()
        .await
        .unwrap()
        .into_iter()
        .map(|(sha, record, _)| {
            assert_eq!(record, "r1");
            sha
        })
        .collect();
    assert_eq!(waiting, ["aa".repeat(32), "bb".repeat(32)]);
    assert!(db.photo_problems().await.unwrap().is_empty());
    db.note_photo_upload(&"bb".repeat(32), Err((413, "too large".into())))
        .await
        .unwrap();
    db.note_photo_upload(&"aa".repeat(32), Ok(()))
        .await
        .unwrap();
    let waiting = db.photos_to_upload().await.unwrap();
    assert_eq!(waiting.len(), 1, "a refused photo is tried again");
    assert_eq!(waiting[0].0, "bb".repeat(32));
    assert_eq!(
        db.photo_problems().await.unwrap(),
        [rukun::storage::PhotoProblem {
            record_id: "r1".into(),
            status: 413,
            message: "too large".into()
        }]
    );
    db.note_photo_upload(&"bb".repeat(32), Ok(()))
        .await
        .unwrap();
    assert!(db.photo_problems().await.unwrap().is_empty());
}

/// The stored object of `id` in `store`, as the browser holds it (JSON).
async fn raw_json(name: &str, store: &str, key: JsValue) -> String {
    let db = rexie::Rexie::builder(name).build().await.unwrap();
    let tx = db
        .transaction(&[store], rexie::TransactionMode::ReadOnly)
        .unwrap();
    let value = tx.store(store).unwrap().get(key).await.unwrap().unwrap();
    let json = js_sys::JSON::stringify(&value)
        .unwrap()
        .as_string()
        .unwrap();
    db.close();
    json
}

#[wasm_bindgen_test]
async fn answers_are_sealed_at_rest_and_need_the_key() {
    let name = "rukun-test-sealed";
    let db = fresh(name).await;
    let record = saved_draft(&db, "s1", 1, 2).await;
    completed(&db, record).await.unwrap();
    let stored = raw_json(name, "records", "s1".into()).await;
    assert!(stored.contains("\"s1\""), "ids stay plain");
    for personal in [
        "Kepala Keluarga 1",
        "Anggota 1-1",
        "head_name",
        "no_kk",
        "house_number",
        "Empunala",
    ] {
        assert!(
            !stored.contains(personal),
            "{personal} readable in {stored}"
        );
    }
    let summary = raw_json(name, "summaries", "s1".into()).await;
    assert!(!summary.contains("Kepala Keluarga 1") && !summary.contains("Empunala"));
    let outbox = db.outbox().await.unwrap();
    let entry = raw_json(name, "outbox", JsValue::from_f64(1.0)).await;
    assert!(outbox[0].changes.contains_key("head_name"));
    assert!(!entry.contains("Kepala Keluarga 1") && !entry.contains("head_name"));
    assert!(!entry.contains("house_number"));

    // Another key cannot open it; a locked app neither reads nor writes.
    rukun::storage::sealed::unlock(&[8; 32]);
    assert!(matches!(
        db.load_record("s1").await,
        Err(StorageError::Decode(_))
    ));
    rukun::storage::sealed::lock();
    assert!(db.load_record("s1").await.is_err());
    assert!(saved_draft_result(&db, "s2").await.is_err());
    rukun::storage::sealed::unlock(&[7; 32]);
    assert!(db.load_record("s2").await.unwrap().is_none());
    assert_eq!(
        db.load_record("s1")
            .await
            .unwrap()
            .unwrap()
            .content
            .completed
            .unwrap()["head_name"],
        rukun_core::form::Value::Text("Kepala Keluarga 1".into())
    );
}

async fn saved_draft_result(db: &LocalDb, id: &str) -> Result<(), StorageError> {
    let form = household();
    let record = start(id.into(), &form, &area(1), 1.0, "2026-11-28");
    let answers = household_answers(2, 1);
    let record = with_draft(record, answers.clone(), 2.0);
    db.save_record(&record, &summarize(&record, &form, &answers))
        .await
}
