//! The built PWA over real HTTP: content types, cache rules, security
//! headers, compression and the single-page fallback.

mod support;

use base64::Engine;
use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE};
use reqwest::StatusCode;
use sha2::{Digest, Sha256};
use support::{TestServer, INLINE_BOOT};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

#[tokio::test]
async fn index_revalidates_and_carries_security_headers() {
    let server = TestServer::start().await;
    let response = reqwest::get(server.url("/")).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers();
    assert!(headers[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert_eq!(headers[CACHE_CONTROL], "no-cache");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["x-frame-options"], "DENY");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    let csp = headers["content-security-policy"].to_str().unwrap();
    let boot_hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(INLINE_BOOT));
    assert!(csp.contains(&format!("'sha256-{boot_hash}'")), "{csp}");
    assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
    assert!(
        !csp.contains("'unsafe-inline'") && !csp.contains("'unsafe-eval'"),
        "{csp}"
    );
    assert!(
        csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
}

#[tokio::test]
async fn hashed_files_are_cached_for_good_with_their_types() {
    let server = TestServer::start().await;
    let wasm = reqwest::get(server.url("/rukun-0123456789abcdef_bg.wasm"))
        .await
        .unwrap();
    assert_eq!(wasm.status(), StatusCode::OK);
    assert_eq!(wasm.headers()[CONTENT_TYPE], "application/wasm");
    assert_eq!(wasm.headers()[CACHE_CONTROL], IMMUTABLE);
    let js = reqwest::get(server.url("/rukun-0123456789abcdef.js"))
        .await
        .unwrap();
    assert!(js.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .contains("javascript"));
    assert_eq!(js.headers()[CACHE_CONTROL], IMMUTABLE);
}

#[tokio::test]
async fn entry_points_are_always_revalidated() {
    let server = TestServer::start().await;
    let manifest = reqwest::get(server.url("/manifest.webmanifest"))
        .await
        .unwrap();
    assert_eq!(
        manifest.headers()[CONTENT_TYPE],
        "application/manifest+json"
    );
    assert_eq!(manifest.headers()[CACHE_CONTROL], "no-cache");
    let worker = reqwest::get(server.url("/sw.js")).await.unwrap();
    assert_eq!(worker.headers()[CACHE_CONTROL], "no-cache");
}

#[tokio::test]
async fn text_is_compressed_when_the_client_accepts_it() {
    let server = TestServer::start().await;
    let client = reqwest::Client::builder()
        .no_gzip()
        .no_brotli()
        .build()
        .unwrap();
    for encoding in ["gzip", "br"] {
        let response = client
            .get(server.url("/rukun-0123456789abcdef.js"))
            .header(ACCEPT_ENCODING, encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()[CONTENT_ENCODING], encoding);
        let body = response.bytes().await.unwrap();
        assert!(
            body.len() < 1700,
            "{encoding}: {} bytes, not compressed",
            body.len()
        );
    }
}

#[tokio::test]
async fn app_routes_get_the_app_and_missing_files_a_404() {
    let server = TestServer::start().await;
    let route = reqwest::get(server.url("/area")).await.unwrap();
    assert_eq!(route.status(), StatusCode::OK);
    assert!(route.text().await.unwrap().contains(INLINE_BOOT));
    let missing = reqwest::get(server.url("/rukun-ffffffffffffffff.js"))
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn files_compressed_by_the_build_are_sent_as_they_are() {
    let server = TestServer::start().await;
    let dist = server.dir.path().join("dist");
    let body = "console.log('precompressed');".repeat(20);
    // Marker bytes stand for what brotli -q 11 wrote: the server must send
    // this file, not compress the original itself.
    std::fs::write(dist.join("app-0123456789abcdef.js"), &body).unwrap();
    std::fs::write(
        dist.join("app-0123456789abcdef.js.br"),
        b"brotli-by-the-build",
    )
    .unwrap();
    let client = reqwest::Client::builder()
        .no_gzip()
        .no_brotli()
        .build()
        .unwrap();
    let response = client
        .get(server.url("/app-0123456789abcdef.js"))
        .header(ACCEPT_ENCODING, "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()[CONTENT_ENCODING], "br");
    assert!(response.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .contains("javascript"));
    assert_eq!(response.headers()[CACHE_CONTROL], IMMUTABLE);
    assert_eq!(
        response.bytes().await.unwrap().as_ref(),
        b"brotli-by-the-build"
    );
}
