//! A small place tree for tests of every crate (feature `fixtures`):
//! Magersari (Wates, Gedongan) and Kranggan (Kranggan), each kelurahan with
//! RW 01 (RT 01-03) and RW 02 (RT 01-02).

use crate::{Kecamatan, Kelurahan, Kota, RegionCode, RegionTree, Rw};

pub fn small_tree() -> RegionTree {
    let code = |text: &str| RegionCode::parse(text).expect("fixture codes are valid");
    let kelurahan = |c: &str, name: &str| Kelurahan {
        code: code(c),
        name: name.into(),
        rw: vec![
            Rw {
                number: 1,
                rt: vec![1, 2, 3],
            },
            Rw {
                number: 2,
                rt: vec![1, 2],
            },
        ],
    };
    RegionTree {
        kota: Kota {
            code: code("35.76"),
            name: "Kota Mojokerto".into(),
        },
        kecamatan: vec![
            Kecamatan {
                code: code("35.76.02"),
                name: "Magersari".into(),
                kelurahan: vec![
                    kelurahan("35.76.02.1010", "Wates"),
                    kelurahan("35.76.02.1004", "Gedongan"),
                ],
            },
            Kecamatan {
                code: code("35.76.03"),
                name: "Kranggan".into(),
                kelurahan: vec![kelurahan("35.76.03.1001", "Kranggan")],
            },
        ],
    }
}

/// A valid, completed household survey with `members` people (the first is
/// the head), numbered by `n` so that NIKs and No. KK differ between calls.
pub fn household_answers(n: u32, members: u32) -> crate::form::Answers {
    use crate::form::{row_path, Answers, GpsPoint, Value};
    let text = |s: &str| Value::Text(s.into());
    let choice = |s: &str| Value::Choice(s.into());
    let mut a = Answers::new();
    a.insert("visit_result".into(), choice("1"));
    a.insert("visit_date".into(), Value::Date("2026-11-20".into()));
    a.insert(
        "address".into(),
        text(&format!("Jl. Empunala Gg. {}", n % 40 + 1)),
    );
    a.insert("house_number".into(), text(&format!("{}", n % 200 + 1)));
    a.insert(
        "building_serial".into(),
        Value::Number(f64::from(n % 999 + 1)),
    );
    a.insert("family_serial".into(), Value::Number(1.0));
    a.insert(
        "gps".into(),
        Value::Gps(GpsPoint {
            lat: -7.4721,
            lon: 112.4338,
            accuracy: 8.0,
        }),
    );
    a.insert("respondent".into(), text("Siti Aminah"));
    a.insert("consent".into(), Value::Bool(true));
    a.insert(
        "no_kk".into(),
        text(&format!("3576021203{:02}{:04}", 15, n % 9999 + 1)),
    );
    a.insert("head_name".into(), text(&format!("Kepala Keluarga {n}")));
    let rows: Vec<String> = (0..members).map(|m| format!("m{m}")).collect();
    for (m, row) in rows.iter().enumerate() {
        let female = m % 2 == 1;
        let day = 10 + (m as u32 % 18);
        let year = 1960 + (m as u32 * 7) % 60;
        let nik_day = if female { day + 40 } else { day };
        let nik = format!(
            "357602{nik_day:02}05{:02}{:04}",
            year % 100,
            (n * 16 + m as u32) % 9999 + 1
        );
        let mut put = |field: &str, value: Value| {
            a.insert(row_path("members", row, field), value);
        };
        put("nik", text(&nik));
        put("name", text(&format!("Anggota {n}-{m}")));
        put("sex", choice(if female { "2" } else { "1" }));
        put("birth_place", text("Mojokerto"));
        put("birth_date", Value::Date(format!("{year}-05-{day:02}")));
        put("relationship", choice(if m == 0 { "1" } else { "4" }));
        put("religion", choice("1"));
        put("marital", choice("1"));
        put("education", choice("5"));
        put("occupation", choice("88"));
        put("citizenship", choice("1"));
        put("presence", choice("1"));
        put("chronic_disease", choice("01"));
        put("insurance", Value::Choices(vec!["1".into()]));
        if female && (2026 - year) <= 54 && (2026 - year) >= 10 {
            put("pregnant", Value::Bool(false));
        }
    }
    a.insert("members".into(), Value::Rows(rows));
    for (field, code) in [
        ("building_status", "1"),
        ("land_proof", "1"),
        ("floor", "2"),
        ("wall", "1"),
        ("roof", "2"),
        ("drinking_water", "2"),
        ("lighting", "1"),
        ("power", "2"),
        ("cooking_fuel", "4"),
        ("toilet", "1"),
        ("toilet_type", "1"),
        ("sewage", "1"),
        ("internet", "3"),
    ] {
        a.insert(field.into(), choice(code));
    }
    a.insert("floor_area".into(), Value::Number(54.0));
    for yes in ["prog_lpg", "asset_motorcycle", "asset_smartphone"] {
        a.insert(yes.into(), Value::Bool(true));
    }
    a
}

/// A valid flood-point report (infrastructure category 8) with one photo.
pub fn flood_report_answers(n: u32) -> crate::form::Answers {
    use crate::form::{Answers, GpsPoint, Value};
    let mut a = Answers::new();
    a.insert("category".into(), Value::Choice("8".into()));
    a.insert("condition".into(), Value::Choice("4".into()));
    a.insert(
        "gps".into(),
        Value::Gps(GpsPoint {
            lat: -7.4730,
            lon: 112.4341,
            accuracy: 6.0,
        }),
    );
    a.insert("photos".into(), Value::Photos(vec![format!("{n:064x}")]));
    a.insert("observed_date".into(), Value::Date("2026-11-21".into()));
    a.insert("flood_depth".into(), Value::Number(40.0));
    a.insert("flood_cause".into(), Value::Choice("1".into()));
    a.insert(
        "note".into(),
        Value::Text(format!("Genangan depan musala {n}")),
    );
    a
}
