//! The code lists of domain.md sections 3-4: official codes where one
//! exists, labels as field users see them (Bahasa Indonesia) and in English.

use super::build::list;
use super::occupations::occupations;
use crate::form::CodeList;

pub fn all() -> Vec<CodeList> {
    vec![
        list(
            "visit_result",
            &[
                ("1", "Terisi lengkap", "Completed"),
                ("2", "Terisi tidak lengkap", "Partly completed"),
                ("3", "Tidak ada responden", "No respondent at home"),
                ("4", "Responden menolak", "Refused"),
                (
                    "5",
                    "Keluarga pindah / bangunan tidak ada",
                    "Family moved / building gone",
                ),
            ],
        ),
        list(
            "sex",
            &[("1", "Laki-laki", "Male"), ("2", "Perempuan", "Female")],
        ),
        list(
            "relationship",
            &[
                ("1", "Kepala keluarga", "Head of family"),
                ("2", "Suami", "Husband"),
                ("3", "Istri", "Wife"),
                ("4", "Anak", "Child"),
                ("5", "Menantu", "Child-in-law"),
                ("6", "Cucu", "Grandchild"),
                ("7", "Orang tua", "Parent"),
                ("8", "Mertua", "Parent-in-law"),
                ("9", "Famili lain", "Other relative"),
                ("10", "Pembantu", "Domestic worker"),
                ("11", "Lainnya", "Other"),
            ],
        ),
        list(
            "religion",
            &[
                ("1", "Islam", "Islam"),
                ("2", "Kristen", "Protestant"),
                ("3", "Katolik", "Catholic"),
                ("4", "Hindu", "Hindu"),
                ("5", "Buddha", "Buddhist"),
                ("6", "Khonghucu", "Confucian"),
                ("7", "Kepercayaan terhadap Tuhan YME", "Indigenous belief"),
            ],
        ),
        list(
            "marital",
            &[
                ("1", "Belum kawin", "Never married"),
                ("2", "Kawin tercatat", "Married, registered"),
                ("3", "Kawin belum tercatat", "Married, not registered"),
                ("4", "Cerai hidup tercatat", "Divorced, registered"),
                (
                    "5",
                    "Cerai hidup belum tercatat",
                    "Divorced, not registered",
                ),
                ("6", "Cerai mati", "Widowed"),
            ],
        ),
        list(
            "education",
            &[
                ("1", "Tidak/belum sekolah", "No schooling yet"),
                ("2", "Belum tamat SD", "Primary not finished"),
                ("3", "Tamat SD", "Primary"),
                ("4", "SLTP", "Junior secondary"),
                ("5", "SLTA", "Senior secondary"),
                ("6", "Diploma I/II", "Diploma I/II"),
                ("7", "Diploma III", "Diploma III"),
                ("8", "Diploma IV/S1", "Diploma IV/Bachelor"),
                ("9", "S2", "Master"),
                ("10", "S3", "Doctorate"),
            ],
        ),
        occupations(),
        list(
            "citizenship",
            &[("1", "WNI", "Indonesian"), ("2", "WNA", "Foreign")],
        ),
        list(
            "presence",
            &[
                ("1", "Tinggal bersama keluarga", "Lives with the family"),
                ("2", "Meninggal", "Deceased"),
                ("3", "Pindah dalam negeri", "Moved within Indonesia"),
                ("4", "Pindah luar negeri", "Moved abroad"),
                ("5", "Anggota keluarga baru", "New family member"),
                ("6", "Tidak ditemukan", "Not found"),
            ],
        ),
        list(
            "difficulty",
            &[
                ("1", "Tidak bisa sama sekali", "Cannot do at all"),
                ("2", "Banyak kesulitan", "A lot of difficulty"),
                ("3", "Sedikit kesulitan", "Some difficulty"),
                ("4", "Tidak kesulitan", "No difficulty"),
            ],
        ),
        // The 2022 socio-economic registration's 18 codes (verify 11-17).
        list(
            "chronic_disease",
            &[
                ("01", "Tidak ada", "None"),
                ("02", "Hipertensi", "Hypertension"),
                ("03", "Rematik", "Rheumatism"),
                ("04", "Asma", "Asthma"),
                ("05", "Jantung", "Heart disease"),
                ("06", "Diabetes", "Diabetes"),
                ("07", "TBC", "Tuberculosis"),
                ("08", "Stroke", "Stroke"),
                ("09", "Kanker", "Cancer"),
                ("10", "Gagal ginjal", "Kidney failure"),
                ("11", "Hemofilia", "Haemophilia"),
                ("12", "HIV/AIDS", "HIV/AIDS"),
                ("13", "Kolesterol", "High cholesterol"),
                ("14", "Sirosis hati", "Liver cirrhosis"),
                ("15", "Talasemia", "Thalassaemia"),
                ("16", "Leukemia", "Leukaemia"),
                ("17", "Alzheimer", "Alzheimer's"),
                ("18", "Lainnya", "Other"),
            ],
        ),
        list(
            "health_insurance",
            &[
                ("1", "PBI-JKN", "JKN, premium assisted"),
                ("2", "JKN mandiri", "JKN, self-paid"),
                ("3", "JKN pemberi kerja", "JKN, employer"),
                ("4", "Lainnya", "Other"),
                ("5", "Tidak punya", "None"),
            ],
        ),
        list(
            "building_status",
            &[
                ("1", "Milik sendiri", "Owned"),
                ("2", "Kontrak/sewa", "Rented"),
                ("3", "Bebas sewa", "Rent-free"),
                ("4", "Dinas", "Official housing"),
                ("5", "Lainnya", "Other"),
            ],
        ),
        list(
            "land_proof",
            &[
                (
                    "1",
                    "SHM atas nama anggota keluarga",
                    "Freehold title in a family member's name",
                ),
                (
                    "2",
                    "SHM bukan a.n. keluarga, dengan perjanjian tertulis",
                    "Freehold title of others, written agreement",
                ),
                (
                    "3",
                    "SHM bukan a.n. keluarga, tanpa perjanjian tertulis",
                    "Freehold title of others, no written agreement",
                ),
                ("4", "Sertifikat selain SHM", "Other certificate"),
                (
                    "5",
                    "Surat bukti lain (girik, letter C)",
                    "Other proof (girik, letter C)",
                ),
                ("6", "Tidak punya", "None"),
            ],
        ),
        list(
            "floor",
            &[
                ("1", "Marmer/granit", "Marble/granite"),
                ("2", "Keramik", "Ceramic"),
                ("3", "Parket/vinil/karpet", "Parquet/vinyl/carpet"),
                ("4", "Ubin/tegel/teraso", "Tiles/terrazzo"),
                ("5", "Kayu/papan", "Wood/boards"),
                ("6", "Semen/bata merah", "Cement/red brick"),
                ("7", "Bambu", "Bamboo"),
                ("8", "Tanah", "Earth"),
                ("9", "Lainnya", "Other"),
            ],
        ),
        list(
            "wall",
            &[
                ("1", "Tembok", "Masonry"),
                (
                    "2",
                    "Plesteran anyaman bambu/kawat",
                    "Plastered bamboo/wire mesh",
                ),
                ("3", "Kayu/papan/gypsum/GRC", "Wood/boards/gypsum/GRC"),
                ("4", "Anyaman bambu", "Woven bamboo"),
                ("5", "Batang kayu", "Logs"),
                ("6", "Bambu", "Bamboo"),
                ("7", "Lainnya", "Other"),
            ],
        ),
        list(
            "roof",
            &[
                ("1", "Beton", "Concrete"),
                ("2", "Genteng", "Roof tiles"),
                ("3", "Seng", "Zinc sheet"),
                ("4", "Asbes", "Asbestos"),
                ("5", "Kayu/sirap", "Wood/shingles"),
                ("6", "Bambu", "Bamboo"),
                ("7", "Jerami/ijuk/daun", "Straw/palm fibre/leaves"),
                ("8", "Lainnya", "Other"),
            ],
        ),
        list(
            "drinking_water",
            &[
                ("1", "Air kemasan", "Bottled water"),
                ("2", "Air isi ulang", "Refill water"),
                ("3", "Leding", "Piped water"),
                ("4", "Sumur bor/pompa", "Borehole/pump"),
                ("5", "Sumur terlindung", "Protected well"),
                ("6", "Sumur tak terlindung", "Unprotected well"),
                ("7", "Mata air terlindung", "Protected spring"),
                ("8", "Mata air tak terlindung", "Unprotected spring"),
                ("9", "Air permukaan", "Surface water"),
                ("10", "Air hujan", "Rainwater"),
                ("11", "Lainnya", "Other"),
            ],
        ),
        list(
            "septic_distance",
            &[
                ("1", "< 10 m", "< 10 m"),
                ("2", ">= 10 m", ">= 10 m"),
                ("3", "Tidak tahu", "Don't know"),
            ],
        ),
        list(
            "lighting",
            &[
                ("1", "PLN dengan meteran", "PLN, metered"),
                ("2", "PLN tanpa meteran", "PLN, not metered"),
                ("3", "Listrik non-PLN", "Non-PLN electricity"),
                ("4", "Bukan listrik", "Not electric"),
            ],
        ),
        list(
            "power",
            &[
                ("1", "450 VA", "450 VA"),
                ("2", "900 VA", "900 VA"),
                ("3", "1300 VA", "1300 VA"),
                ("4", "2200 VA", "2200 VA"),
                ("5", "> 2200 VA", "> 2200 VA"),
            ],
        ),
        list(
            "cooking_fuel",
            &[
                ("1", "Listrik", "Electricity"),
                ("2", "Elpiji 5,5 kg", "LPG 5.5 kg"),
                ("3", "Elpiji 12 kg", "LPG 12 kg"),
                ("4", "Elpiji 3 kg", "LPG 3 kg"),
                ("5", "Gas kota", "Piped gas"),
                ("6", "Biogas", "Biogas"),
                ("7", "Minyak tanah", "Kerosene"),
                ("8", "Briket", "Briquettes"),
                ("9", "Arang", "Charcoal"),
                ("10", "Kayu bakar", "Firewood"),
                ("11", "Lainnya", "Other"),
                ("12", "Tidak memasak di rumah", "No cooking at home"),
            ],
        ),
        list(
            "toilet",
            &[
                ("1", "Ada, dipakai keluarga sendiri", "Yes, own family only"),
                (
                    "2",
                    "Ada, bersama keluarga lain",
                    "Yes, shared with other families",
                ),
                ("3", "Ada, MCK komunal", "Yes, communal facility"),
                ("4", "Ada, MCK umum", "Yes, public facility"),
                ("5", "Ada, tidak dipakai", "Yes, not used"),
                ("6", "Tidak ada", "None"),
            ],
        ),
        list(
            "toilet_type",
            &[
                ("1", "Leher angsa", "Gooseneck"),
                ("2", "Plengsengan dengan tutup", "Pour-flush with lid"),
                ("3", "Plengsengan tanpa tutup", "Pour-flush without lid"),
                ("4", "Cemplung/cubluk", "Pit"),
            ],
        ),
        list(
            "sewage",
            &[
                ("1", "Tangki septik", "Septic tank"),
                ("2", "IPAL", "Treatment plant"),
                ("3", "Kolam/sawah/sungai", "Pond/field/river"),
                ("4", "Lubang tanah", "Hole in the ground"),
                ("5", "Pantai/tanah lapang/kebun", "Beach/open ground/garden"),
                ("6", "Lainnya", "Other"),
            ],
        ),
        list(
            "internet",
            &[
                ("0", "Tidak", "None"),
                ("1", "Berlangganan", "Subscription"),
                ("2", "Wifi", "Wi-Fi"),
                ("3", "Internet HP", "Mobile data"),
            ],
        ),
        list(
            "infra_category",
            &[
                ("1", "Jalan lingkungan / gang", "Neighbourhood road / alley"),
                ("2", "Saluran drainase / gorong-gorong", "Drain / culvert"),
                ("3", "Penerangan jalan umum (PJU)", "Street light"),
                ("4", "MCK umum / komunal", "Public / communal toilet"),
                (
                    "5",
                    "Tempat sampah / TPS / bank sampah",
                    "Waste bin / depot / waste bank",
                ),
                ("6", "Posyandu", "Posyandu (health post)"),
                ("7", "Pos kamling", "Night-watch post"),
                (
                    "8",
                    "Titik banjir / genangan",
                    "Flood / standing-water point",
                ),
                ("9", "Jembatan", "Bridge"),
                ("10", "Lainnya", "Other"),
            ],
        ),
        list(
            "condition",
            &[
                ("1", "Baik", "Good"),
                ("2", "Rusak ringan", "Slightly damaged"),
                ("3", "Rusak sedang", "Moderately damaged"),
                ("4", "Rusak berat", "Badly damaged"),
                ("5", "Tidak berfungsi", "Not working"),
            ],
        ),
        list(
            "road_surface",
            &[
                ("1", "Aspal", "Asphalt"),
                ("2", "Beton/rabat", "Concrete"),
                ("3", "Paving", "Paving blocks"),
                ("4", "Makadam/kerikil", "Macadam/gravel"),
                ("5", "Tanah", "Earth"),
            ],
        ),
        list(
            "drain_type",
            &[("1", "Terbuka", "Open"), ("2", "Tertutup", "Closed")],
        ),
        list(
            "light_state",
            &[
                ("1", "Menyala", "On"),
                ("2", "Mati", "Off"),
                ("3", "Rusak", "Broken"),
            ],
        ),
        list(
            "light_manager",
            &[
                ("1", "Pemkot", "City government"),
                ("2", "PLN", "PLN"),
                ("3", "Swadaya", "Community"),
            ],
        ),
        list(
            "toilet_waste",
            &[
                ("1", "Tangki septik", "Septic tank"),
                ("2", "IPAL", "Treatment plant"),
                ("3", "Lainnya", "Other"),
            ],
        ),
        list(
            "posyandu_building",
            &[
                ("1", "Gedung sendiri", "Own building"),
                ("2", "Menumpang", "Borrowed"),
            ],
        ),
        list(
            "flood_cause",
            &[
                ("1", "Saluran tersumbat", "Blocked drain"),
                ("2", "Luapan sungai", "River overflow"),
                ("3", "Hujan lokal", "Local rain"),
            ],
        ),
    ]
}
