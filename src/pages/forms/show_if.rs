//! "Tampilkan hanya jika": a show-if rule built from one choice field and
//! the codes that show the question. Any other rule (several fields, an
//! age) is shown as it is and kept unless the administrator replaces it.

use leptos::prelude::*;
use rukun_core::form::{notation, show_if, simple_show_if, Code, Condition, Text};

use crate::i18n::*;
use crate::state::form_lang;

/// A field a rule may read: its id, label and codes.
pub type Source = (String, Text, Vec<Code>);

#[component]
pub fn ShowIf(
    /// Element id prefix, unique on the page.
    id: &'static str,
    sources: Vec<Source>,
    initial: Option<Condition>,
    on_change: Callback<Option<Condition>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = form_lang(i18n);
    let simple = initial.as_ref().and_then(simple_show_if);
    let kept = RwSignal::new(initial.filter(|_| simple.is_none()));
    let (first_field, first_codes) = simple.unwrap_or_default();
    let field = RwSignal::new(first_field);
    let codes = RwSignal::new(first_codes);
    let sources = StoredValue::new(sources);
    let emit = move || on_change.run(show_if(&field.get_untracked(), &codes.get_untracked()));
    let select_id = format!("{id}-field");
    let options = move || {
        let lang = lang.get();
        sources.with_value(|all| {
            all.iter()
                .map(|(value, label, _)| {
                    let text = format!("{} ({value})", label.get(lang));
                    let selected = *value == field.get_untracked();
                    view! { <option value=value.clone() selected=selected>{text}</option> }
                })
                .collect_view()
        })
    };
    let code_boxes = move || {
        let chosen = field.get();
        let lang = lang.get();
        let list = sources.with_value(|all| {
            all.iter()
                .find(|(value, _, _)| *value == chosen)
                .map(|(_, _, codes)| codes.clone())
        })?;
        let boxes = list
            .into_iter()
            .enumerate()
            .map(|(i, code)| {
                let box_id = format!("{id}-code-{i}");
                let on = codes.with_untracked(|c| c.contains(&code.code));
                let text = format!("{} {}", code.code, code.label.get(lang));
                view! {
                    <label class="option" for=box_id.clone()>
                        <input id=box_id.clone() type="checkbox" checked=on on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            codes.update(|c| {
                                c.retain(|x| *x != code.code);
                                if on { c.push(code.code.clone()) }
                            });
                            emit();
                        } />
                        {text}
                    </label>
                }
            })
            .collect_view();
        Some(view! {
            <fieldset class="field">
                <legend>{t!(i18n, designer_show_codes)}</legend>
                <div class="inline-options">{boxes}</div>
            </fieldset>
        })
    };
    view! {
        {move || kept.get().map(|rule| view! {
            <p>{t!(i18n, designer_rule_kept)}": "<code>{notation(&rule)}</code></p>
            <button type="button" class="secondary" on:click=move |_| { kept.set(None); emit(); }>
                {t!(i18n, designer_rule_replace)}
            </button>
        })}
        <Show when=move || kept.with(Option::is_none)>
            <div class="field">
                <label for=select_id.clone()>{t!(i18n, designer_show_if)}</label>
                <select id=select_id.clone() on:change=move |ev| {
                    field.set(event_target_value(&ev));
                    codes.set(Vec::new());
                    emit();
                }>
                    <option value="">{t!(i18n, designer_always)}</option>
                    {options}
                </select>
            </div>
            {code_boxes}
        </Show>
    }
}
