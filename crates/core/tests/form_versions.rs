//! Definition documents: what an administrator may publish after a version,
//! and what a phone does with a constraint.

use std::collections::{BTreeMap, BTreeSet};

use rukun_core::fixtures::household_answers;
use rukun_core::form::*;
use rukun_core::forms::{household, BUILT_IN};
use serde_json::json;
use time::macros::date;

fn vehicles_question() -> Field {
    serde_json::from_value(json!({
        "id": "vehicles",
        "label": {"id": "Jumlah kendaraan bermotor", "en": "Number of motor vehicles"},
        "kind": {"type": "single", "list": "vehicle_count"},
        "required": true,
        "personal": false
    }))
    .unwrap()
}

fn vehicle_list() -> CodeList {
    serde_json::from_value(json!({"id": "vehicle_count", "items": [
        {"code": "0", "label": {"id": "Tidak ada", "en": "None"}},
        {"code": "1", "label": {"id": "Satu", "en": "One"}},
        {"code": "2", "label": {"id": "Dua atau lebih", "en": "Two or more"}}
    ]}))
    .unwrap()
}

fn next_household() -> FormDef {
    let mut next = household();
    next.version = 2;
    next.sections[3].fields.push(vehicles_question());
    next.lists.push(vehicle_list());
    next
}

fn ats(problems: &[DefinitionProblem]) -> Vec<String> {
    problems
        .iter()
        .map(|p| format!("{}: {}", p.at, p.message.en))
        .collect()
}

#[test]
fn the_built_in_documents_are_the_first_versions_and_read_back_the_same() {
    for json in BUILT_IN {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        let form = parse_definition(&value).unwrap();
        assert_eq!(form.version, 1);
        assert_eq!(serde_json::to_value(&form).unwrap(), value);
        assert_eq!(publish_problems(&form, None, &BTreeMap::new()), vec![]);
    }
}

#[test]
fn a_new_question_with_its_code_list_can_follow_version_one() {
    let problems = publish_problems(&next_household(), Some(&household()), &BTreeMap::new());
    assert_eq!(ats(&problems), Vec::<String>::new());
}

#[test]
fn every_problem_of_a_broken_document_is_listed() {
    let mut value = serde_json::to_value(next_household()).unwrap();
    value["sections"][0]["fields"][1]["kind"]["type"] = json!("slider");
    value["sections"][3]["fields"][0]["kind"]["type"] = json!("signature");
    let problems = parse_definition(&value).unwrap_err();
    assert_eq!(
        ats(&problems),
        [
            "field visit_date: Unknown field type: slider.",
            "field prog_sembako: Unknown field type: signature.",
        ]
    );

    let mut broken = next_household();
    broken.version = 5;
    broken.sections[1].fields.push(vehicles_question()); // a duplicate id
    broken.sections[0].fields[2].relevant = Some(Condition::Is {
        field: "no_such".into(),
        value: "1".into(),
    });
    broken.sections[0].fields.retain(|f| f.id != "gps"); // a core field
    broken.sections[0].fields[0].kind = FieldKind::Text {
        max_len: 10,
        multiline: false,
    }; // visit_result retyped
    let list = broken.lists.iter_mut().find(|l| l.id == "floor").unwrap();
    list.items.retain(|c| c.code != "3");
    let in_use = BTreeMap::from([("floor".to_string(), BTreeSet::from(["3".to_string()]))]);
    let problems = ats(&publish_problems(&broken, Some(&household()), &in_use));
    for expected in [
        "field vehicles: This id is used twice.",
        "field address: Names a field that does not exist: no_such.",
        "version: The version must be 2 (the next one).",
        "field gps: A core field cannot be removed; only its label may change.",
        "field visit_result: A core field's type cannot change.",
        "list floor: Code 3 is used by stored answers of floor; it cannot be removed.",
    ] {
        assert!(
            problems.iter().any(|p| p == expected),
            "{expected} in {problems:#?}"
        );
    }
}

#[test]
fn a_core_field_may_be_relabelled() {
    let mut next = next_household();
    let field = next.sections[0]
        .fields
        .iter_mut()
        .find(|f| f.id == "gps")
        .unwrap();
    field.label = Text::new("Titik lokasi rumah", "Location of the house");
    assert_eq!(
        publish_problems(&next, Some(&household()), &BTreeMap::new()),
        vec![]
    );
}

#[test]
fn a_constraint_is_an_error_with_its_own_message() {
    let mut form = household();
    let field = form.sections[2]
        .fields
        .iter_mut()
        .find(|f| f.id == "floor_area")
        .unwrap();
    field.constraint = Some(Constraint {
        rule: Condition::Between {
            field: "floor_area".into(),
            min: 9.0,
            max: 500.0,
        },
        message: Text::new("Luas lantai tidak wajar.", "The floor area is implausible."),
    });
    assert_eq!(form.problems(), vec![]);
    let mut answers = household_answers(1, 2);
    answers.insert("floor_area".into(), Value::Number(4.0));
    let ctx = Context {
        today: date!(2026 - 11 - 28),
        other_niks: &BTreeSet::new(),
    };
    let issues = validate(&form, &answers, &ctx);
    let found: Vec<_> = issues
        .iter()
        .filter(|i| i.path == "floor_area")
        .map(|i| (i.severity, i.problem.message(Lang::Id)))
        .collect();
    assert_eq!(
        found,
        [(Severity::Error, "Luas lantai tidak wajar.".to_string())]
    );
    answers.insert("floor_area".into(), Value::Number(36.0));
    assert!(validate(&form, &answers, &ctx).is_empty());
}
