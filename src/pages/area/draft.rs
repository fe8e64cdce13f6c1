//! The picker's half-made choice: plain data, with the choices each level
//! offers given the levels above it.

use rukun_core::{AreaSelection, RegionCode, RegionTree};

use crate::components::Choice;

/// Selected values as the `<select>`s hold them ("" for none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub kecamatan: String,
    pub kelurahan: String,
    pub rw: String,
    pub rt: String,
}

impl Draft {
    pub fn from_area(area: &AreaSelection) -> Self {
        Self {
            kecamatan: area
                .kelurahan
                .parent()
                .map(|c| c.to_string())
                .unwrap_or_default(),
            kelurahan: area.kelurahan.to_string(),
            rw: area.rw.to_string(),
            rt: area.rt.to_string(),
        }
    }

    /// The complete selection, once every level is chosen.
    pub fn to_area(&self) -> Option<AreaSelection> {
        Some(AreaSelection {
            kelurahan: RegionCode::parse(&self.kelurahan).ok()?,
            rw: self.rw.parse().ok()?,
            rt: self.rt.parse().ok()?,
        })
    }

    // Changing a level clears the levels below it.
    pub fn set_kecamatan(&mut self, value: String) {
        *self = Self {
            kecamatan: value,
            ..Self::default()
        };
    }
    pub fn set_kelurahan(&mut self, value: String) {
        *self = Self {
            kecamatan: std::mem::take(&mut self.kecamatan),
            kelurahan: value,
            ..Self::default()
        };
    }
    pub fn set_rw(&mut self, value: String) {
        self.rw = value;
        self.rt.clear();
    }
    pub fn set_rt(&mut self, value: String) {
        self.rt = value;
    }

    pub fn kecamatan_choices(&self, tree: &RegionTree) -> Vec<Choice> {
        tree.kecamatan
            .iter()
            .map(|k| choice(k.code.to_string(), k.name.clone()))
            .collect()
    }

    pub fn kelurahan_choices(&self, tree: &RegionTree) -> Vec<Choice> {
        let Some(kecamatan) = RegionCode::parse(&self.kecamatan)
            .ok()
            .and_then(|c| tree.find_kecamatan(&c))
        else {
            return Vec::new();
        };
        kecamatan
            .kelurahan
            .iter()
            .map(|k| choice(k.code.to_string(), k.name.clone()))
            .collect()
    }

    pub fn rw_choices(&self, tree: &RegionTree) -> Vec<Choice> {
        self.kelurahan_rws(tree)
            .iter()
            .map(|rw| choice(rw.number.to_string(), format!("RW {:02}", rw.number)))
            .collect()
    }

    pub fn rt_choices(&self, tree: &RegionTree) -> Vec<Choice> {
        let rw = self
            .kelurahan_rws(tree)
            .iter()
            .find(|rw| rw.number.to_string() == self.rw);
        rw.map(|rw| {
            rw.rt
                .iter()
                .map(|rt| choice(rt.to_string(), format!("RT {rt:02}")))
                .collect()
        })
        .unwrap_or_default()
    }

    fn kelurahan_rws<'t>(&self, tree: &'t RegionTree) -> &'t [rukun_core::Rw] {
        RegionCode::parse(&self.kelurahan)
            .ok()
            .and_then(|c| tree.find_kelurahan(&c))
            .map(|k| k.rw.as_slice())
            .unwrap_or_default()
    }
}

fn choice(value: String, label: String) -> Choice {
    Choice { value, label }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rukun_core::fixtures::small_tree as tree;

    fn labels(choices: Vec<Choice>) -> Vec<String> {
        choices.into_iter().map(|c| c.label).collect()
    }

    #[test]
    fn each_level_offers_the_children_of_the_level_above() {
        let tree = tree();
        let mut draft = Draft::default();
        assert_eq!(
            labels(draft.kecamatan_choices(&tree)),
            ["Magersari", "Kranggan"]
        );
        assert!(draft.kelurahan_choices(&tree).is_empty());
        draft.set_kecamatan("35.76.02".into());
        assert_eq!(
            labels(draft.kelurahan_choices(&tree)),
            ["Wates", "Gedongan"]
        );
        draft.set_kelurahan("35.76.02.1010".into());
        assert_eq!(labels(draft.rw_choices(&tree)), ["RW 01", "RW 02"]);
        assert!(draft.rt_choices(&tree).is_empty());
        draft.set_rw("1".into());
        assert_eq!(labels(draft.rt_choices(&tree)), ["RT 01", "RT 02", "RT 03"]);
        assert_eq!(draft.to_area(), None);
        draft.set_rt("2".into());
        let area = draft.to_area().unwrap();
        assert_eq!(area.rt_rw_label(), "RT 02 / RW 01");
        assert_eq!(Draft::from_area(&area), draft);
    }

    #[test]
    fn changing_a_level_clears_the_levels_below() {
        let mut draft = Draft::from_area(&AreaSelection {
            kelurahan: RegionCode::parse("35.76.02.1010").unwrap(),
            rw: 1,
            rt: 2,
        });
        draft.set_rw("2".into());
        assert_eq!((draft.rw.as_str(), draft.rt.as_str()), ("2", ""));
        draft.set_kelurahan("35.76.02.1004".into());
        assert_eq!(
            (draft.kecamatan.as_str(), draft.rw.as_str()),
            ("35.76.02", "")
        );
        draft.set_kecamatan("35.76.03".into());
        assert_eq!(
            draft,
            Draft {
                kecamatan: "35.76.03".into(),
                ..Draft::default()
            }
        );
    }
}
