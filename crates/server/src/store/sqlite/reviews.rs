//! Coordinators' review decisions in SQLite: the state change, the decision
//! with its comments, a new change sequence (so the decision reaches the
//! devices on their next pull) and the audit entry, in one transaction.

use async_trait::async_trait;
use rukun_core::review::{ReviewNote, ReviewRequest, ReviewState};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

use super::super::{Reviews, StoreError};
use super::audit::audit;
use super::index::index_review_state;
use super::record_tx::{current_answers, next_change_seq};
use super::SqliteStore;

#[async_trait]
impl Reviews for SqliteStore {
    async fn review(
        &self,
        record_id: &str,
        request: &ReviewRequest,
        author: &str,
        now_ms: i64,
    ) -> Result<Option<ReviewState>, StoreError> {
        let (_writer, mut tx) = self.begin_write().await?;
        let Some(row) =
            sqlx::query("SELECT review_state, deleted, version FROM records WHERE id = ?")
                .bind(record_id)
                .fetch_optional(&mut *tx)
                .await?
        else {
            return Ok(None);
        };
        let current = ReviewState::parse(row.get("review_state"))
            .ok_or_else(|| StoreError::Corrupt(format!("review state of {record_id}")))?;
        let next = current
            .after(request.action, row.get::<i64, _>("deleted") != 0)
            .map_err(|why| StoreError::Conflict(format!("{} / {}", why.id, why.en)))?;
        let seq = next_change_seq(&mut tx).await?;
        // A new version, so that a device holding the record takes the
        // decision in; the answers and their field versions are unchanged.
        sqlx::query(
            "UPDATE records SET review_state = ?, version = version + 1, change_seq = ?, updated_ms = ? WHERE id = ?",
        )
        .bind(next.as_str())
        .bind(seq)
        .bind(now_ms)
        .bind(record_id)
        .execute(&mut *tx)
        .await?;
        let field_comments = serde_json::to_string(&request.field_comments)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        // The answers as decided on: the next resubmission is shown against them.
        let answers = serde_json::to_string(&current_answers(&mut tx, record_id).await?)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        index_review_state(&mut tx, record_id, next.as_str(), now_ms).await?;
        let action = serde_json::to_value(request.action)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        sqlx::query(
            "INSERT INTO reviews (record_id, action, state_after, comment, field_comments, author, at_ms, answers) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(record_id)
        .bind(&action)
        .bind(next.as_str())
        .bind(&request.comment)
        .bind(&field_comments)
        .bind(author)
        .bind(now_ms)
        .bind(&answers)
        .execute(&mut *tx)
        .await?;
        audit(
            &mut tx,
            now_ms,
            author,
            &format!("review:{action}"),
            Some(record_id),
            next.as_str(),
        )
        .await?;
        tx.commit().await?;
        Ok(Some(next))
    }
}

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
