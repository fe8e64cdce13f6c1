//! Rukun's central server: serves the PWA and the JSON API from one origin.
//!
//! [`app`] builds the router from a prepared [`AppState`]; [`serve`] runs it
//! on a listener until a shutdown future resolves, so tests start it on
//! port 0 exactly as `main` does on 8080.

pub mod api;
pub mod auth;
pub mod cache;
pub mod client_address;
pub mod config;
pub mod error;
pub mod export;
pub mod forms;
pub mod kiosk;
pub mod records;
pub mod rights;
pub mod seed;
pub mod store;
pub mod sync;
pub mod throttle;
pub mod web;

use std::future::Future;
use std::sync::Arc;

use axum::extract::Request;
use axum::http::Method;
use axum::Router;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::config::Config;
use crate::store::Store;
use crate::web::StaticSite;

/// The server's version, as `/api/health` reports it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What every handler may reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub throttle: Arc<auth::LoginThrottle>,
    /// How long a session lasts.
    pub session_ttl_ms: i64,
    /// What kiosks seal submissions to.
    pub kiosk_key: kiosk::ServerKey,
    pub kiosk_throttle: Arc<kiosk::KioskThrottle>,
    /// Where passwords are hashed, a few at a time.
    pub hasher: auth::Hasher,
    /// Requests to the public routes per client address.
    pub public_throttle: Arc<throttle::Window>,
    /// Recent office boards by kelurahan.
    pub board_cache: Arc<cache::TtlCache<rukun_core::kiosk::Board>>,
    /// Recent receipt look-ups by code.
    pub receipt_cache: Arc<cache::TtlCache<rukun_core::kiosk::ReceiptStatus>>,
    /// Take client addresses from `X-Forwarded-For` (see [`client_address`]).
    pub behind_proxy: bool,
    /// Every published version of every form (see [`forms`]).
    pub published_forms: forms::PublishedForms,
    /// How long each kind of resident's request may take (see [`rights`]).
    pub deadlines: rights::Deadlines,
}

impl AppState {
    /// Every published version of every form, as of now: take it once per
    /// request and keep it.
    pub fn forms(&self) -> Arc<rukun_core::form::Catalog> {
        self.published_forms.catalog()
    }
}

/// Requests one address may make to the public routes (board, receipts)
/// per minute: a board refreshing every few seconds and a few residents
/// checking receipts stay well below it.
pub const PUBLIC_PER_MINUTE: usize = 60;
/// How long an office board's figures are reused.
pub const BOARD_CACHE_MS: i64 = 15_000;
/// How long a receipt's state is reused.
pub const RECEIPT_CACHE_MS: i64 = 5_000;

/// Opens (and creates) the data directory and database, migrates, seeds
/// Kota Mojokerto into an empty database, publishes the built-in forms it
/// lacks and loads every published form version.
pub async fn prepare(config: &Config) -> anyhow::Result<AppState> {
    std::fs::create_dir_all(&config.data_dir)?;
    let store = store::connect(&config.database_url()).await?;
    store.migrate().await?;
    if store.seed_regions_if_empty(&seed::mojokerto()).await? {
        tracing::info!("seeded the regions of Kota Mojokerto");
    }
    let published_forms = forms::load(&*store).await?;
    let forms = published_forms.catalog();
    let indexed = store
        .index_missing(
            &|form_id: &str, version: u32, answers: &rukun_core::form::Answers| {
                sync::check_answers(&forms, form_id, version, answers)
            },
        )
        .await?;
    if indexed > 0 {
        tracing::info!(
            records = indexed,
            "indexed records stored before the record index"
        );
    }
    let secret = store
        .kiosk_key_secret(&kiosk::generate_key().secret_bytes(), auth::now_ms())
        .await?;
    let kiosk_key = kiosk::ServerKey::from_secret(&secret)
        .ok_or_else(|| anyhow::anyhow!("the stored kiosk key is not a P-256 scalar"))?;
    let state = AppState {
        store,
        throttle: Arc::default(),
        session_ttl_ms: (config.session_hours * 3_600_000.0) as i64,
        kiosk_key,
        kiosk_throttle: Arc::default(),
        hasher: auth::Hasher::for_cores(config.password_threads),
        public_throttle: Arc::new(throttle::Window::new(PUBLIC_PER_MINUTE, 60_000, 100_000)),
        board_cache: Arc::new(cache::TtlCache::new(BOARD_CACHE_MS, 10_000)),
        receipt_cache: Arc::new(cache::TtlCache::new(RECEIPT_CACHE_MS, 10_000)),
        behind_proxy: config.behind_proxy,
        published_forms,
        deadlines: rights::Deadlines::from(config),
    };
    rights::publish_built_in_notice(&*state.store).await?;
    let purged = state
        .store
        .purge_kiosk_payloads(auth::now_ms() - retention_ms(config))
        .await?;
    if purged > 0 {
        tracing::info!(
            submissions = purged,
            "purged opened kiosk submissions past their retention"
        );
    }
    state
        .store
        .purge_request_details(auth::now_ms() - retention_ms(config))
        .await?;
    if config.demo {
        auth::demo::seed(&state).await?;
    }
    Ok(state)
}

/// How long opened kiosk payloads are kept after their decision.
pub fn retention_ms(config: &Config) -> i64 {
    i64::from(config.kiosk_retention_days) * 86_400_000
}

/// Purges opened kiosk payloads past their retention every hour, for as
/// long as the server runs.
pub fn spawn_housekeeping(state: AppState, config: &Config) {
    let retention = retention_ms(config);
    tokio::spawn(async move {
        // `prepare` purged at start: the first round is an hour from now.
        let hour = std::time::Duration::from_secs(3_600);
        let mut hourly = tokio::time::interval_at(tokio::time::Instant::now() + hour, hour);
        loop {
            hourly.tick().await;
            match state
                .store
                .purge_kiosk_payloads(auth::now_ms() - retention)
                .await
            {
                Ok(0) => {}
                Ok(n) => tracing::info!(submissions = n, "purged opened kiosk submissions"),
                Err(error) => tracing::error!(%error, "purging kiosk submissions failed"),
            }
            match state
                .store
                .purge_request_details(auth::now_ms() - retention)
                .await
            {
                Ok(0) => {}
                Ok(n) => tracing::info!(requests = n, "emptied closed data requests' texts"),
                Err(error) => tracing::error!(%error, "emptying data requests failed"),
            }
        }
    });
}

/// The whole HTTP surface: `/api/*` and the static PWA.
pub fn app(state: AppState, site: StaticSite) -> Router {
    let headers_site = site.clone();
    Router::new()
        .nest("/api", api::router())
        .fallback_service(site.router())
        .with_state(state)
        .layer(axum::middleware::from_fn(move |request: Request, next| {
            let site = headers_site.clone();
            async move { site.headers(request, next).await }
        }))
        .layer(CompressionLayer::new())
        .layer(
            TraceLayer::new_for_http()
                // Log the path only: a query string is never worth the risk of
                // carrying personal data into the logs.
                .make_span_with(|request: &Request| {
                    let method: &Method = request.method();
                    tracing::info_span!("request", %method, path = request.uri().path())
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
}

/// Serves `router` on `listener` until `shutdown` resolves, then lets
/// requests in flight finish.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
