//! Command line and environment: every flag has a `RUKUN_*` variable.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Clone, Parser)]
#[command(
    name = "rukun-server",
    version,
    about = "Rukun's central server: the PWA and its API"
)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "RUKUN_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// Where the server keeps its data (the SQLite file by default).
    #[arg(long, env = "RUKUN_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// Database URL; default `sqlite://DATA_DIR/rukun.db`.
    #[arg(long, env = "RUKUN_DATABASE_URL")]
    pub database_url: Option<String>,

    /// The built PWA (Trunk's `dist`).
    #[arg(long, env = "RUKUN_STATIC_DIR", default_value = "dist")]
    pub static_dir: PathBuf,

    /// Log lines as text for people or JSON for machines.
    #[arg(long, env = "RUKUN_LOG_FORMAT", value_enum, default_value = "text")]
    pub log_format: LogFormat,

    /// Create the demo accounts (password "rukun-demo") and say so loudly.
    /// For trying Rukun out only.
    #[arg(long, env = "RUKUN_DEMO")]
    pub demo: bool,

    /// How long a login lasts, in hours (a volunteer may be offline for days).
    #[arg(long, env = "RUKUN_SESSION_HOURS", default_value_t = 720.0)]
    pub session_hours: f64,

    /// Password hashes (Argon2id, 19 MiB each) run at most this many at a
    /// time; default: one per core.
    #[arg(long, env = "RUKUN_PASSWORD_THREADS")]
    pub password_threads: Option<usize>,

    /// The server sits behind a reverse proxy: take the client's address
    /// from the last `X-Forwarded-For` entry (for the per-address limits).
    #[arg(long, env = "RUKUN_BEHIND_PROXY")]
    pub behind_proxy: bool,

    /// Clients reach the server over HTTPS (a TLS proxy in front): send
    /// `Strict-Transport-Security`.
    #[arg(long, env = "RUKUN_HTTPS")]
    pub https: bool,

    /// Days after its decision that an opened kiosk submission keeps the
    /// resident's text, NIK, contact and photo (then only its receipt,
    /// place, state and decision remain).
    #[arg(long, env = "RUKUN_KIOSK_RETENTION_DAYS", default_value_t = 90)]
    pub kiosk_retention_days: u32,

    /// Hours to answer a resident's request to see their household's data
    /// (UU 27/2022 sets 3 × 24 for several duties).
    #[arg(long, env = "RUKUN_ACCESS_DEADLINE_HOURS", default_value_t = 72)]
    pub access_deadline_hours: u32,

    /// Hours to act on a resident's request to correct their data.
    #[arg(long, env = "RUKUN_CORRECTION_DEADLINE_HOURS", default_value_t = 72)]
    pub correction_deadline_hours: u32,

    /// Hours to act on a withdrawal of consent with erasure.
    #[arg(long, env = "RUKUN_ERASURE_DEADLINE_HOURS", default_value_t = 72)]
    pub erasure_deadline_hours: u32,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Create an administrator account and exit. The password is read from
    /// RUKUN_ADMIN_PASSWORD, or else from the first line of standard input.
    CreateAdmin { username: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

impl Config {
    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("rukun.db").display()))
    }
}
