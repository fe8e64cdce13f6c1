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
