//! Benchmarks of the device storage in headless Chromium (not run by
//! `scripts/test`): `scripts/bench` runs them and prints the numbers that
//! BENCHMARKS.md records.
//!
//! - completing a household of 8 members (validate, build the change, write
//!   record + summary + outbox entry in one transaction): p50 and p95;
//! - reading the list data of an RT holding 5,000 households, and searching it;
//! - the list's first screen after unlock, 5,000 households in the RT;
//! - bytes stored per household.
#![cfg(all(target_arch = "wasm32", feature = "bench"))]

use std::collections::BTreeSet;

use rukun::records::{complete, start, summarize, with_draft, LIST_PAGE};
use rukun::storage::{LocalDb, RecordStatus, StoredRecord};
use rukun_core::fixtures::household_answers;
use rukun_core::form::{validate, Context};
use rukun_core::forms::household;
use rukun_core::{AreaSelection, RegionCode};
use wasm_bindgen_test::*;

mod bench_support;

use bench_support::{now, percentile};

wasm_bindgen_test_configure!(run_in_browser);

const TODAY: time::Date = time::macros::date!(2026 - 11 - 28);
const AREA: &str = "35.76.02.1010/01/01";

fn area() -> AreaSelection {
    AreaSelection {
        kelurahan: RegionCode::parse("35.76.02.1010").unwrap(),
        rw: 1,
        rt: 1,
    }
}

fn draft(n: u32, members: u32) -> StoredRecord {
    let form = household();
    let record = start(format!("bench-{n:05}"), &form, &area(), 1.0, "2026-11-28");
    with_draft(record, household_answers(n, members), 2.0)
}

fn json_bytes(value: &impl serde::Serialize) -> usize {
    let js = value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap();
    js_sys::JSON::stringify(&js).unwrap().length() as usize
}

async fn usage() -> f64 {
    rukun::platform::quota::estimate()
        .await
        .map(|(used, _)| used)
        .unwrap_or(0.0)
}

#[wasm_bindgen_test]
async fn bench_completing_a_household_of_8() {
    let name = "rukun-bench-complete";
    LocalDb::delete(name).await.unwrap();
    rukun::storage::sealed::unlock(&[7; 32]);
    let db = LocalDb::open(name).await.unwrap();
    let form = household();
    let no_niks = BTreeSet::new();
    let mut samples = Vec::new();
    for n in 0..300 {
        let record = draft(n, 8);
        let answers = household_answers(n, 8);
        // Started (and saved) as the app does, before the timed completion.
        db.save_record(&record, &summarize(&record, &form, &answers))
            .await
            .unwrap();
        let start = now();
        let issues = validate(
            &form,
            &answers,
            &Context {
                today: TODAY,
                other_niks: &no_niks,
            },
        );
        let (record, entry) = complete(record, &form, &answers, &issues, 3.0, TODAY);
        let summary = summarize(&record, &form, &answers);
        db.complete_record(&record, &summary, entry, "bench")
            .await
            .unwrap();
        samples.push(now() - start);
    }
    let warm = &mut samples[20..].to_vec();
    console_log!(
        "BENCH complete_household_8_members runs={} p50_ms={:.2} p95_ms={:.2} max_ms={:.2}",
        warm.len(),
        percentile(warm, 50.0),
        percentile(warm, 95.0),
        percentile(warm, 100.0)
    );
    let record = db.load_record("bench-00001").await.unwrap().unwrap();
    let summary = &db.summaries(Some(AREA)).await.unwrap()[1];
    let entry = &db.outbox().await.unwrap()[1];
    console_log!(
        "BENCH bytes_per_household_8_members record_json={} summary_json={} outbox_json={}",
        json_bytes(&record),
        json_bytes(summary),
        json_bytes(entry)
    );
}

#[wasm_bindgen_test]
async fn bench_listing_5000_households() {
    let name = "rukun-bench-list";
    LocalDb::delete(name).await.unwrap();
    let before = usage().await;
    rukun::storage::sealed::unlock(&[7; 32]);
    let db = LocalDb::open(name).await.unwrap();
    let form = household();
    for n in 0..5000 {
        let members = 1 + n % 8;
        let answers = household_answers(n, members);
        let (record, _) = complete(draft(n, members), &form, &answers, &[], 3.0, TODAY);
        db.save_record(&record, &summarize(&record, &form, &answers))
            .await
            .unwrap();
    }
    let after = usage().await;
    console_log!(
        "BENCH storage_5000_households usage_bytes={:.0} per_household_bytes={:.0}",
        after - before,
        (after - before) / 5000.0
    );
    // From an unlocked profile to the list's first screen: the key set, the
    // profile's database opened, the newest page's summaries read and opened
    // (what `pages/records.rs` waits for before it shows anything).
    let mut after_unlock = Vec::new();
    for _ in 0..30 {
        rukun::storage::sealed::lock();
        let start = now();
        rukun::storage::sealed::unlock(&[7; 32]);
        let db = LocalDb::open(name).await.unwrap();
        let page = db.newest_summaries(AREA, LIST_PAGE as u32).await.unwrap();
        after_unlock.push(now() - start);
        assert_eq!(page.len(), LIST_PAGE);
        assert!(page.iter().all(|s| !s.text.title.id.is_empty()));
    }
    console_log!(
        "BENCH list_first_screen_after_unlock_5000 runs=30 page={LIST_PAGE} p50_ms={:.1} p95_ms={:.1} max_ms={:.1}",
        percentile(&mut after_unlock, 50.0),
        percentile(&mut after_unlock, 95.0),
        percentile(&mut after_unlock, 100.0)
    );
    let mut first_page = Vec::new();
    let mut load = Vec::new();
    let mut search = Vec::new();
    for run in 0..15 {
        let start = now();
        let db = LocalDb::open(name).await.unwrap();
        assert_eq!(db.newest_summaries(AREA, 50).await.unwrap().len(), 50);
        first_page.push(now() - start);
        let start = now();
        let mut list = db.summaries(Some(AREA)).await.unwrap();
        list.retain(|s| s.status != RecordStatus::Deleted);
        list.sort_by(|a, b| b.updated_ms.total_cmp(&a.updated_ms));
        load.push(now() - start);
        assert_eq!(list.len(), 5000);
        let query = format!("keluarga {}", 4000 + run);
        let start = now();
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        let found = list
            .iter()
            .filter(|s| words.iter().all(|w| s.text.search.contains(w.as_str())))
            .count();
        search.push(now() - start);
        assert!(found >= 1);
    }
    console_log!(
        "BENCH list_data_5000 runs=15 first_50_p50_ms={:.1} first_50_p95_ms={:.1} all_p50_ms={:.1} all_p95_ms={:.1} search_p50_ms={:.2} search_p95_ms={:.2}",
        percentile(&mut first_page, 50.0),
        percentile(&mut first_page, 95.0),
        percentile(&mut load, 50.0),
        percentile(&mut load, 95.0),
        percentile(&mut search, 50.0),
        percentile(&mut search, 95.0)
    );
}
