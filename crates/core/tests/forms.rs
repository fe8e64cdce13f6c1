//! The built-in form definitions are sound, and their skip logic and
//! validation do what domain.md says.

use std::collections::BTreeSet;

use rukun_core::fixtures::household_answers;
use rukun_core::form::*;
use rukun_core::forms::{catalog, household};
use time::macros::date;

const TODAY: time::Date = date!(2026 - 11 - 28);

fn check(form: &str, answers: &Answers, other_niks: &BTreeSet<String>) -> Vec<Issue> {
    let catalog = catalog();
    let form = catalog.latest(form).unwrap().clone();
    validate(
        &form,
        answers,
        &Context {
            today: TODAY,
            other_niks,
        },
    )
}

fn problems_at<'a>(issues: &'a [Issue], path: &str) -> Vec<&'a Problem> {
    issues
        .iter()
        .filter(|i| i.path == path)
        .map(|i| &i.problem)
        .collect()
}

#[test]
fn built_in_definitions_are_sound() {
    assert_eq!(catalog().check(), Vec::<String>::new());
    let lists = household().lists;
    let occupations = lists.iter().find(|l| l.id == "occupation").unwrap();
    assert_eq!(occupations.items.len(), 89);
    assert_eq!(occupations.get("84").unwrap().label.id, "Pedagang");
    assert_eq!(
        lists
            .iter()
            .find(|l| l.id == "chronic_disease")
            .unwrap()
            .items
            .len(),
        18
    );
}

#[test]
fn a_broken_definition_is_reported() {
    let mut broken = catalog();
    let form = &mut broken.forms[0];
    form.sections[0].fields[2].relevant = Some(Condition::Is {
        field: "no_such".into(),
        value: "1".into(),
    });
    form.sections[0].fields[3].relevant = Some(Condition::Is {
        field: "visit_result".into(),
        value: "9".into(),
    });
    form.sections[0].fields[0].kind = FieldKind::Single {
        list: "missing_list".into(),
    };
    let problems = broken.check().join("\n");
    assert!(
        problems.contains("field address: Names a field that does not exist: no_such"),
        "{problems}"
    );
    assert!(
        problems.contains("field visit_result: Code list missing_list does not exist"),
        "{problems}"
    );
}

#[test]
fn definitions_are_data_that_round_trip_through_json() {
    let catalog = catalog();
    let json = serde_json::to_string(&catalog).unwrap();
    let back: Catalog = serde_json::from_str(&json).unwrap();
    assert_eq!(back, catalog);
}

#[test]
fn a_complete_household_has_no_issues() {
    let issues = check("household", &household_answers(1, 8), &BTreeSet::new());
    assert_eq!(issues, vec![]);
}

#[test]
fn absent_respondents_take_the_short_path() {
    let mut answers = Answers::new();
    for (k, v) in [
        ("visit_result", Value::Choice("3".into())),
        ("visit_date", Value::Date("2026-11-27".into())),
        ("address", Value::Text("Jl. Brawijaya 2".into())),
        ("building_serial", Value::Number(4.0)),
        ("family_serial", Value::Number(1.0)),
        ("gps", Value::Absent),
    ] {
        answers.insert(k.into(), v);
    }
    let issues = check("household", &answers, &BTreeSet::new());
    let errors: Vec<_> = issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .collect();
    // Only the note about the visit is still asked; no KK, members, housing.
    assert_eq!(errors.len(), 1, "{issues:?}");
    assert_eq!(errors[0].path, "visit_note");
    assert_eq!(problems_at(&issues, "gps"), [&Problem::NoGps]);
}

#[test]
fn a_refusal_skips_the_questionnaire_and_completion_drops_skipped_answers() {
    let mut answers = household_answers(2, 3);
    answers.insert("consent".into(), Value::Bool(false));
    let issues = check("household", &answers, &BTreeSet::new());
    assert!(!has_errors(&issues), "{issues:?}");
    let form = catalog().latest("household").unwrap().clone();
    let kept = relevant_answers(&form, &answers, TODAY);
    // A refusal keeps no name (UU 27/2022; issue 16).
    assert!(!kept.contains_key("respondent"));
    assert!(kept.contains_key("visit_result"));
    assert!(!kept.contains_key("no_kk"));
    assert!(!kept.keys().any(|k| k.starts_with("members")));
}

#[test]
fn the_consent_record_stays_only_while_the_consent_question_is_asked() {
    let form = catalog().latest("household").unwrap().clone();
    let mut answers = household_answers(2, 3);
    answers.insert("consent".into(), Value::Bool(true));
    answers.insert("_notice_version".into(), Value::Number(2.0));
    answers.insert("_consent_at_ms".into(), Value::Number(1_700_000_000_000.0));
    answers.insert("_receipt".into(), Value::Text("7K3QX9M2PA".into()));
    let kept = relevant_answers(&form, &answers, TODAY);
    assert_eq!(kept["_notice_version"], Value::Number(2.0));
    assert!(kept.contains_key("_consent_at_ms") && kept.contains_key("_receipt"));
    // Nobody at home after all: no consent was given, none is recorded.
    answers.insert("visit_result".into(), Value::Choice("3".into()));
    let kept = relevant_answers(&form, &answers, TODAY);
    assert!(
        !kept.keys().any(|k| k.starts_with('_') || k == "consent"),
        "{kept:?}"
    );
    // A refusal keeps which notice was read and when, but no receipt.
    answers.insert("visit_result".into(), Value::Choice("1".into()));
    answers.insert("consent".into(), Value::Bool(false));
    let kept = relevant_answers(&form, &answers, TODAY);
    assert!(kept.contains_key("_notice_version") && kept.contains_key("_consent_at_ms"));
    assert!(!kept.contains_key("_receipt"));
}

#[test]
fn follow_up_questions_depend_on_their_answers() {
    let form = catalog().latest("household").unwrap().clone();
    let mut answers = household_answers(3, 2);
    answers.insert("building_status".into(), Value::Choice("2".into()));
    answers.insert("lighting".into(), Value::Choice("4".into()));
    let kept = relevant_answers(&form, &answers, TODAY);
    assert!(!kept.contains_key("land_proof"));
    assert!(!kept.contains_key("power"));
    answers.remove("toilet_type");
    let issues = check("household", &answers, &BTreeSet::new());
    assert_eq!(problems_at(&issues, "toilet_type"), [&Problem::Required]);
    answers.insert("toilet".into(), Value::Choice("6".into()));
    assert!(!has_errors(&check("household", &answers, &BTreeSet::new())));
}

#[test]
fn pregnancy_is_asked_only_of_women_aged_10_to_54() {
    let form = catalog().latest("household").unwrap().clone();
    let group = form.field("members").unwrap();
    let pregnant = group
        .row_field("pregnant")
        .unwrap()
        .relevant
        .clone()
        .unwrap();
    let mut answers = Answers::new();
    let mut asked = |sex: &str, birth: &str| {
        answers.insert("members/a/sex".into(), Value::Choice(sex.into()));
        answers.insert("members/a/birth_date".into(), Value::Date(birth.into()));
        pregnant.holds(&Scope {
            answers: &answers,
            row: Some((group, "a")),
            today: TODAY,
        })
    };
    assert!(asked("2", "1990-01-01"));
    assert!(!asked("1", "1990-01-01"));
    assert!(!asked("2", "2017-01-01")); // 9
    assert!(asked("2", "2016-11-28")); // 10 today
    assert!(asked("2", "1971-11-29")); // 54
    assert!(!asked("2", "1971-11-28")); // 55 today
}

#[test]
fn nik_warnings_never_block_and_nik_errors_do() {
    let mut answers = household_answers(4, 3);
    // Member 1 is a woman: give her a man's NIK (day 15 instead of 55).
    answers.insert(
        "members/m1/nik".into(),
        Value::Text("3576021505670002".into()),
    );
    answers.insert(
        "members/m2/nik".into(),
        Value::Text("3576021505670002".into()),
    );
    let issues = check("household", &answers, &BTreeSet::new());
    assert!(!has_errors(&issues), "{issues:?}");
    assert!(problems_at(&issues, "members/m1/nik").contains(&&Problem::NikSexDiffers));
    assert!(problems_at(&issues, "members/m2/nik").contains(&&Problem::NikRepeatedInHousehold));

    let elsewhere = BTreeSet::from([text_of(&answers, "members/m0/nik")]);
    let issues = check("household", &answers, &elsewhere);
    assert!(problems_at(&issues, "members/m0/nik").contains(&&Problem::NikInOtherHousehold));

    answers.insert(
        "members/m0/nik".into(),
        Value::Text("35760A1505670002".into()),
    );
    let issues = check("household", &answers, &BTreeSet::new());
    assert!(has_errors(&issues));
    let message = problems_at(&issues, "members/m0/nik")[0].message(Lang::Id);
    assert_eq!(message, "Hanya boleh berisi angka.");
}

#[test]
fn a_person_without_a_nik_is_an_explicit_state() {
    let mut answers = household_answers(5, 2);
    answers.insert("members/m1/nik".into(), Value::Absent);
    assert_eq!(check("household", &answers, &BTreeSet::new()), vec![]);
    answers.remove("members/m1/nik");
    let issues = check("household", &answers, &BTreeSet::new());
    assert_eq!(problems_at(&issues, "members/m1/nik"), [&Problem::Required]);
}

#[test]
fn impossible_values_are_errors_at_their_field() {
    let mut answers = household_answers(6, 2);
    answers.insert(
        "members/m0/birth_date".into(),
        Value::Date("2027-01-01".into()),
    );
    answers.insert("floor_area".into(), Value::Number(0.0));
    answers.insert(
        "members/m1/insurance".into(),
        Value::Choices(vec!["1".into(), "5".into()]),
    );
    let issues = check("household", &answers, &BTreeSet::new());
    assert_eq!(
        problems_at(&issues, "members/m0/birth_date"),
        [&Problem::FutureDate]
    );
    assert!(matches!(
        problems_at(&issues, "floor_area")[..],
        [Problem::OutOfRange { .. }]
    ));
    assert_eq!(
        problems_at(&issues, "members/m1/insurance"),
        [&Problem::ExclusiveCombined]
    );

    answers.insert("members".into(), Value::Rows(vec![]));
    let issues = check("household", &answers, &BTreeSet::new());
    assert_eq!(
        problems_at(&issues, "members"),
        [&Problem::TooFewRows { min: 1 }]
    );
    assert_eq!(
        Problem::TooFewRows { min: 1 }.message(Lang::En),
        "Add at least 1 row(s)."
    );
}

#[test]
fn an_infrastructure_report_asks_its_category_and_one_to_three_photos() {
    let mut answers = Answers::new();
    answers.insert("category".into(), Value::Choice("2".into()));
    answers.insert("condition".into(), Value::Choice("3".into()));
    answers.insert(
        "gps".into(),
        Value::Gps(GpsPoint {
            lat: -7.47,
            lon: 112.43,
            accuracy: 15.0,
        }),
    );
    answers.insert("observed_date".into(), Value::Date("2026-11-28".into()));
    answers.insert("photos".into(), Value::Photos(vec![]));
    let issues = check("infrastructure", &answers, &BTreeSet::new());
    assert_eq!(problems_at(&issues, "photos"), [&Problem::Required]);
    assert_eq!(problems_at(&issues, "drain_type"), [&Problem::Required]);
    assert!(problems_at(&issues, "flood_depth").is_empty());
    answers.insert(
        "photos".into(),
        Value::Photos(vec!["a".into(), "b".into(), "c".into(), "d".into()]),
    );
    answers.insert("drain_type".into(), Value::Choice("1".into()));
    answers.insert("drain_blocked".into(), Value::Bool(true));
    let issues = check("infrastructure", &answers, &BTreeSet::new());
    assert_eq!(
        problems_at(&issues, "photos"),
        [&Problem::TooManyPhotos { max: 3 }]
    );
}

#[test]
fn personal_answers_are_stored_apart() {
    let form = catalog().latest("household").unwrap().clone();
    let (open, personal) = split_personal(&form, household_answers(7, 2));
    for path in [
        "no_kk",
        "head_name",
        "members/m0/nik",
        "members/m0/name",
        "members/m1/birth_date",
        "respondent",
    ] {
        assert!(personal.contains_key(path), "{path} should be personal");
        assert!(!open.contains_key(path));
    }
    for path in ["address", "members", "members/m0/sex", "floor_area"] {
        assert!(open.contains_key(path), "{path} should not be personal");
    }
}

#[test]
fn occupations_can_be_searched() {
    let form = household();
    let list = form.list("occupation").unwrap();
    let found: Vec<_> = list
        .search("buruh")
        .iter()
        .map(|c| c.code.clone())
        .collect();
    assert_eq!(found, ["19", "20", "21", "22"]);
    assert_eq!(list.search("WIRA")[0].code, "88");
    assert_eq!(list.search("teacher").len(), 2); // guru, ustadz
}

fn text_of(answers: &Answers, path: &str) -> String {
    match &answers[path] {
        Value::Text(t) => t.clone(),
        other => panic!("{other:?}"),
    }
}
