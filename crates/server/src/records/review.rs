//! A coordinator's review decision: the record's review state moves as
//! the review rules allow, at a new version and change sequence (so a
//! device holding the record takes the decision in on its next pull; the
//! answers and their stamps are unchanged), with the decision, its
//! comments and the answers decided on kept, and an audit line.

use std::collections::BTreeMap;

use rukun_core::review::{ReviewRequest, ReviewState};

use super::{AuditRow, IndexChange, ReviewRow, Writes};
use crate::store::{Store, StoreError};

/// Applies a coordinator's decision in one transaction: the new state,
/// `None` for an unknown record, `Conflict` (with the reason) for a move
/// the review rules do not allow.
pub async fn review(
    store: &dyn Store,
    record_id: &str,
    request: &ReviewRequest,
    author: &str,
    now_ms: i64,
) -> Result<Option<ReviewState>, StoreError> {
    let mut tx = store.begin_records().await?;
    let Some(mut record) = tx.records(&[record_id.to_owned()]).await?.pop() else {
        return Ok(None);
    };
    let current = ReviewState::parse(&record.review_state)
        .ok_or_else(|| StoreError::Corrupt(format!("review state of {record_id}")))?;
    let next = current
        .after(request.action, record.deleted)
        .map_err(|why| StoreError::Conflict(format!("{} / {}", why.id, why.en)))?;
    let action = serde_json::to_value(request.action)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let review = ReviewRow {
        record_id: record.id.clone(),
        action: action.clone(),
        state_after: next.as_str().to_owned(),
        comment: request.comment.clone(),
        field_comments: to_json(&request.field_comments)?,
        author: author.to_owned(),
        at_ms: now_ms,
        answers: to_json(&record.answers())?,
    };
    let index = IndexChange::Reviewed {
        review_state: next.as_str().to_owned(),
        updated_ms: now_ms,
    };
    let audit = AuditRow {
        at_ms: now_ms,
        actor: author.to_owned(),
        action: format!("review:{action}"),
        record_id: Some(record.id.clone()),
        detail: next.as_str().to_owned(),
        kelurahan: None,
    };
    // A new version, so that a device holding the record takes the
    // decision in; the answers and their stamps are unchanged.
    let change_seq = tx.change_seq().await? + 1;
    record.review_state = next.as_str().to_owned();
    record.version += 1;
    record.change_seq = change_seq;
    record.updated_ms = now_ms;
    let writes = Writes {
        reviews: vec![review],
        index: BTreeMap::from([(record.id.clone(), index)]),
        audit: vec![audit],
        change_seq: Some(change_seq),
        records: BTreeMap::from([(record.id.clone(), record)]),
        ..Writes::default()
    };
    tx.write(writes).await?;
    tx.commit().await?;
    Ok(Some(next))
}

fn to_json(value: &impl serde::Serialize) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}
