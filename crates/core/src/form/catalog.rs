//! The forms and code lists a deployment uses, and the checks that a
//! definition is sound (every condition names a field that exists, every
//! code list exists, every compared code is in its list).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::answers::Answers;
use super::asked::asked_fields;
use super::condition::Condition;
use super::definition::{Field, FieldKind, FormDef};
use super::CodeList;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub forms: Vec<FormDef>,
    pub lists: Vec<CodeList>,
}

impl Catalog {
    pub fn list(&self, id: &str) -> Option<&CodeList> {
        self.lists.iter().find(|l| l.id == id)
    }

    /// A form by id and version: old drafts name the version they began with.
    pub fn form(&self, id: &str, version: u32) -> Option<&FormDef> {
        self.forms
            .iter()
            .find(|f| f.id == id && f.version == version)
    }

    /// The newest version of a form, for new records.
    pub fn latest(&self, id: &str) -> Option<&FormDef> {
        self.forms
            .iter()
            .filter(|f| f.id == id)
            .max_by_key(|f| f.version)
    }

    /// Every problem in the definitions, described for a developer.
    pub fn check(&self) -> Vec<String> {
        let mut out = Vec::new();
        for form in &self.forms {
            let mut ids = BTreeSet::new();
            for section in &form.sections {
                if let Some(c) = &section.relevant {
                    self.check_condition(
                        form,
                        None,
                        c,
                        &format!("section {}", section.id),
                        &mut out,
                    );
                }
                for field in &section.fields {
                    if !ids.insert(&field.id) {
                        out.push(format!("{}: field {} defined twice", form.id, field.id));
                    }
                    self.check_field(form, None, field, &mut out);
                    if let FieldKind::Group {
                        fields,
                        title_field,
                        ..
                    } = &field.kind
                    {
                        let mut row_ids = BTreeSet::new();
                        for inner in fields {
                            if !row_ids.insert(&inner.id) {
                                out.push(format!(
                                    "{}: row field {} defined twice",
                                    form.id, inner.id
                                ));
                            }
                            self.check_field(form, Some(field), inner, &mut out);
                        }
                        if field.row_field(title_field).is_none() {
                            out.push(format!(
                                "{}: group {} titles rows by missing {title_field}",
                                form.id, field.id
                            ));
                        }
                    }
                }
            }
        }
        out
    }

    fn check_field(
        &self,
        form: &FormDef,
        group: Option<&Field>,
        field: &Field,
        out: &mut Vec<String>,
    ) {
        let at = format!("field {}", field.id);
        if let Some(c) = &field.relevant {
            self.check_condition(form, group, c, &at, out);
        }
        match &field.kind {
            FieldKind::Single { list } | FieldKind::Multi { list, .. }
                if self.list(list).is_none() =>
            {
                out.push(format!("{}: {at} uses missing code list {list}", form.id));
            }
            FieldKind::Nik {
                sex_field,
                birth_date_field,
            } => {
                for sibling in [sex_field, birth_date_field] {
                    if resolve(form, group, sibling).is_none() {
                        out.push(format!("{}: {at} compares with missing {sibling}", form.id));
                    }
                }
            }
            FieldKind::Group { .. } if group.is_some() => {
                out.push(format!("{}: {at} nests a group in a group", form.id));
            }
            _ => {}
        }
    }

    fn check_condition(
        &self,
        form: &FormDef,
        group: Option<&Field>,
        c: &Condition,
        at: &str,
        out: &mut Vec<String>,
    ) {
        for name in c.fields() {
            if resolve(form, group, name).is_none() {
                out.push(format!("{}: {at} depends on missing field {name}", form.id));
            }
        }
        for (name, code) in c.compared_codes() {
            let Some(target) = resolve(form, group, name) else {
                continue;
            };
            let known = match &target.kind {
                FieldKind::Single { list } | FieldKind::Multi { list, .. } => {
                    self.list(list).is_some_and(|l| l.get(code).is_some())
                }
                FieldKind::YesNo => code == "yes" || code == "no",
                _ => false,
            };
            if !known {
                out.push(format!(
                    "{}: {at} compares {name} with unknown code {code}",
                    form.id
                ));
            }
        }
    }
}

/// A field id as a condition inside `group` (or at the top) sees it.
fn resolve<'a>(form: &'a FormDef, group: Option<&'a Field>, id: &str) -> Option<&'a Field> {
    group
        .and_then(|g| g.row_field(id))
        .or_else(|| form.field(id))
}

/// The answers a completed record keeps: only those of fields that are
/// asked, given the other answers (skip logic), and only rows still listed.
/// Drafts keep everything, so flipping an answer back restores what was typed.
pub fn relevant_answers(form: &FormDef, answers: &Answers, today: time::Date) -> Answers {
    asked_fields(form, answers, today)
        .into_iter()
        .filter_map(|asked| Some((asked.path.clone(), answers.get(&asked.path)?.clone())))
        .collect()
}

/// Whether the answer at `path` is protected personal data (its field is
/// marked `personal`).
pub fn is_personal(form: &FormDef, path: &str) -> bool {
    let mut parts = path.split('/');
    let field = match (parts.next(), parts.next(), parts.next()) {
        (Some(group), Some(_row), Some(field)) => {
            form.field(group).and_then(|g| g.row_field(field))
        }
        (Some(field), None, None) => form.field(field),
        _ => None,
    };
    field.is_some_and(|f| f.personal)
}

/// Splits answers into the rest and the personal part (fields marked
/// `personal`): `(open, personal)`, as the device stored them before
/// issue 14 sealed every answer.
pub fn split_personal(form: &FormDef, answers: Answers) -> (Answers, Answers) {
    answers
        .into_iter()
        .partition(|(path, _)| !is_personal(form, path))
}
