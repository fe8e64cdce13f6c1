//! Terse constructors for writing form definitions in Rust.

use crate::form::{Code, CodeList, Condition, Field, FieldKind, Text};

pub fn text(id: &str, en: &str) -> Text {
    Text::new(id, en)
}

pub fn list(id: &str, items: &[(&str, &str, &str)]) -> CodeList {
    CodeList {
        id: id.into(),
        items: items
            .iter()
            .map(|(code, label_id, label_en)| Code {
                code: (*code).into(),
                label: Text::new(label_id, label_en),
            })
            .collect(),
    }
}

pub fn field(id: &str, label_id: &str, label_en: &str, kind: FieldKind) -> Field {
    Field {
        id: id.into(),
        label: Text::new(label_id, label_en),
        hint: None,
        kind,
        required: false,
        relevant: None,
        personal: false,
    }
}

pub fn single(id: &str, label_id: &str, label_en: &str, list: &str) -> Field {
    field(
        id,
        label_id,
        label_en,
        FieldKind::Single { list: list.into() },
    )
}

pub fn yes_no(id: &str, label_id: &str, label_en: &str) -> Field {
    field(id, label_id, label_en, FieldKind::YesNo)
}

pub fn short_text(id: &str, label_id: &str, label_en: &str) -> Field {
    field(
        id,
        label_id,
        label_en,
        FieldKind::Text {
            max_len: 120,
            multiline: false,
        },
    )
}

pub fn note(id: &str, label_id: &str, label_en: &str) -> Field {
    field(
        id,
        label_id,
        label_en,
        FieldKind::Text {
            max_len: 1000,
            multiline: true,
        },
    )
}

pub fn number(
    id: &str,
    label_id: &str,
    label_en: &str,
    min: f64,
    max: f64,
    integer: bool,
) -> Field {
    field(
        id,
        label_id,
        label_en,
        FieldKind::Number { min, max, integer },
    )
}

pub fn past_date(id: &str, label_id: &str, label_en: &str) -> Field {
    field(id, label_id, label_en, FieldKind::Date { past_only: true })
}

pub fn is(field: &str, value: &str) -> Condition {
    Condition::Is {
        field: field.into(),
        value: value.into(),
    }
}

pub fn any_of(field: &str, values: &[&str]) -> Condition {
    Condition::IsAnyOf {
        field: field.into(),
        values: values.iter().map(|v| (*v).into()).collect(),
    }
}

impl Field {
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub fn personal(mut self) -> Self {
        self.personal = true;
        self
    }

    pub fn when(mut self, condition: Condition) -> Self {
        self.relevant = Some(condition);
        self
    }

    pub fn hint(mut self, id: &str, en: &str) -> Self {
        self.hint = Some(Text::new(id, en));
        self
    }
}
