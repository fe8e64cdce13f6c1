//! What a form is, as plain serde data: a city can add a question by adding
//! a [`Field`] (in Rust or JSON) without touching the renderer or the
//! validator, which both walk these types.

use serde::{Deserialize, Serialize};

use super::{CodeList, Condition};

/// A UI language. Bahasa Indonesia first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Id,
    En,
}

/// A text in both UI languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub id: String,
    pub en: String,
}

impl Text {
    pub fn new(id: &str, en: &str) -> Self {
        Self {
            id: id.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }
}

/// One version of one form: the definition document an administrator
/// publishes and phones download. A stored record names its form and
/// version, so a record of any version still opens after the form changes.
/// Unknown keys are refused by the server (serde_json). The phone reads
/// through serde-wasm-bindgen, whose struct reader asks only for the keys
/// it knows: there an unknown key is ignored, and only an unknown field
/// type or a missing key makes a version unreadable (found by the `size`
/// branch, whose own readers refuse unknown keys on both sides; not merged
/// yet, see the issue 15 note).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormDef {
    /// Stable id, e.g. `household`.
    pub id: String,
    /// Bumped whenever a field is added, removed or changes meaning.
    pub version: u32,
    pub title: Text,
    pub sections: Vec<Section>,
    /// Which answers name a record in lists and searches.
    pub listing: Listing,
    /// The code lists this version's choice fields use: a version carries
    /// its own lists, so a list can grow without touching older versions.
    pub lists: Vec<CodeList>,
}

/// How records of a form appear in the device's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Listing {
    /// The first answered of these is the record's title.
    pub title: Vec<String>,
    /// Shown under the title, joined.
    pub detail: Vec<String>,
    /// Also searched, never shown (e.g. No. KK).
    pub search: Vec<String>,
}

/// A titled part of a form, shown or skipped as a whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relevant: Option<Condition>,
    pub fields: Vec<Field>,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Unique within its form (or within its repeated group).
    pub id: String,
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<Text>,
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    /// Asked only when this holds; otherwise skipped, not validated, and
    /// dropped from the completed record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relevant: Option<Condition>,
    /// Protected personal data (names, NIK, No. KK, birth dates, health).
    /// The device seals every answer at rest since issue 14, not only
    /// these; before, only these were sealed (`split_personal`).
    #[serde(default)]
    pub personal: bool,
    /// A field the system relies on (visit result, GPS, members and their
    /// NIK, the infrastructure category...): a new version may relabel it
    /// but not remove or retype it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub core: bool,
    /// A rule the answer must meet, with the message shown when it does not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraint: Option<Constraint>,
}

/// A rule over the answers (the field itself included, by its id) that
/// must hold once the field is answered; otherwise `message` is an error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Constraint {
    pub rule: Condition,
    pub message: Text,
}

fn is_false(value: &bool) -> bool {
    !value
}

/// The type of answer a field takes, with its own limits. Written as
/// `{"type": "number", "min": 0, ...}`; read through a flat struct
/// (`kind_wire.rs`), which costs the field app far less wasm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "snake_case",
    try_from = "super::kind_wire::FlatKind"
)]
pub enum FieldKind {
    Text {
        max_len: usize,
        #[serde(default)]
        multiline: bool,
    },
    /// A number within `min..=max`; `integer` refuses fractions.
    Number {
        min: f64,
        max: f64,
        integer: bool,
    },
    /// A calendar date; `past_only` refuses dates after today.
    Date {
        past_only: bool,
    },
    /// One code of a code list.
    Single {
        list: String,
    },
    /// Any number of codes of a code list; `exclusive` codes (such as
    /// "tidak punya") may not be combined with others.
    Multi {
        list: String,
        #[serde(default)]
        exclusive: Vec<String>,
    },
    YesNo,
    /// A GPS point with its accuracy; may be explicitly skipped when the
    /// position is denied or unavailable (a warning, not an error).
    Gps,
    /// Photos taken on the device, `min..=max` of them.
    Photo {
        min: u8,
        max: u8,
    },
    /// A person's NIK, or the explicit "belum punya NIK". The soft checks
    /// compare it with the sibling `sex` and `birth_date` fields.
    Nik {
        sex_field: String,
        birth_date_field: String,
    },
    /// A family card number.
    NoKk,
    /// Repeated rows of the same fields (household members).
    Group {
        fields: Vec<Field>,
        min: u16,
        /// Above this the record gets a warning, not an error.
        usual_max: u16,
        /// The row field shown as the row's title in lists.
        title_field: String,
    },
}

impl FormDef {
    /// One of this version's code lists by id.
    pub fn list(&self, id: &str) -> Option<&CodeList> {
        self.lists.iter().find(|l| l.id == id)
    }

    /// Every field, depth first, with the group it sits in (if any).
    pub fn all_fields(&self) -> Vec<(Option<&Field>, &Field)> {
        let mut out = Vec::new();
        for field in self.sections.iter().flat_map(|s| &s.fields) {
            out.push((None, field));
            if let FieldKind::Group { fields, .. } = &field.kind {
                out.extend(fields.iter().map(|f| (Some(field), f)));
            }
        }
        out
    }

    /// A top-level field by id.
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.sections
            .iter()
            .flat_map(|s| &s.fields)
            .find(|f| f.id == id)
    }

    /// The section a top-level field belongs to.
    pub fn section_of(&self, id: &str) -> Option<&Section> {
        self.sections
            .iter()
            .find(|s| s.fields.iter().any(|f| f.id == id))
    }
}

impl Field {
    /// A field of this group's rows by id (`None` for non-groups).
    pub fn row_field(&self, id: &str) -> Option<&Field> {
        match &self.kind {
            FieldKind::Group { fields, .. } => fields.iter().find(|f| f.id == id),
            _ => None,
        }
    }
}
