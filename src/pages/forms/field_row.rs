//! One question in the outline: its label, id, type and marks, and what
//! may be done to it (edit, move, remove; removal refused with the reason
//! for core fields and fields others name). A group lists its row fields.

use leptos::prelude::*;
use rukun_core::form::{kind_name, notation, FieldKind, FIELD_TYPES};

use super::draft::{Draft, Open};
use super::editor::FieldEditor;
use super::problems::ProblemList;
use crate::i18n::*;
use crate::state::form_lang;

#[component]
pub fn FieldRow(draft: Draft, path: String) -> impl IntoView {
    let i18n = use_i18n();
    let lang = form_lang(i18n);
    let field = {
        let path = path.clone();
        Memo::new(move |_| draft.form.with(|f| f.field_by_path(&path).cloned()))
    };
    let refusal = {
        let path = path.clone();
        Memo::new(move |_| draft.form.with(|f| f.removal_refusal(&path)))
    };
    let label = move || {
        field.with(|f| {
            f.as_ref()
                .map(|f| f.label.get(lang.get()).to_owned())
                .unwrap_or_default()
        })
    };
    let named = move |action: &'static str| format!("{action}: {}", label());
    let meta = move || {
        let texts = i18n.texts();
        field.with(|f| {
            let f = f.as_ref()?;
            let kind = kind_name(&f.kind);
            let type_name = FIELD_TYPES
                .iter()
                .position(|t| *t == kind)
                .map_or(kind, |i| texts.designer_types[i]);
            let mut parts = vec![f.id.clone(), type_name.to_owned()];
            if f.required {
                parts.push(texts.designer_required.to_lowercase());
            }
            if f.core {
                parts.push(texts.designer_core.to_owned());
            }
            if let Some(rule) = &f.relevant {
                parts.push(format!(
                    "{} {}",
                    texts.designer_show_if.to_lowercase(),
                    notation(rule)
                ));
            }
            Some(parts.join(" · "))
        })
    };
    let reason_id = format!("d-why-{}", path.replace('/', "-"));
    let step = {
        let path = path.clone();
        move |up: bool| {
            let _ = draft.change(|f| Ok(f.move_field(&path, up)));
        }
    };
    let remove = {
        let path = path.clone();
        move |_| {
            let _ = draft.change(|f| f.remove_field(&path));
        }
    };
    let edit = {
        let path = path.clone();
        move |_| draft.open.set(Some(Open::Field(path.clone())))
    };
    let editing = {
        let path = path.clone();
        move || draft.open.get() == Some(Open::Field(path.clone()))
    };
    let problems = draft.problems_at(format!("field {path}"));
    let rows = (!path.contains('/')).then(|| view! { <GroupRows draft group=path.clone() /> });
    view! {
        <li class="designer-field">
            <div class="row-head">
                <strong>{label}</strong>
                <span class="hint">{meta}</span>
            </div>
            <div class="row-actions">
                <button type="button" class="secondary" aria-label=move || named(t_string!(i18n, action_edit)) on:click=edit>
                    {t!(i18n, action_edit)}</button>
                <button type="button" class="secondary" aria-label=move || named(t_string!(i18n, designer_move_up))
                    on:click={let step = step.clone(); move |_| step(true)}>"↑"</button>
                <button type="button" class="secondary" aria-label=move || named(t_string!(i18n, designer_move_down))
                    on:click=move |_| step(false)>"↓"</button>
                <button type="button" class="secondary" aria-label=move || named(t_string!(i18n, action_delete))
                    disabled=move || refusal.with(Option::is_some) aria-describedby=reason_id.clone() on:click=remove>
                    {t!(i18n, action_delete)}</button>
            </div>
            <p id=reason_id class="hint">{move || refusal.get().map(|r| r.message().get(lang.get()).to_owned())}</p>
            <ProblemList problems />
            <Show when=editing.clone()>
                <FieldEditor draft open=Open::Field(path.clone()) />
            </Show>
            {rows}
        </li>
    }
}

/// A group's row fields, each a row of its own, and "Tambah pertanyaan".
#[component]
fn GroupRows(draft: Draft, group: String) -> impl IntoView {
    let i18n = use_i18n();
    let ids = {
        let group = group.clone();
        Memo::new(move |_| {
            draft.form.with(|f| match f.field(&group).map(|g| &g.kind) {
                Some(FieldKind::Group { fields, .. }) => {
                    Some(fields.iter().map(|r| r.id.clone()).collect::<Vec<_>>())
                }
                _ => None,
            })
        })
    };
    let adding = Open::NewField(0, Some(group.clone()));
    let is_adding = {
        let adding = adding.clone();
        move || draft.open.get().as_ref() == Some(&adding)
    };
    move || {
        ids.get().map(|ids| {
            let group = group.clone();
            let rows = ids
                .into_iter()
                .map(|id| view! { <FieldRow draft path=format!("{group}/{id}") /> }.into_any())
                .collect_view();
            let (adding, is_adding) = (adding.clone(), is_adding.clone());
            view! {
                <ol class="designer-fields">{rows}</ol>
                <button type="button" class="secondary" on:click=move |_| draft.open.set(Some(adding.clone()))>
                    {t!(i18n, designer_add_field)}</button>
                <Show when=is_adding.clone()>
                    <FieldEditor draft open=Open::NewField(0, Some(group.clone())) />
                </Show>
            }
        })
    }
}
