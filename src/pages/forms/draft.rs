//! What the designer's parts share: the draft of the next version, the one
//! way to change it, which editor is open and the problems to show.

use leptos::prelude::*;
use rukun_core::form::{DefinitionProblem, FormDef, Refusal};

/// The editor open under the outline (one at a time, so input ids are
/// unique on the page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Open {
    /// The field at this path.
    Field(String),
    /// A new field at the end of a section (by index), or of a group.
    NewField(usize, Option<String>),
    /// The section at this index.
    Section(usize),
    NewSection,
}

#[derive(Clone, Copy)]
pub struct Draft {
    pub form: RwSignal<FormDef>,
    pub open: RwSignal<Option<Open>>,
    /// The server's answer to the last publish, until the draft changes.
    pub refused: RwSignal<Vec<DefinitionProblem>>,
    /// What to show next to the fields: the server's refusal, or (after a
    /// first try to publish) the local checks, live.
    pub problems: Signal<Vec<DefinitionProblem>>,
}

impl Draft {
    /// Takes one step on the draft: all of it or, refused, nothing.
    pub fn change<T>(
        &self,
        step: impl FnOnce(&mut FormDef) -> Result<T, Refusal>,
    ) -> Result<T, Refusal> {
        let mut next = self.form.get_untracked();
        let done = step(&mut next)?;
        self.form.set(next);
        self.refused.set(Vec::new());
        Ok(done)
    }

    /// The problems found at `at` (`field members/nik`, `section visit`),
    /// including those of its parts (`field x hint`).
    pub fn problems_at(&self, at: String) -> Signal<Vec<DefinitionProblem>> {
        let problems = self.problems;
        Signal::derive(move || {
            problems.with(|all| {
                all.iter()
                    .filter(|p| {
                        p.at == at
                            || p.at
                                .strip_prefix(&at)
                                .is_some_and(|rest| rest.starts_with(' '))
                    })
                    .cloned()
                    .collect()
            })
        })
    }
}
