//! The device side of sync in IndexedDB, in headless Chromium: what a push
//! answer and a pulled page do to records, summaries, outbox and cursor.
#![cfg(target_arch = "wasm32")]

use rukun::records::{complete, from_server, start, summarize, with_draft, working_answers};
use rukun::storage::{LocalDb, RecordStatus, StorageError, StoredPhoto};
use rukun_core::fixtures::household_answers;
use rukun_core::form::Value;
use rukun_core::forms::household;
use rukun_core::sync::{MutationResult, Outcome, PushResponse, RecordState};
use rukun_core::{AreaSelection, RegionCode};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const TODAY: time::Date = time::macros::date!(2026 - 11 - 28);

async fn fresh(name: &str) -> LocalDb {
    rukun::storage::sealed::unlock(&[7; 32]);
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

/// Completes household `id` on the device; returns its outbox sequence number.
async fn completed(db: &LocalDb, id: &str, n: u32) -> u64 {
    let form = household();
    let answers = household_answers(n, 2);
    let record = with_draft(
        start(id.into(), &form, &area(), 1.0, "2026-11-28"),
        answers.clone(),
        2.0,
    );
    db.save_record(&record, &summarize(&record, &form, &answers))
        .await
        .unwrap();
    let (record, entry) = complete(record, &form, &answers, &[], 3.0, TODAY);
    let summary = summarize(&record, &form, &answers);
    db.complete_record(&record, &summary, entry, "phone")
        .await
        .unwrap()
        .seq
}

/// Completes household `id` (already completed once) again with other
/// answers; returns the new change's sequence number.
async fn completed_again(db: &LocalDb, id: &str, n: u32) -> u64 {
    let form = household();
    let answers = household_answers(n, 2);
    let record = db.load_record(id).await.unwrap().unwrap();
    let (record, entry) = complete(record, &form, &answers, &[], 4.0, TODAY);
    let summary = summarize(&record, &form, &answers);
    db.complete_record(&record, &summary, entry, "phone")
        .await
        .unwrap()
        .seq
}

fn applied(seq: u64, version: u64) -> MutationResult {
    MutationResult {
        seq,
        outcome: Outcome::Applied { version },
    }
}

fn server_copy(id: &str, version: u64, n: u32) -> RecordState {
    RecordState {
        change_seq: version,
        record_id: id.into(),
        form_id: "household".into(),
        form_version: 1,
        area: area().key(),
        version,
        deleted: false,
        erased: false,
        answers: household_answers(n, 2),
        review_state: Default::default(),
        review: None,
    }
}

#[wasm_bindgen_test]
async fn a_push_answer_clears_the_outbox_and_marks_each_record() {
    let db = fresh("rukun-test-push").await;
    let (a, b, c) = (
        completed(&db, "a", 1).await,
        completed(&db, "b", 2).await,
        completed(&db, "c", 3).await,
    );
    let response = PushResponse {
        last_seq: b,
        results: vec![
            MutationResult {
                seq: a,
                outcome: Outcome::Applied { version: 1 },
            },
            MutationResult {
                seq: b,
                outcome: Outcome::Rejected {
                    reason: rukun_core::form::Text::new("NIK salah", "Wrong NIK"),
                },
            },
        ],
    };
    let sent = db.outbox_batch(0, 2).await.unwrap();
    assert_eq!(sent.iter().map(|e| e.seq).collect::<Vec<_>>(), [a, b]);
    assert_eq!(db.outbox_len().await.unwrap(), 3);
    db.apply_push(&response, &sent).await.unwrap();
    assert_eq!(db.outbox_len().await.unwrap(), 1);
    assert_eq!(
        db.outbox()
            .await
            .unwrap()
            .iter()
            .map(|e| e.seq)
            .collect::<Vec<_>>(),
        [c]
    );
    let first = db.load_record("a").await.unwrap().unwrap();
    assert_eq!(
        (first.status, first.server_version),
        (RecordStatus::Sent, 1)
    );
    let second = db.load_record("b").await.unwrap().unwrap();
    assert_eq!(
        (second.status, second.content.sync_note.map(|n| n.en)),
        (RecordStatus::Rejected, Some("Wrong NIK".to_owned()))
    );
    assert_eq!(
        db.load_record("c").await.unwrap().unwrap().status,
        RecordStatus::Ready
    );
    let summaries = db.summaries(None).await.unwrap();
    let b_summary = summaries.iter().find(|s| s.id == "b").unwrap();
    assert_eq!(b_summary.status, RecordStatus::Rejected);
}

#[wasm_bindgen_test]
async fn a_pulled_page_never_overwrites_changes_still_waiting() {
    let db = fresh("rukun-test-pull").await;
    completed(&db, "mine", 1).await;
    let form = household();
    let mut theirs = server_copy("theirs", 2, 7);
    theirs
        .answers
        .insert("house_number".into(), Value::Text("99".into()));
    let page = vec![
        from_server(server_copy("mine", 5, 9), Some(&form), 10.0),
        from_server(theirs, Some(&form), 10.0),
    ];
    db.apply_pull(page, &[], &[], 42).await.unwrap();
    assert_eq!(db.pull_cursor().await.unwrap(), 42);
    let mine = db.load_record("mine").await.unwrap().unwrap();
    assert_eq!(
        mine.server_version, 0,
        "still waiting in the outbox: left alone"
    );
    assert_eq!(working_answers(&mine), household_answers(1, 2));
    let theirs = db.load_record("theirs").await.unwrap().unwrap();
    assert_eq!(
        (theirs.status, theirs.server_version),
        (RecordStatus::Sent, 2)
    );
    assert_eq!(
        working_answers(&theirs)["house_number"],
        Value::Text("99".into())
    );

    // An older copy arriving late (a replayed page) changes nothing.
    db.apply_pull(
        vec![from_server(server_copy("theirs", 1, 8), Some(&form), 11.0)],
        &[],
        &[],
        42,
    )
    .await
    .unwrap();
    assert_eq!(
        db.load_record("theirs")
            .await
            .unwrap()
            .unwrap()
            .server_version,
        2
    );
    // A deletion leaves a tombstone and takes the record off the list.
    let mut gone = server_copy("theirs", 3, 7);
    gone.deleted = true;
    gone.answers.clear();
    db.apply_pull(vec![from_server(gone, Some(&form), 12.0)], &[], &[], 43)
        .await
        .unwrap();
    assert_eq!(
        db.load_record("theirs").await.unwrap().unwrap().status,
        RecordStatus::Deleted
    );
    assert!(db
        .summaries(None)
        .await
        .unwrap()
        .iter()
        .all(|s| s.id != "theirs"));
}

#[wasm_bindgen_test]
async fn a_record_of_a_version_the_app_cannot_read_is_kept_and_listed() {
    let db = fresh("rukun-test-pull-unknown-version").await;
    let mut newer = server_copy("newer", 1, 7);
    newer.form_version = 9;
    db.apply_pull(
        vec![from_server(newer, None, 10.0)],
        &["newer".to_owned()],
        &[],
        50,
    )
    .await
    .unwrap();
    assert_eq!(db.pull_cursor().await.unwrap(), 50);
    let stored = db.load_record("newer").await.unwrap().unwrap();
    assert_eq!(
        (stored.form_version, stored.status),
        (9, RecordStatus::Sent)
    );
    assert_eq!(working_answers(&stored), household_answers(7, 2));
    let summaries = db.summaries(None).await.unwrap();
    let summary = summaries.iter().find(|s| s.id == "newer").unwrap();
    assert_eq!(summary.text.title.id, "Formulir household versi 9");
    assert_eq!(db.unrendered_records().await.unwrap(), ["newer"]);
    db.forget_unrendered(&["newer".to_owned()]).await.unwrap();
    assert!(db.unrendered_records().await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn an_erased_household_leaves_nothing_on_the_device() {
    let db = fresh("rukun-test-pull-erased").await;
    // Completed here, with a photo, and changed again (a draft) before the
    // pull brings the resident's erasure; another household stays.
    let seq = completed(&db, "erased", 1).await;
    completed(&db, "kept", 2).await;
    let blob =
        web_sys::Blob::new_with_str_sequence(&js_sys::Array::of1(&JsValue::from_str("jpeg")))
            .unwrap();
    let photo = StoredPhoto {
        sha256: "cd".repeat(32),
        record_id: "erased".into(),
        blob,
        created_ms: 1.0,
    };
    db.save_photo(&photo).await.unwrap();
    let form = household();
    let mine = db.load_record("erased").await.unwrap().unwrap();
    let drafted = with_draft(mine, household_answers(3, 2), 4.0);
    db.save_record(
        &drafted,
        &summarize(&drafted, &form, &household_answers(3, 2)),
    )
    .await
    .unwrap();

    let mut gone = server_copy("erased", 2, 1);
    (gone.deleted, gone.erased) = (true, true);
    gone.answers.clear();
    db.apply_pull(
        vec![from_server(gone, Some(&form), 12.0)],
        &[],
        &["erased".to_owned()],
        60,
    )
    .await
    .unwrap();

    assert_eq!(db.load_record("erased").await.unwrap(), None);
    assert!(db.photo_blob(&photo.sha256).await.unwrap().is_none());
    let summaries = db.summaries(None).await.unwrap();
    assert_eq!(
        summaries.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        ["kept"]
    );
    // Its queued change keeps its number (no gap for the server) and no answer.
    let outbox = db.outbox().await.unwrap();
    let entry = outbox.iter().find(|e| e.seq == seq).unwrap();
    assert_eq!(entry.record_id, "erased");
    assert!(entry.changes.is_empty());
    let other = outbox.iter().find(|e| e.record_id == "kept").unwrap();
    assert!(!other.changes.is_empty());
    assert_eq!(db.pull_cursor().await.unwrap(), 60);

    // The form still open on it cannot bring it back: its next draft save
    // and its completion are refused, and nothing is written.
    let summary = summarize(&drafted, &form, &household_answers(3, 2));
    assert_eq!(
        db.save_draft(&drafted, &summary).await,
        Err(StorageError::Gone)
    );
    let (done, entry) = complete(drafted, &form, &household_answers(3, 2), &[], 5.0, TODAY);
    assert_eq!(
        db.complete_record(&done, &summary, entry, "phone")
            .await
            .map(|_| ()),
        Err(StorageError::Gone)
    );
    assert_eq!(db.load_record("erased").await.unwrap(), None);
    assert_eq!(db.outbox().await.unwrap().len(), outbox.len());
}

#[wasm_bindgen_test]
async fn a_sent_record_keeps_its_answers_and_drops_an_old_note() {
    let db = fresh("rukun-test-sent").await;
    let first = completed(&db, "r", 1).await;
    let rejected = PushResponse {
        last_seq: first,
        results: vec![MutationResult {
            seq: first,
            outcome: Outcome::Rejected {
                reason: rukun_core::form::Text::new("NIK salah", "Wrong NIK"),
            },
        }],
    };
    let sent = db.outbox_batch(0, 200).await.unwrap();
    db.apply_push(&rejected, &sent).await.unwrap();
    let again = completed_again(&db, "r", 3).await;
    let quiet = completed(&db, "s", 2).await;
    let before = (
        db.load_record("r").await.unwrap().unwrap(),
        db.load_record("s").await.unwrap().unwrap(),
    );
    let answer = PushResponse {
        last_seq: quiet,
        results: vec![applied(again, 3), applied(quiet, 1)],
    };
    let sent = db.outbox_batch(0, 200).await.unwrap();
    db.apply_push(&answer, &sent).await.unwrap();

    // The noted record was opened to drop its note; the other one changed
    // state without being opened, and both read back whole.
    let r = db.load_record("r").await.unwrap().unwrap();
    assert_eq!(
        (r.status, r.server_version, r.content.sync_note.clone()),
        (RecordStatus::Sent, 3, None)
    );
    assert_eq!(r.content.completed, before.0.content.completed);
    let s = db.load_record("s").await.unwrap().unwrap();
    assert_eq!((s.status, s.server_version), (RecordStatus::Sent, 1));
    assert_eq!(s.content, before.1.content);
    let summaries = db.summaries(None).await.unwrap();
    for id in ["r", "s"] {
        let summary = summaries.iter().find(|x| x.id == id).unwrap();
        assert_eq!(
            (summary.status, summary.text.sync_note.clone()),
            (RecordStatus::Sent, None)
        );
        assert!(!summary.text.title.id.is_empty());
    }
    assert_eq!(db.outbox_len().await.unwrap(), 0);
}

#[wasm_bindgen_test]
async fn a_record_with_a_newer_change_waiting_stays_ready() {
    let db = fresh("rukun-test-waiting").await;
    let first = completed(&db, "w", 1).await;
    let other = completed(&db, "x", 2).await;
    let newer = completed_again(&db, "w", 3).await;
    let sent = db.outbox_batch(0, 2).await.unwrap();
    let answer = PushResponse {
        last_seq: other,
        results: vec![applied(first, 1), applied(other, 1)],
    };
    db.apply_push(&answer, &sent).await.unwrap();
    let w = db.load_record("w").await.unwrap().unwrap();
    assert_eq!((w.status, w.server_version), (RecordStatus::Ready, 0));
    let x = db.load_record("x").await.unwrap().unwrap();
    assert_eq!(x.status, RecordStatus::Sent);
    let waiting: Vec<u64> = db.outbox().await.unwrap().iter().map(|e| e.seq).collect();
    assert_eq!(waiting, [newer]);
}
