//! Erasure of a household on a resident's request (UU 27/2022): the
//! request closes as done and, if the household is still there, it is
//! deleted at a new version and change sequence (devices drop it at their
//! next pull) keeping no answers, out of the index, with everything a
//! deletion purges and what only an erasure forgets (the audit log's
//! details about it, kiosk and request texts), and an audit line.

use std::collections::BTreeMap;

use rukun_core::consent::RequestState;
use rukun_core::AreaSelection;

use super::{AuditRow, IndexChange, Writes};
use crate::store::{Store, StoreError};

/// Erases household `record_id` and closes request `request_id` in one
/// transaction; `false` when the request was not open (nothing erased).
/// An already deleted household only closes the request.
pub async fn erase(
    store: &dyn Store,
    request_id: i64,
    record_id: &str,
    actor: &str,
    now_ms: i64,
) -> Result<bool, StoreError> {
    let mut tx = store.begin_records().await?;
    if !tx
        .close_request(request_id, RequestState::Done, actor, "", now_ms)
        .await?
    {
        return Ok(false);
    }
    // Read without its answers: a household whose stored answers are
    // damaged is erased all the same.
    let live = tx
        .record_unopened(record_id)
        .await?
        .filter(|record| !record.deleted);
    // A live record is indexed under its area's kelurahan (an area that
    // does not parse was never indexed, and is left as it is).
    let place = live.and_then(|record| Some((AreaSelection::from_key(&record.area)?, record)));
    if let Some((area, mut record)) = place {
        let change_seq = tx.change_seq().await? + 1;
        record.deleted = true;
        record.version += 1;
        record.change_seq = change_seq;
        record.updated_ms = now_ms;
        // No answers, and no stamps: nothing of it is left to conflict with
        // (`fields` was read empty).
        let writes = Writes {
            index: BTreeMap::from([(record.id.clone(), IndexChange::Remove)]),
            audit: vec![AuditRow {
                at_ms: now_ms,
                actor: actor.to_owned(),
                action: "erasure".into(),
                record_id: None,
                detail: format!("request #{request_id}, record {record_id}"),
                kelurahan: Some(area.kelurahan.to_string()),
            }],
            change_seq: Some(change_seq),
            records: BTreeMap::from([(record.id.clone(), record)]),
            ..Writes::default()
        };
        tx.forget_erased(record_id).await?;
        tx.purge_deleted(record_id).await?;
        tx.write(writes).await?;
    }
    tx.commit().await?;
    Ok(true)
}
