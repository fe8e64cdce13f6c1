//! Reading a field's `kind` from JSON through one flat struct instead of
//! serde's internally tagged enum: the tagged enum buffers the whole
//! object first and instantiates every nested type's reader twice, which
//! cost the field app tens of kilobytes of wasm (BENCHMARKS.md). The JSON
//! is the same: `{"type": "single", "list": "sex"}`.

use serde::Deserialize;

use super::definition::{Field, FieldKind};

/// Every setting any kind has; which apply depends on `type`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FlatKind {
    #[serde(rename = "type")]
    kind: String,
    max_len: Option<usize>,
    multiline: Option<bool>,
    min: Option<f64>,
    max: Option<f64>,
    integer: Option<bool>,
    past_only: Option<bool>,
    list: Option<String>,
    exclusive: Option<Vec<String>>,
    sex_field: Option<String>,
    birth_date_field: Option<String>,
    fields: Option<Vec<Field>>,
    usual_max: Option<u16>,
    title_field: Option<String>,
}

impl TryFrom<FlatKind> for FieldKind {
    type Error = String;

    fn try_from(mut flat: FlatKind) -> Result<Self, String> {
        let kind = std::mem::take(&mut flat.kind);
        let missing = |key: &str| format!("{kind}: missing `{key}`");
        let kind_ref = &kind;
        let count = |value: Option<f64>, key: &str| -> Result<f64, String> {
            value.ok_or_else(|| format!("{kind_ref}: missing `{key}`"))
        };
        let small = |value: f64, key: &str, limit: f64| -> Result<f64, String> {
            if value.fract() == 0.0 && (0.0..=limit).contains(&value) {
                Ok(value)
            } else {
                Err(format!(
                    "{kind_ref}: `{key}` must be a whole number 0-{limit}"
                ))
            }
        };
        let parsed = match kind.as_str() {
            "text" => FieldKind::Text {
                max_len: flat.max_len.take().ok_or_else(|| missing("max_len"))?,
                multiline: flat.multiline.take().unwrap_or(false),
            },
            "number" => FieldKind::Number {
                min: count(flat.min.take(), "min")?,
                max: count(flat.max.take(), "max")?,
                integer: flat.integer.take().ok_or_else(|| missing("integer"))?,
            },
            "date" => FieldKind::Date {
                past_only: flat.past_only.take().ok_or_else(|| missing("past_only"))?,
            },
            "single" => FieldKind::Single {
                list: flat.list.take().ok_or_else(|| missing("list"))?,
            },
            "multi" => FieldKind::Multi {
                list: flat.list.take().ok_or_else(|| missing("list"))?,
                exclusive: flat.exclusive.take().unwrap_or_default(),
            },
            "yes_no" => FieldKind::YesNo,
            "gps" => FieldKind::Gps,
            "photo" => FieldKind::Photo {
                min: small(count(flat.min.take(), "min")?, "min", 255.0)? as u8,
                max: small(count(flat.max.take(), "max")?, "max", 255.0)? as u8,
            },
            "nik" => FieldKind::Nik {
                sex_field: flat.sex_field.take().ok_or_else(|| missing("sex_field"))?,
                birth_date_field: flat
                    .birth_date_field
                    .take()
                    .ok_or_else(|| missing("birth_date_field"))?,
            },
            "no_kk" => FieldKind::NoKk,
            "group" => FieldKind::Group {
                fields: flat.fields.take().ok_or_else(|| missing("fields"))?,
                min: small(count(flat.min.take(), "min")?, "min", 65_535.0)? as u16,
                usual_max: flat.usual_max.take().ok_or_else(|| missing("usual_max"))?,
                title_field: flat
                    .title_field
                    .take()
                    .ok_or_else(|| missing("title_field"))?,
            },
            other => return Err(format!("unknown field type `{other}`")),
        };
        match flat.leftover() {
            Some(key) => Err(format!("{kind}: `{key}` does not apply to this type")),
            None => Ok(parsed),
        }
    }
}

impl FlatKind {
    /// A setting given that the type does not take.
    fn leftover(&self) -> Option<&'static str> {
        [
            ("max_len", self.max_len.is_some()),
            ("multiline", self.multiline.is_some()),
            ("min", self.min.is_some()),
            ("max", self.max.is_some()),
            ("integer", self.integer.is_some()),
            ("past_only", self.past_only.is_some()),
            ("list", self.list.is_some()),
            ("exclusive", self.exclusive.is_some()),
            ("sex_field", self.sex_field.is_some()),
            ("birth_date_field", self.birth_date_field.is_some()),
            ("fields", self.fields.is_some()),
            ("usual_max", self.usual_max.is_some()),
            ("title_field", self.title_field.is_some()),
        ]
        .into_iter()
        .find_map(|(key, given)| given.then_some(key))
    }
}
