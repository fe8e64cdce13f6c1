//! A choice question's code list: pick one of the version's lists or start
//! a new one, then edit its codes and their labels. The list is saved with
//! the question; other questions using it see the change too (said here).

use leptos::prelude::*;
use rukun_core::form::{Code, CodeList, Text};

use super::draft::Draft;
use super::inputs::{action, owned, text_input, tr};
use crate::components::{Choice, SelectField};
use crate::i18n::*;

#[component]
pub fn ListEditor(
    draft: Draft,
    /// The path of the question being edited, if it exists already.
    path: Option<String>,
    list: RwSignal<CodeList>,
    /// Whether `list` is a new list (its id must then be free).
    is_new: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let choices: Vec<Choice> = draft.form.with_untracked(|f| {
        f.lists
            .iter()
            .map(|l| Choice {
                value: l.id.clone(),
                label: l.id.clone(),
            })
            .collect()
    });
    // Rows are rebuilt when a list is picked or a row comes or goes, not
    // while a code is typed (which would lose the focus).
    let picked = RwSignal::new(0u32);
    let rows = Memo::new(move |_| (picked.get(), list.with(|l| l.items.len())));
    let pick = Callback::new(move |id: String| {
        let chosen = draft.form.with_untracked(|f| f.list(&id).cloned());
        is_new.set(chosen.is_none());
        list.set(chosen.unwrap_or(CodeList {
            id: String::new(),
            items: Vec::new(),
        }));
        picked.update(|n| *n += 1);
    });
    let current = Signal::derive(move || {
        if is_new.get() {
            String::new()
        } else {
            list.with(|l| l.id.clone())
        }
    });
    let shared = move || {
        let id = current.get();
        let others: Vec<String> = draft
            .form
            .with(|f| f.list_users(&id))
            .into_iter()
            .filter(|p| Some(p) != path.as_ref())
            .collect();
        (!id.is_empty() && !others.is_empty()).then(|| {
            let t = i18n.texts();
            format!("{}: {}.", t.designer_list_shared, others.join(", "))
        })
    };
    let new_id = move || {
        is_new.get().then(|| {
            let set = Callback::new(move |id: String| list.update(|l| l.id = id.trim().to_owned()));
            let initial = list.with_untracked(|l| l.id.clone());
            text_input(
                "d-list-id".into(),
                owned(i18n, |t| t.designer_list_id),
                initial,
                set,
            )
        })
    };
    let add = move |_| {
        list.update(|l| {
            l.items.push(Code {
                code: String::new(),
                label: Text::default(),
            })
        })
    };
    view! {
        <SelectField id="d-list" label=owned(i18n, |t| t.designer_list) placeholder=owned(i18n, |t| t.designer_new_list)
            choices value=current on_change=pick />
        <p class="hint">{shared}</p>
        {new_id}
        <fieldset class="field">
            <legend>{tr(i18n, |t| t.designer_codes)}</legend>
            <ol class="codes">{move || (0..rows.get().1).map(|i| code_row(i18n, list, i)).collect_view()}</ol>
            <button type="button" class="secondary" on:click=add>{tr(i18n, |t| t.designer_add_code)}</button>
        </fieldset>
    }
}

/// One code: its value and its label in both languages.
fn code_row(i18n: I18n, list: RwSignal<CodeList>, index: usize) -> impl IntoView {
    let code = list
        .with_untracked(|l| l.items.get(index).cloned())
        .unwrap_or(Code {
            code: String::new(),
            label: Text::default(),
        });
    let input = move |part: u8, value: String| {
        let label = Signal::derive(move || {
            let t = i18n.texts();
            match part {
                0 => t.designer_code.to_owned(),
                1 => format!("{} ({})", t.designer_code_label, t.designer_in_id),
                _ => format!("{} ({})", t.designer_code_label, t.designer_in_en),
            }
        });
        let set = Callback::new(move |value: String| {
            list.update(|l| {
                if let Some(code) = l.items.get_mut(index) {
                    match part {
                        0 => code.code = value.trim().to_owned(),
                        1 => code.label.id = value,
                        _ => code.label.en = value,
                    }
                }
            })
        });
        text_input(format!("d-code-{index}-{part}"), label, value, set)
    };
    let remove = Callback::new(move |()| {
        list.update(|l| {
            if index < l.items.len() {
                l.items.remove(index);
            }
        })
    });
    let name = format!("{} {}", i18n.texts().designer_remove_code, index + 1);
    view! {
        <li class="code-row">
            {input(0, code.code)}
            {input(1, code.label.id)}
            {input(2, code.label.en)}
            {action("×", name, false, None, remove)}
        </li>
    }
}
