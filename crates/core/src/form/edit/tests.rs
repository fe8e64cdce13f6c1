use std::collections::BTreeMap;

use super::*;
use crate::form::{publish_problems, Listing};
use crate::forms::{household, infrastructure};

fn text(id: &str) -> Text {
    Text::new(id, &format!("{id} (en)"))
}

fn question(id: &str, kind: FieldKind) -> Field {
    Field {
        label: text(id),
        ..Field::new(id, kind)
    }
}

fn vehicles() -> (Field, CodeList) {
    let list = CodeList {
        id: "vehicles".into(),
        items: [
            ("0", "Tidak ada"),
            ("1", "1 kendaraan"),
            ("2", "2 atau lebih"),
        ]
        .iter()
        .map(|(code, label)| Code {
            code: (*code).into(),
            label: text(label),
        })
        .collect(),
    };
    let mut field = question("vehicles", starting_kind("single", "vehicles").unwrap());
    field.label = Text::new("Jumlah kendaraan bermotor", "Number of motor vehicles");
    field.required = true;
    (field, list)
}

fn section_index(form: &FormDef, id: &str) -> usize {
    form.sections.iter().position(|s| s.id == id).unwrap()
}

fn order<'a>(form: &'a FormDef, section: &str) -> Vec<&'a str> {
    form.sections[section_index(form, section)]
        .fields
        .iter()
        .map(|f| f.id.as_str())
        .collect()
}

#[test]
fn a_city_adds_a_question_with_its_code_list_and_may_publish_it() {
    let old = household();
    let mut new = old.next_draft();
    assert_eq!(new.version, 2);
    let (mut field, list) = vehicles();
    field.relevant = show_if("consent", &["yes".into()]);
    new.put_list(list);
    let assistance = section_index(&new, "assistance");
    new.add_field(Place::Section(assistance), field).unwrap();
    assert_eq!(new.list_users("vehicles"), ["vehicles"]);
    assert_eq!(publish_problems(&new, Some(&old), &BTreeMap::new()), vec![]);
    // The same id again is refused; nothing changes.
    let (again, _) = vehicles();
    assert_eq!(
        new.add_field(Place::Section(0), again),
        Err(Refusal::IdTaken("vehicles".into()))
    );
    assert_eq!(new.all_fields().len(), old.all_fields().len() + 1);
}

#[test]
fn core_fields_may_be_relabelled_but_not_removed_or_retyped() {
    let mut form = household().next_draft();
    assert_eq!(form.removal_refusal("visit_result"), Some(Refusal::Core));
    assert_eq!(form.remove_field("members/nik"), Err(Refusal::Core));
    let mut gps = form.field("gps").unwrap().clone();
    gps.kind = FieldKind::Text {
        max_len: 50,
        multiline: false,
    };
    assert_eq!(form.replace_field("gps", gps), Err(Refusal::Core));
    let mut unmarked = form.field("gps").unwrap().clone();
    unmarked.core = false;
    assert_eq!(form.replace_field("gps", unmarked), Err(Refusal::Core));

    let mut nik = form.field_by_path("members/nik").unwrap().clone();
    nik.label = Text::new("Nomor Induk Kependudukan", "National identity number");
    form.replace_field("members/nik", nik).unwrap();
    assert_eq!(
        form.field_by_path("members/nik").unwrap().label.en,
        "National identity number"
    );
    assert!(form.problems().is_empty());
    assert_eq!(
        form.section_removal_refusal(section_index(&form, "visit")),
        Some(Refusal::Core)
    );
}

#[test]
fn a_field_others_name_stays_until_they_no_longer_do() {
    let mut form = household().next_draft();
    assert_eq!(
        form.remove_field("building_status"),
        Err(Refusal::UsedBy(vec!["land_proof".into()]))
    );
    // Renaming it would break the rule just the same.
    let mut renamed = form.field("building_status").unwrap().clone();
    renamed.id = "status".into();
    assert_eq!(
        form.replace_field("building_status", renamed),
        Err(Refusal::UsedBy(vec!["land_proof".into()]))
    );
    form.remove_field("land_proof").unwrap();
    form.remove_field("building_status").unwrap();
    assert!(form.field("building_status").is_none());
    // Row fields: the group's title and the NIK's siblings are users.
    assert_eq!(form.users("members/name"), ["members"]);
    assert_eq!(
        form.users("members/birth_date"),
        ["members/nik", "members/pregnant"]
    );
    // Section rules and the listing name top-level fields.
    let users = form.users("consent");
    assert!(users.contains(&"section family".to_owned()), "{users:?}");
    assert!(form.users("head_name").contains(&"listing".to_owned()));
}

#[test]
fn a_new_field_may_be_renamed_but_not_onto_another() {
    let mut form = infrastructure().next_draft();
    form.add_field(
        Place::Section(1),
        question("remark", starting_kind("text", "").unwrap()),
    )
    .unwrap();
    let mut renamed = form.field("remark").unwrap().clone();
    renamed.id = "note".into();
    assert_eq!(
        form.replace_field("remark", renamed.clone()),
        Err(Refusal::IdTaken("note".into()))
    );
    renamed.id = "remarks".into();
    form.replace_field("remark", renamed).unwrap();
    assert!(form.field("remarks").is_some() && form.field("remark").is_none());
    assert_eq!(
        form.replace_field("nothing", question("x", FieldKind::Gps)),
        Err(Refusal::Missing)
    );
}

#[test]
fn fields_move_within_and_across_sections_and_groups() {
    let mut form = household().next_draft();
    assert!(form.move_field("house_number", true));
    assert_eq!(
        &order(&form, "visit")[1..4],
        ["visit_date", "house_number", "address"]
    );
    // The first field of a section moves to the end of the one before.
    assert!(form.move_field("no_kk", true));
    assert_eq!(order(&form, "visit").last(), Some(&"no_kk"));
    assert!(form.move_field("no_kk", false));
    assert_eq!(order(&form, "family")[0], "no_kk");
    // Nothing is above the first field of the first section.
    assert!(!form.move_field("visit_result", true));
    let last = form
        .sections
        .last()
        .unwrap()
        .fields
        .last()
        .unwrap()
        .id
        .clone();
    assert!(!form.move_field(&last, false));
    // A row field stays in its group.
    assert!(form.move_field("members/name", true));
    let FieldKind::Group { fields, .. } = &form.field("members").unwrap().kind else {
        panic!("members is a group");
    };
    assert_eq!(fields[0].id, "name");
    assert!(!form.move_field("members/name", true));
    assert!(form.move_section(0, false));
    assert_eq!(form.sections[1].id, "visit");
    assert!(!form.move_section(0, true));
}

#[test]
fn sections_come_and_go_with_their_fields() {
    let mut form = household().next_draft();
    let section = Section {
        id: "vehicles".into(),
        title: text("Kendaraan"),
        relevant: None,
        fields: vec![],
    };
    form.add_section(section.clone()).unwrap();
    assert_eq!(
        form.add_section(section),
        Err(Refusal::IdTaken("vehicles".into()))
    );
    // Empty, it is a problem to fix (or remove), not a refusal.
    assert_eq!(form.problems().len(), 1);
    let (field, list) = vehicles();
    form.put_list(list);
    let last = form.sections.len() - 1;
    form.add_field(Place::Section(last), field).unwrap();
    assert!(form.problems().is_empty());
    // A section whose rule names a field of another section goes freely;
    // one whose fields are named from outside does not.
    let housing = section_index(&form, "housing");
    form.remove_section(housing).unwrap();
    let assistance = section_index(&form, "assistance");
    form.sections[last - 1].fields[0].relevant = show_if("prog_pkh", &["yes".into()]);
    assert_eq!(
        form.remove_section(assistance),
        Err(Refusal::UsedBy(vec!["vehicles".into()]))
    );
    assert_eq!(form.remove_section(99), Err(Refusal::Missing));
}

#[test]
fn rules_come_from_what_the_builders_pick() {
    assert_eq!(show_if("category", &[]), None);
    assert_eq!(show_if("", &["1".into()]), None);
    let one = show_if("category", &["1".into()]).unwrap();
    assert_eq!(
        simple_show_if(&one),
        Some(("category".into(), vec!["1".into()]))
    );
    let many = show_if("category", &["1".into(), "3".into()]).unwrap();
    assert_eq!(notation(&many), "category ∈ {1, 3}");
    assert_eq!(simple_show_if(&Condition::Not(Box::new(one.clone()))), None);
    let form = household();
    let family = form.sections.iter().find(|s| s.id == "family").unwrap();
    assert_eq!(
        notation(family.relevant.as_ref().unwrap()),
        "visit_result ∈ {1, 2} ∧ consent = yes"
    );

    let range = number_range("vehicles", 0.0, 20.0, text("Paling banyak 20"));
    assert_eq!(range_of(&range, "vehicles"), Some((0.0, 20.0)));
    assert_eq!(range_of(&range, "other"), None);
}

#[test]
fn show_if_offers_the_choices_the_rule_can_see() {
    let form = household();
    let ids = |path: Option<&str>| -> Vec<String> {
        form.condition_sources(path)
            .iter()
            .map(|f| f.id.clone())
            .collect()
    };
    let visit = ids(Some("visit_note"));
    assert!(visit.contains(&"visit_result".to_owned()) && visit.contains(&"consent".to_owned()));
    assert!(!visit.contains(&"address".to_owned()));
    assert!(!ids(Some("consent")).contains(&"consent".to_owned()));
    // A member's field sees the row's own fields first, then the top level.
    let pregnant = ids(Some("members/pregnant"));
    assert_eq!(pregnant[0], "sex");
    assert!(
        pregnant.contains(&"visit_result".to_owned()) && !pregnant.contains(&"pregnant".to_owned())
    );
    assert!(ids(None).contains(&"consent".to_owned()));
    let consent = form.field("consent").unwrap();
    assert_eq!(form.comparable_codes(consent).len(), 2);
    let result = form.field("visit_result").unwrap();
    assert_eq!(
        form.comparable_codes(result),
        form.list("visit_result").unwrap().items
    );
}

#[test]
fn what_the_designer_lets_through_the_checks_still_list() {
    let mut form = infrastructure().next_draft();
    let mut field = question("vehicles", starting_kind("single", "vehicles").unwrap());
    field.label.id = String::new();
    form.add_field(Place::Section(0), field).unwrap();
    let at: Vec<String> = form.problems().into_iter().map(|p| p.at).collect();
    assert_eq!(
        at,
        ["field vehicles", "field vehicles"],
        "empty label, missing list"
    );
    assert_eq!(starting_kind("barcode", ""), None);
    for name in crate::form::FIELD_TYPES {
        assert_eq!(kind_name(&starting_kind(name, "l").unwrap()), name);
    }
    let _ = Listing {
        title: vec![],
        detail: vec![],
        search: vec![],
    };
}

#[test]
fn a_question_is_saved_with_its_list() {
    let mut form = household().next_draft();
    let assistance = Place::Section(section_index(&form, "assistance"));
    let (mut field, mut list) = vehicles();
    field.hint = Some(Text::new(" ", ""));
    list.id = String::new();
    let new = |list: &CodeList| ListEdit {
        list: list.clone(),
        new: true,
    };
    form.save_question(None, assistance, field.clone(), new(&list))
        .unwrap();
    // Unnamed, the new list took the question's id; the empty hint went.
    let saved = form.field("vehicles").unwrap();
    assert_eq!(
        saved.kind,
        FieldKind::Single {
            list: "vehicles".into()
        }
    );
    assert_eq!(saved.hint, None);
    assert_eq!(form.list("vehicles").unwrap().items.len(), 3);
    // A new list may not take an existing list's id.
    let mut other = field.clone();
    other.id = "cars".into();
    list.id = "religion".into();
    assert_eq!(
        form.save_question(None, assistance, other, new(&list)),
        Err(Refusal::IdTaken("religion".into()))
    );
    assert_eq!(form.list("religion"), household().list("religion"));
    // An existing list, changed, goes in with the question that uses it.
    let mut changed = form.list("vehicles").unwrap().clone();
    changed.items.pop();
    let edit = ListEdit {
        list: changed,
        new: false,
    };
    form.save_question(Some("vehicles"), assistance, field, edit)
        .unwrap();
    assert_eq!(form.list("vehicles").unwrap().items.len(), 2);
    assert!(publish_problems(&form, Some(&household()), &BTreeMap::new()).is_empty());
}
