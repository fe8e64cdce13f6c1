//! Rukun's central server: serves the PWA and the JSON API from one origin.
//!
//! [`app`] builds the router from a prepared [`AppState`]; [`serve`] runs it
//! on a listener until a shutdown future resolves, so tests start it on
//! port 0 exactly as `main` does on 8080.

pub mod api;
pub mod auth;
pub mod config;
pub mod error;
pub mod export;
pub mod kiosk;
pub mod seed;
pub mod store;
pub mod sync;
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
}

/// Opens (and creates) the data directory and database, migrates, and seeds
/// Kota Mojokerto into an empty database.
pub async fn prepare(config: &Config) -> anyhow::Result<AppState> {
    std::fs::create_dir_all(&config.data_dir)?;
    let store = store::connect(&config.database_url()).await?;
    store.migrate().await?;
    if store.seed_regions_if_empty(&seed::mojokerto()).await? {
        tracing::info!("seeded the regions of Kota Mojokerto");
    }
    let forms = rukun_core::forms::catalog();
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
    };
    if config.demo {
        auth::demo::seed(&state).await?;
    }
    Ok(state)
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
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
}
