//! Field-level merge against the base version (sync.md, guarantee 4).

use std::collections::BTreeMap;

use crate::form::Value;

/// A field as the server holds it: its value (`None` once removed: the
/// removal is remembered, so it can conflict too), the record version that
/// last changed it, and the device that made that change.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldState {
    pub value: Option<Value>,
    pub version: u64,
    pub client_id: String,
}

impl FieldState {
    /// Whether someone other than `client_id` changed the field after
    /// `base_version`. A device's own earlier change is not a conflict: its
    /// later edit was made looking at it.
    pub fn changed_by_other(&self, base_version: u64, client_id: &str) -> bool {
        self.version > base_version && self.client_id != client_id
    }
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

/// For each change `client_id` proposes: apply it if no other device
/// changed the server's field since `base_version`, skip it if the field
/// already holds the proposed value; otherwise it is a conflict.
pub fn merge(
    fields: &BTreeMap<String, FieldState>,
    base_version: u64,
    client_id: &str,
    changes: &BTreeMap<String, Option<Value>>,
) -> Merged {
    let mut out = Merged::default();
    for (path, proposed) in changes {
        let current = fields.get(path);
        let same = current.and_then(|f| f.value.as_ref()) == proposed.as_ref();
        if same {
            continue;
        }
        if !current.is_some_and(|f| f.changed_by_other(base_version, client_id)) {
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
            client_id: "office".into(),
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
        let merged = merge(&server, 1, "phone", &changes);
        assert_eq!(merged.conflicts, ["a"]);
        assert_eq!(merged.apply.keys().collect::<Vec<_>>(), ["b"]);
    }

    #[test]
    fn a_devices_own_earlier_change_is_no_conflict() {
        let server = BTreeMap::from([("a".to_string(), field("first edit", 2))]);
        let merged = merge(
            &server,
            1,
            "office",
            &BTreeMap::from([change("a", "second edit")]),
        );
        assert!(merged.conflicts.is_empty());
        assert_eq!(merged.apply.len(), 1);
    }

    #[test]
    fn an_equal_value_is_no_conflict_and_no_write() {
        let server = BTreeMap::from([("a".to_string(), field("same", 5))]);
        let merged = merge(&server, 1, "phone", &BTreeMap::from([change("a", "same")]));
        assert_eq!(merged, Merged::default());
    }

    #[test]
    fn a_field_removed_on_the_server_after_the_base_conflicts() {
        let removed = BTreeMap::from([(
            "a".to_string(),
            FieldState {
                value: None,
                version: 3,
                client_id: "office".into(),
            },
        )]);
        let merged = merge(&removed, 2, "phone", &BTreeMap::from([change("a", "x")]));
        assert_eq!(merged.conflicts, ["a"]);
        let merged = merge(&removed, 3, "phone", &BTreeMap::from([change("a", "x")]));
        assert!(merged.conflicts.is_empty());
    }
}
