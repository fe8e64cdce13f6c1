//! The release server binary on a free port, for the benchmarks: started
//! in demo mode on a data directory, killed when dropped.
#![allow(dead_code)] // each benchmark uses a part of it

pub mod ceiling;

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use reqwest::Client;
use rukun_core::account::Session;
use serde_json::json;

pub struct Server {
    child: Child,
    pub base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub fn start(data_dir: &Path) -> Server {
        Self::start_with(data_dir, &[])
    }

    /// Started with more flags (e.g. `--behind-proxy`).
    pub fn start_with(data_dir: &Path, flags: &[&str]) -> Server {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(env!("CARGO_BIN_EXE_rukun-server"))
            .args([
                "--demo",
                "--addr",
                &format!("127.0.0.1:{port}"),
                "--static-dir",
                "/nonexistent",
            ])
            .arg("--data-dir")
            .arg(data_dir)
            .args(flags)
            .env("RUST_LOG", "error")
            .stdout(Stdio::inherit()) // its errors explain a failed run
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
        }
    }

    /// A `/proc/PID/status` memory field (`VmRSS`, `VmHWM`) in MiB.
    pub fn memory_mib(&self, field: &str) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find(|l| l.starts_with(field))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 1024.0
    }

    /// Logs a demo account in, waiting for the server to answer.
    pub async fn login(&self, username: &str) -> String {
        for _ in 0..1200 {
            if let Ok(response) = Client::new()
                .post(format!("{}/api/auth/login", self.base))
                .json(&json!({ "username": username, "password": "rukun-demo" }))
                .send()
                .await
            {
                return response.json::<Session>().await.unwrap().token;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the server did not start");
    }
}
