use rukun_core::fixtures::household_answers;
use rukun_core::form::{Answers, Value};
use rukun_core::forms::household;
use rukun_core::{AreaSelection, RegionCode};
use time::macros::date;

use super::*;

fn area() -> AreaSelection {
    AreaSelection {
        kelurahan: RegionCode::parse("35.76.02.1010").unwrap(),
        rw: 1,
        rt: 3,
    }
}

fn new_household() -> StoredRecord {
    start("r1".into(), &household(), &area(), 1000.0, "2026-11-28")
}

#[test]
fn a_new_record_is_a_draft_dated_today_in_its_rt() {
    let record = new_household();
    assert_eq!(record.status, RecordStatus::Draft);
    assert_eq!(record.area, "35.76.02.1010/01/03");
    assert_eq!(AreaSelection::from_key(&record.area), Some(area()));
    let answers = working_answers(&record);
    assert_eq!(
        answers.get("visit_date"),
        Some(&Value::Date("2026-11-28".into()))
    );
    assert_eq!(answers.len(), 1);
}

#[test]
fn ids_are_uuid_v7() {
    let id = record_id(1_764_300_000_000.0, [7; 10]);
    assert_eq!(id.len(), 36);
    assert_eq!(&id[14..15], "7");
    assert!(id < record_id(1_764_300_000_001.0, [0; 10]));
}

#[test]
fn completing_queues_every_answer_then_only_what_changed() {
    let form = household();
    let answers = household_answers(1, 3);
    let record = with_draft(new_household(), answers.clone(), 2000.0);
    let (record, first) = complete(record, &form, &answers, &[], 3000.0, date!(2026 - 11 - 28));
    assert_eq!(record.status, RecordStatus::Ready);
    assert!(record.content.draft.is_none());
    assert_eq!(first.changes.len(), answers.len());
    assert!(first.changes.contains_key("members/m0/nik"));
    assert!(first.changes.contains_key("members/m0/sex"));

    let mut edited = working_answers(&record);
    edited.insert("floor_area".into(), Value::Number(60.0));
    edited.insert("members/m1/name".into(), Value::Text("Siti Rahma".into()));
    let record = with_draft(record, edited.clone(), 4000.0);
    assert!(summarize(&record, &form, &edited).editing);
    let (_, second) = complete(record, &form, &edited, &[], 5000.0, date!(2026 - 11 - 28));
    assert_eq!(
        second.changes.keys().collect::<Vec<_>>(),
        ["floor_area", "members/m1/name"]
    );
}

#[test]
fn completion_drops_answers_of_skipped_questions() {
    let form = household();
    let mut answers: Answers = household_answers(2, 2);
    answers.insert("lighting".into(), Value::Choice("4".into()));
    let (record, entry) = complete(
        new_household(),
        &form,
        &answers,
        &[],
        1.0,
        date!(2026 - 11 - 28),
    );
    assert!(!working_answers(&record).contains_key("power"));
    assert!(!entry.changes.contains_key("power"));
}

#[test]
fn summaries_show_the_head_and_search_the_family_card() {
    let form = household();
    let answers = household_answers(3, 2);
    let summary = summarize(&new_household(), &form, &answers);
    assert_eq!(summary.text.title.id, "Kepala Keluarga 3");
    assert!(summary.text.detail.id.starts_with("Jl. Empunala"));
    assert!(summary.text.search.contains("3576021203150004"));
    assert_eq!(summary.text.niks.len(), 2);
}

#[test]
fn the_consent_answer_notes_the_notice_read_and_its_time() {
    let mut answers = household_answers(1, 2);
    answers.insert("consent".into(), Value::Bool(true));
    note_consent(&mut answers, 3, 1_764_300_000_123.7);
    assert_eq!(answers["_notice_version"], Value::Number(3.0));
    assert_eq!(
        answers["_consent_at_ms"],
        Value::Number(1_764_300_000_123.0)
    );
    answers.remove("consent");
    note_consent(&mut answers, 3, 1_764_300_000_500.0);
    assert!(!answers.contains_key("_notice_version") && !answers.contains_key("_consent_at_ms"));
}

#[test]
fn a_consenting_household_gets_a_receipt_once_and_a_refusal_none() {
    let form = household();
    let today = date!(2026 - 11 - 28);
    let mut answers = household_answers(1, 2);
    answers.insert("consent".into(), Value::Bool(true));
    let (given, shown) = with_receipt(&form, answers.clone(), [1; 10], today);
    let code = rukun_core::consent::receipt_of(&given).unwrap().to_owned();
    assert!(rukun_core::kiosk::is_receipt(&code), "{code}");
    assert_eq!(shown.as_deref(), Some(code.as_str()));
    // Completed again after a return: the receipt the family holds stays.
    let (again, shown) = with_receipt(&form, given.clone(), [9; 10], today);
    assert_eq!(rukun_core::consent::receipt_of(&again), Some(code.as_str()));
    assert_eq!(shown.as_deref(), Some(code.as_str()));
    let record = with_draft(new_household(), again.clone(), 2000.0);
    let (completed, entry) = complete(record, &form, &again, &[], 3000.0, today);
    assert_eq!(
        completed.content.completed.unwrap()["_receipt"],
        Value::Text(code.clone())
    );
    assert_eq!(entry.changes["_receipt"], Some(Value::Text(code.clone())));
    // A refusal gets no receipt and keeps no name.
    answers.insert("consent".into(), Value::Bool(false));
    let (refused, shown) = with_receipt(&form, answers.clone(), [1; 10], today);
    assert_eq!(rukun_core::consent::receipt_of(&refused), None);
    assert_eq!(shown, None);
    // A refusal at a later visit: the old receipt is not shown (nor kept).
    let mut later = refused.clone();
    later.insert("_receipt".into(), Value::Text(code.clone()));
    let (_, shown) = with_receipt(&form, later, [1; 10], today);
    assert_eq!(shown, None);
    let record = with_draft(new_household(), refused.clone(), 2000.0);
    let (completed, _) = complete(record, &form, &refused, &[], 3000.0, today);
    let kept = completed.content.completed.unwrap();
    assert!(!kept.contains_key("respondent") && !kept.contains_key("no_kk"));
}
