//! Kota Mojokerto as shipped: its kecamatan and kelurahan with their
//! Kemendagri codes, and RW/RT units in the per-kelurahan numbers of the
//! 2014 count (demo data until the city sends its own table).

use rukun_core::{Kecamatan, Kelurahan, Kota, RegionCode, RegionTree, Rw};

/// (kecamatan code, kecamatan name, [(kelurahan code, name, RW count, RT count)]).
type KecamatanRow = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str, u16, u16)],
);

const MOJOKERTO: &[KecamatanRow] = &[
    (
        "35.76.01",
        "Prajurit Kulon",
        &[
            ("35.76.01.1003", "Mentikan", 9, 33),
            ("35.76.01.1004", "Kauman", 3, 16),
            ("35.76.01.1005", "Pulorejo", 8, 34),
            ("35.76.01.1006", "Prajurit Kulon", 10, 30),
            ("35.76.01.1007", "Surodinawan", 9, 37),
            ("35.76.01.1008", "Blooto", 8, 32),
        ],
    ),
    (
        "35.76.02",
        "Magersari",
        &[
            ("35.76.02.1001", "Gunung Gedangan", 9, 30),
            ("35.76.02.1003", "Magersari", 10, 35),
            ("35.76.02.1004", "Gedongan", 4, 14),
            ("35.76.02.1008", "Balongsari", 14, 46),
            ("35.76.02.1009", "Kedundung", 15, 63),
            ("35.76.02.1010", "Wates", 26, 98),
        ],
    ),
    (
        "35.76.03",
        "Kranggan",
        &[
            ("35.76.03.1001", "Kranggan", 13, 54),
            ("35.76.03.1002", "Miji", 11, 49),
            ("35.76.03.1003", "Meri", 11, 40),
            ("35.76.03.1004", "Jagalan", 6, 18),
            ("35.76.03.1005", "Sentanan", 6, 14),
            ("35.76.03.1006", "Purwotengah", 5, 18),
        ],
    ),
];

/// The region tree of Kota Mojokerto to seed an empty database with.
pub fn mojokerto() -> RegionTree {
    let code = |text: &str| RegionCode::parse(text).expect("seed codes are valid");
    RegionTree {
        kota: Kota {
            code: code("35.76"),
            name: "Kota Mojokerto".into(),
        },
        kecamatan: MOJOKERTO
            .iter()
            .map(|(kec_code, kec_name, rows)| Kecamatan {
                code: code(kec_code),
                name: (*kec_name).into(),
                kelurahan: rows
                    .iter()
                    .map(|(kel_code, kel_name, rw, rt)| Kelurahan {
                        code: code(kel_code),
                        name: (*kel_name).into(),
                        rw: spread_rts(*rw, *rt),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// `rw_count` RWs holding `rt_count` RTs between them, as evenly as possible
/// (the first RWs take the remainder), RTs numbered from 1 inside each RW.
fn spread_rts(rw_count: u16, rt_count: u16) -> Vec<Rw> {
    let (each, extra) = (rt_count / rw_count, rt_count % rw_count);
    (1..=rw_count)
        .map(|number| Rw {
            number,
            rt: (1..=each + u16::from(number <= extra)).collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_the_numbers_of_the_domain_table() {
        // 3 kecamatan, 18 kelurahan; RW and RT are the sums of the table.
        assert_eq!(mojokerto().counts(), (3, 18, 177, 661));
    }

    #[test]
    fn spreads_rts_evenly_without_empty_rws() {
        let rws = spread_rts(9, 33);
        let sizes: Vec<usize> = rws.iter().map(|r| r.rt.len()).collect();
        assert_eq!(sizes, [4, 4, 4, 4, 4, 4, 3, 3, 3]);
        assert_eq!(rws[0].rt, [1, 2, 3, 4]);
        assert_eq!(rws[8].number, 9);
    }
}
