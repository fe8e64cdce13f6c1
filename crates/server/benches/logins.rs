//! Password guessing at scale (not a test): `cargo bench -p rukun-server
//! --bench logins` (also run by `scripts/bench`, which fails when the
//! budget is broken). Starts the release server behind a pretend proxy, so
//! that each of 500 logins sent at once comes from its own address for its
//! own username and none is stopped by the per-address or per-username
//! limits: every one reaches the password-hashing pool. Prints a `BENCH`
//! line with what they got (401 checked, 429 refused), how `/api/health`
//! answered meanwhile, and the server's peak resident memory.
//!
//! Budget (issue 13): the server keeps answering `/api/health` and its
//! peak RSS stays under 128 MiB.

use std::time::{Duration, Instant};

mod support;

use reqwest::{Client, StatusCode};
use serde_json::json;
use support::Server;

const LOGINS: usize = 500;
const BUDGET_MIB: f64 = 128.0;

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start_with(dir.path(), &["--behind-proxy"]);
    server.login("relawan").await; // waits until it answers
    let before = server.memory_mib("VmRSS:");
    let client = Client::builder().pool_max_idle_per_host(0).build().unwrap();

    let started = Instant::now();
    let logins: Vec<_> = (0..LOGINS)
        .map(|i| {
            let (client, url) = (client.clone(), format!("{}/api/auth/login", server.base));
            tokio::spawn(async move {
                client
                    .post(url)
                    .header("x-forwarded-for", format!("10.9.{}.{}", i / 250, i % 250))
                    .json(&json!({ "username": format!("tebak-{i}"), "password": "salah" }))
                    .send()
                    .await
                    .map(|r| r.status())
                    .ok()
            })
        })
        .collect();
    // Meanwhile, the health check, as a load balancer would ask it.
    let mut health_ms = Vec::new();
    let mut peak = before;
    while started.elapsed() < Duration::from_secs(3) {
        let asked = Instant::now();
        let ok = client
            .get(format!("{}/api/health", server.base))
            .timeout(Duration::from_secs(5))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success());
        assert!(ok, "the server stopped answering /api/health");
        health_ms.push(asked.elapsed().as_secs_f64() * 1000.0);
        peak = peak.max(server.memory_mib("VmRSS:"));
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let (mut checked, mut refused, mut other) = (0, 0, 0);
    for login in logins {
        match login.await.unwrap() {
            Some(StatusCode::UNAUTHORIZED) => checked += 1,
            Some(StatusCode::TOO_MANY_REQUESTS) => refused += 1,
            _ => other += 1,
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    health_ms.sort_by(f64::total_cmp);
    let hwm = server.memory_mib("VmHWM:");
    println!(
        "BENCH parallel_logins logins={LOGINS} checked_401={checked} refused_429={refused} other={other} seconds={seconds:.2} health_answers={} health_max_ms={:.1} rss_before_mib={before:.1} rss_peak_sampled_mib={peak:.1} vm_hwm_mib={hwm:.1} budget_mib={BUDGET_MIB}",
        health_ms.len(),
        health_ms.last().copied().unwrap_or(0.0),
    );
    assert_eq!(other, 0, "every login answered 401 or 429");
    assert!(
        hwm < BUDGET_MIB,
        "peak RSS {hwm:.1} MiB is over the {BUDGET_MIB} MiB budget"
    );
}
