//! A coordinator's edit: answers changed at the next version as the
//! console's own "device", conflicts it settles closed, the review state
//! left alone (the coordinator decides separately), an audit line with the
//! reason.

use std::collections::BTreeSet;

use rukun_core::console::EditRequest;

use super::{AuditRow, IndexRow, Writes};
use crate::store::{EditOutcome, Store, StoreError, Validator};

/// The client id a coordinator's edits are stored under: never a device's,
/// so a device's later edit of the same answer made before it saw this one
/// conflicts with it instead of silently winning.
pub const CONSOLE_CLIENT: &str = "console";

pub async fn edit(
    store: &dyn Store,
    record_id: &str,
    request: &EditRequest,
    author: &str,
    validate: Validator<'_>,
    now_ms: i64,
) -> Result<EditOutcome, StoreError> {
    let mut tx = store.begin_records().await?;
    let Some(mut record) = tx.records(&[record_id.to_owned()]).await?.pop() else {
        return Ok(EditOutcome::Gone);
    };
    if record.deleted {
        return Ok(EditOutcome::Gone);
    }
    if record.version != request.version {
        return Ok(EditOutcome::Stale {
            version: record.version,
        });
    }
    let open = tx.open_conflicts(record_id).await?;
    if let Some(unknown) = request.resolves.iter().find(|id| !open.contains(id)) {
        return Ok(EditOutcome::UnknownConflict(*unknown));
    }
    let answers = record.answers_with(&request.changes);
    let facts = match validate(&record.form_id, record.form_version, &answers) {
        Ok(facts) => facts,
        Err(reason) => return Ok(EditOutcome::Invalid(reason)),
    };
    let mut writes = Writes::default();
    writes.changing(&record, &request.changes);
    let next = record.version + 1;
    let change_seq = tx.change_seq().await? + 1;
    record.set(&request.changes, next, CONSOLE_CLIENT);
    record.version = next;
    record.change_seq = change_seq;
    record.updated_ms = now_ms;
    writes.change_seq = Some(change_seq);
    writes.resolved = request.resolves.iter().map(|id| (*id, now_ms)).collect();
    writes.index(IndexRow {
        record_id: record.id.clone(),
        form_id: record.form_id.clone(),
        area: record.area.clone(),
        creator: String::new(),
        review_state: record.review_state.clone(),
        updated_ms: now_ms,
        facts,
    });
    let paths: Vec<&str> = request.changes.keys().map(String::as_str).collect();
    let settles = if request.resolves.is_empty() {
        String::new()
    } else {
        format!(" (konflik/conflict {:?})", request.resolves)
    };
    writes.audit.push(AuditRow {
        at_ms: now_ms,
        actor: author.to_owned(),
        action: "coordinator_edit".into(),
        record_id: Some(record.id.clone()),
        detail: format!(
            "version {next}; {}{settles}; {}",
            paths.join(", "),
            request.reason.trim()
        ),
        kelurahan: None,
    });
    let area = BTreeSet::from([record.area.clone()]);
    writes.records.insert(record.id.clone(), record);
    tx.write(writes).await?;
    tx.refresh_far_from_rt(&area).await?;
    tx.commit().await?;
    Ok(EditOutcome::Applied { version: next })
}
