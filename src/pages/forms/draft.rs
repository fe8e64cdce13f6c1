//! What the designer's parts share: the draft of the next version, the one
//! way to change it and which editor is open.

use leptos::prelude::*;
use rukun_core::form::{DefinitionProblem, FormDef, Refusal};

/// The editor open beside the outline (one at a time, so input ids are
/// unique on the page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Open {
    /// The field at this path.
    Field(String),
    /// A new field at the end of a section (by id), or of a group.
    NewField(String, Option<String>),
    /// The section with this id.
    Section(String),
    NewSection,
}

#[derive(Clone, Copy)]
pub struct Draft {
    pub form: RwSignal<FormDef>,
    pub open: RwSignal<Option<Open>>,
    /// The server's answer to the last publish, until the draft changes.
    pub refused: RwSignal<Vec<DefinitionProblem>>,
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
}
