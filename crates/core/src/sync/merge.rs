//! Field-level merge against the base version (sync.md, guarantee 4).

use std::collections::BTreeMap;

use crate::form::Value;

/// A field as the server holds it: its value (`None` once removed: the
/// removal is remembered, so it can conflict too) and the record version
/// that last changed it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldState {
    pub value: Option<Value>,
    pub version: u64,
}

/// What a mutation's changes do to a record's fields.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Merged {
    /// Paths to write (`None`: remove).
    pub apply: BTreeMap<String, Option<Value>>,
    /// Paths the server changed after `base_version` to something else:
    /// the server value stays, the proposal is recorded as a conflict.
    pub conflicts: Vec<String>,
}

/// For each proposed change: apply it if the server's field has not changed
/// since `base_version`, or already holds the proposed value; otherwise it
/// is a conflict.
pub fn merge(
    fields: &BTreeMap<String, FieldState>,
    base_version: u64,
    changes: &BTreeMap<String, Option<Value>>,
) -> Merged {
    let mut out = Merged::default();
    for (path, proposed) in changes {
        let current = fields.get(path);
        let changed_at = current.map_or(0, |f| f.version);
        let same = current.and_then(|f| f.value.as_ref()) == proposed.as_ref();
        if same {
            continue;
        }
        if changed_at <= base_version {
            out.apply.insert(path.clone(), proposed.clone());
        } else {
            out.conflicts.push(path.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(text: &str, version: u64) -> FieldState {
        FieldState {
            value: Some(Value::Text(text.into())),
            version,
        }
    }

    fn change(path: &str, text: &str) -> (String, Option<Value>) {
        (path.into(), Some(Value::Text(text.into())))
    }

    #[test]
    fn different_fields_both_survive_and_the_same_field_conflicts() {
        let server = BTreeMap::from([
            ("a".to_string(), field("server", 2)),
            ("b".to_string(), field("old", 1)),
        ]);
        // The device edited from version 1: "a" changed on the server since.
        let changes = BTreeMap::from([change("a", "device"), change("b", "device")]);
        let merged = merge(&server, 1, &changes);
        assert_eq!(merged.conflicts, ["a"]);
        assert_eq!(merged.apply.keys().collect::<Vec<_>>(), ["b"]);
    }

    #[test]
    fn an_equal_value_is_no_conflict_and_no_write() {
        let server = BTreeMap::from([("a".to_string(), field("same", 5))]);
        let merged = merge(&server, 1, &BTreeMap::from([change("a", "same")]));
        assert_eq!(merged, Merged::default());
    }

    #[test]
    fn a_field_removed_on_the_server_after_the_base_conflicts() {
        let removed = BTreeMap::from([(
            "a".to_string(),
            FieldState {
                value: None,
                version: 3,
            },
        )]);
        let merged = merge(&removed, 2, &BTreeMap::from([change("a", "x")]));
        assert_eq!(merged.conflicts, ["a"]);
        let merged = merge(&removed, 3, &BTreeMap::from([change("a", "x")]));
        assert!(merged.conflicts.is_empty());
    }
}
