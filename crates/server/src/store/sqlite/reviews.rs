//! Coordinators' review decisions as SQLite keeps them: a `reviews` row
//! per decision (written by `records::review` through the record
//! transaction), read back for a record's detail and the devices' pull.

use rukun_core::review::{ReviewNote, ReviewState};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

/// A decision from a `reviews` row.
pub(super) fn review_note(row: &SqliteRow) -> ReviewNote {
    ReviewNote {
        state: ReviewState::parse(row.get("state_after")).unwrap_or_default(),
        comment: row.get("comment"),
        field_comments: serde_json::from_str(row.get::<&str, _>("field_comments"))
            .unwrap_or_default(),
        author: row.get("author"),
        at_ms: row.get("at_ms"),
    }
}
