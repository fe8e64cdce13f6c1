//! The built PWA, served from the same origin as the API: content types,
//! cache rules that let hashed files live forever and make the entry points
//! revalidate, security headers with a CSP fitted to the build, and the
//! single-page fallback to `index.html`.

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::extract::Request;
use axum::handler::HandlerWithoutStateExt;
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// The directory of a Trunk build and the CSP that fits its `index.html`.
#[derive(Clone)]
pub struct StaticSite {
    pub dir: PathBuf,
    csp: HeaderValue,
    /// Clients come over HTTPS: tell browsers to keep to it.
    hsts: bool,
}

impl StaticSite {
    /// Reads `index.html` (if the PWA is built) to allow exactly its inline
    /// bootstrap scripts by hash; everything else must come from this origin.
    pub fn load(dir: &Path) -> Self {
        let index = std::fs::read_to_string(dir.join("index.html")).unwrap_or_else(|_| {
            tracing::warn!(dir = %dir.display(), "no index.html: the PWA is not built, only the API is served");
            String::new()
        });
        let script_hashes: String = inline_scripts(&index)
            .map(|script| {
                let digest = Sha256::digest(script.as_bytes());
                format!(
                    " 'sha256-{}'",
                    base64::engine::general_purpose::STANDARD.encode(digest)
                )
            })
            .collect();
        let csp = format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{script_hashes}; \
             style-src 'self'; img-src 'self' data: blob: https://tile.openstreetmap.org; connect-src 'self'; \
             worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; \
             form-action 'self'; frame-ancestors 'none'"
        );
        Self {
            dir: dir.to_owned(),
            csp: HeaderValue::from_str(&csp).expect("CSP is ASCII"),
            hsts: false,
        }
    }

    /// The build the configuration names, with `Strict-Transport-Security`
    /// when the server is told clients reach it over HTTPS.
    pub fn for_config(config: &crate::config::Config) -> Self {
        Self {
            hsts: config.https,
            ..Self::load(&config.static_dir)
        }
    }

    /// The static files, with `index.html` for app routes (paths whose last
    /// segment has no dot) and a plain 404 for missing files. Files the build
    /// compressed ahead of time (`.br`, `.gz`) are sent to clients that accept them.
    pub fn router(&self) -> Router {
        let index = self.dir.join("index.html");
        let fallback = move |request: Request| {
            let index = index.clone();
            async move {
                let last_segment = request.uri().path().rsplit('/').next().unwrap_or_default();
                if last_segment.contains('.') {
                    return (StatusCode::NOT_FOUND, "not found").into_response();
                }
                match ServeFile::new(index).oneshot(request).await {
                    Ok(response) => response.map(Body::new),
                    Err(never) => match never {},
                }
            }
        };
        Router::new().fallback_service(
            ServeDir::new(&self.dir)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(fallback.into_service()),
        )
    }

    /// Middleware: security and cache headers on every response.
    pub async fn headers(&self, request: Request, next: Next) -> Response {
        let cache = cache_control(request.uri().path());
        let mut response = next.run(request).await;
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_SECURITY_POLICY, self.csp.clone());
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        headers.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        );
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        if self.hsts {
            // Two years, the preload list's minimum: a volunteer's phone that
            // once reached the server never tries plain HTTP again.
            headers.insert(
                header::STRICT_TRANSPORT_SECURITY,
                HeaderValue::from_static("max-age=63072000; includeSubDomains"),
            );
        }
        headers.insert(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        );
        headers.insert(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(self), geolocation=(self), microphone=()"),
        );
        headers
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static(cache));
        response
    }
}

/// API answers are never stored (they may hold personal data); hashed build
/// files never change; everything else (index.html, the manifest, the
/// service worker, icons) is revalidated on every use.
fn cache_control(path: &str) -> &'static str {
    if path.starts_with("/api/") || path == "/api" {
        "no-store"
    } else if is_hashed(path.rsplit('/').next().unwrap_or_default()) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// Trunk names built files `NAME-HASH.EXT` (the wasm `NAME-HASH_bg.wasm`),
/// HASH being 8 to 16 hex digits.
fn is_hashed(file_name: &str) -> bool {
    let stem = file_name.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    match stem.rsplit_once('-') {
        Some((name, hash)) => {
            !name.is_empty()
                && (8..=16).contains(&hash.len())
                && hash.bytes().all(|b| b.is_ascii_hexdigit())
        }
        None => false,
    }
}

/// The bodies of `<script>` elements that have no `src`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (tag, body) = rest.split_once('>')?;
        let (body, _) = body.split_once("</script>")?;
        (!tag.contains("src=")).then_some(body)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_hashed_build_files() {
        assert!(is_hashed("rukun-4f2a9c0d1e2b3a4c_bg.wasm"));
        assert!(is_hashed("rukun-4f2a9c0d1e2b3a4c.js"));
        assert!(is_hashed("styles-0a1b2c3d4e5f6a7b.css"));
        assert!(!is_hashed("index.html"));
        assert!(!is_hashed("sw.js"));
        assert!(!is_hashed("icon-192.png"));
        assert!(!is_hashed("manifest.webmanifest"));
        assert!(!is_hashed("-4f2a9c0d1e2b3a4c.js"));
    }

    #[test]
    fn picks_cache_rules_by_path() {
        assert_eq!(cache_control("/api/regions"), "no-store");
        assert_eq!(cache_control("/index.html"), "no-cache");
        assert_eq!(cache_control("/"), "no-cache");
        assert_eq!(
            cache_control("/rukun-4f2a9c0d1e2b3a4c_bg.wasm"),
            "public, max-age=31536000, immutable"
        );
    }

    #[test]
    fn finds_inline_scripts_only() {
        let html = r#"<script type="module">boot()</script><script src="/a.js"></script><script>x</script>"#;
        assert_eq!(inline_scripts(html).collect::<Vec<_>>(), ["boot()", "x"]);
    }
}
