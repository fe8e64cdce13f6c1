//! The OpenAPI description: served as JSON, and describing every route the
//! API's routers declare (read from their source, so a new route without a
//! description fails here), with the methods they accept.

mod support;

use std::collections::BTreeSet;

use support::TestServer;

/// (method, path) of every `.route("PATH", get(..).post(..))` in the API's
/// router files, paths as OpenAPI writes them (`/api/...`).
fn declared_routes() -> BTreeSet<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/api");
    let mut routes = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for part in source.split(".route(\"").skip(1) {
            let (path, rest) = part.split_once('"').unwrap();
            let call = &rest[..rest
                .find(")\n")
                .or_else(|| rest.find("))"))
                .unwrap_or(rest.len())];
            for method in ["get", "post", "put", "delete", "patch"] {
                if call.contains(&format!(" {method}(")) || call.contains(&format!(".{method}(")) {
                    routes.insert((method.to_owned(), format!("/api{path}")));
                }
            }
        }
    }
    routes
}

#[tokio::test]
async fn every_route_is_described() {
    let server = TestServer::start().await;
    let response = reqwest::get(server.url("/api/openapi.json")).await.unwrap();
    assert_eq!(response.status(), reqwest::StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let doc: serde_json::Value = response.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let described: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(move |method| (method.clone(), path.clone()))
        })
        .collect();
    let declared = declared_routes();
    assert!(declared.len() >= 20, "{declared:?}");
    let missing: Vec<_> = declared.difference(&described).collect();
    assert!(
        missing.is_empty(),
        "routes without a description: {missing:?}"
    );
    let stale: Vec<_> = described.difference(&declared).collect();
    assert!(stale.is_empty(), "described but not routed: {stale:?}");
    // Every `$ref` points at a defined schema or response.
    let text = doc.to_string();
    for reference in text.split("\"$ref\":\"#/components/").skip(1) {
        let name = reference.split('"').next().unwrap();
        let (kind, key) = name.split_once('/').unwrap();
        assert!(!doc["components"][kind][key].is_null(), "undefined {name}");
    }
}
