//! A coordinator's review of a record (issue 5): approve, return for
//! correction with comments, reject with a reason, reopen. The legal moves
//! are one table ([`ReviewState::after`]); the server refuses the rest with
//! a 409 and the reason.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::form::Text;

/// Where a record is in review. A device's new change to a returned or
/// approved record makes it `Submitted` again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    #[default]
    Submitted,
    Approved,
    /// Sent back to the volunteer with comments: a task on their phone.
    Returned,
    Rejected,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewAction {
    Approve,
    Return,
    Reject,
    /// Undoes a decision (back to `Submitted`).
    Reopen,
}

/// `POST /api/records/{id}/review`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewRequest {
    pub action: ReviewAction,
    /// On the record: the reason of a rejection, what to fix on a return.
    #[serde(default)]
    pub comment: String,
    /// Comments on single fields, by answer path (`members/m1/nik`).
    #[serde(default)]
    pub field_comments: BTreeMap<String, String>,
}

/// The latest decision, as devices and the console see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewNote {
    pub state: ReviewState,
    pub comment: String,
    pub field_comments: BTreeMap<String, String>,
    pub author: String,
    pub at_ms: i64,
}

/// One line of the audit log (`GET /api/audit`): who did what to which
/// record, when. `action` is `create`, `edit`, `delete` or `review:ACTION`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at_ms: i64,
    pub actor: String,
    pub action: String,
    pub record_id: Option<String>,
    pub detail: String,
}

const MAX_COMMENT: usize = 2_000;

impl ReviewRequest {
    /// What is wrong with the request itself (a 400), if anything.
    pub fn problem(&self) -> Option<Text> {
        let comments = std::iter::once(&self.comment).chain(self.field_comments.values());
        if comments.clone().any(|c| c.chars().count() > MAX_COMMENT) {
            return Some(Text::new(
                "Komentar paling panjang 2.000 karakter.",
                "A comment is at most 2,000 characters.",
            ));
        }
        let said_something = comments.clone().any(|c| !c.trim().is_empty());
        match self.action {
            ReviewAction::Return if !said_something => Some(Text::new(
                "Tulis apa yang perlu diperbaiki (pada data atau pada isian).",
                "Say what needs fixing (on the record or on a field).",
            )),
            ReviewAction::Reject if self.comment.trim().is_empty() => Some(Text::new(
                "Tulis alasan penolakan.",
                "Give the reason for rejecting.",
            )),
            _ => None,
        }
    }
}

impl ReviewState {
    /// The state after `action`, or why it is not allowed from here.
    pub fn after(self, action: ReviewAction, deleted: bool) -> Result<ReviewState, Text> {
        use ReviewAction as A;
        use ReviewState as S;
        if deleted {
            return Err(Text::new(
                "Data ini sudah dihapus; tidak bisa ditinjau.",
                "This record was deleted; it cannot be reviewed.",
            ));
        }
        match (self, action) {
            (S::Submitted, A::Approve) => Ok(S::Approved),
            (S::Submitted, A::Return) => Ok(S::Returned),
            (S::Submitted, A::Reject) => Ok(S::Rejected),
            (S::Approved | S::Returned | S::Rejected, A::Reopen) => Ok(S::Submitted),
            (state, action) => Err(Text::new(
                &format!(
                    "Tidak bisa {} data yang {}; buka kembali dulu.",
                    action.verb_id(),
                    state.label_id()
                ),
                &format!(
                    "Cannot {} a record that is {}; reopen it first.",
                    action.verb_en(),
                    state.label_en()
                ),
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ReviewState::Submitted => "submitted",
            ReviewState::Approved => "approved",
            ReviewState::Returned => "returned",
            ReviewState::Rejected => "rejected",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            Self::Submitted,
            Self::Approved,
            Self::Returned,
            Self::Rejected,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }

    fn label_id(self) -> &'static str {
        match self {
            ReviewState::Submitted => "menunggu tinjauan",
            ReviewState::Approved => "sudah disetujui",
            ReviewState::Returned => "sudah dikembalikan",
            ReviewState::Rejected => "sudah ditolak",
        }
    }

    fn label_en(self) -> &'static str {
        match self {
            ReviewState::Submitted => "awaiting review",
            ReviewState::Approved => "already approved",
            ReviewState::Returned => "already returned",
            ReviewState::Rejected => "already rejected",
        }
    }
}

impl ReviewAction {
    fn verb_id(self) -> &'static str {
        match self {
            ReviewAction::Approve => "menyetujui",
            ReviewAction::Return => "mengembalikan",
            ReviewAction::Reject => "menolak",
            ReviewAction::Reopen => "membuka kembali",
        }
    }

    fn verb_en(self) -> &'static str {
        match self {
            ReviewAction::Approve => "approve",
            ReviewAction::Return => "return",
            ReviewAction::Reject => "reject",
            ReviewAction::Reopen => "reopen",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReviewAction as A;
    use ReviewState as S;

    #[test]
    fn every_move_is_in_the_table_and_nothing_else() {
        let states = [S::Submitted, S::Approved, S::Returned, S::Rejected];
        let actions = [A::Approve, A::Return, A::Reject, A::Reopen];
        let legal = [
            (S::Submitted, A::Approve, S::Approved),
            (S::Submitted, A::Return, S::Returned),
            (S::Submitted, A::Reject, S::Rejected),
            (S::Approved, A::Reopen, S::Submitted),
            (S::Returned, A::Reopen, S::Submitted),
            (S::Rejected, A::Reopen, S::Submitted),
        ];
        for state in states {
            for action in actions {
                let expected = legal
                    .iter()
                    .find(|(s, a, _)| *s == state && *a == action)
                    .map(|(_, _, to)| *to);
                assert_eq!(
                    state.after(action, false).ok(),
                    expected,
                    "{state:?} {action:?}"
                );
                assert!(
                    state.after(action, true).is_err(),
                    "deleted: {state:?} {action:?}"
                );
            }
        }
        let refused = S::Approved.after(A::Return, false).unwrap_err();
        assert_eq!(
            refused.en,
            "Cannot return a record that is already approved; reopen it first."
        );
    }

    #[test]
    fn a_return_needs_a_comment_and_a_rejection_a_reason() {
        let request = |action, comment: &str, field: Option<&str>| ReviewRequest {
            action,
            comment: comment.into(),
            field_comments: field
                .map(|c| BTreeMap::from([("address".to_string(), c.to_string())]))
                .unwrap_or_default(),
        };
        assert!(request(A::Return, " ", None).problem().is_some());
        assert!(request(A::Return, "", Some("Nomor rumah salah"))
            .problem()
            .is_none());
        assert!(request(A::Reject, "", Some("x")).problem().is_some());
        assert!(request(A::Reject, "Rumah tidak ada", None)
            .problem()
            .is_none());
        assert!(request(A::Approve, "", None).problem().is_none());
        assert!(request(A::Approve, &"x".repeat(2_001), None)
            .problem()
            .is_some());
        for state in [S::Submitted, S::Approved, S::Returned, S::Rejected] {
            assert_eq!(S::parse(state.as_str()), Some(state));
        }
    }
}
