//! Exports over real HTTP, parsed back and compared with what was pushed:
//! households and members CSV, infrastructure CSV, XLSX (one sheet per
//! table), GeoJSON points; NIK and No. KK masked unless asked for; every
//! export audited; scope per role; bad requests.

mod support;

use std::collections::BTreeMap;

use calamine::{Data, Reader, Xlsx};
use reqwest::{Client, StatusCode};
use rukun_core::fixtures::{flood_report_answers, household_answers};
use rukun_core::form::{Answers, Value};
use rukun_core::sync::Mutation;
use serde_json::{json, Value as Json};
use support::{household_upsert, push_mutations, TestServer};

const RT1: &str = "35.76.02.1010/01/01";

async fn download(server: &TestServer, token: &str, path: &str) -> (StatusCode, Vec<u8>) {
    let response = Client::new()
        .get(server.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (response.status(), response.bytes().await.unwrap().to_vec())
}

async fn file(server: &TestServer, token: &str, path: &str) -> Vec<u8> {
    let (status, body) = download(server, token, path).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{path}: {}",
        String::from_utf8_lossy(&body)
    );
    body
}

/// Rows of a CSV as header → value maps.
fn csv_rows(bytes: &[u8]) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_reader(bytes);
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .map(String::from)
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

fn text(answers: &Answers, path: &str) -> String {
    match answers.get(path) {
        Some(Value::Text(t)) => t.clone(),
        other => panic!("{path}: {other:?}"),
    }
}

fn report(seq: u64, id: &str) -> Mutation {
    Mutation {
        form_id: "infrastructure".into(),
        ..household_upsert(seq, id, RT1, 0, flood_report_answers(1))
    }
}

#[tokio::test]
async fn exports_hold_the_data_with_codes_labels_and_masked_identities() {
    let server = TestServer::start().await;
    let admin = support::login_token(&server, "admin", "rukun-demo").await;
    let relawan = support::login_token(&server, "relawan", "rukun-demo").await;
    let koordinator = support::login_token(&server, "koordinator", "rukun-demo").await;
    let (h1, h2) = (household_answers(1, 3), household_answers(2, 1));
    let outcomes = push_mutations(
        &server,
        &relawan,
        "phone",
        vec![
            household_upsert(1, "h1", RT1, 0, h1.clone()),
            household_upsert(2, "h2", RT1, 0, h2.clone()),
            report(3, "r1"),
        ],
    )
    .await;
    assert!(
        outcomes
            .iter()
            .all(|o| matches!(o, rukun_core::sync::Outcome::Applied { .. })),
        "{outcomes:?}"
    );
    let kranggan = support::kranggan_volunteer(&server, &admin).await;
    push_mutations(
        &server,
        &kranggan,
        "k",
        vec![household_upsert(
            1,
            "k1",
            support::KRANGGAN_RT1,
            0,
            household_answers(9, 1),
        )],
    )
    .await;

    // Households: one row each, codes and labels, No. KK masked.
    let households = csv_rows(&file(&server, &koordinator, "/api/exports/households.csv").await);
    assert_eq!(households.len(), 2, "Wates only");
    let row = households.iter().find(|r| r["id"] == "h1").unwrap();
    let kk = text(&h1, "no_kk");
    assert_eq!(row["no_kk"], format!("{}**********", &kk[..6]));
    assert_eq!(row["head_name"], text(&h1, "head_name"));
    assert_eq!(row["visit_result"], "1");
    assert_eq!(row["visit_result_label"], "Terisi lengkap");
    assert_eq!(row["gps_lat"].parse::<f64>().unwrap(), -7.4721);
    assert_eq!(row["members_count"], "3");
    assert_eq!(
        (
            row["rw"].as_str(),
            row["rt"].as_str(),
            row["kelurahan"].as_str()
        ),
        ("1", "1", "35.76.02.1010")
    );
    assert_eq!(row["review_state"], "submitted");

    // Members: keyed by household, NIK masked unless asked for.
    let members = csv_rows(&file(&server, &koordinator, "/api/exports/members.csv").await);
    assert_eq!(members.len(), 4);
    let first = members
        .iter()
        .find(|r| r["household_id"] == "h1" && r["row"] == "m0")
        .unwrap();
    let nik = text(&h1, "members/m0/nik");
    assert_eq!(first["nik"], format!("{}**********", &nik[..6]));
    assert_eq!(first["name"], text(&h1, "members/m0/name"));
    assert_eq!(first["relationship_label"], "Kepala keluarga");
    let full = csv_rows(
        &file(
            &server,
            &koordinator,
            "/api/exports/members.csv?identities=full",
        )
        .await,
    );
    let first = full
        .iter()
        .find(|r| r["household_id"] == "h1" && r["row"] == "m0")
        .unwrap();
    assert_eq!(first["nik"], nik);

    let reports = csv_rows(&file(&server, &koordinator, "/api/exports/infrastructure.csv").await);
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0]["category_label"], "Titik banjir / genangan");
    assert_eq!(reports[0]["flood_depth"], "40");
    assert_eq!(reports[0]["photos_count"], "1");

    // XLSX: one sheet per table, the same values.
    let bytes = file(&server, &koordinator, "/api/exports/survey.xlsx").await;
    let mut workbook: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        ["Rumah tangga", "Anggota", "Prasarana"]
    );
    let sheet = |workbook: &mut Xlsx<_>, name: &str| -> Vec<BTreeMap<String, Data>> {
        let range = workbook.worksheet_range(name).unwrap();
        let mut rows = range.rows();
        let headers: Vec<String> = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
        rows.map(|r| headers.iter().cloned().zip(r.iter().cloned()).collect())
            .collect()
    };
    let sheet_households = sheet(&mut workbook, "Rumah tangga");
    assert_eq!(sheet_households.len(), 2);
    let h2_row = sheet_households
        .iter()
        .find(|r| r["id"] == Data::String("h2".into()))
        .unwrap();
    assert_eq!(h2_row["head_name"], Data::String(text(&h2, "head_name")));
    assert_eq!(h2_row["floor_area"], Data::Float(54.0));
    assert_eq!(
        h2_row["visit_result_label"],
        Data::String("Terisi lengkap".into())
    );
    assert_eq!(sheet(&mut workbook, "Anggota").len(), 4);
    let sheet_reports = sheet(&mut workbook, "Prasarana");
    assert_eq!(sheet_reports.len(), 1);
    assert_eq!(
        sheet_reports[0]["condition_label"],
        Data::String("Rusak berat".into())
    );

    // GeoJSON: the points, nothing personal.
    let bytes = file(&server, &koordinator, "/api/exports/points.geojson").await;
    let text_of_file = String::from_utf8(bytes.clone()).unwrap();
    let geo: Json = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().unwrap();
    assert_eq!(features.len(), 3);
    let flood = features
        .iter()
        .find(|f| f["properties"]["id"] == "r1")
        .unwrap();
    assert_eq!(flood["geometry"]["coordinates"], json!([112.4341, -7.4730]));
    assert_eq!(
        flood["properties"]["category_label"],
        "Titik banjir / genangan"
    );
    for secret in [
        text(&h1, "head_name"),
        kk.clone(),
        nik.clone(),
        text(&h1, "members/m0/name"),
    ] {
        assert!(!text_of_file.contains(&secret), "GeoJSON leaks {secret}");
    }

    // Filters: none approved yet; the administrator exports the city.
    assert!(csv_rows(
        &file(
            &server,
            &koordinator,
            "/api/exports/households.csv?state=approved"
        )
        .await
    )
    .is_empty());
    assert_eq!(
        csv_rows(&file(&server, &admin, "/api/exports/households.csv").await).len(),
        3
    );

    // Every export is in the audit log, the unmasked one said so.
    let log: Json =
        serde_json::from_slice(&file(&server, &koordinator, "/api/audit").await).unwrap();
    let exports: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "export")
        .map(|e| e["detail"].as_str().unwrap())
        .collect();
    assert_eq!(exports.len(), 7, "Wates's own; {exports:?}");
    assert!(exports
        .iter()
        .any(|d| d.starts_with("members.csv") && d.contains("identities full")));
    assert!(
        exports.iter().all(|d| !d.contains("kelurahan all")),
        "the city export is not Wates's"
    );
    let log: Json = serde_json::from_slice(&file(&server, &admin, "/api/audit").await).unwrap();
    let city = log
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "export")
        .unwrap();
    assert_eq!(city["actor"], "admin");
    assert!(city["detail"]
        .as_str()
        .unwrap()
        .contains("kelurahan all; state all; 3 records"));
}

#[tokio::test]
async fn exports_are_for_coordinators_of_the_kelurahan_and_administrators() {
    let server = TestServer::start().await;
    let admin = support::login_token(&server, "admin", "rukun-demo").await;
    let relawan = support::login_token(&server, "relawan", "rukun-demo").await;
    let kiosk = support::login_token(&server, "kiosk", "rukun-demo").await;
    let koordinator = support::login_token(&server, "koordinator", "rukun-demo").await;
    let elsewhere = support::kranggan_coordinator(&server, &admin).await;
    for token in [&relawan, &kiosk] {
        let (status, _) = download(&server, token, "/api/exports/households.csv").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    let (status, _) = download(
        &server,
        &elsewhere,
        "/api/exports/survey.xlsx?kelurahan=35.76.02.1010",
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = download(&server, "nobody", "/api/exports/households.csv").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    for (path, expected) in [
        ("/api/exports/everything.zip", StatusCode::NOT_FOUND),
        (
            "/api/exports/households.csv?identities=some",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/exports/households.csv?state=lost",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/exports/households.csv?kelurahan=35.76",
            StatusCode::BAD_REQUEST,
        ),
    ] {
        let (status, body) = download(&server, &koordinator, path).await;
        assert_eq!(status, expected, "{path}");
        let body: Json = serde_json::from_slice(&body).unwrap();
        assert!(!body["message"].as_str().unwrap().is_empty());
    }
    // Refused exports leave no audit entry.
    let (_, log) = download(&server, &koordinator, "/api/audit").await;
    let log: Json = serde_json::from_slice(&log).unwrap();
    assert!(log
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["action"] != "export"));
}
