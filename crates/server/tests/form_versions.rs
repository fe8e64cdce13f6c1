//! Forms as versioned data over real HTTP: the built-in forms are stored
//! as versions 1 at first start; an administrator publishes the next
//! version, checked for every problem at once; pushes are checked against
//! the version they name; versions survive a restart; exports span every
//! version.

mod support;

use std::collections::BTreeMap;

use reqwest::{Client, StatusCode};
use rukun_core::api::ErrorBody;
use rukun_core::fixtures::household_answers;
use rukun_core::form::{FormDef, FormIndex, Value};
use rukun_core::sync::{Mutation, Outcome};
use serde_json::{json, Value as Json};
use support::{household_upsert, login_token, push_mutations, TestServer};

const RT1: &str = "35.76.02.1010/01/01";

/// The household v1 document as published at first start.
fn household_v1() -> Json {
    serde_json::from_str(rukun_core::forms::BUILT_IN[0]).unwrap()
}

/// Household v2: v1 with a required single choice `vehicles` and its own
/// new code list.
fn household_v2() -> Json {
    let mut doc = household_v1();
    doc["version"] = json!(2);
    let assistance = doc["sections"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|s| s["id"] == "assistance")
        .unwrap();
    assistance["fields"].as_array_mut().unwrap().push(json!({
        "id": "vehicles",
        "label": { "id": "Jumlah kendaraan bermotor", "en": "Number of motor vehicles" },
        "kind": { "type": "single", "list": "vehicles" },
        "required": true
    }));
    doc["lists"].as_array_mut().unwrap().push(json!({
        "id": "vehicles",
        "items": [
            { "code": "0", "label": { "id": "Tidak ada", "en": "None" } },
            { "code": "1", "label": { "id": "Satu", "en": "One" } },
            { "code": "2", "label": { "id": "Dua atau lebih", "en": "Two or more" } }
        ]
    }));
    doc
}

struct Answer {
    status: StatusCode,
    body: String,
}

impl Answer {
    fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", &self.body[..self.body.len().min(300)]))
    }
}

async fn get(server: &TestServer, token: &str, path: &str) -> Answer {
    let response = Client::new()
        .get(server.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    Answer {
        status: response.status(),
        body: response.text().await.unwrap(),
    }
}

async fn publish(server: &TestServer, token: &str, id: &str, document: &Json) -> Answer {
    let response = Client::new()
        .post(server.url(&format!("/api/forms/{id}/versions")))
        .bearer_auth(token)
        .json(document)
        .send()
        .await
        .unwrap();
    Answer {
        status: response.status(),
        body: response.text().await.unwrap(),
    }
}

/// The `at` of every problem of a refused definition, and its messages.
fn problems(answer: &Answer) -> Vec<(String, String)> {
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.body);
    let error: ErrorBody = answer.json();
    assert_eq!(error.error, "invalid_definition");
    let n = error.problems.len();
    assert_eq!(
        error.message,
        format!(
            "Definisi formulir bermasalah ({n} masalah). / The form definition has {n} problems."
        )
    );
    error
        .problems
        .into_iter()
        .map(|p| (p.at, p.message.en))
        .collect()
}

fn versions(index: &FormIndex, id: &str) -> Vec<(u32, String)> {
    index
        .forms
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("{id} not listed"))
        .versions
        .iter()
        .map(|v| (v.version, v.published_by.clone()))
        .collect()
}

fn household_v2_upsert(seq: u64, id: &str, n: u32, vehicles: Option<&str>) -> Mutation {
    let mut answers = household_answers(n, 2);
    if let Some(code) = vehicles {
        answers.insert("vehicles".into(), Value::Choice(code.into()));
    }
    Mutation {
        form_version: 2,
        ..household_upsert(seq, id, RT1, 0, answers)
    }
}

#[tokio::test]
async fn the_built_in_forms_are_stored_as_versions_1_at_first_start() {
    let server = TestServer::start().await;
    let relawan = login_token(&server, "relawan", "rukun-demo").await;
    let index: FormIndex = get(&server, &relawan, "/api/forms").await.json();
    let ids: Vec<&str> = index.forms.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["household", "infrastructure"]);
    for (id, json) in [
        ("household", rukun_core::forms::BUILT_IN[0]),
        ("infrastructure", rukun_core::forms::BUILT_IN[1]),
    ] {
        assert_eq!(versions(&index, id), [(1, "system".to_owned())]);
        let answer = get(&server, &relawan, &format!("/api/forms/{id}/versions/1")).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        let built_in: FormDef = serde_json::from_str(json).unwrap();
        // Stored as the canonical JSON of the parsed definition.
        assert_eq!(answer.body, serde_json::to_string(&built_in).unwrap());
    }
    let title = &index.forms[0].title;
    assert_eq!(title.id, household_v1()["title"]["id"].as_str().unwrap());

    for path in [
        "/api/forms/household/versions/2",
        "/api/forms/nothing/versions/1",
        "/api/forms/household/versions/one",
    ] {
        let answer = get(&server, &relawan, path).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
        let error: ErrorBody = answer.json();
        assert!(error.message.contains("Form"), "{}", error.message);
    }
    let anonymous = reqwest::get(server.url("/api/forms")).await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_administrator_publishes_the_next_version_and_records_follow_their_own() {
    let server = TestServer::start().await;
    let admin = login_token(&server, "admin", "rukun-demo").await;
    let relawan = login_token(&server, "relawan", "rukun-demo").await;
    let koordinator = login_token(&server, "koordinator", "rukun-demo").await;

    // Only administrators publish.
    for token in [&relawan, &koordinator] {
        let refused = publish(&server, token, "household", &household_v2()).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    }

    let published = publish(&server, &admin, "household", &household_v2()).await;
    assert_eq!(published.status, StatusCode::CREATED, "{}", published.body);
    let stored: FormDef = published.json();
    assert_eq!(stored.version, 2);
    let vehicles = stored.field("vehicles").unwrap();
    assert_eq!(vehicles.label.id, "Jumlah kendaraan bermotor");
    assert!(vehicles.required);

    let index: FormIndex = get(&server, &relawan, "/api/forms").await.json();
    assert_eq!(
        versions(&index, "household"),
        [(1, "system".to_owned()), (2, "admin".to_owned())]
    );
    assert_eq!(index.latest("household"), Some(2));
    let served = get(&server, &relawan, "/api/forms/household/versions/2").await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(
        served.body, published.body,
        "byte for byte what was published"
    );

    // The publication is audited.
    let log: Vec<Json> = get(&server, &admin, "/api/audit").await.json();
    assert!(
        log.iter().any(|e| e["action"] == "form_publish"
            && e["actor"] == "admin"
            && e["detail"] == "household v2"),
        "{log:?}"
    );

    // A phone still on v1 keeps sending v1 households; a v2 household needs
    // the new required answer.
    let outcomes = push_mutations(
        &server,
        &relawan,
        "phone-1",
        vec![
            household_upsert(1, "h-v1", RT1, 0, household_answers(1, 2)),
            household_v2_upsert(2, "h-v2-missing", 2, None),
            household_v2_upsert(3, "h-v2", 3, Some("2")),
        ],
    )
    .await;
    assert!(
        matches!(outcomes[0], Outcome::Applied { version: 1 }),
        "{outcomes:?}"
    );
    match &outcomes[1] {
        Outcome::Rejected { reason } => assert!(reason.en.contains("vehicles"), "{reason:?}"),
        other => panic!("a v2 household without vehicles: {other:?}"),
    }
    assert!(
        matches!(outcomes[2], Outcome::Applied { version: 1 }),
        "{outcomes:?}"
    );
    // A version nobody published is still refused with its reason.
    let unknown = push_mutations(
        &server,
        &relawan,
        "phone-1",
        vec![Mutation {
            form_version: 3,
            ..household_v2_upsert(4, "h-v3", 4, Some("1"))
        }],
    )
    .await;
    match &unknown[0] {
        Outcome::Rejected { reason } => {
            assert_eq!(reason.en, "Unknown form household version 3.")
        }
        other => panic!("{other:?}"),
    }

    // The export has the union of the versions' columns: v2's `vehicles`,
    // empty for the v1 household.
    let csv = Client::new()
        .get(server.url("/api/exports/households.csv?kelurahan=35.76.02.1010"))
        .bearer_auth(&koordinator)
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), StatusCode::OK);
    let bytes = csv.bytes().await.unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[..]);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let v1_columns = {
        let v1: FormDef = serde_json::from_value(household_v1()).unwrap();
        v1.sections
            .iter()
            .flat_map(|s| &s.fields)
            .filter(|f| f.id != "members" && f.id != "gps" && f.id != "house_photo")
            .map(|f| f.id.clone())
            .collect::<Vec<_>>()
    };
    for column in v1_columns.iter().chain([&"vehicles".to_owned()]) {
        assert!(headers.contains(column), "{column} in {headers:?}");
    }
    let rows: BTreeMap<String, BTreeMap<String, String>> = reader
        .records()
        .map(|r| {
            let row: BTreeMap<String, String> = headers
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect();
            (row["id"].clone(), row)
        })
        .collect();
    assert_eq!(rows.len(), 2, "{:?}", rows.keys());
    assert_eq!(rows["h-v1"]["vehicles"], "");
    assert_eq!(rows["h-v1"]["vehicles_label"], "");
    assert_eq!(rows["h-v2"]["vehicles"], "2");
    assert_eq!(rows["h-v2"]["vehicles_label"], "Dua atau lebih");
    assert_eq!(rows["h-v1"]["visit_result_label"], "Terisi lengkap");
    assert_eq!(rows["h-v2"]["visit_result_label"], "Terisi lengkap");

    // Versions survive a restart.
    let dir = server.stop().await;
    let server = TestServer::start_in(dir).await;
    let relawan = login_token(&server, "relawan", "rukun-demo").await;
    let index: FormIndex = get(&server, &relawan, "/api/forms").await.json();
    assert_eq!(
        versions(&index, "household"),
        [(1, "system".to_owned()), (2, "admin".to_owned())]
    );
    let again = get(&server, &relawan, "/api/forms/household/versions/2").await;
    assert_eq!(again.body, published.body);
    // ... and still check the pushes naming them.
    let outcomes = push_mutations(
        &server,
        &relawan,
        "phone-1",
        vec![
            household_v2_upsert(5, "h-v2-again", 5, None),
            household_v2_upsert(6, "h-v2-again", 5, Some("0")),
        ],
    )
    .await;
    assert!(
        matches!(outcomes[0], Outcome::Rejected { .. }),
        "{outcomes:?}"
    );
    assert!(
        matches!(outcomes[1], Outcome::Applied { version: 1 }),
        "{outcomes:?}"
    );
}

#[tokio::test]
async fn a_broken_definition_is_refused_with_every_problem() {
    let server = TestServer::start().await;
    let admin = login_token(&server, "admin", "rukun-demo").await;

    // Two unknown field types (one inside the members' rows): both named.
    let mut doc = household_v2();
    doc["sections"][0]["fields"][0]["kind"] = json!({ "type": "slider", "min": 0 });
    let members = doc["sections"][1]["fields"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|f| f["id"] == "members")
        .unwrap();
    members["kind"]["fields"][0]["kind"] = json!({ "type": "signature" });
    let found = problems(&publish(&server, &admin, "household", &doc).await);
    let at: Vec<&str> = found.iter().map(|(at, _)| at.as_str()).collect();
    assert_eq!(at, ["field visit_result", "field members/nik"], "{found:?}");
    assert!(found[0].1.contains("slider") && found[1].1.contains("signature"));

    // A duplicate id, a condition naming a missing field, a skipped version.
    let mut doc = household_v2();
    doc["version"] = json!(7);
    let fields = doc["sections"][0]["fields"].as_array_mut().unwrap();
    let mut twice = fields[2].clone();
    twice["label"] = json!({ "id": "Alamat lagi", "en": "Address again" });
    fields.push(twice);
    fields[7]["relevant"] = json!({ "is": { "field": "no_such_field", "value": "1" } });
    let found = problems(&publish(&server, &admin, "household", &doc).await);
    let has = |at: &str, en: &str| found.iter().any(|(a, m)| a == at && m.contains(en));
    assert!(has("field address", "used twice"), "{found:?}");
    assert!(has("field visit_note", "no_such_field"), "{found:?}");
    assert!(has("version", "must be 2"), "{found:?}");
    assert_eq!(found.len(), 3, "{found:?}");

    // Another form's document sent to this form.
    let found = problems(&publish(&server, &admin, "infrastructure", &household_v2()).await);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "id");

    // Not JSON at all, or too big.
    let garbage = Client::new()
        .post(server.url("/api/forms/household/versions"))
        .bearer_auth(&admin)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(garbage.status(), StatusCode::BAD_REQUEST);
    let huge = Client::new()
        .post(server.url("/api/forms/household/versions"))
        .bearer_auth(&admin)
        .header("content-type", "application/json")
        .body(format!("{{\"pad\":\"{}\"}}", "x".repeat(1024 * 1024)))
        .send()
        .await
        .unwrap();
    assert_eq!(huge.status(), StatusCode::PAYLOAD_TOO_LARGE);

    // Nothing of it was published.
    let index: FormIndex = get(&server, &admin, "/api/forms").await.json();
    assert_eq!(index.latest("household"), Some(1));
    assert_eq!(index.latest("infrastructure"), Some(1));
}

#[tokio::test]
async fn a_code_that_stored_answers_use_cannot_be_removed() {
    let server = TestServer::start().await;
    let admin = login_token(&server, "admin", "rukun-demo").await;
    let relawan = login_token(&server, "relawan", "rukun-demo").await;
    // Members answer religion 1 (a single choice in the rows) and health
    // insurance [1] (a multiple choice).
    push_mutations(
        &server,
        &relawan,
        "phone-1",
        vec![household_upsert(1, "h1", RT1, 0, household_answers(1, 2))],
    )
    .await;
    let without = |doc: &mut Json, list: &str, code: &str| {
        let list = doc["lists"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|l| l["id"] == list)
            .unwrap();
        list["items"]
            .as_array_mut()
            .unwrap()
            .retain(|item| item["code"] != code);
    };
    let mut doc = household_v2();
    without(&mut doc, "religion", "1");
    without(&mut doc, "health_insurance", "1");
    let found = problems(&publish(&server, &admin, "household", &doc).await);
    let has = |at: &str, en: &str| found.iter().any(|(a, m)| a == at && m.contains(en));
    assert!(
        has(
            "list religion",
            "Code 1 is used by stored answers of members/religion"
        ),
        "{found:?}"
    );
    assert!(
        has(
            "list health_insurance",
            "Code 1 is used by stored answers of members/insurance"
        ),
        "{found:?}"
    );
    // A code no stored answer uses may go.
    let mut doc = household_v2();
    without(&mut doc, "religion", "6");
    let published = publish(&server, &admin, "household", &doc).await;
    assert_eq!(published.status, StatusCode::CREATED, "{}", published.body);
}

#[tokio::test]
async fn of_two_publishes_of_one_version_at_once_exactly_one_is_stored() {
    let server = TestServer::start().await;
    let admin = login_token(&server, "admin", "rukun-demo").await;
    let doc = household_v2();
    let (a, b) = tokio::join!(
        publish(&server, &admin, "household", &doc),
        publish(&server, &admin, "household", &doc)
    );
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::CREATED, StatusCode::CONFLICT],
        "{} {}",
        a.body,
        b.body
    );
    // The same version again, later, is the same conflict.
    let again = publish(&server, &admin, "household", &doc).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    let index: FormIndex = get(&server, &admin, "/api/forms").await.json();
    assert_eq!(versions(&index, "household").len(), 2);
}
