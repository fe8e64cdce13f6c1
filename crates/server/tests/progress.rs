//! Progress against targets over real HTTP: demo targets, counts by visit
//! result and review, infrastructure, volunteers, RW and kelurahan totals;
//! target changes; scope and bad requests.

mod support;

use reqwest::{Client, StatusCode};
use rukun_core::fixtures::household_answers;
use rukun_core::form::Value;
use rukun_core::progress::Progress;
use rukun_core::sync::*;
use serde_json::json;
use support::TestServer;

async fn token(server: &TestServer, username: &str) -> String {
    support::login_token(server, username, "rukun-demo").await
}

fn household(seq: u64, rt: u16, visit_result: &str) -> Mutation {
    let mut answers = household_answers(seq as u32, 1);
    answers.insert("visit_result".into(), Value::Choice(visit_result.into()));
    Mutation {
        seq,
        record_id: format!("h{seq}"),
        form_id: "household".into(),
        form_version: 1,
        area: format!("35.76.02.1010/01/{rt:02}"),
        base_version: 0,
        op: Op::Upsert,
        changes: answers.into_iter().map(|(k, v)| (k, Some(v))).collect(),
    }
}

async fn get(server: &TestServer, token: &str, path: &str) -> reqwest::Response {
    Client::new()
        .get(server.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn progress_counts_households_against_targets_per_rt_rw_and_volunteer() {
    let server = TestServer::start().await;
    let relawan = token(&server, "relawan").await;
    let koordinator = token(&server, "koordinator").await;
    let mutations = vec![
        household(1, 1, "1"),
        household(2, 1, "1"),
        household(3, 2, "1"),
    ];
    let request = PushRequest {
        protocol: PROTOCOL_VERSION,
        client_id: "phone".into(),
        mutations,
    };
    let pushed: PushResponse = Client::new()
        .post(server.url("/api/sync/push"))
        .bearer_auth(&relawan)
        .json(&request)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(pushed.last_seq, 3);
    assert!(
        pushed
            .results
            .iter()
            .all(|r| matches!(r.outcome, Outcome::Applied { .. })),
        "{pushed:?}"
    );
    let approved = Client::new()
        .post(server.url("/api/records/h1/review"))
        .bearer_auth(&koordinator)
        .json(&json!({ "action": "approve" }))
        .send()
        .await
        .unwrap();
    assert_eq!(approved.status(), StatusCode::OK);

    let progress: Progress = get(&server, &koordinator, "/api/progress")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(progress.name, "Wates");
    let rt1 = progress
        .rts
        .iter()
        .find(|r| r.area == "35.76.02.1010/01/01")
        .unwrap();
    assert_eq!(
        (rt1.target, rt1.households),
        (Some(40), 2),
        "demo target and two households"
    );
    assert_eq!(rt1.by_visit_result.get("1"), Some(&2), "{rt1:?}");
    assert_eq!(
        (rt1.by_review["approved"], rt1.by_review["submitted"]),
        (1, 1)
    );
    let rt2 = progress
        .rts
        .iter()
        .find(|r| r.area == "35.76.02.1010/01/02")
        .unwrap();
    assert_eq!((rt2.households, rt2.by_visit_result["1"]), (1, 1));
    assert_eq!(progress.rws[0].total.households, 3);
    assert_eq!(progress.rws[0].total.target, 40 + 35 + 45 + 30);
    assert_eq!(progress.total.households, 3);
    assert_eq!(progress.volunteers.len(), 1);
    assert_eq!(
        (
            progress.volunteers[0].username.as_str(),
            progress.volunteers[0].households
        ),
        ("relawan", 3)
    );

    // A new target for RT 02 moves the totals.
    let set = Client::new()
        .put(server.url("/api/targets"))
        .bearer_auth(&koordinator)
        .json(&json!({ "area": "35.76.02.1010/01/02", "households": 50 }))
        .send()
        .await
        .unwrap();
    assert_eq!(set.status(), StatusCode::OK);
    let progress: Progress = get(&server, &koordinator, "/api/progress")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(progress.rws[0].total.target, 40 + 50 + 45 + 30);
}

#[tokio::test]
async fn progress_is_for_the_coordinators_own_kelurahan_and_administrators() {
    let server = TestServer::start().await;
    let koordinator = token(&server, "koordinator").await;
    let admin = token(&server, "admin").await;
    let relawan = token(&server, "relawan").await;
    let cases = [
        (
            &koordinator,
            "/api/progress?kelurahan=35.76.03.1001",
            StatusCode::FORBIDDEN,
        ),
        (&relawan, "/api/progress", StatusCode::FORBIDDEN),
        (&admin, "/api/progress", StatusCode::BAD_REQUEST),
        (
            &admin,
            "/api/progress?kelurahan=35.76.03.1001",
            StatusCode::OK,
        ),
        (
            &admin,
            "/api/progress?kelurahan=35.76.02.1099",
            StatusCode::NOT_FOUND,
        ),
        (
            &admin,
            "/api/progress?kelurahan=wates",
            StatusCode::BAD_REQUEST,
        ),
        (
            &koordinator,
            "/api/progress?kelurahan=35.76.02.1010",
            StatusCode::OK,
        ),
    ];
    for (token, path, expected) in cases {
        assert_eq!(get(&server, token, path).await.status(), expected, "{path}");
    }
    let put = |token: &String, body: serde_json::Value| {
        Client::new()
            .put(server.url("/api/targets"))
            .bearer_auth(token)
            .json(&body)
            .send()
    };
    let targets = [
        (
            &koordinator,
            json!({ "area": "35.76.03.1001/01/01", "households": 5 }),
            StatusCode::FORBIDDEN,
        ),
        (
            &relawan,
            json!({ "area": "35.76.02.1010/01/01", "households": 5 }),
            StatusCode::FORBIDDEN,
        ),
        (
            &koordinator,
            json!({ "area": "35.76.02.1010/01/99", "households": 5 }),
            StatusCode::NOT_FOUND,
        ),
        (
            &koordinator,
            json!({ "area": "RT 1", "households": 5 }),
            StatusCode::BAD_REQUEST,
        ),
        (
            &koordinator,
            json!({ "area": "35.76.02.1010/01/01", "households": 20_000 }),
            StatusCode::BAD_REQUEST,
        ),
        (
            &koordinator,
            json!({ "area": "35.76.02.1010/01/01", "households": -1 }),
            StatusCode::BAD_REQUEST,
        ),
    ];
    for (token, body, expected) in targets {
        assert_eq!(
            put(token, body.clone()).await.unwrap().status(),
            expected,
            "{body}"
        );
    }
}
