//! What the coordinator console asks the server and gets back: the review
//! list with its filters, a record's detail with the changes since the last
//! decision and its open conflicts, and a coordinator's own edit.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::form::{Answers, Value};
use crate::quality::Flag;
use crate::review::{ReviewNote, ReviewState};

/// Most items in one page of the review list.
pub const MAX_LIST_PAGE: u32 = 200;
/// A coordinator's reason for an edit: required, at most this long.
pub const MAX_REASON: usize = 500;

/// `GET /api/review/records?...`: every part optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListQuery {
    /// Required of administrators; a coordinator's own by default.
    pub kelurahan: Option<String>,
    /// `household` or `infrastructure`.
    pub form: Option<String>,
    pub rw: Option<u16>,
    pub rt: Option<u16>,
    pub state: Option<ReviewState>,
    pub volunteer: Option<String>,
    /// Last change on or after this day (`YYYY-MM-DD`, WIB).
    pub from: Option<String>,
    /// Last change on or before this day (`YYYY-MM-DD`, WIB).
    pub to: Option<String>,
    pub flag: Option<Flag>,
    /// The `next` of the previous page.
    pub after: Option<String>,
    pub limit: Option<u32>,
}

/// One line of the review list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListItem {
    pub id: String,
    pub form_id: String,
    /// `kelurahan/RW/RT`.
    pub area: String,
    pub rw: u16,
    pub rt: u16,
    pub volunteer: String,
    pub review_state: ReviewState,
    pub updated_ms: i64,
    pub visit_result: Option<String>,
    pub category: Option<String>,
    pub condition: Option<String>,
    /// Head of family, else the address (households).
    pub title: String,
    pub members: u32,
    pub flags: Vec<Flag>,
    pub point: Option<[f64; 2]>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListPage {
    pub items: Vec<ListItem>,
    /// Pass as `after` for the next page; `None` on the last.
    pub next: Option<String>,
}

/// `GET /api/review/points`: every located record of a kelurahan, for the
/// map (nothing personal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapPoint {
    pub id: String,
    pub form_id: String,
    pub lat: f64,
    pub lon: f64,
    /// Infrastructure category code.
    pub category: Option<String>,
}

/// `GET /api/review/records/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordDetail {
    pub item: ListItem,
    pub form_version: u32,
    pub version: u64,
    pub answers: Answers,
    /// Decisions, oldest first.
    pub reviews: Vec<ReviewNote>,
    /// What changed since the latest decision (empty before any).
    pub changes: Vec<FieldChange>,
    pub conflicts: Vec<OpenConflict>,
}

/// One answer before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    pub path: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// Two same-field edits that could not both win.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenConflict {
    pub id: i64,
    pub path: String,
    /// The value both sides started from (`None`: the answer did not exist).
    pub base: Option<Value>,
    /// The value the server kept.
    pub server: Option<Value>,
    /// The device's value that lost.
    pub device: Option<Value>,
    pub author: String,
    pub at_ms: i64,
}

/// `POST /api/records/{id}/edit`: a coordinator changes answers, with a
/// reason; resolving a conflict is an edit that names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditRequest {
    /// The record version the coordinator saw: a later change is a 409.
    pub version: u64,
    /// Path → new value (`null` clears it).
    pub changes: BTreeMap<String, Option<Value>>,
    pub reason: String,
    /// Conflicts this edit settles.
    #[serde(default)]
    pub resolves: Vec<i64>,
}

impl EditRequest {
    /// What is wrong with the request itself, in both languages.
    pub fn problem(&self) -> Option<crate::form::Text> {
        let text = crate::form::Text::new;
        if self.reason.trim().is_empty() {
            Some(text(
                "Tuliskan alasan perubahan.",
                "Give a reason for the change.",
            ))
        } else if self.reason.chars().count() > MAX_REASON {
            Some(text(
                &format!("Alasan paling banyak {MAX_REASON} karakter."),
                &format!("The reason has at most {MAX_REASON} characters."),
            ))
        } else if self.changes.is_empty() && self.resolves.is_empty() {
            Some(text("Tidak ada yang diubah.", "Nothing to change."))
        } else {
            None
        }
    }
}

/// The changes between the answers decided on and the current ones, in
/// path order.
pub fn changes_since(before: &Answers, after: &Answers) -> Vec<FieldChange> {
    crate::form::diff(before, after)
        .into_keys()
        .map(|path| FieldChange {
            before: before.get(&path).cloned(),
            after: after.get(&path).cloned(),
            path,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_name_before_and_after() {
        let mut before = Answers::new();
        before.insert("a".into(), Value::Text("x".into()));
        before.insert("b".into(), Value::Bool(true));
        let mut after = before.clone();
        after.insert("a".into(), Value::Text("y".into()));
        after.remove("b");
        after.insert("c".into(), Value::Number(2.0));
        let changes = changes_since(&before, &after);
        assert_eq!(changes.len(), 3);
        assert_eq!(changes[0].before, Some(Value::Text("x".into())));
        assert_eq!(changes[0].after, Some(Value::Text("y".into())));
        assert_eq!(changes[1].after, None);
        assert_eq!(changes[2].before, None);
    }

    #[test]
    fn an_edit_needs_a_reason_and_a_change() {
        let mut edit = EditRequest {
            version: 1,
            changes: BTreeMap::new(),
            reason: " ".into(),
            resolves: vec![],
        };
        assert!(edit.problem().is_some());
        edit.reason = "Salah ketik".into();
        assert!(edit.problem().is_some());
        edit.resolves.push(1);
        assert!(edit.problem().is_none());
        edit.reason = "x".repeat(MAX_REASON + 1);
        assert!(edit.problem().is_some());
    }
}
