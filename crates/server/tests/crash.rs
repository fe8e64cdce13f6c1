//! The real server binary killed with SIGKILL in the middle of a stream of
//! pushes, then restarted on the same data: every mutation it acknowledged
//! is there exactly once, and the device's retry of the rest is safe.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use reqwest::Client;
use rukun_core::account::Session;
use rukun_core::fixtures::household_answers;
use rukun_core::sync::{Mutation, Op, PullResponse, PushRequest, PushResponse, PROTOCOL_VERSION};
use serde_json::json;

const RT1: &str = "35.76.02.1010/01/01";

fn start(data: &Path, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_rukun-server"))
        .args([
            "--demo",
            "--addr",
            &format!("127.0.0.1:{port}"),
            "--static-dir",
            "/nonexistent",
        ])
        .arg("--data-dir")
        .arg(data)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// A port nothing listens on, and the server's address on it.
fn free_port() -> (u16, String) {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    (port, format!("http://127.0.0.1:{port}"))
}

async fn login(base: &str) -> String {
    for _ in 0..200 {
        let response = Client::new()
            .post(format!("{base}/api/auth/login"))
            .json(&json!({ "username": "relawan", "password": "rukun-demo" }))
            .send()
            .await;
        if let Ok(response) = response {
            return response.json::<Session>().await.unwrap().token;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not start");
}

fn mutation(seq: u64) -> Mutation {
    Mutation {
        record_id: format!("r{seq:04}"),
        ..device_mutation(0, seq)
    }
}

/// Device `device`'s `seq`th household (its own record id).
fn device_mutation(device: u64, seq: u64) -> Mutation {
    Mutation {
        seq,
        record_id: format!("d{device:03}-{seq:03}"),
        form_id: "household".into(),
        form_version: 1,
        area: RT1.into(),
        base_version: 0,
        op: Op::Upsert,
        changes: household_answers((device * 1000 + seq) as u32, 2)
            .into_iter()
            .map(|(k, v)| (k, Some(v)))
            .collect(),
    }
}

async fn push(base: &str, token: &str, from: u64, count: u64) -> reqwest::Result<PushResponse> {
    let mutations = (from..from + count).map(mutation).collect();
    send(base, token, "phone-a", mutations).await
}

async fn send(
    base: &str,
    token: &str,
    client_id: &str,
    mutations: Vec<Mutation>,
) -> reqwest::Result<PushResponse> {
    let request = PushRequest {
        protocol: PROTOCOL_VERSION,
        client_id: client_id.into(),
        mutations,
    };
    Client::new()
        .post(format!("{base}/api/sync/push"))
        .bearer_auth(token)
        .json(&request)
        .send()
        .await?
        .json()
        .await
}

#[tokio::test]
async fn acknowledged_mutations_survive_sigkill_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let (port, base) = free_port();
    let mut server = start(dir.path(), port);
    let token = login(&base).await;

    // Push batches of 5 as fast as the server takes them; kill it while a
    // push is in flight.
    let mut acknowledged = 0u64;
    for _ in 0..40 {
        acknowledged = push(&base, &token, acknowledged + 1, 5)
            .await
            .unwrap()
            .last_seq;
    }
    let in_flight = tokio::spawn({
        let (base, token) = (base.clone(), token.clone());
        async move { push(&base, &token, acknowledged + 1, 5).await }
    });
    tokio::time::sleep(Duration::from_millis(2)).await;
    server.kill().unwrap(); // SIGKILL
    server.wait().unwrap();
    if let Ok(Ok(response)) = in_flight.await {
        acknowledged = response.last_seq;
    }
    assert!(acknowledged >= 200);

    let mut server = start(dir.path(), port);
    let token = login(&base).await;
    let pulled = || pull_all(&base, &token);
    let after_crash = pulled().await;
    assert!(
        after_crash.len() as u64 >= acknowledged,
        "{} of {acknowledged} acknowledged",
        after_crash.len()
    );
    for seq in 1..=acknowledged {
        let record = after_crash
            .iter()
            .find(|r| r.record_id == format!("r{seq:04}"))
            .expect("acknowledged record kept");
        assert_eq!(record.version, 1);
        assert_eq!(record.answers, household_answers(seq as u32, 2));
    }

    // The device did not hear back about the batch in flight: it sends its
    // whole outbox again (from what it knows was acknowledged).
    let retry = push(&base, &token, acknowledged + 1, 5).await.unwrap();
    assert_eq!(retry.last_seq, acknowledged + 5);
    let all = pulled().await;
    assert_eq!(
        all.len() as u64,
        acknowledged + 5,
        "every mutation exactly once"
    );
    assert!(all.iter().all(|r| r.version == 1));
    server.kill().unwrap();
    server.wait().unwrap();
}

async fn pull_all(base: &str, token: &str) -> Vec<rukun_core::sync::RecordState> {
    let mut records = Vec::new();
    let mut cursor = 0;
    loop {
        let page: PullResponse = Client::new()
            .get(format!("{base}/api/sync/pull?protocol=1&cursor={cursor}"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        records.extend(page.records);
        cursor = page.next_cursor;
        if !page.has_more {
            return records;
        }
    }
}

/// 100 devices pushing at once through the batch write path when the
/// server is killed: what each device was told is stored, once, with its
/// answers; each device's retry of the rest lands every household once.
#[tokio::test]
async fn a_hundred_devices_lose_nothing_acknowledged_to_sigkill() {
    const DEVICES: u64 = 100;
    const EACH: u64 = 20;
    const BATCH: u64 = 5;
    let dir = tempfile::tempdir().unwrap();
    let (port, base) = free_port();
    let mut server = start(dir.path(), port);
    let token = login(&base).await;

    let acknowledged: std::sync::Arc<Vec<std::sync::atomic::AtomicU64>> =
        std::sync::Arc::new((0..DEVICES).map(|_| Default::default()).collect());
    let devices: Vec<_> = (0..DEVICES)
        .map(|device| {
            let (base, token, acknowledged) = (base.clone(), token.clone(), acknowledged.clone());
            tokio::spawn(async move {
                let mine = &acknowledged[device as usize];
                let client_id = format!("phone-{device:03}");
                loop {
                    let from = mine.load(std::sync::atomic::Ordering::SeqCst) + 1;
                    if from > EACH {
                        return;
                    }
                    let batch = (from..(from + BATCH).min(EACH + 1))
                        .map(|seq| device_mutation(device, seq))
                        .collect();
                    match send(&base, &token, &client_id, batch).await {
                        Ok(response) => {
                            mine.store(response.last_seq, std::sync::atomic::Ordering::SeqCst)
                        }
                        Err(_) => return, // the server is gone
                    }
                }
            })
        })
        .collect();
    let total = || {
        acknowledged
            .iter()
            .map(|a| a.load(std::sync::atomic::Ordering::SeqCst))
            .sum::<u64>()
    };
    while total() < DEVICES * EACH / 3 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.kill().unwrap(); // SIGKILL, pushes in flight
    server.wait().unwrap();
    for device in devices {
        device.await.unwrap();
    }
    let told: Vec<u64> = acknowledged
        .iter()
        .map(|a| a.load(std::sync::atomic::Ordering::SeqCst))
        .collect();
    assert!(told.iter().sum::<u64>() < DEVICES * EACH, "killed too late");

    let mut server = start(dir.path(), port);
    let token = login(&base).await;
    let after_crash = pull_all(&base, &token).await;
    let by_id: std::collections::HashMap<&str, &rukun_core::sync::RecordState> = after_crash
        .iter()
        .map(|r| (r.record_id.as_str(), r))
        .collect();
    assert_eq!(by_id.len(), after_crash.len(), "each record once");
    for device in 0..DEVICES {
        for seq in 1..=told[device as usize] {
            let expected = device_mutation(device, seq);
            let record = by_id
                .get(expected.record_id.as_str())
                .unwrap_or_else(|| panic!("{} was acknowledged", expected.record_id));
            assert_eq!(record.version, 1);
            assert_eq!(
                record.answers,
                household_answers((device * 1000 + seq) as u32, 2)
            );
        }
    }

    // Each device sends what it was not told about again.
    for device in 0..DEVICES {
        let client_id = format!("phone-{device:03}");
        let mut from = told[device as usize] + 1;
        while from <= EACH {
            let batch = (from..(from + BATCH).min(EACH + 1))
                .map(|seq| device_mutation(device, seq))
                .collect();
            from = send(&base, &token, &client_id, batch)
                .await
                .unwrap()
                .last_seq
                + 1;
        }
    }
    let all = pull_all(&base, &token).await;
    assert_eq!(all.len() as u64, DEVICES * EACH, "every household once");
    assert!(all.iter().all(|r| r.version == 1));
    server.kill().unwrap();
    server.wait().unwrap();
}
