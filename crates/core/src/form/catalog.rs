//! Every published version of every form a deployment (or a phone) knows.

use serde::{Deserialize, Serialize};

use super::answers::Answers;
use super::asked::asked_fields;
use super::definition::FormDef;
use super::Code;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub forms: Vec<FormDef>,
}

impl Catalog {
    /// A form by id and version: a record names the version it began with.
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

    /// Every version of a form, oldest first.
    pub fn versions(&self, id: &str) -> Vec<&FormDef> {
        let mut out: Vec<&FormDef> = self.forms.iter().filter(|f| f.id == id).collect();
        out.sort_by_key(|f| f.version);
        out
    }

    /// A code of one of a form's lists, as its newest version that has it
    /// labels it: exports and counts span every version.
    pub fn code(&self, form_id: &str, list: &str, code: &str) -> Option<&Code> {
        self.versions(form_id)
            .into_iter()
            .rev()
            .find_map(|form| form.list(list)?.get(code))
    }

    /// Adds a version (replacing one with the same id and version).
    pub fn insert(&mut self, form: FormDef) {
        self.forms
            .retain(|f| !(f.id == form.id && f.version == form.version));
        self.forms.push(form);
    }

    /// Every problem in every definition, described for a developer.
    pub fn check(&self) -> Vec<String> {
        self.forms
            .iter()
            .flat_map(|form| {
                form.problems().into_iter().map(move |p| {
                    format!("{} v{}: {}: {}", form.id, form.version, p.at, p.message.en)
                })
            })
            .collect()
    }
}

/// The answers a completed record keeps: only those of fields that are
/// asked, given the other answers (skip logic), and only rows still listed.
/// Drafts keep everything, so flipping an answer back restores what was typed.
/// The consent answers ([`crate::consent`]) stay while the consent
/// question is answered and asked, and a refusal keeps only what
/// [`crate::consent::refusal_keeps`] allows.
pub fn relevant_answers(form: &FormDef, answers: &Answers, today: time::Date) -> Answers {
    let mut kept: Answers = asked_fields(form, answers, today)
        .into_iter()
        .filter_map(|asked| Some((asked.path.clone(), answers.get(&asked.path)?.clone())))
        .collect();
    if kept.contains_key(crate::consent::CONSENT_FIELD) {
        kept.extend(
            answers
                .iter()
                .filter(|(path, _)| crate::consent::is_meta_path(path))
                .map(|(p, v)| (p.clone(), v.clone())),
        );
    }
    for path in crate::consent::refused_paths(form, &kept) {
        kept.remove(&path);
    }
    kept
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
