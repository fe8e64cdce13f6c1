//! A choice question's code list: pick one of the version's lists or start
//! a new one, then edit its codes and their labels. The list is saved with
//! the question; other questions using it see the change too (said here).

use leptos::prelude::*;
use rukun_core::form::{Code, CodeList, Text};

use super::draft::Draft;
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
    let ids: Vec<String> = draft
        .form
        .with_untracked(|f| f.lists.iter().map(|l| l.id.clone()).collect());
    // Rows are rebuilt when a list is picked or a row comes or goes, not
    // while a code is typed (which would lose the focus).
    let picked = RwSignal::new(0u32);
    let rows = Memo::new(move |_| (picked.get(), list.with(|l| l.items.len())));
    let pick = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        let chosen = draft.form.with_untracked(|f| f.list(&id).cloned());
        is_new.set(chosen.is_none());
        list.set(chosen.unwrap_or(CodeList {
            id: String::new(),
            items: Vec::new(),
        }));
        picked.update(|n| *n += 1);
    };
    let shared = move || {
        let id = list.with(|l| l.id.clone());
        let others: Vec<String> = draft
            .form
            .with(|f| f.list_users(&id))
            .into_iter()
            .filter(|p| Some(p) != path.as_ref())
            .collect();
        (!is_new.get() && !others.is_empty()).then(|| {
            format!(
                "{}: {}.",
                t_string!(i18n, designer_list_shared),
                others.join(", ")
            )
        })
    };
    let options = ids
        .into_iter()
        .map(|id| {
            let selected = !is_new.get_untracked() && list.with_untracked(|l| l.id == id);
            view! { <option value=id.clone() selected=selected>{id.clone()}</option> }
        })
        .collect_view();
    let code_rows = move || {
        let (_, len) = rows.get();
        (0..len)
            .map(|i| view! { <CodeRow list index=i /> })
            .collect_view()
    };
    view! {
        <div class="field">
            <label for="d-list">{t!(i18n, designer_list)}</label>
            <select id="d-list" on:change=pick>
                <option value="" selected=is_new.get_untracked()>{t!(i18n, designer_new_list)}</option>
                {options}
            </select>
        </div>
        <p class="hint">{shared}</p>
        <Show when=move || is_new.get()>
            <div class="field">
                <label for="d-list-id">{t!(i18n, designer_list_id)}</label>
                <input id="d-list-id" type="text" autocapitalize="none" value=list.with_untracked(|l| l.id.clone())
                    on:input=move |ev| list.update(|l| l.id = event_target_value(&ev)) />
            </div>
        </Show>
        <fieldset class="field">
            <legend>{t!(i18n, designer_codes)}</legend>
            <ol class="codes">{code_rows}</ol>
            <button type="button" class="secondary" on:click=move |_| list.update(|l| l.items.push(Code {
                code: String::new(),
                label: Text::default(),
            }))>{t!(i18n, designer_add_code)}</button>
        </fieldset>
    }
}

/// One code: its value and its label in both languages.
#[component]
fn CodeRow(list: RwSignal<CodeList>, index: usize) -> impl IntoView {
    let i18n = use_i18n();
    let Some(code) = list.with_untracked(|l| l.items.get(index).cloned()) else {
        return ().into_any();
    };
    let set = move |change: &dyn Fn(&mut Code)| {
        list.update(|l| {
            if let Some(code) = l.items.get_mut(index) {
                change(code)
            }
        })
    };
    let id = format!("d-code-{index}");
    let input = move |suffix: &str, label: String, value: String, which: u8| {
        let id = format!("{id}{suffix}");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id type="text" value=value on:input=move |ev| {
                    let value = event_target_value(&ev);
                    set(&|c: &mut Code| match which {
                        0 => c.code = value.clone(),
                        1 => c.label.id = value.clone(),
                        _ => c.label.en = value.clone(),
                    })
                } />
            </div>
        }
    };
    let texts = i18n.texts();
    let label = |lang: &str| format!("{} ({lang})", texts.designer_code_label);
    let remove = format!("{} {}", texts.designer_remove_code, index + 1);
    view! {
        <li class="code-row">
            {input("", texts.designer_code.to_owned(), code.code, 0)}
            {input("-id", label(texts.designer_in_id), code.label.id, 1)}
            {input("-en", label(texts.designer_in_en), code.label.en, 2)}
            <button type="button" class="secondary" aria-label=remove
                on:click=move |_| list.update(|l| { if index < l.items.len() { l.items.remove(index); } })>
                "×"
            </button>
        </li>
    }
    .into_any()
}
