//! Server benchmarks (not tests): `cargo bench -p rukun-server --bench sync`
//! (also run by `scripts/bench`). Starts the release server binary on a
//! free port with a fresh data directory and prints `BENCH` lines:
//!
//! - ingest: households pushed over HTTP by 4 devices at once, batches of
//!   200 (`RUKUN_BENCH_BATCH`);
//! - the ceiling: the rows that ingest stored, written again by a plain
//!   loop straight into SQLite, and the ratio;
//! - a fresh device pulling 5,000 records;
//! - the server's resident memory while 100 devices push and pull at once.

use std::time::{Duration, Instant};

mod support;

use reqwest::Client;
use rukun_core::fixtures::household_answers;
use rukun_core::sync::{Mutation, Op, PullResponse, PushRequest, PushResponse, PROTOCOL_VERSION};
use support::Server;

const RT1: &str = "35.76.02.1010/01/01";
const DEVICES: u64 = 4;
const PER_DEVICE: u64 = 1250;
/// Mutations per push: 200, as phones send them since issue 17 (50 before;
/// `RUKUN_BENCH_BATCH=50` to compare).
fn batch() -> u64 {
    std::env::var("RUKUN_BENCH_BATCH")
        .ok()
        .and_then(|b| b.parse().ok())
        .unwrap_or(200)
}

fn mutation(device: u64, seq: u64) -> Mutation {
    Mutation {
        seq,
        record_id: format!("d{device}-r{seq:05}"),
        form_id: "household".into(),
        form_version: 1,
        area: RT1.into(),
        base_version: 0,
        op: Op::Upsert,
        changes: household_answers((device * 10_000 + seq) as u32, 4)
            .into_iter()
            .map(|(k, v)| (k, Some(v)))
            .collect(),
    }
}

async fn push_all(client: Client, base: String, token: String, device: u64, count: u64) {
    let mut seq = 1;
    while seq <= count {
        let mutations = (seq..(seq + batch()).min(count + 1))
            .map(|s| mutation(device, s))
            .collect();
        let request = PushRequest {
            protocol: PROTOCOL_VERSION,
            client_id: format!("bench-{device}"),
            mutations,
        };
        let response: PushResponse = answer(
            client
                .post(format!("{base}/api/sync/push"))
                .bearer_auth(&token)
                .json(&request)
                .send()
                .await
                .unwrap(),
        )
        .await;
        seq = response.last_seq + 1;
    }
}

/// The JSON of a successful answer; anything else fails the run with what
/// the server said.
async fn answer<T: serde::de::DeserializeOwned>(response: reqwest::Response) -> T {
    let status = response.status();
    let body = response.text().await.unwrap();
    assert!(status.is_success(), "{status}: {body}");
    serde_json::from_str(&body).unwrap()
}

async fn pull_all(client: &Client, base: &str, token: &str) -> usize {
    let (mut cursor, mut count) = (0, 0);
    loop {
        let page: PullResponse = answer(
            client
                .get(format!("{base}/api/sync/pull?protocol=1&cursor={cursor}"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap(),
        )
        .await;
        count += page.records.len();
        cursor = page.next_cursor;
        if !page.has_more {
            return count;
        }
    }
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path());
    let token = server.login("relawan").await;
    let client = Client::new();
    let started = Instant::now();
    let tasks: Vec<_> = (0..DEVICES)
        .map(|d| {
            tokio::spawn(push_all(
                client.clone(),
                server.base.clone(),
                token.clone(),
                d,
                PER_DEVICE,
            ))
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let seconds = started.elapsed().as_secs_f64();
    let total = DEVICES * PER_DEVICE;
    println!(
        "BENCH server_ingest households={total} devices={DEVICES} batch={} seconds={seconds:.2} mutations_per_s={:.0} cores={}",
        batch(),
        total as f64 / seconds,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let (plain_loop, sqlite_alone) =
        support::ceiling::households_per_s(&dir.path().join("rukun.db"), total, batch()).await;
    println!(
        "BENCH sqlite_ceiling households={total} batch={} plain_loop_per_s={plain_loop:.0} sqlite_alone_per_s={sqlite_alone:.0} server_vs_loop={:.2} server_vs_sqlite={:.2}",
        batch(),
        total as f64 / seconds / plain_loop,
        total as f64 / seconds / sqlite_alone
    );

    let started = Instant::now();
    let pulled = pull_all(&client, &server.base, &token).await;
    println!(
        "BENCH fresh_device_pull records={pulled} seconds={:.2}",
        started.elapsed().as_secs_f64()
    );

    // 100 devices syncing at once: each pushes 100 households and pulls everything.
    let before = server.memory_mib("VmRSS:");
    let tasks: Vec<_> = (0..100)
        .map(|d| {
            let (client, base, token) = (Client::new(), server.base.clone(), token.clone());
            tokio::spawn(async move {
                push_all(client.clone(), base.clone(), token.clone(), 100 + d, 100).await;
                pull_all(&client, &base, &token).await
            })
        })
        .collect();
    // The peak, and what it is made of at that moment: the heap and other
    // anonymous memory, or file pages (the binary, SQLite's files).
    let (mut peak, mut anon, mut file) = (0.0f64, 0.0, 0.0);
    let mut finished = 0;
    for task in tasks {
        while !task.is_finished() {
            let rss = server.memory_mib("VmRSS:");
            if rss > peak {
                (peak, anon, file) = (
                    rss,
                    server.memory_mib("RssAnon:"),
                    server.memory_mib("RssFile:"),
                );
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        task.await.unwrap();
        finished += 1;
    }
    println!(
        "BENCH memory_100_clients devices={finished} rss_before_mib={:.1} rss_peak_sampled_mib={:.1} anon_mib={anon:.1} file_mib={file:.1} vm_hwm_mib={:.1}",
        before,
        peak,
        server.memory_mib("VmHWM:")
    );
}
