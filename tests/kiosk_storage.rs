//! The kiosk's sealing and queue in real (headless) Chromium: what the
//! PWA seals with WebCrypto opens with the server's own opener (and only
//! under its receipt); the queue keeps sealed entries until removed.
#![cfg(target_arch = "wasm32")]

use rukun::storage::{KioskQueue, QueuedSubmission, KIOSK_DB};
use rukun_core::form::GpsPoint;
use rukun_core::kiosk::{KioskPayload, KioskPhoto};
use rukun_core::kiosk_seal::{OpenError, ServerKey};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn server_key() -> ServerKey {
    ServerKey::from_secret(&[42; 32]).unwrap()
}

fn flood() -> KioskPayload {
    KioskPayload::Report {
        category: "8".into(),
        rw: 1,
        rt: 2,
        description: "Air setinggi lutut di depan musala".into(),
        contact: Some("0812-1111-2222".into()),
        point: Some(GpsPoint {
            lat: -7.4722,
            lon: 112.4338,
            accuracy: 12.0,
        }),
        photo: Some(KioskPhoto {
            content_type: "image/jpeg".into(),
            data: "/9j/4AAQSkZJRg==".into(),
        }),
    }
}

#[wasm_bindgen_test]
async fn a_webcrypto_seal_opens_with_the_servers_key_only_under_its_receipt() {
    let server = server_key();
    let payload = flood();
    let sealed = rukun::kiosk::seal(&server.public(), "7K3QX9M2PA", &payload)
        .await
        .unwrap();
    let opened = server.open(&sealed).unwrap();
    let back: KioskPayload = serde_json::from_slice(&opened).unwrap();
    assert_eq!(back, payload);
    assert!(!sealed.ciphertext.contains("musala"));

    // Every seal is new (its own ephemeral key and IV).
    let again = rukun::kiosk::seal(&server.public(), "7K3QX9M2PA", &payload)
        .await
        .unwrap();
    assert_ne!((&again.epk, &again.iv), (&sealed.epk, &sealed.iv));

    let mut moved = sealed.clone();
    moved.receipt = "7K3QX9M2PB".into();
    assert_eq!(server.open(&moved), Err(OpenError::Undecryptable));
    let other = ServerKey::from_secret(&[43; 32]).unwrap();
    let mut to_other = sealed;
    to_other.key_id = other.id.clone();
    assert_eq!(other.open(&to_other), Err(OpenError::Undecryptable));
}

#[wasm_bindgen_test]
async fn the_queue_keeps_sealed_entries_until_the_server_has_them() {
    rexie::Rexie::delete(KIOSK_DB).await.unwrap();
    let server = server_key();
    let queue = KioskQueue::open().await.unwrap();
    for (receipt, at) in [("BBBBBBBBBB", 2.0), ("AAAAAAAAAA", 1.0)] {
        let sealed = rukun::kiosk::seal(&server.public(), receipt, &flood())
            .await
            .unwrap();
        queue
            .put(&QueuedSubmission {
                receipt: receipt.into(),
                sealed,
                queued_ms: at,
                refused: None,
            })
            .await
            .unwrap();
    }
    // Opened again, as after a closed tab.
    let queue = KioskQueue::open().await.unwrap();
    let waiting = queue.all().await.unwrap();
    assert_eq!(queue.count().await.unwrap(), 2);
    let receipts: Vec<_> = waiting.iter().map(|e| e.receipt.as_str()).collect();
    assert_eq!(receipts, ["AAAAAAAAAA", "BBBBBBBBBB"], "oldest first");
    assert!(server.open(&waiting[0].sealed).is_ok());

    let mut refused = waiting[1].clone();
    refused.refused = Some("Kunci server sudah berganti".into());
    queue.put(&refused).await.unwrap();
    queue.remove("AAAAAAAAAA").await.unwrap();
    let left = queue.all().await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(queue.count().await.unwrap(), 1);
    assert_eq!(
        left[0].refused.as_deref(),
        Some("Kunci server sudah berganti")
    );
}
