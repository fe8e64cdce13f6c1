//! A record's answers: a flat map from a field's path to its value.
//!
//! Top-level fields live at `field`; a repeated group keeps its row ids, in
//! order, at `group` and each row's answers at `group/row/field`. Flat paths
//! make the sync's field-level merge, the personal-data split and diffs one
//! loop each.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Path → value.
pub type Answers = BTreeMap<String, Value>;

/// One answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Value {
    Text(String),
    Number(f64),
    /// `YYYY-MM-DD`.
    Date(String),
    Choice(String),
    Choices(Vec<String>),
    Bool(bool),
    Gps(GpsPoint),
    /// SHA-256 (hex) of each photo, which is stored apart as an attachment.
    Photos(Vec<String>),
    /// The row ids of a repeated group, in order.
    Rows(Vec<String>),
    /// Explicitly none: "belum punya NIK", or GPS not available.
    Absent,
}

/// A position from the device, with its accuracy radius.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GpsPoint {
    pub lat: f64,
    pub lon: f64,
    /// Metres (95% radius as the browser reports it).
    pub accuracy: f64,
}

/// The path of a field inside one row of a group.
pub fn row_path(group: &str, row: &str, field: &str) -> String {
    format!("{group}/{row}/{field}")
}

/// The row ids of `group`, in order.
pub fn rows<'a>(answers: &'a Answers, group: &str) -> &'a [String] {
    match answers.get(group) {
        Some(Value::Rows(rows)) => rows,
        _ => &[],
    }
}

/// Removes a row and every answer in it.
pub fn remove_row(answers: &mut Answers, group: &str, row: &str) {
    if let Some(Value::Rows(rows)) = answers.get_mut(group) {
        rows.retain(|r| r != row);
    }
    let prefix = format!("{group}/{row}/");
    answers.retain(|path, _| !path.starts_with(&prefix));
}

/// Whether the value counts as "answered" for a required field.
pub fn is_answered(value: Option<&Value>) -> bool {
    match value {
        None => false,
        Some(Value::Text(s)) | Some(Value::Date(s)) | Some(Value::Choice(s)) => {
            !s.trim().is_empty()
        }
        Some(Value::Choices(v)) | Some(Value::Photos(v)) | Some(Value::Rows(v)) => !v.is_empty(),
        Some(_) => true,
    }
}

/// The paths whose values differ between `before` and `after`: changed or
/// added (with the new value) and removed (with `None`).
pub fn diff(before: &Answers, after: &Answers) -> BTreeMap<String, Option<Value>> {
    let mut out = BTreeMap::new();
    for (path, value) in after {
        if before.get(path) != Some(value) {
            out.insert(path.clone(), Some(value.clone()));
        }
    }
    for path in before.keys() {
        if !after.contains_key(path) {
            out.insert(path.clone(), None);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removing_a_row_removes_its_answers_only() {
        let mut answers = Answers::new();
        answers.insert("members".into(), Value::Rows(vec!["a".into(), "b".into()]));
        answers.insert(row_path("members", "a", "name"), Value::Text("Siti".into()));
        answers.insert(row_path("members", "b", "name"), Value::Text("Budi".into()));
        remove_row(&mut answers, "members", "a");
        assert_eq!(rows(&answers, "members"), ["b".to_string()]);
        assert!(!answers.contains_key("members/a/name"));
        assert!(answers.contains_key("members/b/name"));
    }

    #[test]
    fn diff_names_changed_added_and_removed_paths() {
        let mut before = Answers::new();
        before.insert("a".into(), Value::Bool(true));
        before.insert("b".into(), Value::Text("x".into()));
        let mut after = before.clone();
        after.insert("b".into(), Value::Text("y".into()));
        after.insert("c".into(), Value::Number(3.0));
        after.remove("a");
        let changes = diff(&before, &after);
        assert_eq!(changes.len(), 3);
        assert_eq!(changes["a"], None);
        assert_eq!(changes["b"], Some(Value::Text("y".into())));
    }

    #[test]
    fn serializes_compactly_and_round_trips() {
        let value = Value::Choices(vec!["1".into(), "3".into()]);
        let json = serde_json::to_string(&value).unwrap();
        assert_eq!(json, r#"{"choices":["1","3"]}"#);
        assert_eq!(serde_json::from_str::<Value>(&json).unwrap(), value);
        assert_eq!(
            serde_json::to_string(&Value::Absent).unwrap(),
            r#""absent""#
        );
    }
}
