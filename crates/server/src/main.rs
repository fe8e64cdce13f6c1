//! `rukun-server`: wires configuration, logging, storage and the listener.

use clap::Parser;
use rukun_core::account::{NewAccount, Role};
use rukun_server::config::{Command, Config, LogFormat};
use rukun_server::web::StaticSite;
use tracing_subscriber::EnvFilter;

fn main() -> anyhow::Result<()> {
    tune_the_allocator();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(run())
}

/// Each password hash allocates Argon2's 19 MiB and frees it. glibc's
/// malloc, once such a block is freed, raises its mmap threshold and serves
/// the next ones from per-thread heaps that keep the memory: 500 logins at
/// once left the server at 325-365 MiB resident. A fixed 16 MiB threshold
/// gives blocks that big back to the system when freed, while the request
/// and answer buffers of sync (a few MiB) stay in the heap as before (with
/// a 1 MiB threshold sync ingest measured 347 mutations/s, with 16 MiB 461).
/// `cargo bench -p rukun-server --bench logins` and `--bench sync`.
///
/// Two heaps (arenas) instead of glibc's eight per core: every thread that
/// allocates (tokio's workers, each SQLite connection's thread) otherwise
/// gets a heap of its own that keeps what it once held. With 100 devices
/// syncing the peak went from 148 to 112 MiB (issue 17), ingest unchanged.
fn tune_the_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: called first thing in main, before any other thread exists;
    // mallopt only changes the allocator's tuning.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 16 * 1024 * 1024);
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
    return_freed_memory();
}

/// glibc keeps what sync requests freed inside its heaps; giving it back
/// to the system four times a second took the resident memory after
/// ingest from 52-55 to 31-42 MiB and the 100-device peak from 96-113 to
/// 87-99 MiB, ingest within this machine's noise (`cargo bench --bench
/// sync`); 500 logins at once peaked at 60 MiB (`--bench logins`).
fn return_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    std::thread::spawn(|| loop {
        std::thread::sleep(std::time::Duration::from_millis(250));
        // SAFETY: malloc_trim is thread-safe and only returns free pages.
        unsafe { libc::malloc_trim(0) };
    });
}

async fn run() -> anyhow::Result<()> {
    let config = Config::parse();
    init_logging(config.log_format);
    let state = rukun_server::prepare(&config).await?;
    if let Some(Command::CreateAdmin { username }) = &config.command {
        return create_admin(&state, username).await;
    }
    rukun_server::spawn_housekeeping(state.clone(), &config);
    let site = StaticSite::for_config(&config);
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    tracing::info!(
        addr = %listener.local_addr()?,
        data_dir = %config.data_dir.display(),
        version = rukun_server::VERSION,
        "Rukun is listening on http://{}",
        listener.local_addr()?
    );
    rukun_server::serve(listener, rukun_server::app(state, site), shutdown_signal()).await?;
    tracing::info!("stopped cleanly");
    Ok(())
}

/// `rukun-server create-admin NAME`: the first administrator, from the
/// server's command line.
async fn create_admin(state: &rukun_server::AppState, username: &str) -> anyhow::Result<()> {
    let password = match std::env::var("RUKUN_ADMIN_PASSWORD") {
        Ok(password) => password,
        Err(_) => {
            eprintln!("Password for {username} (one line):");
            let mut line = String::new();
            std::io::stdin().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let new = NewAccount {
        username: username.to_owned(),
        password,
        role: Role::Admin,
        kelurahan: None,
        rts: vec![],
    };
    rukun_server::auth::create_account(state, new, "create-admin").await?;
    eprintln!("created the administrator {username}");
    Ok(())
}

fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        tokio::signal::ctrl_c().await.expect("SIGINT handler");
    };
    let terminate = async {
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("SIGTERM handler")
            .recv()
            .await;
    };
    tokio::select! {
        _ = interrupt => tracing::info!("SIGINT: shutting down"),
        _ = terminate => tracing::info!("SIGTERM: shutting down"),
    }
}
