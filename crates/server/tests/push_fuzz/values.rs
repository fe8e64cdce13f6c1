//! Answers for arbitrary mutations: values of every variant (usually of the
//! field's own type, often valid, now and then at or past the limits or not
//! a number JSON can carry), on real paths of the forms or on junk ones.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use rukun_core::form::{Field, FieldKind, FormDef, GpsPoint, Value};
use rukun_core::forms::{household, infrastructure};
use rukun_core::sync::{MAX_CODE_CHARS, MAX_ROWS, MAX_TEXT_CHARS};

/// Finite numbers, a quarter of them awkward ones (signed zeros, the
/// extremes, the smallest, past 2^53).
pub(super) fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => any::<f64>().prop_map(|f| if f.is_finite() { f } else { 0.0 }),
        1 => select(vec![
            0.0,
            -0.0,
            1.0,
            0.5,
            -1.0,
            1e308,
            -1e308,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            5e-324,
            9_007_199_254_740_993.0,
            1e21,
        ]),
    ]
}

fn text_of_len(n: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop_oneof![
        n.clone().prop_map(|n| "x".repeat(n)),
        n.prop_map(|n| "ü".repeat(n)),
    ]
}

fn short_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Za-z0-9 .-]{0,20}",
        2 => "(?s).{0,20}",
        1 => Just(String::new()),
        1 => Just("   ".to_owned()),
    ]
}

fn code() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (1u32..10).prop_map(|n| n.to_string()),
        2 => select(vec!["01", "88", "99", "0", "", "1 ", "x"]).prop_map(str::to_owned),
        1 => text_of_len(MAX_CODE_CHARS..MAX_CODE_CHARS + 3),
        1 => "(?s).{0,10}",
    ]
}

fn photo_id() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[0-9a-f]{64}",
        1 => "[0-9A-F]{64}",
        1 => select(vec![
            "../exports/households.csv?identities=full",
            "/etc/passwd",
            "..%2F..%2Fdata%2Frukun.db",
            "",
            "https://example.com/x.jpg",
        ])
        .prop_map(str::to_owned),
        1 => "[0-9a-f]{63,65}",
    ]
}

fn row_id() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => select(vec!["m0", "m1", "m2", "m3", "new-1", "x_2"]).prop_map(str::to_owned),
        1 => select(vec!["", "a b", "..", "a/b", "ü", "*"]).prop_map(str::to_owned),
        1 => text_of_len(MAX_CODE_CHARS..MAX_CODE_CHARS + 3),
    ]
}

fn date() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (1950u32..2026, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        1 => select(vec![
            "2099-01-01", "2023-02-29", "2024-13-01", "0000-01-01", "9999-12-31", "29/02/2024",
            "2024-1-01", "", "2024-01-01T00:00", "２０２４-01-01",
        ])
        .prop_map(str::to_owned),
        1 => "(?s).{0,12}",
    ]
}

/// Finite numbers, with now and then one that JSON cannot carry (a push
/// holding one is refused as a whole: serde_json writes it as `null`).
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        30 => finite(),
        10 => (0u32..1000).prop_map(f64::from),
        1 => select(vec![f64::NAN, f64::INFINITY, f64::NEG_INFINITY]),
    ]
}

fn gps() -> impl Strategy<Value = GpsPoint> {
    prop_oneof![
        3 => (-7.5f64..-7.4, 112.4f64..112.5, 1.0f64..100.0)
            .prop_map(|(lat, lon, accuracy)| GpsPoint { lat, lon, accuracy }),
        1 => (number(), number(), number())
            .prop_map(|(lat, lon, accuracy)| GpsPoint { lat, lon, accuracy }),
    ]
}

/// Any value of any variant.
pub(super) fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => short_text().prop_map(Value::Text),
        1 => text_of_len(MAX_TEXT_CHARS - 2..MAX_TEXT_CHARS + 3).prop_map(Value::Text),
        2 => number().prop_map(Value::Number),
        2 => date().prop_map(Value::Date),
        2 => code().prop_map(Value::Choice),
        2 => vec(code(), 0..4).prop_map(Value::Choices),
        1 => (MAX_ROWS..MAX_ROWS + 2).prop_map(|n| Value::Choices(vec!["1".into(); n])),
        2 => any::<bool>().prop_map(Value::Bool),
        2 => gps().prop_map(Value::Gps),
        2 => vec(photo_id(), 0..4).prop_map(Value::Photos),
        2 => vec(row_id(), 0..5).prop_map(Value::Rows),
        1 => (MAX_ROWS..MAX_ROWS + 2)
            .prop_map(|n| Value::Rows((0..n).map(|i| format!("r{i}")).collect())),
        2 => Just(Value::Absent),
    ]
}

/// Usually a value of the field's own type (often a valid one), sometimes
/// anything.
fn value_for(kind: FieldKind) -> BoxedStrategy<Value> {
    let typed: BoxedStrategy<Value> = match kind {
        FieldKind::Text { max_len, .. } => prop_oneof![
            4 => short_text().prop_map(Value::Text),
            1 => text_of_len(max_len..max_len + 2).prop_map(Value::Text),
        ]
        .boxed(),
        FieldKind::Number { min, max, integer } => prop_oneof![
            4 => (min..=max).prop_map(move |n| Value::Number(if integer { n.round() } else { n })),
            1 => number().prop_map(Value::Number),
        ]
        .boxed(),
        FieldKind::Date { .. } => date().prop_map(Value::Date).boxed(),
        FieldKind::Single { .. } => code().prop_map(Value::Choice).boxed(),
        FieldKind::Multi { .. } => vec(code(), 0..4).prop_map(Value::Choices).boxed(),
        FieldKind::YesNo => any::<bool>().prop_map(Value::Bool).boxed(),
        FieldKind::Gps => prop_oneof![
            4 => gps().prop_map(Value::Gps),
            1 => Just(Value::Absent),
        ]
        .boxed(),
        FieldKind::Photo { .. } => vec(photo_id(), 0..4).prop_map(Value::Photos).boxed(),
        FieldKind::Nik { .. } | FieldKind::NoKk => prop_oneof![
            3 => "[0-9]{16}".prop_map(Value::Text),
            1 => "357602[0-7][0-9]0[1-9][0-9]{2}000[1-9]".prop_map(Value::Text),
            1 => Just(Value::Absent),
            1 => short_text().prop_map(Value::Text),
        ]
        .boxed(),
        FieldKind::Group { .. } => vec(row_id(), 0..5).prop_map(Value::Rows).boxed(),
    };
    prop_oneof![4 => typed, 1 => any_value()].boxed()
}

/// A real path of `form` (a row field under a row id that may be junk)
/// with a value for it, or a removal.
pub(super) fn real_change(form: &FormDef) -> impl Strategy<Value = (String, Option<Value>)> {
    let fields: Vec<(Option<String>, Field)> = form
        .all_fields()
        .into_iter()
        .map(|(group, field)| (group.map(|g| g.id.clone()), field.clone()))
        .collect();
    (select(fields), row_id()).prop_flat_map(|((group, field), row)| {
        let path = match group {
            Some(group) => format!("{group}/{row}/{}", field.id),
            None => field.id.clone(),
        };
        // One change in ten is a removal.
        (
            Just(path),
            proptest::option::weighted(0.9, value_for(field.kind.clone())),
        )
    })
}

fn junk_path() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(vec![
            "zz",
            "members/x/../nik",
            "members//nik",
            "members/m0/nik/x",
            "members/m0/",
            "members/m0/zz",
            "members/m0/members",
            "members/*/name",
            "/",
            "",
            "../../etc/passwd",
            "MEMBERS",
            " address",
            "address ",
            "address/m0/name",
            "photos/0",
            "category/x/y",
        ])
        .prop_map(str::to_owned),
        1 => (1usize..5).prop_map(|n| "members/".repeat(n) + "name"),
        1 => (MAX_CODE_CHARS..6_000).prop_map(|n| "p".repeat(n)),
        1 => (MAX_CODE_CHARS..200).prop_map(|n| format!("members/{}/name", "r".repeat(n))),
        2 => "(?s).{0,16}",
    ]
}

pub(super) fn any_change() -> impl Strategy<Value = (String, Option<Value>)> {
    (
        prop_oneof![
            3 => real_change(&household()).prop_map(|(p, _)| p),
            2 => real_change(&infrastructure()).prop_map(|(p, _)| p),
            3 => junk_path(),
        ],
        proptest::option::weighted(0.85, any_value()),
    )
}
