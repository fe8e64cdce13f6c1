//! A real server on 127.0.0.1:0 with a fresh data directory and a small
//! fake PWA build, stopped when the handle drops.
#![allow(dead_code)] // each test binary uses a part of it

use std::net::SocketAddr;
use std::path::PathBuf;

use rukun_server::config::{Config, LogFormat};
use rukun_server::web::StaticSite;
use tempfile::TempDir;
use tokio::sync::oneshot;

pub const INLINE_BOOT: &str = "import init from '/rukun-0123456789abcdef.js'; init();";

pub struct TestServer {
    pub addr: SocketAddr,
    pub dir: TempDir,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl TestServer {
    pub async fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        write_fake_build(&dir.path().join("dist"));
        Self::start_in(dir).await
    }

    /// Starts on an existing directory (to test restarts).
    pub async fn start_in(dir: TempDir) -> Self {
        Self::start_with(config_for(dir.path().into()), dir).await
    }

    /// Starts on an existing directory with a changed configuration.
    pub async fn start_in_configured(dir: TempDir, change: impl FnOnce(&mut Config)) -> Self {
        let mut config = config_for(dir.path().into());
        change(&mut config);
        Self::start_with(config, dir).await
    }

    /// Starts with a changed configuration (e.g. short sessions).
    pub async fn start_configured(change: impl FnOnce(&mut Config)) -> Self {
        let dir = tempfile::tempdir().unwrap();
        write_fake_build(&dir.path().join("dist"));
        let mut config = config_for(dir.path().into());
        change(&mut config);
        Self::start_with(config, dir).await
    }

    async fn start_with(config: Config, dir: TempDir) -> Self {
        let state = rukun_server::prepare(&config).await.unwrap();
        let site = StaticSite::for_config(&config);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(rukun_server::serve(
            listener,
            rukun_server::app(state, site),
            async {
                let _ = stopped.await;
            },
        ));
        Self {
            addr,
            dir,
            stop: Some(stop),
            task: Some(task),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Shuts down gracefully and hands back the data directory.
    pub async fn stop(mut self) -> TempDir {
        self.stop.take().unwrap().send(()).unwrap();
        self.task.take().unwrap().await.unwrap().unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::mem::replace(&mut self.dir, dir)
    }
}

pub fn config_for(data: PathBuf) -> Config {
    Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        static_dir: data.join("dist"),
        data_dir: data.join("data"),
        database_url: None,
        log_format: LogFormat::Text,
        demo: true,
        session_hours: 720.0,
        password_threads: None,
        behind_proxy: false,
        https: false,
        kiosk_retention_days: 90,
        access_deadline_hours: 72,
        correction_deadline_hours: 72,
        erasure_deadline_hours: 72,
        command: None,
    }
}

fn write_fake_build(dist: &std::path::Path) {
    std::fs::create_dir_all(dist).unwrap();
    let index = format!(
        "<!DOCTYPE html><html><head><link rel=\"manifest\" href=\"/manifest.webmanifest\">\
         <script type=\"module\">{INLINE_BOOT}</script></head><body></body></html>"
    );
    std::fs::write(dist.join("index.html"), index).unwrap();
    std::fs::write(
        dist.join("rukun-0123456789abcdef.js"),
        "export default function init() {}\n".repeat(50),
    )
    .unwrap();
    // A minimal valid wasm module: magic and version.
    std::fs::write(
        dist.join("rukun-0123456789abcdef_bg.wasm"),
        b"\0asm\x01\0\0\0",
    )
    .unwrap();
    std::fs::write(dist.join("manifest.webmanifest"), r#"{"name":"Rukun"}"#).unwrap();
    std::fs::write(
        dist.join("sw.js"),
        "self.addEventListener('fetch', () => {});",
    )
    .unwrap();
}

/// Logs `username` in over HTTP and returns the session token.
pub async fn login_token(server: &TestServer, username: &str, password: &str) -> String {
    let response = reqwest::Client::new()
        .post(server.url("/api/auth/login"))
        .json(&serde_json::json!({ "username": username, "password": password }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        reqwest::StatusCode::OK,
        "login of {username}"
    );
    response
        .json::<rukun_core::account::Session>()
        .await
        .unwrap()
        .token
}

/// Device `client_id` pushes `mutations`; the outcomes in order.
pub async fn push_mutations(
    server: &TestServer,
    token: &str,
    client_id: &str,
    mutations: Vec<rukun_core::sync::Mutation>,
) -> Vec<rukun_core::sync::Outcome> {
    let request = rukun_core::sync::PushRequest {
        protocol: rukun_core::sync::PROTOCOL_VERSION,
        client_id: client_id.into(),
        mutations,
    };
    let response = reqwest::Client::new()
        .post(server.url("/api/sync/push"))
        .bearer_auth(token)
        .json(&request)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), reqwest::StatusCode::OK);
    let response: rukun_core::sync::PushResponse = response.json().await.unwrap();
    response.results.into_iter().map(|r| r.outcome).collect()
}

/// A household upsert of every answer in `answers`.
pub fn household_upsert(
    seq: u64,
    id: &str,
    area: &str,
    base_version: u64,
    answers: rukun_core::form::Answers,
) -> rukun_core::sync::Mutation {
    rukun_core::sync::Mutation {
        seq,
        record_id: id.into(),
        form_id: "household".into(),
        form_version: 1,
        area: area.into(),
        base_version,
        op: rukun_core::sync::Op::Upsert,
        changes: answers.into_iter().map(|(k, v)| (k, Some(v))).collect(),
    }
}

/// `admin` creates an account; its token.
pub async fn create_account(
    server: &TestServer,
    admin: &str,
    account: serde_json::Value,
) -> String {
    let created = reqwest::Client::new()
        .post(server.url("/api/accounts"))
        .bearer_auth(admin)
        .json(&account)
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), reqwest::StatusCode::CREATED);
    login_token(
        server,
        account["username"].as_str().unwrap(),
        account["password"].as_str().unwrap(),
    )
    .await
}

/// A coordinator of Kranggan (another kelurahan than the demo's Wates).
pub async fn kranggan_coordinator(server: &TestServer, admin: &str) -> String {
    create_account(
        server,
        admin,
        serde_json::json!({ "username": "koordinator-kranggan", "password": "sandi-kranggan-1",
                            "role": "coordinator", "kelurahan": "35.76.03.1001", "rts": [] }),
    )
    .await
}

/// A volunteer of Kranggan RW 01 RT 01 (`KRANGGAN_RT1`).
pub async fn kranggan_volunteer(server: &TestServer, admin: &str) -> String {
    create_account(
        server,
        admin,
        serde_json::json!({ "username": "relawan-kranggan", "password": "sandi-kranggan-1",
                            "role": "volunteer", "kelurahan": "35.76.03.1001", "rts": [{ "rw": 1, "rt": 1 }] }),
    )
    .await
}

/// The RT of [`kranggan_volunteer`].
pub const KRANGGAN_RT1: &str = "35.76.03.1001/01/01";

/// `GET path` with `token`: the status and the body as text.
pub async fn get_text(
    server: &TestServer,
    token: &str,
    path: &str,
) -> (reqwest::StatusCode, String) {
    let response = reqwest::Client::new()
        .get(server.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

/// Record `id` as the device of `token` pulls it from the start.
pub async fn pulled(server: &TestServer, token: &str, id: &str) -> rukun_core::sync::RecordState {
    let (_, text) = get_text(server, token, "/api/sync/pull?protocol=1&cursor=0").await;
    let page: rukun_core::sync::PullResponse = serde_json::from_str(&text).unwrap();
    page.records
        .into_iter()
        .find(|r| r.record_id == id)
        .unwrap_or_else(|| panic!("{id} not pulled"))
}

/// `kiosk` seals `payload` to the server's key and sends it under
/// `receipt`; it must be accepted as new.
pub async fn submit_kiosk(
    server: &TestServer,
    kiosk: &str,
    receipt: &str,
    payload: &rukun_core::kiosk::KioskPayload,
) {
    let key: rukun_core::kiosk::KioskKey = reqwest::get(server.url("/api/kiosk/key"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let sealed = rukun_server::kiosk::seal(&key, receipt, &serde_json::to_vec(payload).unwrap());
    let response = reqwest::Client::new()
        .post(server.url("/api/kiosk/submissions"))
        .bearer_auth(kiosk)
        .json(&sealed)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), reqwest::StatusCode::CREATED);
}

/// A coordinator's decision on a kiosk submission: status and body.
pub async fn decide_kiosk(
    server: &TestServer,
    token: &str,
    receipt: &str,
    body: serde_json::Value,
) -> (reqwest::StatusCode, serde_json::Value) {
    let response = reqwest::Client::new()
        .post(server.url(&format!("/api/review/kiosk/{receipt}/decision")))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    (response.status(), response.json().await.unwrap())
}

/// The lower-case hex SHA-256 of `bytes`: a photo's id.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `PUT /api/attachments/{sha256}?record=RECORD` of `bytes` declared as
/// `declared`: the status.
pub async fn put_photo(
    server: &TestServer,
    token: &str,
    record: &str,
    bytes: &[u8],
    declared: &str,
) -> reqwest::StatusCode {
    reqwest::Client::new()
        .put(server.url(&format!(
            "/api/attachments/{}?record={record}",
            sha256_hex(bytes)
        )))
        .bearer_auth(token)
        .header("content-type", declared)
        .body(bytes.to_vec())
        .send()
        .await
        .unwrap()
        .status()
}
