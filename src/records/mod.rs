//! What happens to a survey record on the device, as plain functions over
//! the stored shapes: start, edit (draft), complete, delete, summarize.
//! The pages call these and hand the results to `storage`; nothing here
//! touches the browser, so it is tested natively.

mod summary;

use rukun_core::consent::{
    is_refusal, receipt_of, CONSENT_AT, CONSENT_FIELD, NOTICE_VERSION, RECEIPT,
};
use rukun_core::form::{
    diff, relevant_answers, Answers, FieldKind, FormDef, Issue, Severity, Text, Value,
};
use rukun_core::kiosk::receipt_from;
use rukun_core::review::ReviewState;
use rukun_core::sync::RecordState;
use rukun_core::AreaSelection;

use crate::storage::{MutationOp, OutboxEntry, RecordContent, RecordStatus, StoredRecord, Summary};

pub use summary::summarize;

/// Rows of the record list's first screen, and of each "more": only these
/// summaries are read and opened before the list shows.
pub const LIST_PAGE: usize = 50;

/// A UUIDv7 from the time and 10 random bytes: sortable by creation and
/// made offline without coordination.
pub fn record_id(now_ms: f64, random: [u8; 10]) -> String {
    uuid::Builder::from_unix_timestamp_millis(now_ms as u64, &random)
        .into_uuid()
        .to_string()
}

/// A new draft, with the form's required dates (visit, observation) set to today.
pub fn start(
    id: String,
    form: &FormDef,
    area: &AreaSelection,
    now_ms: f64,
    today: &str,
) -> StoredRecord {
    let mut answers = Answers::new();
    for (group, field) in form.all_fields() {
        if group.is_none() && field.required && matches!(field.kind, FieldKind::Date { .. }) {
            answers.insert(field.id.clone(), Value::Date(today.to_owned()));
        }
    }
    let record = StoredRecord {
        id,
        form_id: form.id.clone(),
        form_version: form.version,
        area: area.key(),
        created_ms: now_ms,
        updated_ms: now_ms,
        status: RecordStatus::Draft,
        server_version: 0,
        content: RecordContent::default(),
    };
    with_draft(record, answers, now_ms)
}

/// The answers the volunteer is working on: unfinished edits if any, else
/// the completed answers.
pub fn working_answers(record: &StoredRecord) -> Answers {
    let content = &record.content;
    content
        .draft
        .as_ref()
        .or(content.completed.as_ref())
        .cloned()
        .unwrap_or_default()
}

/// The record with `answers` saved as its unfinished edits.
pub fn with_draft(mut record: StoredRecord, answers: Answers, now_ms: f64) -> StoredRecord {
    record.content.draft = Some(answers);
    record.updated_ms = now_ms;
    record
}

/// Notes, after the consent answer changed, which privacy notice was read
/// and when; with the consent answer cleared, neither.
pub fn note_consent(answers: &mut Answers, notice_version: u32, now_ms: f64) {
    if answers.contains_key(CONSENT_FIELD) {
        answers.insert(
            NOTICE_VERSION.to_owned(),
            Value::Number(notice_version.into()),
        );
        answers.insert(CONSENT_AT.to_owned(), Value::Number(now_ms.floor()));
    } else {
        answers.remove(NOTICE_VERSION);
        answers.remove(CONSENT_AT);
    }
}

/// The answers with the household's receipt code (UU 27/2022), made from
/// `random` for a household that consents and will keep its answers; one
/// that has a receipt keeps it (a record returned for correction). Also
/// the receipt the completed record will hold (none for a refusal).
pub fn with_receipt(
    form: &FormDef,
    mut answers: Answers,
    random: [u8; 10],
    today: time::Date,
) -> (Answers, Option<String>) {
    let kept = relevant_answers(form, &answers, today);
    let consents = kept.get(CONSENT_FIELD) == Some(&Value::Bool(true)) && !is_refusal(&kept);
    if !consents {
        return (answers, None);
    }
    let code = match receipt_of(&answers) {
        Some(code) => code.to_owned(),
        None => receipt_from(random),
    };
    answers.insert(RECEIPT.to_owned(), Value::Text(code.clone()));
    (answers, Some(code))
}

/// The record completed with `answers` (which must have no errors), and
/// the change to queue: the paths that differ from the last completion.
/// Answers of skipped questions are dropped here, not while typing.
pub fn complete(
    mut record: StoredRecord,
    form: &FormDef,
    answers: &Answers,
    issues: &[Issue],
    now_ms: f64,
    today: time::Date,
) -> (StoredRecord, OutboxEntry) {
    let kept = relevant_answers(form, answers, today);
    let changes = diff(
        record.content.completed.as_ref().unwrap_or(&Answers::new()),
        &kept,
    );
    record.content.completed = Some(kept);
    record.content.draft = None;
    record.status = RecordStatus::Ready;
    record.updated_ms = now_ms;
    record.content.warnings = issues
        .iter()
        .filter(|i| i.severity == Severity::Warning)
        .cloned()
        .collect();
    let entry = OutboxEntry {
        changes,
        ..change_of(&record, MutationOp::Upsert, now_ms)
    };
    (record, entry)
}

/// The outbox entry that deletes a completed record (storage fills in the
/// sequence number and base version).
pub fn deletion(record: &StoredRecord, now_ms: f64) -> OutboxEntry {
    change_of(record, MutationOp::Delete, now_ms)
}

/// An outbox entry for `record` with no field changes yet; storage assigns
/// `seq` and `client_id` when it queues it.
fn change_of(record: &StoredRecord, op: MutationOp, now_ms: f64) -> OutboxEntry {
    OutboxEntry {
        seq: 0,
        client_id: String::new(),
        record_id: record.id.clone(),
        form_id: record.form_id.clone(),
        form_version: record.form_version,
        area: record.area.clone(),
        base_version: record.server_version,
        op,
        changes: Default::default(),
        created_ms: now_ms,
    }
}

/// A record as the server sent it, ready to store (and its summary; none
/// for a deleted one). Storage keeps local drafts and skips records whose
/// changes still wait in the outbox. A record whose form version this app
/// cannot read (`form` is `None`) is stored all the same, under a stand-in
/// summary, and summarised again once it can be.
pub fn from_server(
    state: RecordState,
    form: Option<&FormDef>,
    now_ms: f64,
) -> (StoredRecord, Option<Summary>) {
    let deleted = state.deleted;
    let status = match (deleted, state.review_state) {
        (true, _) => RecordStatus::Deleted,
        (_, ReviewState::Submitted) => RecordStatus::Sent,
        (_, ReviewState::Approved) => RecordStatus::Accepted,
        (_, ReviewState::Returned) => RecordStatus::Returned,
        (_, ReviewState::Rejected) => RecordStatus::Rejected,
    };
    // The coordinator's words, as written, in either language.
    let sync_note = state
        .review
        .as_ref()
        .filter(|r| matches!(r.state, ReviewState::Returned | ReviewState::Rejected))
        .filter(|r| r.state == state.review_state && !r.comment.trim().is_empty())
        .map(|r| Text::new(&r.comment, &r.comment));
    let record = StoredRecord {
        id: state.record_id,
        form_id: state.form_id,
        form_version: state.form_version,
        area: state.area,
        created_ms: now_ms,
        updated_ms: now_ms,
        status,
        server_version: state.version,
        content: RecordContent {
            completed: (!deleted).then(|| state.answers.clone()),
            draft: None,
            warnings: vec![],
            sync_note,
            review: state.review.filter(|r| r.state == state.review_state),
        },
    };
    let summary = (!deleted).then(|| match form {
        Some(form) => summarize(&record, form, &state.answers),
        None => summary::stand_in(&record),
    });
    (record, summary)
}

#[cfg(test)]
mod tests;
