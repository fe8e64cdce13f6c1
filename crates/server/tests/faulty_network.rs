//! Sync through a faulty network over real HTTP (sync.md, "what proves it"):
//! a TCP proxy in front of the real server refuses connections, cuts
//! requests half-way, loses responses after the server committed, sends a
//! request twice and delays others. Three devices push their outboxes the
//! way the PWA does (resend from the first unacknowledged change) and pull.
//! Afterwards every change is on the server exactly once.
//!
//! `RUKUN_FAULT_SEED` replays a run's fault sequence (connections race, so
//! the interleaving still varies).

mod support;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use reqwest::Client;
use rukun_core::account::Session;
use rukun_core::fixtures::household_answers;
use rukun_core::sync::*;
use serde_json::json;
use support::TestServer;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const DEVICES: u64 = 3;
const CHANGES_PER_DEVICE: u64 = 120;
const BATCH: usize = 5;
const RT: &str = "35.76.02.1010/01/02";

#[derive(Debug, Clone, Copy, PartialEq)]
enum Fault {
    Pass,
    /// Closed before anything reaches the server.
    Refuse,
    /// Half of the request reaches the server, then both sides close.
    CutRequest,
    /// The server answers (and has committed); the answer never arrives.
    LoseResponse,
    /// The server gets the request twice; the client sees the second answer.
    Duplicate,
    Delay,
}

/// The faults of successive connections, from a seeded xorshift.
struct Faults {
    state: AtomicU64,
    counts: [AtomicU64; 6],
}

impl Faults {
    fn next(&self) -> Fault {
        let mut x = self.state.load(Ordering::Relaxed);
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.state.store(x, Ordering::Relaxed);
        // About half of all connections misbehave.
        let fault = match (x >> 32) % 20 {
            0..=9 => Fault::Pass,
            10..=11 => Fault::Refuse,
            12..=13 => Fault::CutRequest,
            14..=16 => Fault::LoseResponse,
            17..=18 => Fault::Duplicate,
            _ => Fault::Delay,
        };
        self.counts[fault as usize].fetch_add(1, Ordering::Relaxed);
        fault
    }
}

/// Reads one HTTP/1.1 message (headers, then `Content-Length` bytes).
async fn read_message(stream: &mut TcpStream) -> Option<Vec<u8>> {
    let mut data = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .map_or(0, |v| v.trim().parse().unwrap_or(0));
            if data.len() >= end + 4 + length {
                data.truncate(end + 4 + length);
                return Some(data);
            }
        }
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buf[..n]);
    }
}

/// Sends `request` to the server on a new connection and reads its answer.
async fn exchange(server: std::net::SocketAddr, request: &[u8]) -> Option<Vec<u8>> {
    let mut upstream = TcpStream::connect(server).await.ok()?;
    upstream.write_all(request).await.ok()?;
    read_message(&mut upstream).await
}

async fn handle(mut client: TcpStream, server: std::net::SocketAddr, faults: Arc<Faults>) {
    let Some(request) = read_message(&mut client).await else {
        return;
    };
    let answer = match faults.next() {
        Fault::Refuse => None,
        Fault::CutRequest => {
            if let Ok(mut upstream) = TcpStream::connect(server).await {
                let _ = upstream.write_all(&request[..request.len() / 2]).await;
            }
            None
        }
        Fault::LoseResponse => {
            let _ = exchange(server, &request).await;
            None
        }
        Fault::Duplicate => {
            let _ = exchange(server, &request).await;
            exchange(server, &request).await
        }
        Fault::Delay => {
            tokio::time::sleep(Duration::from_millis(150)).await;
            exchange(server, &request).await
        }
        Fault::Pass => exchange(server, &request).await,
    };
    if let Some(answer) = answer {
        let _ = client.write_all(&answer).await;
    }
    // Dropping `client` closes the connection (with or without an answer).
}

async fn start_proxy(server: std::net::SocketAddr, seed: u64) -> (String, Arc<Faults>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let faults = Arc::new(Faults {
        state: AtomicU64::new(seed.max(1)),
        counts: Default::default(),
    });
    let shared = faults.clone();
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            tokio::spawn(handle(client, server, shared.clone()));
        }
    });
    (url, faults)
}

/// One connection per request (so each meets its own fault), no
/// compression (so every answer has a Content-Length), short timeouts.
fn client() -> Client {
    Client::builder()
        .pool_max_idle_per_host(0)
        .no_gzip()
        .no_brotli()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

fn change(device: u64, seq: u64) -> Mutation {
    Mutation {
        seq,
        record_id: format!("d{device}-r{seq:04}"),
        form_id: "household".into(),
        form_version: 1,
        area: RT.into(),
        base_version: 0,
        op: Op::Upsert,
        changes: household_answers((device * 1000 + seq) as u32, 2)
            .into_iter()
            .map(|(k, v)| (k, Some(v)))
            .collect(),
    }
}

/// Pushes the outbox like the PWA: the first `BATCH` unacknowledged
/// changes, again and again, until the server has acknowledged them all.
/// Returns how many requests it took.
async fn drain(base: &str, token: &str, device: u64) -> u64 {
    let http = client();
    let mut outbox: Vec<Mutation> = (1..=CHANGES_PER_DEVICE)
        .map(|s| change(device, s))
        .collect();
    let mut requests = 0;
    while !outbox.is_empty() {
        requests += 1;
        assert!(requests < 2_000, "device {device} never drained");
        let request = PushRequest {
            protocol: PROTOCOL_VERSION,
            client_id: format!("device-{device}"),
            mutations: outbox.iter().take(BATCH).cloned().collect(),
        };
        let sent = http
            .post(format!("{base}/api/sync/push"))
            .bearer_auth(token)
            .json(&request)
            .send()
            .await;
        let Ok(response) = sent else { continue };
        let Ok(answer) = response.json::<PushResponse>().await else {
            continue;
        };
        for result in &answer.results {
            assert!(
                matches!(result.outcome, Outcome::Applied { .. }),
                "device {device} change {}: {:?}",
                result.seq,
                result.outcome
            );
        }
        outbox.retain(|m| m.seq > answer.last_seq);
    }
    requests
}

/// Pulls every page through the proxy, retrying failed pages.
async fn pull_all(base: &str, token: &str) -> Vec<RecordState> {
    let http = client();
    let (mut cursor, mut records) = (0, Vec::new());
    for _ in 0..2_000 {
        let url = format!("{base}/api/sync/pull?protocol=1&cursor={cursor}&limit=50");
        let Ok(response) = http.get(url).bearer_auth(token).send().await else {
            continue;
        };
        let Ok(page) = response.json::<PullResponse>().await else {
            continue;
        };
        records.extend(page.records);
        cursor = page.next_cursor;
        if !page.has_more {
            return records;
        }
    }
    panic!("the pull never finished");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_change_lands_exactly_once_through_a_faulty_network() {
    let seed = std::env::var("RUKUN_FAULT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20261128);
    let server = TestServer::start().await;
    let (proxy, faults) = start_proxy(server.addr, seed).await;
    let token = client()
        .post(server.url("/api/auth/login"))
        .json(&json!({ "username": "relawan", "password": "rukun-demo" }))
        .send()
        .await
        .unwrap()
        .json::<Session>()
        .await
        .unwrap()
        .token;

    let devices = (1..=DEVICES).map(|device| {
        let (proxy, token) = (proxy.clone(), token.clone());
        tokio::spawn(async move { drain(&proxy, &token, device).await })
    });
    let mut requests = 0;
    for device in devices {
        requests += device.await.unwrap();
    }
    let through_proxy = pull_all(&proxy, &token).await;

    // Straight from the server: each change once, at version 1 (applied
    // once), with exactly the answers sent.
    let direct = pull_all(&server.url(""), &token).await;
    assert_eq!(direct.len() as u64, DEVICES * CHANGES_PER_DEVICE);
    for device in 1..=DEVICES {
        for seq in 1..=CHANGES_PER_DEVICE {
            let sent = change(device, seq);
            let found: Vec<_> = direct
                .iter()
                .filter(|r| r.record_id == sent.record_id)
                .collect();
            assert_eq!(
                found.len(),
                1,
                "{} stored {} times",
                sent.record_id,
                found.len()
            );
            assert_eq!(
                found[0].version, 1,
                "{} applied more than once",
                sent.record_id
            );
            assert_eq!(
                found[0].answers,
                household_answers((device * 1000 + seq) as u32, 2)
            );
        }
    }
    // The device's pull through the faults saw the same records.
    let mut seen: Vec<_> = through_proxy.iter().map(|r| r.record_id.clone()).collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), direct.len());

    let counts: Vec<u64> = faults
        .counts
        .iter()
        .map(|c| c.load(Ordering::Relaxed))
        .collect();
    println!(
        "seed {seed}: {requests} push requests for {} changes; connections pass/refuse/cut/lost/duplicate/delay = {counts:?}",
        DEVICES * CHANGES_PER_DEVICE
    );
    for (fault, count) in counts.iter().enumerate() {
        assert!(
            *count > 0,
            "fault {fault} never happened: the test proves less"
        );
    }
}
