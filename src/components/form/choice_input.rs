//! One choice from a code list, as a `<select>`; long lists (occupations)
//! get a search box that narrows the options.

use leptos::prelude::*;
use rukun_core::form::{Field, FieldKind, Value};

use super::messages::{field_messages, has_error, localized, FieldLabel, FieldMessages};
use super::{input_id, FormCtx};
use crate::i18n::*;

/// Lists longer than this get a search box.
const SEARCHABLE_FROM: usize = 20;

#[component]
pub fn ChoiceInput(ctx: FormCtx, field: Field, path: String) -> impl IntoView {
    let i18n = use_i18n();
    let FieldKind::Single { list } = field.kind.clone() else {
        return ().into_any();
    };
    let id = input_id(&path);
    let messages = field_messages(ctx, &path);
    let invalid = has_error(messages);
    let query = RwSignal::new(String::new());
    let selected = {
        let path = path.clone();
        Memo::new(move |_| match ctx.answers.with(|a| a.get(&path).cloned()) {
            Some(Value::Choice(code)) => code,
            _ => String::new(),
        })
    };
    let searchable = ctx
        .form
        .with_value(|f| f.list(&list).map_or(0, |l| l.items.len()) > SEARCHABLE_FROM);
    let options = move || {
        let lang = ctx.lang.get();
        let query = query.get();
        let current = selected.get();
        ctx.form.with_value(|f| {
            let Some(list) = f.list(&list) else {
                return vec![];
            };
            let matches = if query.trim().is_empty() {
                list.items.iter().collect()
            } else {
                list.search(&query)
            };
            list.items
                .iter()
                .filter(|item| item.code == current || matches.iter().any(|m| m.code == item.code))
                .map(|item| (item.code.clone(), item.label.get(lang).to_owned()))
                .collect::<Vec<_>>()
        })
    };
    let label = localized(&field.label, ctx);
    let search_id = format!("{id}-search");
    let search = searchable.then(|| {
        let search_label = move || format!("{} {}", t_string!(i18n, search_options), label.get().to_lowercase());
        view! {
            <label class="sub-label" for=search_id.clone()>{search_label}</label>
            <input id=search_id.clone() type="search" on:input=move |ev| query.set(event_target_value(&ev)) />
        }
    });
    let target = path.clone();
    let on_change = move |ev: leptos::ev::Event| {
        let code = event_target_value(&ev);
        ctx.set(&target, (!code.is_empty()).then_some(Value::Choice(code)));
    };
    view! {
        <div class="field">
            <FieldLabel for_id=id.clone() text=label required=field.required />
            {search}
            <select id=id.clone() aria-describedby=format!("{id}-msg") aria-invalid=move || invalid.get().to_string()
                aria-required=field.required.to_string() on:change=on_change prop:value=move || selected.get()>
                <option value="">{t!(i18n, choose)}</option>
                {move || options().into_iter().map(|(code, text)| {
                    let is_selected = code == selected.get_untracked();
                    view! { <option value=code selected=is_selected>{text}</option> }
                }).collect_view()}
            </select>
            <FieldMessages path messages />
        </div>
    }
    .into_any()
}
