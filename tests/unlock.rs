//! Unlocking in real (headless) Chromium: the Argon2id derivation against
//! the reference implementation's vectors, a profile stored before issue 14
//! (PBKDF2, no `kdf` field) opening with its PIN and moving to Argon2id,
//! wrong tries counted, and the passphrase rule for coordinators.
#![cfg(target_arch = "wasm32")]

use rukun::platform::pin_key::{self, argon2id, Kdf};
use rukun::secret::{SecretKind, SecretProblem};
use rukun::state::unlocking::{self, UnlockError};
use rukun::storage::{sealed, LocalDb};
use rukun_core::account::{Account, Role};
use rukun_core::RegionCode;
use serde::Serialize;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const NOW: f64 = 1_764_300_000_000.0;
const DATA_KEY: [u8; 32] = [42; 32];

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// phc-winner-argon2 `src/test.c`, Argon2id v1.3, "password"/"somesalt",
/// 64 MiB, one lane: the app's memory and lanes.
#[wasm_bindgen_test]
fn argon2id_matches_the_reference_vectors_at_64_mib() {
    for (t, tag) in [
        (
            1,
            "f6a5adc1ba723dddef9b5ac1d464e180fcd9dffc9d1cbf76cca2fed795d9ca98",
        ),
        (
            2,
            "09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7",
        ),
    ] {
        let key = argon2id(b"password", b"somesalt", 65536, t, 1).unwrap();
        assert_eq!(hex(&key), tag, "t={t}");
    }
}

#[wasm_bindgen_test]
fn the_apps_kdf_is_argon2id_with_64_mib_and_one_lane() {
    let Kdf::Argon2id { m_kib, p, t } = Kdf::CURRENT else {
        panic!("not Argon2id");
    };
    assert!(m_kib >= 65536 && p == 1 && t >= 1);
}

/// A profile as the app stored it before issue 14.
#[derive(Serialize)]
struct LegacyProfile {
    account: Account,
    #[serde(with = "serde_bytes")]
    salt: Vec<u8>,
    iterations: u32,
    #[serde(with = "serde_bytes")]
    key_by_pin: Vec<u8>,
    #[serde(with = "serde_bytes")]
    key_by_device_key: Vec<u8>,
    failed_unlocks: u32,
    wait_until_ms: f64,
}

fn account(username: &str, role: Role) -> Account {
    Account {
        username: username.to_owned(),
        role,
        kelurahan: Some(RegionCode::parse("35.76.02.1010").unwrap()),
        rts: Vec::new(),
    }
}

/// A fresh device database holding one old-format profile whose data key
/// is wrapped by PBKDF2-600k of `pin`, written as raw IndexedDB objects.
async fn device_with_legacy(name: &str, username: &str, role: Role, pin: &str) -> LocalDb {
    LocalDb::delete(name).await.unwrap();
    drop(LocalDb::open(name).await.unwrap());
    let salt = vec![9u8; 16];
    let pin_key = pin_key::derive(pin, &salt, Kdf::legacy()).await.unwrap();
    let legacy = LegacyProfile {
        account: account(username, role),
        salt,
        iterations: pin_key::LEGACY_ITERATIONS,
        key_by_pin: sealed::seal_with(&pin_key, &DATA_KEY),
        key_by_device_key: sealed::seal_with(&[1; 32], &DATA_KEY),
        failed_unlocks: 0,
        wait_until_ms: 0.0,
    };
    let value = legacy
        .serialize(
            &serde_wasm_bindgen::Serializer::json_compatible().serialize_bytes_as_arrays(false),
        )
        .unwrap();
    let db = rexie::Rexie::builder(name).build().await.unwrap();
    let tx = db
        .transaction(&["profiles"], rexie::TransactionMode::ReadWrite)
        .unwrap();
    tx.store("profiles")
        .unwrap()
        .put(&value, Some(&JsValue::from_str(username)))
        .await
        .unwrap();
    tx.done().await.unwrap();
    db.close();
    LocalDb::open(name).await.unwrap()
}

#[wasm_bindgen_test]
async fn an_old_profile_reads_as_pbkdf2_with_a_pin() {
    let device =
        device_with_legacy("rukun-test-legacy-read", "siti", Role::Volunteer, "123456").await;
    let profile = device.profiles().await.unwrap().remove(0);
    assert_eq!(
        profile.kdf,
        Kdf::Pbkdf2 {
            iterations: 600_000
        }
    );
    assert_eq!(profile.secret, SecretKind::Pin);
}

#[wasm_bindgen_test]
async fn an_old_profile_opens_with_its_pin_and_moves_to_argon2id() {
    let device = device_with_legacy("rukun-test-migrate", "siti", Role::Volunteer, "123456").await;
    let old = device.profiles().await.unwrap().remove(0);

    let opened = unlocking::open(&device, "siti", "123456", NOW)
        .await
        .unwrap();
    assert_eq!(opened.data_key, DATA_KEY);
    assert!(!opened.needs_passphrase);

    let stored = device.profiles().await.unwrap().remove(0);
    assert_eq!(stored.kdf, Kdf::CURRENT);
    assert_ne!(stored.salt, old.salt, "a fresh salt");
    assert_ne!(stored.key_by_pin, old.key_by_pin);
    assert_eq!(stored.key_by_device_key, old.key_by_device_key);

    // The same PIN opens the same data key through Argon2id now.
    let again = unlocking::open(&device, "siti", "123456", NOW)
        .await
        .unwrap();
    assert_eq!(again.data_key, DATA_KEY);

    // A wrong PIN still fails, is counted, and changes nothing else.
    assert_eq!(
        unlocking::open(&device, "siti", "654321", NOW)
            .await
            .unwrap_err(),
        UnlockError::WrongSecret
    );
    let counted = device.profiles().await.unwrap().remove(0);
    assert_eq!(counted.failed_unlocks, 1);
    assert_eq!(counted.kdf, Kdf::CURRENT);
    assert_eq!(counted.key_by_pin, stored.key_by_pin);
}

#[wasm_bindgen_test]
async fn wrong_pins_on_an_old_profile_count_and_then_wait() {
    let device =
        device_with_legacy("rukun-test-legacy-wrong", "siti", Role::Volunteer, "123456").await;
    for _ in 0..5 {
        assert_eq!(
            unlocking::open(&device, "siti", "000000", NOW)
                .await
                .unwrap_err(),
            UnlockError::WrongSecret
        );
    }
    let profile = device.profiles().await.unwrap().remove(0);
    assert_eq!(profile.failed_unlocks, 5);
    assert_eq!(profile.kdf, Kdf::legacy(), "not migrated by wrong tries");
    assert_eq!(
        unlocking::open(&device, "siti", "123456", NOW + 1000.0)
            .await
            .unwrap_err(),
        UnlockError::Wait(29)
    );
}

#[wasm_bindgen_test]
async fn a_coordinators_old_pin_opens_once_then_a_passphrase_replaces_it() {
    let device = device_with_legacy(
        "rukun-test-coordinator",
        "bu-rt",
        Role::Coordinator,
        "123456",
    )
    .await;
    let opened = unlocking::open(&device, "bu-rt", "123456", NOW)
        .await
        .unwrap();
    assert!(opened.needs_passphrase);
    assert_eq!(opened.data_key, DATA_KEY);

    let mut profile = opened.profile;
    assert_eq!(
        unlocking::wrap(&mut profile, "1234567", SecretKind::Passphrase, &DATA_KEY)
            .await
            .unwrap_err(),
        UnlockError::BadSecret(SecretProblem::TooShort)
    );
    unlocking::wrap(
        &mut profile,
        "kopi tubruk pagi",
        SecretKind::Passphrase,
        &DATA_KEY,
    )
    .await
    .unwrap();
    device.save_profile(&profile).await.unwrap();

    let with_passphrase = unlocking::open(&device, "bu-rt", "kopi tubruk pagi", NOW)
        .await
        .unwrap();
    assert_eq!(with_passphrase.data_key, DATA_KEY);
    assert!(!with_passphrase.needs_passphrase);
    assert_eq!(with_passphrase.profile.secret, SecretKind::Passphrase);
    assert_eq!(
        unlocking::open(&device, "bu-rt", "123456", NOW)
            .await
            .unwrap_err(),
        UnlockError::WrongSecret
    );
}

#[wasm_bindgen_test]
async fn a_volunteer_cannot_wrap_with_a_short_or_lettered_pin() {
    let device = device_with_legacy("rukun-test-pin-rule", "siti", Role::Volunteer, "123456").await;
    let mut profile = device.profiles().await.unwrap().remove(0);
    for bad in ["12345", "12345a"] {
        assert_eq!(
            unlocking::wrap(&mut profile, bad, SecretKind::Pin, &DATA_KEY)
                .await
                .unwrap_err(),
            UnlockError::BadSecret(SecretProblem::NotSixDigits)
        );
    }
}
