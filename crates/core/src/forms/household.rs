//! The household survey (domain.md section 3): one record per family card.

use super::build::*;
use crate::form::{Condition, FieldKind, FormDef, Listing, Section};

/// The whole questionnaire is asked only of a completed or partial visit
/// whose respondent accepted the notice.
fn interviewed() -> Condition {
    Condition::All(vec![
        any_of("visit_result", &["1", "2"]),
        is("consent", "yes"),
    ])
}

pub fn household() -> FormDef {
    FormDef {
        id: "household".into(),
        version: 1,
        title: text("Survei rumah tangga", "Household survey"),
        sections: vec![visit(), family_card(), housing(), assistance(), closing()],
        listing: Listing {
            title: vec!["head_name".into(), "address".into()],
            detail: vec!["address".into(), "house_number".into()],
            search: vec!["no_kk".into()],
        },
    }
}

fn visit() -> Section {
    let interviewed_or_partial = any_of("visit_result", &["1", "2"]);
    Section {
        id: "visit".into(),
        title: text("Kunjungan dan lokasi", "Visit and location"),
        relevant: None,
        fields: vec![
            single("visit_result", "Hasil kunjungan", "Visit result", "visit_result").required(),
            past_date("visit_date", "Tanggal kunjungan", "Visit date").required(),
            short_text("address", "Alamat (jalan/gang)", "Street address").required(),
            short_text("house_number", "Nomor rumah", "House number"),
            number("building_serial", "Nomor urut bangunan di RT", "Building serial in the RT", 1.0, 999.0, true).required(),
            number("family_serial", "Nomor urut keluarga di bangunan", "Family serial in the building", 1.0, 999.0, true).required(),
            field("gps", "Lokasi GPS", "GPS position", FieldKind::Gps).required(),
            note("visit_note", "Keterangan kunjungan", "Visit note")
                .required()
                .when(Condition::Not(Box::new(interviewed_or_partial.clone()))),
            short_text("respondent", "Nama responden", "Respondent's name")
                .required()
                .personal()
                .when(interviewed_or_partial.clone()),
            yes_no("consent", "Responden menerima pemberitahuan dan bersedia didata", "The respondent was given the notice and agrees")
                .required()
                .when(interviewed_or_partial)
                .hint(
                    "Bacakan pemberitahuan privasi (versi 1): data dipakai Pemkot Mojokerto untuk perencanaan layanan, dijaga kerahasiaannya, dan tidak ditampilkan ke publik kecuali dalam bentuk rekap.",
                    "Read the privacy notice (version 1): the data is used by the city for service planning, kept confidential, and published only as totals.",
                ),
        ],
    }
}

fn family_card() -> Section {
    Section {
        id: "family".into(),
        title: text("Kartu keluarga dan anggota", "Family card and members"),
        relevant: Some(interviewed()),
        fields: vec![
            field("no_kk", "No. KK", "Family card number", FieldKind::NoKk)
                .required()
                .personal(),
            short_text("head_name", "Nama kepala keluarga", "Head of family")
                .required()
                .personal(),
            field(
                "members",
                "Anggota keluarga",
                "Family members",
                FieldKind::Group {
                    fields: member_fields(),
                    min: 1,
                    usual_max: 15,
                    title_field: "name".into(),
                },
            ),
        ],
    }
}

fn member_fields() -> Vec<crate::form::Field> {
    let difficulty = |id: &str, label_id: &str, label_en: &str| {
        single(id, label_id, label_en, "difficulty").personal()
    };
    let woman_10_to_54 = Condition::All(vec![
        is("sex", "2"),
        Condition::AgeBetween {
            field: "birth_date".into(),
            min: 10,
            max: 54,
        },
    ]);
    vec![
        field(
            "nik",
            "NIK",
            "NIK",
            FieldKind::Nik {
                sex_field: "sex".into(),
                birth_date_field: "birth_date".into(),
            },
        )
        .required()
        .personal(),
        short_text("name", "Nama lengkap", "Full name")
            .required()
            .personal(),
        single("sex", "Jenis kelamin", "Sex", "sex").required(),
        short_text("birth_place", "Tempat lahir", "Place of birth").personal(),
        past_date("birth_date", "Tanggal lahir", "Date of birth")
            .required()
            .personal(),
        single(
            "relationship",
            "Hubungan dalam keluarga",
            "Relationship to head",
            "relationship",
        )
        .required(),
        single("religion", "Agama", "Religion", "religion"),
        single("marital", "Status perkawinan", "Marital status", "marital").required(),
        single(
            "education",
            "Pendidikan (sesuai KK)",
            "Education (as on the card)",
            "education",
        ),
        single("occupation", "Pekerjaan", "Occupation", "occupation").required(),
        single(
            "citizenship",
            "Kewarganegaraan",
            "Citizenship",
            "citizenship",
        ),
        single("presence", "Keberadaan", "Presence", "presence"),
        difficulty("diff_seeing", "Kesulitan melihat", "Difficulty seeing"),
        difficulty("diff_hearing", "Kesulitan mendengar", "Difficulty hearing"),
        difficulty(
            "diff_walking",
            "Kesulitan berjalan/naik tangga",
            "Difficulty walking",
        ),
        difficulty(
            "diff_hands",
            "Kesulitan menggunakan tangan/jari",
            "Difficulty using hands",
        ),
        difficulty(
            "diff_learning",
            "Kesulitan belajar/kecerdasan",
            "Difficulty learning",
        ),
        difficulty(
            "diff_behaviour",
            "Kesulitan mengendalikan perilaku",
            "Difficulty with behaviour",
        ),
        difficulty(
            "diff_speaking",
            "Kesulitan berbicara/berkomunikasi",
            "Difficulty speaking",
        ),
        difficulty(
            "diff_self_care",
            "Kesulitan mengurus diri sendiri",
            "Difficulty with self-care",
        ),
        difficulty(
            "diff_remembering",
            "Kesulitan mengingat/konsentrasi",
            "Difficulty remembering",
        ),
        single(
            "chronic_disease",
            "Penyakit kronis",
            "Chronic disease",
            "chronic_disease",
        )
        .personal(),
        field(
            "insurance",
            "Jaminan kesehatan",
            "Health insurance",
            FieldKind::Multi {
                list: "health_insurance".into(),
                exclusive: vec!["5".into()],
            },
        )
        .personal(),
        yes_no("pregnant", "Sedang hamil", "Pregnant")
            .personal()
            .when(woman_10_to_54),
    ]
}

fn housing() -> Section {
    Section {
        id: "housing".into(),
        title: text("Perumahan", "Housing"),
        relevant: Some(interviewed()),
        fields: vec![
            single(
                "building_status",
                "Status bangunan",
                "Tenure of the building",
                "building_status",
            )
            .required(),
            single(
                "land_proof",
                "Bukti kepemilikan tanah",
                "Proof of land ownership",
                "land_proof",
            )
            .required()
            .when(is("building_status", "1")),
            number(
                "floor_area",
                "Luas lantai (m²)",
                "Floor area (m²)",
                1.0,
                999.0,
                false,
            )
            .required(),
            single("floor", "Lantai terluas", "Main floor material", "floor").required(),
            single("wall", "Dinding terluas", "Main wall material", "wall").required(),
            single("roof", "Atap terluas", "Main roof material", "roof").required(),
            single(
                "drinking_water",
                "Sumber air minum",
                "Drinking water source",
                "drinking_water",
            )
            .required(),
            single(
                "septic_distance",
                "Jarak sumber air ke penampungan tinja",
                "Distance from water source to sewage",
                "septic_distance",
            )
            .required()
            .when(any_of("drinking_water", &["4", "5", "6", "7", "8"])),
            single("lighting", "Sumber penerangan", "Lighting", "lighting").required(),
            single("power", "Daya listrik", "Connected power", "power")
                .required()
                .when(is("lighting", "1")),
            single(
                "cooking_fuel",
                "Bahan bakar memasak",
                "Cooking fuel",
                "cooking_fuel",
            )
            .required(),
            single("toilet", "Fasilitas BAB", "Toilet facility", "toilet").required(),
            single("toilet_type", "Jenis kloset", "Toilet type", "toilet_type")
                .required()
                .when(any_of("toilet", &["1", "2", "3"])),
            single(
                "sewage",
                "Pembuangan akhir tinja",
                "Sewage disposal",
                "sewage",
            )
            .required(),
        ],
    }
}

fn assistance() -> Section {
    let programmes = [
        (
            "prog_sembako",
            "Program Sembako/BPNT",
            "Food assistance (Sembako/BPNT)",
        ),
        ("prog_pkh", "PKH", "Family Hope Programme (PKH)"),
        ("prog_blt", "BLT Dana Desa", "Village fund cash transfer"),
        ("prog_electricity", "Subsidi listrik", "Electricity subsidy"),
        (
            "prog_local",
            "Bantuan pemerintah daerah",
            "Local government assistance",
        ),
        ("prog_lpg", "Subsidi LPG", "LPG subsidy"),
    ];
    let assets = [
        (
            "asset_gas",
            "Tabung gas 5,5 kg atau lebih",
            "Gas cylinder of 5.5 kg or more",
        ),
        ("asset_fridge", "Lemari es", "Refrigerator"),
        ("asset_ac", "AC", "Air conditioner"),
        ("asset_heater", "Pemanas air", "Water heater"),
        (
            "asset_tv",
            "TV layar datar 30 inci atau lebih",
            "Flat TV of 30\" or more",
        ),
        (
            "asset_gold",
            "Emas/perhiasan 10 gram atau lebih",
            "Gold of 10 g or more",
        ),
        ("asset_computer", "Komputer/laptop", "Computer/laptop"),
        ("asset_motorcycle", "Sepeda motor", "Motorcycle"),
        ("asset_bicycle", "Sepeda", "Bicycle"),
        ("asset_car", "Mobil", "Car"),
        ("asset_smartphone", "Smartphone", "Smartphone"),
        ("asset_land", "Lahan", "Land"),
        (
            "asset_other_house",
            "Rumah di tempat lain",
            "House elsewhere",
        ),
    ];
    let mut fields: Vec<_> = programmes
        .iter()
        .map(|(id, l_id, l_en)| {
            yes_no(
                id,
                &format!("Menerima {l_id} (setahun terakhir)"),
                &format!("Received {l_en} (last year)"),
            )
        })
        .collect();
    fields.extend(
        assets.iter().map(|(id, l_id, l_en)| {
            yes_no(id, &format!("Memiliki {l_id}"), &format!("Owns: {l_en}"))
        }),
    );
    fields.push(single("internet", "Akses internet", "Internet access", "internet").required());
    Section {
        id: "assistance".into(),
        title: text(
            "Bantuan, aset dan internet",
            "Assistance, assets and internet",
        ),
        relevant: Some(interviewed()),
        fields,
    }
}

fn closing() -> Section {
    Section {
        id: "closing".into(),
        title: text("Foto dan catatan", "Photo and note"),
        relevant: None,
        fields: vec![
            field(
                "house_photo",
                "Foto tampak depan rumah",
                "Photo of the house front",
                FieldKind::Photo { min: 0, max: 1 },
            ),
            note("note", "Catatan", "Note"),
        ],
    }
}
