//! What one unlock costs in headless Chromium (not run by `scripts/test`):
//! the PIN key derivation, Argon2id at 64 MiB for 1-4 passes and the legacy
//! PBKDF2 600k, each the median of a few runs. This is also an attacker's
//! cost per guess on one CPU core (README, "On the phone").
#![cfg(all(target_arch = "wasm32", feature = "bench"))]

use rukun::platform::pin_key::{self, argon2id, Kdf};
use wasm_bindgen_test::*;

mod bench_support;

use bench_support::{now, percentile};

wasm_bindgen_test_configure!(run_in_browser);

const RUNS: usize = 5;

fn wasm_memory_mib() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().into();
    let buffer: js_sys::ArrayBuffer = memory.buffer().into();
    f64::from(buffer.byte_length()) / 1_048_576.0
}

#[wasm_bindgen_test]
async fn bench_argon2id_64_mib() {
    let salt = [7u8; 16];
    for t in 1..=4 {
        let mut samples = Vec::new();
        for _ in 0..RUNS {
            let start = now();
            argon2id(b"123456", &salt, 64 * 1024, t, 1).unwrap();
            samples.push(now() - start);
        }
        let current = Kdf::CURRENT
            == Kdf::Argon2id {
                m_kib: 64 * 1024,
                t,
                p: 1,
            };
        console_log!(
            "BENCH unlock_argon2id m_kib=65536 t={t} p=1 app={current} runs={RUNS} p50_ms={:.0} max_ms={:.0} wasm_memory_mib={:.0}",
            percentile(&mut samples.clone(), 50.0),
            percentile(&mut samples, 100.0),
            wasm_memory_mib(),
        );
    }
}

#[wasm_bindgen_test]
async fn bench_legacy_pbkdf2() {
    let mut samples = Vec::new();
    for _ in 0..RUNS {
        let start = now();
        pin_key::derive("123456", &[7u8; 16], Kdf::legacy())
            .await
            .unwrap();
        samples.push(now() - start);
    }
    console_log!(
        "BENCH unlock_pbkdf2_sha256_legacy iterations=600000 runs={RUNS} p50_ms={:.0}",
        percentile(&mut samples, 50.0)
    );
}
