//! The JSON API over real HTTP: health, regions, and bad requests.

mod support;

use reqwest::StatusCode;
use rukun_core::api::{ErrorBody, Health};
use rukun_core::RegionTree;
use support::TestServer;

async fn error_of(response: reqwest::Response) -> ErrorBody {
    assert_eq!(response.headers()["content-type"], "application/json");
    response.json().await.unwrap()
}

#[tokio::test]
async fn health_reports_status_and_version() {
    let server = TestServer::start().await;
    let response = reqwest::get(server.url("/api/health")).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let health: Health = response.json().await.unwrap();
    assert_eq!(health.status, "ok");
    assert_eq!(health.version, env!("CARGO_PKG_VERSION"));
}

#[tokio::test]
async fn regions_hold_all_of_kota_mojokerto() {
    let server = TestServer::start().await;
    let tree: RegionTree = reqwest::get(server.url("/api/regions"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(tree.kota.code.to_string(), "35.76");
    assert_eq!(tree.counts(), (3, 18, 177, 661));
    let names: Vec<&str> = tree.kecamatan.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(names, ["Prajurit Kulon", "Magersari", "Kranggan"]);
    let wates = tree
        .find_kelurahan(&"35.76.02.1010".parse().unwrap())
        .unwrap();
    assert_eq!((wates.name.as_str(), wates.rw.len()), ("Wates", 26));
    assert_eq!(wates.rw[0].rt, [1, 2, 3, 4]);
}

#[tokio::test]
async fn regions_narrow_to_one_area() {
    let server = TestServer::start().await;
    let wates: RegionTree = reqwest::get(server.url("/api/regions?area=35.76.02.1010"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(wates.counts(), (1, 1, 26, 98));
    let kranggan: RegionTree = reqwest::get(server.url("/api/regions?area=35.76.03"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(kranggan.counts(), (1, 6, 52, 193));
}

#[tokio::test]
async fn malformed_area_is_a_400_with_the_reason() {
    let server = TestServer::start().await;
    for (query, reason) in [
        ("area=35.76.2", "PP.KK.CC.DDDD"),
        ("area=abc", "PP.KK.CC.DDDD"),
        ("area=35.76.02.x010", "digits"),
        ("area=35.76", "not a kecamatan or kelurahan"),
    ] {
        let response = reqwest::get(server.url(&format!("/api/regions?{query}")))
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query}");
        let error = error_of(response).await;
        assert_eq!(error.error, "bad_request");
        assert!(error.message.contains(reason), "{query}: {}", error.message);
    }
}

#[tokio::test]
async fn unknown_area_is_a_404() {
    let server = TestServer::start().await;
    let response = reqwest::get(server.url("/api/regions?area=35.76.03.1099"))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(error_of(response).await.error, "not_found");
}

#[tokio::test]
async fn unknown_api_paths_and_methods_answer_in_json() {
    let server = TestServer::start().await;
    let response = reqwest::get(server.url("/api/nothing/here")).await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let error = error_of(response).await;
    assert_eq!(error.error, "not_found");
    assert!(error.message.contains("/api/nothing/here"));

    let response = reqwest::Client::new()
        .post(server.url("/api/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(error_of(response).await.error, "method_not_allowed");
}

#[tokio::test]
async fn a_restart_keeps_the_data_and_does_not_seed_twice() {
    let server = TestServer::start().await;
    let before = reqwest::get(server.url("/api/regions"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let dir = server.stop().await;
    let server = TestServer::start_in(dir).await;
    let after = reqwest::get(server.url("/api/regions"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(before, after);
}

#[tokio::test]
async fn an_unsupported_database_url_is_refused_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = support::config_for(dir.path().into());
    config.database_url = Some("mysql://user:secret@db/rukun".into());
    let error = rukun_server::prepare(&config)
        .await
        .err()
        .unwrap()
        .to_string();
    assert!(error.contains("mysql"), "{error}");
    assert!(
        !error.contains("secret"),
        "the password leaked into: {error}"
    );
}
