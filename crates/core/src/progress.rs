//! How far the survey is (issue 5): households per RT against a target, by
//! visit result and review state, infrastructure reports, households per
//! volunteer, and the RW and kelurahan totals.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::region::Kelurahan;
use crate::AreaSelection;

/// One RT.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RtProgress {
    /// `kelurahan/RW/RT`.
    pub area: String,
    pub rw: u16,
    pub rt: u16,
    /// Households the RT should have surveyed (`None`: no target set).
    pub target: Option<u32>,
    /// Household records (not deleted).
    pub households: u32,
    /// By visit result code ("1".."5"; "" when not answered).
    pub by_visit_result: BTreeMap<String, u32>,
    /// By review state (`submitted`, `approved`, `returned`, `rejected`).
    pub by_review: BTreeMap<String, u32>,
    pub infrastructure: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Total {
    pub households: u32,
    /// The sum of the targets that are set.
    pub target: u32,
    pub infrastructure: u32,
}

/// One RW's totals; on the wire `rw` beside the [`Total`]'s fields
/// (through [`FlatRwTotal`]: serde's `flatten` costs the PWA kilobytes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "FlatRwTotal", into = "FlatRwTotal")]
pub struct RwTotal {
    pub rw: u16,
    pub total: Total,
}

/// [`RwTotal`] as JSON.
#[derive(Clone, Serialize, Deserialize)]
struct FlatRwTotal {
    rw: u16,
    households: u32,
    target: u32,
    infrastructure: u32,
}

impl From<FlatRwTotal> for RwTotal {
    fn from(flat: FlatRwTotal) -> Self {
        Self {
            rw: flat.rw,
            total: Total {
                households: flat.households,
                target: flat.target,
                infrastructure: flat.infrastructure,
            },
        }
    }
}

impl From<RwTotal> for FlatRwTotal {
    fn from(rw: RwTotal) -> Self {
        Self {
            rw: rw.rw,
            households: rw.total.households,
            target: rw.total.target,
            infrastructure: rw.total.infrastructure,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VolunteerProgress {
    pub username: String,
    /// Households this account created (not deleted).
    pub households: u32,
}

/// `GET /api/progress?kelurahan=CODE`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub kelurahan: String,
    pub name: String,
    pub rts: Vec<RtProgress>,
    /// By RW number, in order (a list: JSON object keys would be strings).
    pub rws: Vec<RwTotal>,
    pub total: Total,
    /// The kelurahan's households by visit result code.
    pub by_visit_result: BTreeMap<String, u32>,
    /// Infrastructure reports by category, flood points first, then by
    /// how many reports.
    pub infrastructure: Vec<CategoryCount>,
    pub volunteers: Vec<VolunteerProgress>,
}

/// Reports of one infrastructure category.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CategoryCount {
    pub category: String,
    pub reports: u32,
    /// By condition code ("1" Baik .. "5" Tidak berfungsi).
    pub by_condition: BTreeMap<String, u32>,
}

/// The infrastructure category code of flood points ("Titik banjir").
pub const FLOOD_CATEGORY: &str = "8";

/// `PUT /api/targets`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetTarget {
    pub area: String,
    pub households: u32,
}

/// The largest target accepted (an RT has a few hundred households).
pub const MAX_TARGET: u32 = 10_000;

/// Per-RT counts as the store found them (only RTs with something).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    pub rts: BTreeMap<String, RtProgress>,
    pub targets: BTreeMap<String, u32>,
    pub volunteers: Vec<VolunteerProgress>,
    /// Category → condition → reports.
    pub infrastructure: BTreeMap<String, BTreeMap<String, u32>>,
}

/// Every RT of the kelurahan (none left out for having no data yet), with
/// the counts and targets laid over, and the totals.
pub fn assemble(kelurahan: &Kelurahan, counts: Counts) -> Progress {
    let mut rts = Vec::new();
    for rw in &kelurahan.rw {
        for &rt in &rw.rt {
            let area = AreaSelection {
                kelurahan: kelurahan.code,
                rw: rw.number,
                rt,
            }
            .key();
            let mut row = counts.rts.get(&area).cloned().unwrap_or_default();
            row.target = counts.targets.get(&area).copied();
            row.area = area;
            (row.rw, row.rt) = (rw.number, rt);
            rts.push(row);
        }
    }
    let mut rws: BTreeMap<u16, Total> = BTreeMap::new();
    let mut total = Total::default();
    let mut by_visit_result: BTreeMap<String, u32> = BTreeMap::new();
    for row in &rts {
        for (result, n) in &row.by_visit_result {
            *by_visit_result.entry(result.clone()).or_default() += n;
        }
        for sum in [rws.entry(row.rw).or_default(), &mut total] {
            sum.households += row.households;
            sum.target += row.target.unwrap_or(0);
            sum.infrastructure += row.infrastructure;
        }
    }
    Progress {
        kelurahan: kelurahan.code.to_string(),
        name: kelurahan.name.clone(),
        rts,
        rws: rws
            .into_iter()
            .map(|(rw, total)| RwTotal { rw, total })
            .collect(),
        total,
        by_visit_result,
        infrastructure: by_category(counts.infrastructure),
        volunteers: counts.volunteers,
    }
}

fn by_category(counts: BTreeMap<String, BTreeMap<String, u32>>) -> Vec<CategoryCount> {
    let mut out: Vec<CategoryCount> = counts
        .into_iter()
        .map(|(category, by_condition)| CategoryCount {
            reports: by_condition.values().sum(),
            category,
            by_condition,
        })
        .collect();
    out.sort_by_key(|c| (c.category != FLOOD_CATEGORY, std::cmp::Reverse(c.reports)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::region::Rw;
    use crate::RegionCode;

    #[test]
    fn every_rt_is_listed_and_totals_add_up() {
        let kelurahan = Kelurahan {
            code: RegionCode::parse("35.76.02.1010").unwrap(),
            name: "Wates".into(),
            rw: vec![
                Rw {
                    number: 1,
                    rt: vec![1, 2],
                },
                Rw {
                    number: 2,
                    rt: vec![1],
                },
            ],
        };
        let mut counts = Counts::default();
        counts.rts.insert(
            "35.76.02.1010/01/02".into(),
            RtProgress {
                households: 3,
                infrastructure: 1,
                ..Default::default()
            },
        );
        counts.rts.insert(
            "35.76.02.1010/02/01".into(),
            RtProgress {
                households: 5,
                ..Default::default()
            },
        );
        counts.targets.insert("35.76.02.1010/01/01".into(), 40);
        counts.targets.insert("35.76.02.1010/02/01".into(), 10);
        counts
            .rts
            .get_mut("35.76.02.1010/02/01")
            .unwrap()
            .by_visit_result = BTreeMap::from([("1".into(), 4), ("3".into(), 1)]);
        counts.infrastructure = BTreeMap::from([
            (
                "3".into(),
                BTreeMap::from([("1".into(), 2), ("5".into(), 3)]),
            ),
            ("8".into(), BTreeMap::from([("4".into(), 1)])),
        ]);
        let progress = assemble(&kelurahan, counts);
        let summary: Vec<_> = progress
            .rts
            .iter()
            .map(|r| (r.area.as_str(), r.rw, r.rt, r.target, r.households))
            .collect();
        assert_eq!(
            summary,
            [
                ("35.76.02.1010/01/01", 1, 1, Some(40), 0),
                ("35.76.02.1010/01/02", 1, 2, None, 3),
                ("35.76.02.1010/02/01", 2, 1, Some(10), 5),
            ]
        );
        assert_eq!(progress.rws[0].rw, 1);
        assert_eq!(
            progress.rws[0].total,
            Total {
                households: 3,
                target: 40,
                infrastructure: 1
            }
        );
        assert_eq!(
            progress.rws[1].total,
            Total {
                households: 5,
                target: 10,
                infrastructure: 0
            }
        );
        assert_eq!(
            progress.total,
            Total {
                households: 8,
                target: 50,
                infrastructure: 1
            }
        );
        assert_eq!(
            progress.by_visit_result,
            BTreeMap::from([("1".into(), 4), ("3".into(), 1)])
        );
        let categories: Vec<_> = progress
            .infrastructure
            .iter()
            .map(|c| (c.category.as_str(), c.reports))
            .collect();
        assert_eq!(categories, [("8", 1), ("3", 5)], "flood points first");
    }
}
