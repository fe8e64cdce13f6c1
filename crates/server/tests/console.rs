//! The coordinator console over real HTTP: the review list's filters and
//! pages, data-quality flags on crafted households (the same NIK in
//! another kelurahan included), the changes since the latest decision,
//! conflicts resolved by a coordinator's edit that syncs back, and scope
//! for every role.

mod support;

use reqwest::{Client, StatusCode};
use rukun_core::console::{ListPage, RecordDetail};
use rukun_core::fixtures::household_answers;
use rukun_core::form::{Answers, GpsPoint, Value};
use rukun_core::sync::{Op, Outcome, PullResponse};
use serde_json::{json, Value as Json};
use support::{household_upsert, push_mutations, TestServer};

const WATES: &str = "35.76.02.1010";
const RT1: &str = "35.76.02.1010/01/01";
const RT2: &str = "35.76.02.1010/01/02";

async fn get(server: &TestServer, token: &str, path: &str) -> (StatusCode, Json) {
    let response = Client::new()
        .get(server.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (response.status(), response.json().await.unwrap())
}

async fn list(server: &TestServer, token: &str, query: &str) -> ListPage {
    let (status, body) = get(server, token, &format!("/api/review/records?{query}")).await;
    assert_eq!(status, StatusCode::OK, "{query}: {body}");
    serde_json::from_value(body).unwrap()
}

/// The ids of a list, sorted.
async fn ids(server: &TestServer, token: &str, query: &str) -> Vec<String> {
    let mut ids: Vec<String> = list(server, token, query)
        .await
        .items
        .into_iter()
        .map(|i| i.id)
        .collect();
    ids.sort();
    ids
}

async fn detail(server: &TestServer, token: &str, id: &str) -> RecordDetail {
    let (status, body) = get(server, token, &format!("/api/review/records/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_value(body).unwrap()
}

async fn post(server: &TestServer, token: &str, path: &str, body: Json) -> (StatusCode, Json) {
    let response = Client::new()
        .post(server.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    (response.status(), response.json().await.unwrap())
}

fn at(lat: f64, accuracy: f64) -> Value {
    Value::Gps(GpsPoint {
        lat,
        lon: 112.4338,
        accuracy,
    })
}

fn with(mut answers: Answers, path: &str, value: Value) -> Answers {
    answers.insert(path.into(), value);
    answers
}

#[tokio::test]
async fn the_list_filters_by_place_state_volunteer_date_and_quality_flag() {
    let server = TestServer::start().await;
    let admin = support::login_token(&server, "admin", "rukun-demo").await;
    let relawan = support::login_token(&server, "relawan", "rukun-demo").await;
    let koordinator = support::login_token(&server, "koordinator", "rukun-demo").await;
    let base = -7.4721;
    let wates = vec![
        household_upsert(1, "h-clean", RT1, 0, household_answers(1, 2)),
        household_upsert(
            2,
            "h-inaccurate",
            RT1,
            0,
            with(household_answers(2, 1), "gps", at(base, 120.0)),
        ),
        household_upsert(
            3,
            "h-no-gps",
            RT1,
            0,
            with(household_answers(3, 1), "gps", Value::Absent),
        ),
        // About 1.1 km north of the rest of RT 01.
        household_upsert(
            4,
            "h-far",
            RT1,
            0,
            with(household_answers(4, 1), "gps", at(base + 0.01, 8.0)),
        ),
        household_upsert(
            5,
            "h-partial",
            RT1,
            0,
            with(
                household_answers(5, 1),
                "visit_result",
                Value::Choice("2".into()),
            ),
        ),
        household_upsert(6, "h-dup", RT2, 0, household_answers(7, 1)),
    ];
    for outcome in push_mutations(&server, &relawan, "phone", wates).await {
        assert!(matches!(outcome, Outcome::Applied { .. }), "{outcome:?}");
    }
    // The same family card and NIK surveyed again in Kranggan.
    let kranggan_volunteer = support::kranggan_volunteer(&server, &admin).await;
    let outcome = push_mutations(
        &server,
        &kranggan_volunteer,
        "phone-k",
        vec![household_upsert(
            1,
            "k-dup",
            support::KRANGGAN_RT1,
            0,
            household_answers(7, 1),
        )],
    )
    .await;
    assert!(matches!(outcome[0], Outcome::Applied { version: 1 }));

    let all = list(&server, &koordinator, "").await;
    assert_eq!(all.items.len(), 6, "the coordinator's own kelurahan only");
    let clean = all.items.iter().find(|i| i.id == "h-clean").unwrap();
    assert_eq!(
        (
            clean.area.as_str(),
            clean.rw,
            clean.rt,
            clean.volunteer.as_str(),
            clean.members
        ),
        (RT1, 1, 1, "relawan", 2)
    );
    assert_eq!(clean.title, "Kepala Keluarga 1");
    assert!(clean.flags.is_empty(), "{:?}", clean.flags);

    for (flag, expected) in [
        ("gps_inaccurate", vec!["h-inaccurate"]),
        ("gps_missing", vec!["h-no-gps"]),
        ("gps_far_from_rt", vec!["h-far"]),
        ("incomplete", vec!["h-partial"]),
        ("nik_duplicate", vec!["h-dup"]),
        ("id_invalid", vec![]),
    ] {
        assert_eq!(
            ids(&server, &koordinator, &format!("flag={flag}")).await,
            expected,
            "flag {flag}"
        );
    }
    assert_eq!(ids(&server, &koordinator, "rw=1&rt=2").await, ["h-dup"]);
    // The map: located records only, nothing personal.
    let (status, points) = get(&server, &koordinator, "/api/review/points").await;
    assert_eq!(status, StatusCode::OK);
    let points = points.as_array().unwrap();
    assert_eq!(points.len(), 5, "all but the one without GPS");
    assert!(points
        .iter()
        .all(|p| p.get("title").is_none() && p["lat"].is_f64()));
    assert_eq!(
        ids(&server, &koordinator, "volunteer=relawan").await.len(),
        6
    );
    assert!(ids(&server, &koordinator, "volunteer=someone")
        .await
        .is_empty());
    assert!(ids(&server, &koordinator, "form=infrastructure")
        .await
        .is_empty());
    assert!(ids(&server, &koordinator, "to=2020-01-01").await.is_empty());
    assert_eq!(ids(&server, &koordinator, "from=2020-01-01").await.len(), 6);

    let (status, _) = post(
        &server,
        &koordinator,
        "/api/records/h-clean/review",
        json!({ "action": "approve" }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        ids(&server, &koordinator, "state=approved").await,
        ["h-clean"]
    );
    assert_eq!(ids(&server, &koordinator, "state=submitted").await.len(), 5);

    // Pages of 4: no item twice, none left out, newest change first.
    let first = list(&server, &koordinator, "limit=4").await;
    assert_eq!(first.items[0].id, "h-clean", "just reviewed");
    let after = first.next.clone().expect("a second page");
    let second = list(&server, &koordinator, &format!("limit=4&after={after}")).await;
    assert_eq!((first.items.len(), second.items.len()), (4, 2));
    assert!(second.next.is_none());
    let mut seen: Vec<String> = first
        .items
        .iter()
        .chain(&second.items)
        .map(|i| i.id.clone())
        .collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 6);

    // An administrator sees the city, or one kelurahan.
    assert_eq!(list(&server, &admin, "").await.items.len(), 7);
    assert_eq!(
        list(&server, &admin, &format!("kelurahan={WATES}"))
            .await
            .items
            .len(),
        6
    );

    // The duplicate goes when the other household is deleted.
    let mut delete = household_upsert(2, "k-dup", support::KRANGGAN_RT1, 1, Answers::new());
    delete.op = Op::Delete;
    push_mutations(&server, &kranggan_volunteer, "phone-k", vec![delete]).await;
    assert!(ids(&server, &koordinator, "flag=nik_duplicate")
        .await
        .is_empty());

    for bad in [
        "flag=nonsense",
        "state=lost",
        "from=28-11-2026",
        "limit=0",
        "limit=100000",
        "form=people",
        "after=garbage",
        "rw=x",
        "kelurahan=35.76",
    ] {
        let (status, body) =
            get(&server, &koordinator, &format!("/api/review/records?{bad}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
        assert!(!body["message"].as_str().unwrap_or("").is_empty(), "{bad}");
    }
}

#[tokio::test]
async fn every_role_sees_only_its_own_kelurahan() {
    let server = TestServer::start().await;
    let admin = support::login_token(&server, "admin", "rukun-demo").await;
    let relawan = support::login_token(&server, "relawan", "rukun-demo").await;
    let kiosk = support::login_token(&server, "kiosk", "rukun-demo").await;
    let elsewhere = support::kranggan_coordinator(&server, &admin).await;
    push_mutations(
        &server,
        &relawan,
        "phone",
        vec![household_upsert(1, "h1", RT1, 0, household_answers(1, 1))],
    )
    .await;

    assert!(list(&server, &elsewhere, "").await.items.is_empty());
    let (status, _) = get(
        &server,
        &elsewhere,
        &format!("/api/review/records?kelurahan={WATES}"),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Another kelurahan's record answers like a missing one.
    let (status, _) = get(&server, &elsewhere, "/api/review/records/h1").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = get(
        &server,
        &elsewhere,
        &format!("/api/review/points?kelurahan={WATES}"),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let edit =
        json!({ "version": 1, "changes": { "head_name": { "text": "X" } }, "reason": "coba" });
    let (status, _) = post(&server, &elsewhere, "/api/records/h1/edit", edit.clone()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    for token in [&relawan, &kiosk] {
        for path in [
            "/api/review/records",
            "/api/review/records/h1",
            "/api/review/points",
        ] {
            let (status, _) = get(&server, token, path).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        }
        let (status, _) = post(&server, token, "/api/records/h1/edit", edit.clone()).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    let (status, _) = get(&server, "not-a-token", "/api/review/records").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = get(&server, &admin, "/api/review/records/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_resubmission_shows_what_changed_and_a_coordinator_settles_a_conflict() {
    let server = TestServer::start().await;
    let relawan = support::login_token(&server, "relawan", "rukun-demo").await;
    let koordinator = support::login_token(&server, "koordinator", "rukun-demo").await;
    push_mutations(
        &server,
        &relawan,
        "phone",
        vec![household_upsert(1, "h1", RT1, 0, household_answers(1, 1))],
    )
    .await;
    assert!(detail(&server, &koordinator, "h1").await.changes.is_empty());
    let (status, _) = post(
        &server,
        &koordinator,
        "/api/records/h1/review",
        json!({ "action": "return", "comment": "Nama kepala keluarga salah",
                "field_comments": { "head_name": "Sesuai KK" } }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    // The volunteer fixes the name (the record is at version 2 after the return).
    let fix = Answers::from([("head_name".to_string(), Value::Text("Slamet Riyadi".into()))]);
    let outcome = push_mutations(
        &server,
        &relawan,
        "phone",
        vec![household_upsert(2, "h1", RT1, 2, fix)],
    )
    .await;
    assert!(
        matches!(outcome[0], Outcome::Applied { version: 3 }),
        "{outcome:?}"
    );
    let seen = detail(&server, &koordinator, "h1").await;
    assert_eq!(
        seen.item.review_state,
        rukun_core::review::ReviewState::Submitted
    );
    assert_eq!(seen.reviews.len(), 1);
    assert_eq!(seen.changes.len(), 1, "{:?}", seen.changes);
    assert_eq!(seen.changes[0].path, "head_name");
    assert_eq!(
        seen.changes[0].before,
        Some(Value::Text("Kepala Keluarga 1".into()))
    );
    assert_eq!(
        seen.changes[0].after,
        Some(Value::Text("Slamet Riyadi".into()))
    );

    // Two devices of the volunteer change the address from version 3.
    let address = |text: &str| Answers::from([("address".to_string(), Value::Text(text.into()))]);
    push_mutations(
        &server,
        &relawan,
        "phone",
        vec![household_upsert(3, "h1", RT1, 3, address("Jl. Mawar"))],
    )
    .await;
    let outcome = push_mutations(
        &server,
        &relawan,
        "tablet",
        vec![household_upsert(1, "h1", RT1, 3, address("Jl. Melati"))],
    )
    .await;
    assert!(
        matches!(&outcome[0], Outcome::Conflict { fields, .. } if fields == &["address".to_string()]),
        "{outcome:?}"
    );
    let seen = detail(&server, &koordinator, "h1").await;
    assert_eq!(seen.conflicts.len(), 1);
    let conflict = &seen.conflicts[0];
    assert_eq!(conflict.path, "address");
    assert_eq!(
        conflict.base,
        Some(Value::Text("Jl. Empunala Gg. 2".into()))
    );
    assert_eq!(conflict.server, Some(Value::Text("Jl. Mawar".into())));
    assert_eq!(conflict.device, Some(Value::Text("Jl. Melati".into())));
    let version = seen.version;

    // Bad edits change nothing.
    for (body, status) in [
        (
            json!({ "version": version, "changes": {}, "reason": "" , "resolves": [conflict.id] }),
            StatusCode::BAD_REQUEST,
        ),
        (
            json!({ "version": version, "changes": { "no_kk": { "text": "123" } }, "reason": "coba" }),
            StatusCode::BAD_REQUEST,
        ),
        (
            json!({ "version": version - 1, "changes": { "address": { "text": "Jl. Melati" } }, "reason": "coba" }),
            StatusCode::CONFLICT,
        ),
        (
            json!({ "version": version, "changes": {}, "reason": "coba", "resolves": [999] }),
            StatusCode::CONFLICT,
        ),
        (json!({ "version": "x" }), StatusCode::BAD_REQUEST),
    ] {
        let (got, reply) = post(&server, &koordinator, "/api/records/h1/edit", body.clone()).await;
        assert_eq!(got, status, "{body}: {reply}");
        assert!(!reply["message"].as_str().unwrap_or("").is_empty());
    }
    assert_eq!(detail(&server, &koordinator, "h1").await.version, version);

    // The coordinator keeps the tablet's value, with a reason.
    let (status, body) = post(
        &server,
        &koordinator,
        "/api/records/h1/edit",
        json!({ "version": version, "changes": { "address": { "text": "Jl. Melati" } },
                "reason": "Dicek ke lokasi: Jl. Melati", "resolves": [conflict.id] }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let seen = detail(&server, &koordinator, "h1").await;
    assert!(seen.conflicts.is_empty());
    assert_eq!(seen.answers["address"], Value::Text("Jl. Melati".into()));
    assert_eq!(seen.version, version + 1);

    // The decision reaches the devices.
    let (_, page) = get(&server, &relawan, "/api/sync/pull?protocol=1&cursor=0").await;
    let page: PullResponse = serde_json::from_value(page).unwrap();
    let pulled = page.records.iter().find(|r| r.record_id == "h1").unwrap();
    assert_eq!(pulled.answers["address"], Value::Text("Jl. Melati".into()));
    assert_eq!(pulled.version, version + 1);

    // Audited with author and reason.
    let (_, log) = get(&server, &koordinator, "/api/audit").await;
    let entry = log
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "coordinator_edit")
        .expect("an audit entry");
    assert_eq!(entry["actor"], "koordinator");
    assert!(entry["detail"]
        .as_str()
        .unwrap()
        .contains("Dicek ke lokasi: Jl. Melati"));
    assert!(entry["detail"].as_str().unwrap().contains("address"));

    // An edit leaves the review state alone: approved stays approved.
    let (status, _) = post(
        &server,
        &koordinator,
        "/api/records/h1/review",
        json!({ "action": "approve" }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let version = detail(&server, &koordinator, "h1").await.version;
    let (status, body) = post(
        &server,
        &koordinator,
        "/api/records/h1/edit",
        json!({ "version": version, "changes": { "house_number": { "text": "7" } }, "reason": "Papan nomor" }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let seen = detail(&server, &koordinator, "h1").await;
    assert_eq!(
        seen.item.review_state,
        rukun_core::review::ReviewState::Approved
    );
    assert_eq!(ids(&server, &koordinator, "state=approved").await, ["h1"]);
}
