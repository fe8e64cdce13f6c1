//! What a mutation may carry at all, before any merge: every path names a
//! field of the record's form (or is one of the consent answers of
//! [`crate::consent`]), every value has that field's type, no value
//! or record is larger than the limits below, and a photo is named by its
//! SHA-256. The server refuses a mutation that breaks one of these with the
//! reason; the PWA never makes one.

use std::collections::BTreeMap;

use crate::form::{Answers, Field, FieldKind, FormDef, Text, Value};

/// The longest text answer of any kind, in characters (a field's own
/// `max_len` is usually lower and is checked too).
pub const MAX_TEXT_CHARS: usize = 2_000;
/// The longest code, row id or photo list entry, in characters.
pub const MAX_CODE_CHARS: usize = 64;
/// The most answers one record may hold (a household of 100 members with
/// every question answered is about 1,700).
pub const MAX_ANSWERS: usize = 3_000;
/// The most bytes a record's answers may take as JSON.
pub const MAX_RECORD_BYTES: usize = 512 * 1024;
/// The most rows of one repeated group.
pub const MAX_ROWS: usize = 100;
/// The most bytes one push request may carry.
pub const MAX_PUSH_BYTES: usize = 8 * 1024 * 1024;

/// Why these changes cannot belong to a record of `form`, or `None`.
pub fn shape_problem(form: &FormDef, changes: &BTreeMap<String, Option<Value>>) -> Option<Text> {
    if changes.len() > MAX_ANSWERS {
        return Some(Text::new(
            &format!("Terlalu banyak jawaban dalam satu perubahan (maksimal {MAX_ANSWERS})."),
            &format!("Too many answers in one change (at most {MAX_ANSWERS})."),
        ));
    }
    first_problem(form, changes.iter().map(|(p, v)| (p, v.as_ref())))
}

/// Why a whole record's answers cannot belong to `form` (the same rules as
/// [`shape_problem`], for answers made by a coordinator's edit or on the
/// server), or `None`.
pub fn answers_shape_problem(form: &FormDef, answers: &Answers) -> Option<Text> {
    first_problem(form, answers.iter().map(|(p, v)| (p, Some(v))))
}

fn first_problem<'a>(
    form: &FormDef,
    mut answers: impl Iterator<Item = (&'a String, Option<&'a Value>)>,
) -> Option<Text> {
    answers.find_map(|(path, value)| {
        if crate::consent::is_meta_path(path) {
            let (id, en) = crate::consent::meta_problem(path, value?)?;
            return Some(Text::new(
                &format!("{path}: {id}"),
                &format!("{path}: {en}"),
            ));
        }
        let Some(field) = field_at_path(form, path) else {
            return Some(Text::new(
                &format!("Jawaban {} tidak ada di formulir {}.", shown(path), form.id),
                &format!("Form {} has no answer {}.", form.id, shown(path)),
            ));
        };
        let value = value?;
        value_problem(field, value).map(|(id, en)| {
            Text::new(
                &format!("{}: {id}", shown(path)),
                &format!("{}: {en}", shown(path)),
            )
        })
    })
}

/// Why a whole record's answers are too large, or `None`.
pub fn record_size_problem(answers: &Answers) -> Option<Text> {
    if answers.len() > MAX_ANSWERS {
        return Some(Text::new(
            &format!("Data ini punya terlalu banyak jawaban (maksimal {MAX_ANSWERS})."),
            &format!("This record has too many answers (at most {MAX_ANSWERS})."),
        ));
    }
    let bytes: usize = answers
        .iter()
        .map(|(path, value)| path.len() + value_bytes(value))
        .sum();
    (bytes > MAX_RECORD_BYTES).then(|| {
        Text::new(
            &format!(
                "Data ini terlalu besar (maksimal {} KB).",
                MAX_RECORD_BYTES / 1024
            ),
            &format!(
                "This record is too large (at most {} KB).",
                MAX_RECORD_BYTES / 1024
            ),
        )
    })
}

/// Whether `id` can name a record: 1-64 letters, digits, `-` and `_` (the
/// PWA's UUIDs, the server's `kiosk-…` ids).
pub fn is_record_id(id: &str) -> bool {
    is_row_id(id)
}

/// Whether `id` names a photo as the server stores it: 64 lower-case hex
/// digits (its SHA-256), nothing else that could become part of a URL.
pub fn is_photo_id(id: &str) -> bool {
    id.len() == 64 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The field a path names: `field`, or `group/row/field` inside a
/// repeated group (the row id made of letters, digits, `-` and `_`).
fn field_at_path<'a>(form: &'a FormDef, path: &str) -> Option<&'a Field> {
    let mut parts = path.split('/');
    let first = form.field(parts.next()?)?;
    match (parts.next(), parts.next(), parts.next()) {
        (None, _, _) => Some(first),
        (Some(row), Some(field), None) if is_row_id(row) => first.row_field(field),
        _ => None,
    }
}

fn is_row_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_CODE_CHARS
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The problem of `value` as an answer to `field`: (Indonesian, English).
fn value_problem(field: &Field, value: &Value) -> Option<(String, String)> {
    let wrong = || {
        Some((
            "jenis jawaban salah untuk pertanyaan ini.".to_owned(),
            "wrong type of answer for this question.".to_owned(),
        ))
    };
    let too_long = |max: usize| {
        Some((
            format!("terlalu panjang (maksimal {max} karakter)."),
            format!("too long (at most {max} characters)."),
        ))
    };
    let text_max = |text: &str, max: usize| (text.chars().count() > max).then(|| too_long(max))?;
    match (&field.kind, value) {
        (FieldKind::Text { max_len, .. }, Value::Text(text)) => {
            text_max(text, (*max_len).min(MAX_TEXT_CHARS))
        }
        (FieldKind::Number { .. }, Value::Number(_)) => None,
        (FieldKind::Date { .. }, Value::Date(text)) => text_max(text, 10),
        (FieldKind::Single { .. }, Value::Choice(code)) => text_max(code, MAX_CODE_CHARS),
        (FieldKind::Multi { .. }, Value::Choices(codes)) => {
            if codes.len() > MAX_ROWS {
                return Some((
                    format!("terlalu banyak pilihan (maksimal {MAX_ROWS})."),
                    format!("too many choices (at most {MAX_ROWS})."),
                ));
            }
            codes.iter().find_map(|c| text_max(c, MAX_CODE_CHARS))
        }
        (FieldKind::YesNo, Value::Bool(_)) => None,
        (FieldKind::Gps, Value::Gps(_) | Value::Absent) => None,
        (FieldKind::Photo { max, .. }, Value::Photos(ids)) => {
            if ids.len() > usize::from(*max) {
                return Some((
                    format!("terlalu banyak foto (maksimal {max})."),
                    format!("too many photos (at most {max})."),
                ));
            }
            ids.iter().any(|id| !is_photo_id(id)).then(|| {
                (
                    "foto harus ditandai dengan SHA-256 (64 huruf heksadesimal kecil).".to_owned(),
                    "a photo must be named by its SHA-256 (64 lower-case hex digits).".to_owned(),
                )
            })
        }
        (FieldKind::Nik { .. }, Value::Text(text)) | (FieldKind::NoKk, Value::Text(text)) => {
            text_max(text, MAX_CODE_CHARS)
        }
        (FieldKind::Nik { .. }, Value::Absent) => None,
        (FieldKind::Group { .. }, Value::Rows(rows)) => {
            if rows.len() > MAX_ROWS {
                return Some((
                    format!("terlalu banyak baris (maksimal {MAX_ROWS})."),
                    format!("too many rows (at most {MAX_ROWS})."),
                ));
            }
            rows.iter().any(|row| !is_row_id(row)).then(|| {
                (
                    "nomor baris tidak valid.".to_owned(),
                    "invalid row id.".to_owned(),
                )
            })
        }
        _ => wrong(),
    }
}

/// A path as a message may quote it: short, whatever a client sent.
fn shown(path: &str) -> String {
    let cut: String = path.chars().take(MAX_CODE_CHARS).collect();
    format!("{cut:?}")
}

fn value_bytes(value: &Value) -> usize {
    match value {
        Value::Text(s) | Value::Date(s) | Value::Choice(s) => s.len() + 12,
        Value::Choices(v) | Value::Photos(v) | Value::Rows(v) => {
            v.iter().map(|s| s.len() + 3).sum::<usize>() + 12
        }
        Value::Number(_) | Value::Bool(_) | Value::Absent => 24,
        Value::Gps(_) => 80,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;
    use crate::forms::{household, infrastructure};

    fn changes(pairs: &[(&str, Value)]) -> BTreeMap<String, Option<Value>> {
        pairs
            .iter()
            .map(|(path, value)| (path.to_string(), Some(value.clone())))
            .collect()
    }

    #[test]
    fn complete_fixture_records_have_the_right_shape() {
        let whole = |answers: Answers| answers.into_iter().map(|(p, v)| (p, Some(v))).collect();
        let household_changes = whole(fixtures::household_answers(1, 8));
        assert_eq!(shape_problem(&household(), &household_changes), None);
        let report = whole(fixtures::flood_report_answers(1));
        assert_eq!(shape_problem(&infrastructure(), &report), None);
    }

    #[test]
    fn an_unknown_path_is_refused() {
        let problem = shape_problem(
            &household(),
            &changes(&[("zz_not_a_field", Value::Text("x".into()))]),
        )
        .unwrap();
        assert!(problem.en.contains("zz_not_a_field"), "{problem:?}");
        let nested = changes(&[("members/a/zz", Value::Text("x".into()))]);
        assert!(shape_problem(&household(), &nested).is_some());
        let too_deep = changes(&[("members/a/name/x", Value::Text("x".into()))]);
        assert!(shape_problem(&household(), &too_deep).is_some());
        let removal = BTreeMap::from([("zz".to_string(), None)]);
        assert!(shape_problem(&household(), &removal).is_some());
    }

    #[test]
    fn a_value_of_the_wrong_type_or_size_is_refused() {
        let form = household();
        let field = form
            .all_fields()
            .into_iter()
            .find(|(group, f)| group.is_none() && matches!(f.kind, FieldKind::Text { .. }))
            .unwrap()
            .1;
        assert!(shape_problem(&form, &changes(&[(&field.id, Value::Bool(true))])).is_some());
        let long = Value::Text("x".repeat(MAX_TEXT_CHARS + 1));
        assert!(shape_problem(&form, &changes(&[(&field.id, long)])).is_some());
    }

    #[test]
    fn a_photo_must_be_named_by_its_hash() {
        let form = infrastructure();
        let photo = form
            .all_fields()
            .into_iter()
            .find(|(_, f)| matches!(f.kind, FieldKind::Photo { .. }))
            .unwrap()
            .1;
        let path = Value::Photos(vec!["../exports/households.csv?identities=full".into()]);
        assert!(shape_problem(&form, &changes(&[(&photo.id, path)])).is_some());
        let good = Value::Photos(vec!["ab".repeat(32)]);
        assert_eq!(shape_problem(&form, &changes(&[(&photo.id, good)])), None);
        assert!(!is_photo_id(&"AB".repeat(32)));
    }

    #[test]
    fn a_huge_record_is_too_large() {
        let mut answers = Answers::new();
        for i in 0..300 {
            answers.insert(format!("p{i}"), Value::Text("x".repeat(2_000)));
        }
        assert!(record_size_problem(&answers).is_some());
        assert_eq!(
            record_size_problem(&fixtures::household_answers(1, 4)),
            None
        );
    }
}
