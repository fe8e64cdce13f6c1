//! Which fields are asked, given the answers so far: the skip logic walked
//! once for the validator and for completion alike.

use super::answers::{row_path, rows, Answers};
use super::condition::Scope;
use super::definition::{Field, FieldKind, FormDef};

/// One asked field and where its answer lives.
pub struct Asked<'a> {
    pub field: &'a Field,
    pub path: String,
    /// Where the field's own condition and sibling references are read.
    pub scope: Scope<'a>,
}

/// Every field whose section and own condition hold, in form order; a
/// group's row fields follow the group, row by row. A refusal is asked only
/// the visit and the consent ([`crate::consent::refusal_keeps`]).
pub fn asked_fields<'a>(
    form: &'a FormDef,
    answers: &'a Answers,
    today: time::Date,
) -> Vec<Asked<'a>> {
    let mut out = Vec::new();
    let top = Scope {
        answers,
        row: None,
        today,
    };
    let holds =
        |field: &Field, scope: &Scope| field.relevant.as_ref().is_none_or(|c| c.holds(scope));
    // A refusal is asked only what it may keep (crate::consent).
    let refusal_keeps =
        crate::consent::is_refusal(answers).then(|| crate::consent::refusal_keeps(form));
    let kept = |field: &Field| refusal_keeps.as_ref().is_none_or(|k| k.contains(&field.id));
    for section in &form.sections {
        if section.relevant.as_ref().is_some_and(|c| !c.holds(&top)) {
            continue;
        }
        for field in section.fields.iter().filter(|f| kept(f) && holds(f, &top)) {
            out.push(Asked {
                field,
                path: field.id.clone(),
                scope: top,
            });
            let FieldKind::Group { fields, .. } = &field.kind else {
                continue;
            };
            for row in rows(answers, &field.id) {
                let scope = Scope {
                    answers,
                    row: Some((field, row.as_str())),
                    today,
                };
                for inner in fields.iter().filter(|f| holds(f, &scope)) {
                    out.push(Asked {
                        field: inner,
                        path: row_path(&field.id, row, &inner.id),
                        scope,
                    });
                }
            }
        }
    }
    out
}
