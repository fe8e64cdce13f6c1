//! The place tree of one kota: kecamatan > kelurahan > RW > RT.
//!
//! Kecamatan and kelurahan carry Kemendagri codes; RW and RT are community
//! units with no national code, so they are numbered within their parent
//! (RW 01.., and RT 01.. inside each RW), as on the ground.

use serde::{Deserialize, Serialize};

use crate::RegionCode;

/// The whole tree, as `GET /api/regions` sends it and the PWA caches it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionTree {
    pub kota: Kota,
    pub kecamatan: Vec<Kecamatan>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kota {
    pub code: RegionCode,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kecamatan {
    pub code: RegionCode,
    pub name: String,
    pub kelurahan: Vec<Kelurahan>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kelurahan {
    pub code: RegionCode,
    pub name: String,
    pub rw: Vec<Rw>,
}

/// One RW and the numbers of its RTs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rw {
    pub number: u16,
    pub rt: Vec<u16>,
}

impl RegionTree {
    pub fn find_kecamatan(&self, code: &RegionCode) -> Option<&Kecamatan> {
        self.kecamatan.iter().find(|k| &k.code == code)
    }

    pub fn find_kelurahan(&self, code: &RegionCode) -> Option<&Kelurahan> {
        let kecamatan = self.find_kecamatan(&code.parent()?)?;
        kecamatan.kelurahan.iter().find(|k| &k.code == code)
    }

    /// The subtree holding only `code` (a kecamatan or kelurahan) and its
    /// ancestors, or `None` when the tree has no such place.
    pub fn restricted_to(&self, code: &RegionCode) -> Option<RegionTree> {
        let kecamatan = self
            .kecamatan
            .iter()
            .filter(|k| code.is_within(&k.code))
            .map(|k| Kecamatan {
                kelurahan: k
                    .kelurahan
                    .iter()
                    .filter(|l| l.code.is_within(code))
                    .cloned()
                    .collect(),
                ..k.clone()
            })
            .find(|k| !k.kelurahan.is_empty())?;
        Some(RegionTree {
            kota: self.kota.clone(),
            kecamatan: vec![kecamatan],
        })
    }

    /// Whether the selection names a place that exists in this tree.
    pub fn contains(&self, area: &AreaSelection) -> bool {
        self.find_kelurahan(&area.kelurahan)
            .and_then(|k| k.rw.iter().find(|rw| rw.number == area.rw))
            .is_some_and(|rw| rw.rt.contains(&area.rt))
    }

    /// Counts of (kecamatan, kelurahan, RW, RT).
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let kelurahan = self.kecamatan.iter().flat_map(|k| &k.kelurahan);
        let rw: Vec<&Rw> = kelurahan.clone().flat_map(|k| &k.rw).collect();
        (
            self.kecamatan.len(),
            kelurahan.count(),
            rw.len(),
            rw.iter().map(|r| r.rt.len()).sum(),
        )
    }
}

/// The RT a volunteer works in; later forms place every record with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaSelection {
    pub kelurahan: RegionCode,
    pub rw: u16,
    pub rt: u16,
}

impl AreaSelection {
    /// The short form people use: `RT 03 / RW 01`.
    pub fn rt_rw_label(&self) -> String {
        format!("RT {:02} / RW {:02}", self.rt, self.rw)
    }

    /// The key records are filed under: `kelurahan/RW/RT`, e.g.
    /// `35.76.02.1010/01/03`.
    pub fn key(&self) -> String {
        format!("{}/{:02}/{:02}", self.kelurahan, self.rw, self.rt)
    }

    /// The area back from its [`key`](Self::key), written exactly as `key`
    /// writes it: `1` or `001` for RW 01 is refused, so one area has one
    /// key wherever keys are compared as text (a pull's scope).
    pub fn from_key(key: &str) -> Option<Self> {
        let mut parts = key.split('/');
        let area = AreaSelection {
            kelurahan: RegionCode::parse(parts.next()?).ok()?,
            rw: parts.next()?.parse().ok()?,
            rt: parts.next()?.parse().ok()?,
        };
        (parts.next().is_none()
            && area.kelurahan.level() == crate::RegionLevel::Kelurahan
            && area.key() == key)
            .then_some(area)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_round_trip_through_their_key() {
        let area = AreaSelection {
            kelurahan: code("35.76.02.1010"),
            rw: 1,
            rt: 3,
        };
        assert_eq!(area.key(), "35.76.02.1010/01/03");
        assert_eq!(AreaSelection::from_key(&area.key()), Some(area));
        assert_eq!(AreaSelection::from_key("35.76.02.1010/01"), None);
        assert_eq!(AreaSelection::from_key("35.76.02/01/03"), None);
        assert_eq!(AreaSelection::from_key("35.76.02.1010/01/03/4"), None);
        for other_spelling in [
            "35.76.02.1010/1/3",
            "35.76.02.1010/01/003",
            "35.76.02.1010/+1/03",
        ] {
            assert_eq!(
                AreaSelection::from_key(other_spelling),
                None,
                "{other_spelling}"
            );
        }
    }

    fn code(text: &str) -> RegionCode {
        RegionCode::parse(text).unwrap()
    }

    fn sample() -> RegionTree {
        crate::fixtures::small_tree()
    }

    #[test]
    fn finds_places_by_code() {
        let tree = sample();
        assert_eq!(
            tree.find_kelurahan(&code("35.76.02.1010")).unwrap().name,
            "Wates"
        );
        assert!(tree.find_kelurahan(&code("35.76.03.1010")).is_none());
        assert_eq!(
            tree.find_kecamatan(&code("35.76.03")).unwrap().name,
            "Kranggan"
        );
    }

    #[test]
    fn counts_every_level() {
        assert_eq!(sample().counts(), (2, 3, 6, 15));
    }

    #[test]
    fn restricts_to_a_kelurahan_or_kecamatan() {
        let tree = sample();
        let wates = tree.restricted_to(&code("35.76.02.1010")).unwrap();
        assert_eq!(wates.counts(), (1, 1, 2, 5));
        assert_eq!(wates.kecamatan[0].kelurahan[0].name, "Wates");
        let magersari = tree.restricted_to(&code("35.76.02")).unwrap();
        assert_eq!(magersari.counts().1, 2);
        assert!(tree.restricted_to(&code("35.76.01")).is_none());
        assert!(tree.restricted_to(&code("35.76.02.1099")).is_none());
    }

    #[test]
    fn a_selection_must_exist_in_the_tree() {
        let tree = sample();
        let area = |rw, rt| AreaSelection {
            kelurahan: code("35.76.02.1010"),
            rw,
            rt,
        };
        assert!(tree.contains(&area(1, 3)));
        assert!(!tree.contains(&area(2, 3)));
        assert!(!tree.contains(&area(3, 1)));
        assert_eq!(area(1, 3).rt_rw_label(), "RT 03 / RW 01");
    }

    #[test]
    fn round_trips_through_json() {
        let tree = sample();
        let json = serde_json::to_string(&tree).unwrap();
        assert!(json.contains("\"code\":\"35.76.02.1010\""));
        assert_eq!(serde_json::from_str::<RegionTree>(&json).unwrap(), tree);
    }
}
