//! Benchmark of a kiosk submission on the tablet in headless Chromium (not
//! run by `scripts/test`; `scripts/bench` prints it for BENCHMARKS.md):
//! sealing a report with WebCrypto and committing it to the kiosk queue,
//! without a photo, with a typical photo (300 KB) and with the largest
//! allowed (2 MB). p50 and p95 of 20.
#![cfg(all(target_arch = "wasm32", feature = "bench"))]

use base64::Engine;
use rukun::storage::{KioskQueue, QueuedSubmission, KIOSK_DB};
use rukun_core::kiosk::{receipt_from, KioskPayload, KioskPhoto, MAX_PHOTO_BYTES};
use rukun_core::kiosk_seal::ServerKey;
use wasm_bindgen_test::*;

mod bench_support;

use bench_support::{now, percentile};

wasm_bindgen_test_configure!(run_in_browser);

fn report(photo_bytes: usize) -> KioskPayload {
    let bytes: Vec<u8> = (0..photo_bytes).map(|i| (i * 31 % 251) as u8).collect();
    KioskPayload::Report {
        category: "8".into(),
        rw: 1,
        rt: 2,
        description: "Air setinggi lutut di depan musala setiap hujan deras".into(),
        contact: Some("0812-1111-2222".into()),
        point: None,
        photo: (photo_bytes > 0).then(|| KioskPhoto {
            content_type: "image/jpeg".into(),
            data: base64::engine::general_purpose::STANDARD.encode(bytes),
        }),
    }
}

#[wasm_bindgen_test]
async fn seal_and_queue_a_kiosk_report() {
    rexie::Rexie::delete(KIOSK_DB).await.unwrap();
    let key = ServerKey::from_secret(&[42; 32]).unwrap().public();
    let queue = KioskQueue::open().await.unwrap();
    for (name, photo) in [("none", 0), ("300KB", 300 * 1024), ("2MB", MAX_PHOTO_BYTES)] {
        let payload = report(photo);
        let mut samples = Vec::new();
        for i in 0..20u8 {
            let receipt = receipt_from([i, 1, 2, 3, 4, 5, 6, 7, 8, photo as u8]);
            let start = now();
            let sealed = rukun::kiosk::seal(&key, &receipt, &payload).await.unwrap();
            queue
                .put(&QueuedSubmission {
                    receipt: receipt.clone(),
                    sealed,
                    queued_ms: start,
                    refused: None,
                })
                .await
                .unwrap();
            samples.push(now() - start);
            queue.remove(&receipt).await.unwrap();
        }
        let p50 = percentile(&mut samples, 50.0);
        let p95 = percentile(&mut samples, 95.0);
        console_log!(
            "BENCH kiosk_seal_and_queue photo={name} runs=20 p50_ms={p50:.1} p95_ms={p95:.1}"
        );
    }
}
