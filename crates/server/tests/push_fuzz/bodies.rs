//! Arbitrary push bodies for `push_answers_arbitrary_bodies_with_json_errors`:
//! any JSON, near-valid pushes (every place usually of the right type,
//! sometimes missing or anything at all), and bytes that are nearly JSON or
//! nothing like it; sent under an odd content type now and then.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Map, Value as Json};

use crate::mutations::area;
use crate::values::{any_value, finite};

#[derive(Debug, Clone)]
pub(super) enum Body {
    Json(Json),
    Bytes(Vec<u8>),
}

pub(super) fn body() -> impl Strategy<Value = Body> {
    prop_oneof![
        3 => arb_json().prop_map(Body::Json),
        4 => near_valid_push().prop_map(Body::Json),
        4 => raw_bytes().prop_map(Body::Bytes),
    ]
}

pub(super) fn content_type() -> impl Strategy<Value = Option<&'static str>> {
    prop_oneof![
        8 => Just(Some("application/json")),
        1 => select(vec![
            Some("application/json; charset=utf-8"),
            Some("application/vnd.rukun+json"),
            Some("text/plain"),
            Some("application/x-www-form-urlencoded"),
            Some("multipart/form-data; boundary=x"),
            Some("application/json; charset=latin1"),
            Some("*/*"),
            None,
        ]),
    ]
}

fn words() -> Vec<&'static str> {
    vec![
        "protocol",
        "client_id",
        "mutations",
        "seq",
        "record_id",
        "form_id",
        "form_version",
        "area",
        "base_version",
        "op",
        "changes",
        "upsert",
        "delete",
        "household",
        "infrastructure",
        "members",
        "members/m0/nik",
        "text",
        "number",
        "rows",
        "absent",
        "35.76.02.1010/01/01",
        "",
    ]
}

fn arb_string() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "(?s).{0,24}",
        2 => select(words()).prop_map(str::to_owned),
        1 => (1usize..5_000).prop_map(|n| "é".repeat(n)),
    ]
}

fn arb_json() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<i64>().prop_map(Json::from),
        any::<u64>().prop_map(Json::from),
        finite().prop_map(Json::from),
        arb_string().prop_map(Json::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Json::Array),
            vec((arb_string(), inner), 0..6)
                .prop_map(|pairs| Json::Object(pairs.into_iter().collect())),
        ]
    })
}

/// A JSON value in one of the places of a push: usually of the right type,
/// sometimes missing (`None`) or anything at all.
fn slot(good: impl Strategy<Value = Json>) -> impl Strategy<Value = Option<Json>> {
    prop_oneof![
        6 => good.prop_map(Some),
        1 => Just(None),
        2 => arb_json().prop_map(Some),
    ]
}

/// `object` with the slots that are not missing.
fn filled<const N: usize>(mut object: Map<String, Json>, slots: [(&str, Option<Json>); N]) -> Json {
    for (key, value) in slots {
        if let Some(value) = value {
            object.insert(key.into(), value);
        }
    }
    Json::Object(object)
}

fn near_valid_mutation() -> impl Strategy<Value = Json> {
    let seq = prop_oneof![
        4 => (1u64..4).prop_map(Json::from),
        1 => select(vec![json!(0), json!(u64::MAX), json!(-1), json!(1.5), json!("1"), json!(1e300)]),
    ];
    let op = select(vec![
        json!("upsert"),
        json!("delete"),
        json!("UPSERT"),
        json!("merge"),
    ]);
    let changes = vec(
        (
            arb_string(),
            prop_oneof![
                any_value().prop_map(|v| serde_json::to_value(v).unwrap()),
                arb_json()
            ],
        ),
        0..4,
    )
    .prop_map(|pairs| Json::Object(pairs.into_iter().collect()));
    (
        slot(seq),
        slot(arb_string().prop_map(Json::from)),
        slot(select(vec!["household", "infrastructure", "x"]).prop_map(Json::from)),
        slot(select(vec![json!(1), json!(0), json!(-1), json!(u64::MAX)])),
        slot(area().prop_map(Json::from)),
        slot(select(vec![json!(0), json!(1), json!(u64::MAX), json!(-5)])),
        slot(op),
        slot(changes),
    )
        .prop_map(|(seq, id, form, version, area, base, op, changes)| {
            filled(
                Map::new(),
                [
                    ("seq", seq),
                    ("record_id", id),
                    ("form_id", form),
                    ("form_version", version),
                    ("area", area),
                    ("base_version", base),
                    ("op", op),
                    ("changes", changes),
                ],
            )
        })
}

fn near_valid_push() -> impl Strategy<Value = Json> {
    let protocol = prop_oneof![
        4 => Just(json!(1)),
        1 => select(vec![json!(0), json!(2), json!(4_294_967_296u64), json!(-1), json!("1"), json!(1.0)]),
    ];
    let client = prop_oneof![
        4 => "[a-z0-9-]{1,64}".prop_map(Json::from),
        1 => select(vec![json!(""), json!("x".repeat(65)), json!("é".repeat(40))]),
    ];
    (
        slot(protocol),
        slot(client),
        slot(vec(near_valid_mutation(), 0..4).prop_map(Json::Array)),
        vec((arb_string(), arb_json()), 0..2),
    )
        .prop_map(|(protocol, client, mutations, extra)| {
            filled(
                extra.into_iter().collect(),
                [
                    ("protocol", protocol),
                    ("client_id", client),
                    ("mutations", mutations),
                ],
            )
        })
}

/// Bytes that are nearly JSON or nothing like it.
fn raw_bytes() -> impl Strategy<Value = Vec<u8>> {
    let text = |j: Json| serde_json::to_vec(&j).unwrap();
    prop_oneof![
        3 => vec(any::<u8>(), 0..512),
        // A push cut off anywhere (possibly inside a UTF-8 sequence).
        3 => (near_valid_push(), any::<prop::sample::Index>()).prop_map(move |(j, cut)| {
            let mut bytes = text(j);
            let at = cut.index(bytes.len() + 1);
            bytes.truncate(at);
            bytes
        }),
        // A push with one byte changed.
        3 => (near_valid_push(), any::<prop::sample::Index>(), any::<u8>()).prop_map(
            move |(j, at, byte)| {
                let mut bytes = text(j);
                if !bytes.is_empty() {
                    let at = at.index(bytes.len());
                    bytes[at] = byte;
                }
                bytes
            }
        ),
        // Nesting deeper than any parser's recursion limit, closed or not.
        1 => (1usize..20_000, any::<bool>(), select(vec!["[", "{\"a\":"])).prop_map(
            |(depth, closed, open)| {
                let mut s = open.repeat(depth);
                if closed {
                    s.push('1');
                    s.push_str(&(if open == "[" { "]" } else { "}" }).repeat(depth));
                }
                s.into_bytes()
            }
        ),
        // Numbers JSON allows and Rust types do not hold.
        1 => select(vec![
            r#"{"protocol":1e400,"client_id":"n","mutations":[]}"#,
            r#"{"protocol":1,"client_id":"n","mutations":[{"seq":18446744073709551616,"record_id":"r","form_id":"household","form_version":1,"area":"35.76.02.1010/01/01","base_version":0,"op":"upsert","changes":{}}]}"#,
            r#"{"protocol":1,"client_id":"n","mutations":[{"seq":1,"record_id":"r","form_id":"household","form_version":4294967296,"area":"35.76.02.1010/01/01","base_version":0,"op":"upsert","changes":{}}]}"#,
            r#"{"protocol":1,"client_id":"n","mutations":[{"seq":1,"record_id":"r","form_id":"household","form_version":1,"area":"35.76.02.1010/01/01","base_version":0,"op":"upsert","changes":{"floor_area":{"number":1e999}}}]}"#,
            r#"{"protocol":1,"client_id":"n","mutations":[{"seq":1,"record_id":"r","form_id":"household","form_version":1,"area":"35.76.02.1010/01/01","base_version":0,"op":"upsert","changes":{"floor_area":{"number":NaN}}}]}"#,
            r#"{"protocol":1,"protocol":1,"client_id":"n","mutations":[]}"#,
            r#"{"protocol":1,"client_id":"\ud800","mutations":[]}"#,
            "\u{feff}{\"protocol\":1,\"client_id\":\"n\",\"mutations\":[]}",
            r#"{"protocol":1,"client_id":"n","mutations":[]} trailing"#,
            r#"{"protocol":1,"client_id":"n\u0000","mutations":[]}"#,
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
    ]
}
