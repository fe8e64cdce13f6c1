//! How an answer reads to a person, in both languages: code labels, yes or
//! no, dates, GPS with its accuracy, photo counts.

use super::answers::Value;
use super::definition::{Field, FieldKind, FormDef, Text};

/// The answer as text (`None` for group row lists).
pub fn display(kind: &FieldKind, value: &Value, form: &FormDef) -> Option<Text> {
    let same = |s: String| Some(Text::new(&s, &s));
    let label = |list: &str, code: &str| {
        form.list(list)
            .and_then(|l| l.get(code))
            .map_or_else(|| Text::new(code, code), |c| c.label.clone())
    };
    match (kind, value) {
        (FieldKind::Single { list }, Value::Choice(code)) => Some(label(list, code)),
        (FieldKind::Multi { list, .. }, Value::Choices(codes)) => {
            let labels: Vec<Text> = codes.iter().map(|c| label(list, c)).collect();
            let join =
                |pick: fn(&Text) -> &str| labels.iter().map(pick).collect::<Vec<_>>().join(", ");
            Some(Text::new(&join(|t| &t.id), &join(|t| &t.en)))
        }
        (_, Value::Bool(true)) => Some(Text::new("Ya", "Yes")),
        (_, Value::Bool(false)) => Some(Text::new("Tidak", "No")),
        (FieldKind::Nik { .. }, Value::Absent) => Some(Text::new("Belum punya NIK", "No NIK yet")),
        (_, Value::Absent) => Some(Text::new("Tidak ada", "None")),
        (_, Value::Gps(p)) => same(format!("{:.5}, {:.5} (±{:.0} m)", p.lat, p.lon, p.accuracy)),
        (_, Value::Photos(ids)) => Some(Text::new(
            &format!("{} foto", ids.len()),
            &format!("{} photo(s)", ids.len()),
        )),
        (_, Value::Rows(_)) => None,
        (_, Value::Text(s) | Value::Date(s) | Value::Choice(s)) => same(s.clone()),
        (_, Value::Choices(codes)) => same(codes.join(", ")),
        (_, Value::Number(n)) => same(n.to_string()),
    }
}

/// The field an answer path belongs to, and its row's position (from 1)
/// inside its group when it is in one.
pub fn field_at<'a>(
    form: &'a FormDef,
    path: &str,
    answers_rows: &[String],
) -> Option<(&'a Field, Option<usize>)> {
    let mut parts = path.split('/');
    let first = parts.next()?;
    let top = form.field(first)?;
    match (parts.next(), parts.next()) {
        (None, _) => Some((top, None)),
        (Some(row), Some(field)) => {
            let position = answers_rows.iter().position(|r| r == row).map(|i| i + 1);
            Some((top.row_field(field)?, position))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::catalog;

    #[test]
    fn answers_read_as_labels() {
        let forms = catalog();
        let form = forms.latest("household").unwrap();
        let rows = vec!["m0".to_string(), "m1".to_string()];
        let (field, row) = field_at(form, "members/m1/sex", &rows).unwrap();
        assert_eq!((field.id.as_str(), row), ("sex", Some(2)));
        let text = display(&field.kind, &Value::Choice("2".into()), form).unwrap();
        assert_eq!(
            (text.id.as_str(), text.en.as_str()),
            ("Perempuan", "Female")
        );
        let (field, row) = field_at(form, "consent", &rows).unwrap();
        assert_eq!(row, None);
        assert_eq!(
            display(&field.kind, &Value::Bool(true), form).unwrap().id,
            "Ya"
        );
        assert!(field_at(form, "nope", &rows).is_none());
    }
}
