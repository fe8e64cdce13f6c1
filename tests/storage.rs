//! The device database in real (headless) Chromium: what is saved comes
//! back, also after the database is closed and opened again.
#![cfg(target_arch = "wasm32")]

use rukun::storage::{CachedRegions, LocalDb};
use rukun_core::fixtures::small_tree as tree;
use rukun_core::{AreaSelection, RegionCode, Rw};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn code(text: &str) -> RegionCode {
    RegionCode::parse(text).unwrap()
}

/// A fresh database for one test.
async fn fresh(name: &str) -> LocalDb {
    rukun::storage::sealed::unlock(&[7; 32]);
    LocalDb::delete(name).await.unwrap();
    LocalDb::open(name).await.unwrap()
}

#[wasm_bindgen_test]
async fn a_new_device_has_no_regions_and_no_area() {
    let db = fresh("rukun-test-empty").await;
    assert_eq!(db.load_regions().await.unwrap(), None);
    assert_eq!(db.load_area().await.unwrap(), None);
}

#[wasm_bindgen_test]
async fn regions_survive_closing_the_database() {
    let name = "rukun-test-regions";
    let cached = CachedRegions {
        tree: tree(),
        saved_at_ms: 1_764_300_000_000.0,
    };
    fresh(name).await.save_regions(&cached).await.unwrap();
    let reopened = LocalDb::open(name).await.unwrap();
    assert_eq!(reopened.load_regions().await.unwrap(), Some(cached));
}

#[wasm_bindgen_test]
async fn the_last_saved_area_wins() {
    let name = "rukun-test-area";
    let db = fresh(name).await;
    let first = AreaSelection {
        kelurahan: code("35.76.02.1010"),
        rw: 1,
        rt: 3,
    };
    let second = AreaSelection {
        kelurahan: code("35.76.02.1010"),
        rw: 2,
        rt: 1,
    };
    db.save_area(&first).await.unwrap();
    db.save_area(&second).await.unwrap();
    assert_eq!(
        LocalDb::open(name)
            .await
            .unwrap()
            .load_area()
            .await
            .unwrap(),
        Some(second)
    );
}

#[wasm_bindgen_test]
async fn a_newer_tree_replaces_the_older_one() {
    let name = "rukun-test-replace";
    let db = fresh(name).await;
    let old = CachedRegions {
        tree: tree(),
        saved_at_ms: 1.0,
    };
    let mut newer_tree = tree();
    newer_tree.kecamatan[0].kelurahan[0].rw.push(Rw {
        number: 3,
        rt: vec![1],
    });
    let newer = CachedRegions {
        tree: newer_tree,
        saved_at_ms: 2.0,
    };
    db.save_regions(&old).await.unwrap();
    db.save_regions(&newer).await.unwrap();
    assert_eq!(db.load_regions().await.unwrap(), Some(newer));
}
