//! The infrastructure report (domain.md section 4): one record per object
//! or problem. The category comes first; each category asks its own fields.

use super::build::*;
use crate::form::{Field, FieldKind, FormDef, Listing, Section};

pub fn infrastructure() -> FormDef {
    FormDef {
        id: "infrastructure".into(),
        version: 1,
        title: text("Laporan prasarana", "Infrastructure report"),
        sections: vec![
            Section {
                id: "object".into(),
                title: text("Objek", "Object"),
                relevant: None,
                fields: [
                    vec![single("category", "Kategori", "Category", "infra_category").required()],
                    category_fields(),
                ]
                .concat(),
            },
            Section {
                id: "state".into(),
                title: text("Kondisi dan lokasi", "Condition and location"),
                relevant: None,
                fields: vec![
                    single("condition", "Kondisi", "Condition", "condition").required(),
                    field("gps", "Lokasi GPS", "GPS position", FieldKind::Gps).required(),
                    field(
                        "photos",
                        "Foto (1–3)",
                        "Photos (1-3)",
                        FieldKind::Photo { min: 1, max: 3 },
                    )
                    .required(),
                    past_date("observed_date", "Tanggal pengamatan", "Date observed").required(),
                    note("note", "Catatan", "Note"),
                ],
            },
        ],
        listing: Listing {
            title: vec!["category".into()],
            detail: vec![
                "posyandu_name".into(),
                "other_description".into(),
                "condition".into(),
            ],
            search: vec!["note".into()],
        },
    }
}

fn category_fields() -> Vec<Field> {
    let of = |category: &str, fields: Vec<Field>| -> Vec<Field> {
        fields
            .into_iter()
            .map(|f| f.when(is("category", category)))
            .collect()
    };
    [
        of(
            "1",
            vec![
                number(
                    "road_length",
                    "Panjang (m)",
                    "Length (m)",
                    0.1,
                    10_000.0,
                    false,
                ),
                number("road_width", "Lebar (m)", "Width (m)", 0.1, 50.0, false),
                single("road_surface", "Permukaan jalan", "Surface", "road_surface").required(),
            ],
        ),
        of(
            "2",
            vec![
                single(
                    "drain_type",
                    "Saluran terbuka/tertutup",
                    "Open or closed",
                    "drain_type",
                )
                .required(),
                yes_no(
                    "drain_blocked",
                    "Tersumbat atau berlumpur",
                    "Blocked or silted",
                )
                .required(),
                yes_no(
                    "drain_connected",
                    "Terhubung ke saluran kota",
                    "Connected to city drains",
                ),
            ],
        ),
        of(
            "3",
            vec![
                single("light_state", "Keadaan lampu", "Lamp state", "light_state").required(),
                single("light_manager", "Pengelola", "Managed by", "light_manager"),
            ],
        ),
        of(
            "4",
            vec![
                number(
                    "cubicles",
                    "Jumlah bilik",
                    "Number of cubicles",
                    1.0,
                    50.0,
                    true,
                ),
                single("mck_water", "Sumber air", "Water source", "drinking_water"),
                single(
                    "mck_waste",
                    "Pembuangan limbah",
                    "Waste goes to",
                    "toilet_waste",
                ),
                yes_no("mck_in_use", "Masih dipakai", "In use"),
            ],
        ),
        of(
            "5",
            vec![
                number(
                    "waste_capacity",
                    "Kapasitas (m³)",
                    "Capacity (m³)",
                    0.1,
                    1000.0,
                    false,
                ),
                number(
                    "pickups_per_week",
                    "Pengangkutan per minggu",
                    "Pickups per week",
                    0.0,
                    21.0,
                    true,
                ),
                yes_no("overflowing", "Meluap", "Overflowing").required(),
            ],
        ),
        of(
            "6",
            vec![
                short_text("posyandu_name", "Nama posyandu", "Posyandu name").required(),
                single(
                    "posyandu_building",
                    "Gedung",
                    "Building",
                    "posyandu_building",
                ),
                number(
                    "cadres",
                    "Jumlah kader",
                    "Number of cadres",
                    0.0,
                    100.0,
                    true,
                ),
            ],
        ),
        of(
            "7",
            vec![yes_no("night_watch", "Ronda malam aktif", "Active night watch").required()],
        ),
        of(
            "8",
            vec![
                number(
                    "flood_depth",
                    "Kedalaman (cm)",
                    "Depth (cm)",
                    1.0,
                    500.0,
                    true,
                )
                .required(),
                number(
                    "flood_hours",
                    "Lama surut (jam)",
                    "Hours to recede",
                    0.0,
                    720.0,
                    false,
                ),
                number(
                    "flood_per_year",
                    "Kejadian per tahun",
                    "Times a year",
                    0.0,
                    365.0,
                    true,
                ),
                single("flood_cause", "Penyebab", "Cause", "flood_cause").required(),
                past_date(
                    "flood_last",
                    "Tanggal kejadian terakhir",
                    "Date of the last event",
                ),
            ],
        ),
        of(
            "9",
            vec![
                number(
                    "bridge_length",
                    "Panjang (m)",
                    "Length (m)",
                    0.5,
                    500.0,
                    false,
                ),
                number("bridge_width", "Lebar (m)", "Width (m)", 0.5, 50.0, false),
                short_text("bridge_material", "Bahan", "Material"),
            ],
        ),
        of(
            "10",
            vec![short_text("other_description", "Uraian objek", "What it is").required()],
        ),
    ]
    .concat()
}
