//! What the server's records must be, given how its pushes were answered:
//! what the mutations that were not rejected say each record now is
//! (`expected`, checked by `check_applied`), what every stored record must
//! be whatever was pushed (`check_stored`), and that the volunteer pulls
//! what the administrator does, as far as its RTs go.

use std::collections::{BTreeMap, BTreeSet};

use proptest::test_runner::TestCaseError;
use rukun_core::form::{has_errors, validate, Context, FormDef, Value};
use rukun_core::forms::catalog;
use rukun_core::sync::{
    record_size_problem, shape_problem, Mutation, Op, Outcome, RecordState, MAX_CODE_CHARS,
};
use rukun_core::AreaSelection;

use crate::{fail, setting_all, VOLUNTEER_AREAS};

/// What the non-rejected mutations of one push say about a record.
#[derive(Debug, Default)]
pub(super) struct Expected {
    /// `Some(false)`: a delete of a record that did not exist.
    exists: Option<bool>,
    deleted: bool,
    version: u64,
    /// Paths whose value the push decided (`None`: removed).
    values: BTreeMap<String, Option<Value>>,
    /// The seqs that decided it, for messages.
    seqs: Vec<u64>,
}

/// What the non-rejected mutations of one push (`mutations`, answered
/// `outcomes` in order) say about each record they name.
pub(super) fn expected(mutations: &[Mutation], outcomes: &[Outcome]) -> BTreeMap<String, Expected> {
    let mut expected: BTreeMap<String, Expected> = BTreeMap::new();
    for (m, outcome) in mutations.iter().zip(outcomes) {
        if matches!(outcome, Outcome::Rejected { .. }) {
            continue;
        }
        let e = expected.entry(m.record_id.clone()).or_default();
        e.seqs.push(m.seq);
        match (m.op, outcome) {
            (Op::Delete, Outcome::Applied { version: 0 }) => {
                *e = Expected {
                    exists: Some(false),
                    seqs: std::mem::take(&mut e.seqs),
                    ..Expected::default()
                };
            }
            (Op::Delete, Outcome::Applied { version }) => {
                e.exists = Some(true);
                e.deleted = true;
                e.version = *version;
                e.values.clear();
            }
            (Op::Delete, Outcome::Conflict { version, .. }) => {
                e.exists = Some(true);
                e.version = *version;
            }
            (Op::Upsert, Outcome::Applied { version }) => {
                e.exists = Some(true);
                e.version = *version;
                e.values
                    .extend(m.changes.iter().map(|(p, v)| (p.clone(), v.clone())));
            }
            (Op::Upsert, Outcome::Conflict { version, fields }) => {
                e.exists = Some(true);
                e.version = *version;
                for (path, value) in &m.changes {
                    if fields.contains(path) {
                        // The server's value stays: not ours to know.
                        e.values.remove(path);
                    } else {
                        e.values.insert(path.clone(), value.clone());
                    }
                }
            }
            (_, Outcome::Rejected { .. }) => unreachable!(),
        }
    }
    expected
}

/// What applied is what is stored: each record of `expected` against the
/// records the administrator pulled (`known`).
pub(super) fn check_applied(
    expected: &BTreeMap<String, Expected>,
    known: &BTreeMap<String, RecordState>,
) -> Result<(), TestCaseError> {
    for (id, e) in expected {
        let stored = known.get(id);
        match (e.exists, stored) {
            (Some(false), None) | (None, _) => continue,
            (Some(false), Some(record)) => {
                return Err(fail(format!(
                    "delete of missing {id:?} (seqs {:?}) answered version 0, yet it is stored: {record:?}",
                    e.seqs
                )))
            }
            (Some(true), None) => {
                return Err(fail(format!(
                    "{id:?} was applied (seqs {:?}) but is not stored",
                    e.seqs
                )))
            }
            (Some(true), Some(record)) => {
                if record.version != e.version || record.deleted != e.deleted {
                    return Err(fail(format!(
                        "{id:?} (seqs {:?}): answered version {} deleted {}, stored version {} deleted {}",
                        e.seqs, e.version, e.deleted, record.version, record.deleted
                    )));
                }
                // A refusal keeps only the visit and the consent: whatever
                // else applied is removed (issue 16).
                let keeps = rukun_core::consent::is_refusal(&record.answers)
                    .then(|| catalog().form(&record.form_id, record.form_version).cloned())
                    .flatten()
                    .map(|form| rukun_core::consent::refusal_keeps(&form));
                if let Some(keep) = &keeps {
                    if let Some(extra) = record.answers.keys().find(|p| !keep.contains(*p)) {
                        return Err(fail(format!(
                            "{id:?} (seqs {:?}) is a refusal yet stores {extra:?}",
                            e.seqs
                        )));
                    }
                }
                for (path, value) in &e.values {
                    let value = match &keeps {
                        Some(keep) if !keep.contains(path) => &None,
                        _ => value,
                    };
                    let stored = record.answers.get(path);
                    let same = match (value, stored) {
                        (None, None) => true,
                        (Some(a), Some(b)) => same_value(a, b),
                        _ => false,
                    };
                    if !same {
                        return Err(fail(format!(
                            "{id:?} (seqs {:?}): {path:?} was applied as {value:?} but is stored as {stored:?}",
                            e.seqs
                        )));
                    }
                }
            }
        }
    }
    Ok(())
}

/// The volunteer's own pull from the start (`pulled`): the same records as
/// the administrator's (`known`), as far as its RTs go, and the same checks.
pub(super) fn check_volunteer_pull(
    pulled: &[RecordState],
    known: &BTreeMap<String, RecordState>,
    accepted: &BTreeSet<String>,
) -> Result<(), TestCaseError> {
    let mut seen = BTreeSet::new();
    for record in pulled {
        check_stored(record, accepted)?;
        if known.get(&record.record_id) != Some(record) {
            return Err(fail(format!(
                "the volunteer pulls {:?} unlike the administrator: {record:?} vs {:?}",
                record.record_id,
                known.get(&record.record_id)
            )));
        }
        seen.insert(record.record_id.as_str());
    }
    let missing: Vec<&str> = known
        .values()
        .filter(|r| VOLUNTEER_AREAS.contains(&r.area.as_str()))
        .map(|r| r.record_id.as_str())
        .filter(|id| !seen.contains(id))
        .collect();
    if !missing.is_empty() {
        return Err(fail(format!(
            "records of the volunteer's RTs missing from its pull: {missing:?}"
        )));
    }
    Ok(())
}

fn same_number(x: f64, y: f64) -> bool {
    // Exact, but for the last bits of a float that went through JSON twice
    // (serde_json's default float parsing is not always correctly rounded).
    x == y || (x - y).abs() <= x.abs().max(y.abs()) * 1e-15
}

fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => same_number(*x, *y),
        (Value::Gps(p), Value::Gps(q)) => {
            same_number(p.lat, q.lat)
                && same_number(p.lon, q.lon)
                && same_number(p.accuracy, q.accuracy)
        }
        _ => a == b,
    }
}

/// Whether `form` has the answer `path`: a top-level field, or
/// `group/row/field` with a well-formed row id.
fn form_has_path(form: &FormDef, path: &str) -> bool {
    let mut parts = path.split('/');
    let Some(first) = parts.next().and_then(|id| form.field(id)) else {
        return false;
    };
    match (parts.next(), parts.next(), parts.next()) {
        (None, _, _) => true,
        (Some(row), Some(field), None) => {
            !row.is_empty()
                && row.len() <= MAX_CODE_CHARS
                && row
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                && first.row_field(field).is_some()
        }
        _ => false,
    }
}

/// The latest calendar date anywhere on Earth now, as the server's "today".
fn latest_today() -> time::Date {
    (time::OffsetDateTime::now_utc() + time::Duration::hours(14)).date()
}

/// What every stored record must be, whatever was pushed.
pub(super) fn check_stored(
    record: &RecordState,
    accepted: &BTreeSet<String>,
) -> Result<(), TestCaseError> {
    let id = &record.record_id;
    if !accepted.contains(id) {
        return Err(fail(format!(
            "record {id:?} is stored, but every mutation naming it was rejected: {record:?}"
        )));
    }
    // Filed under one of the volunteer's RTs (other spellings of a key are
    // refused: see the test
    // `a_record_in_a_non_canonical_area_key_is_refused_or_filed_canonically`).
    let in_scope = AreaSelection::from_key(&record.area)
        .is_some_and(|a| VOLUNTEER_AREAS.contains(&a.key().as_str()));
    if !in_scope {
        return Err(fail(format!(
            "record {id:?} is stored in {:?}, outside the volunteer's RTs",
            record.area
        )));
    }
    let forms = catalog();
    let Some(form) = forms.form(&record.form_id, record.form_version) else {
        return Err(fail(format!(
            "record {id:?} is stored with unknown form {:?} version {}",
            record.form_id, record.form_version
        )));
    };
    if let Some(path) = record.answers.keys().find(|p| !form_has_path(form, p)) {
        return Err(fail(format!(
            "record {id:?} stores answer {path:?}, which form {} does not have",
            form.id
        )));
    }
    if let Some(problem) = shape_problem(form, &setting_all(record.answers.clone())) {
        return Err(fail(format!(
            "record {id:?} stores an answer of the wrong shape: {}",
            problem.en
        )));
    }
    if let Some(problem) = record_size_problem(&record.answers) {
        return Err(fail(format!(
            "record {id:?} is stored too large: {}",
            problem.en
        )));
    }
    if record.deleted {
        if !record.answers.is_empty() {
            return Err(fail(format!("deleted record {id:?} keeps answers")));
        }
        return Ok(());
    }
    let no_niks = BTreeSet::new();
    let issues = validate(
        form,
        &record.answers,
        &Context {
            today: latest_today(),
            other_niks: &no_niks,
        },
    );
    if has_errors(&issues) {
        return Err(fail(format!(
            "record {id:?} is stored with errors the server should have refused: {issues:?}"
        )));
    }
    Ok(())
}
