//! "Tampilkan hanya jika": a show-if rule built from one choice field and
//! the codes that show the question. Any other rule (several fields, an
//! age) is shown as it is and kept unless the administrator replaces it.

use leptos::prelude::*;
use rukun_core::form::{notation, show_if, simple_show_if, Code, Condition, Text};

use super::inputs::{check_box, owned, tr};
use crate::components::{Choice, SelectField};
use crate::i18n::*;
use crate::state::form_lang;

/// A field a rule may read: its id, label and codes.
pub type Source = (String, Text, Vec<Code>);

#[component]
pub fn ShowIf(
    /// Element id of the field picker, unique on the page.
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
    let choices = Signal::derive(move || {
        let lang = lang.get();
        sources.with_value(|all| {
            all.iter()
                .map(|(value, label, _)| Choice {
                    value: value.clone(),
                    label: format!("{} ({value})", label.get(lang)),
                })
                .collect()
        })
    });
    let pick = Callback::new(move |chosen: String| {
        field.set(chosen);
        codes.set(Vec::new());
        emit();
    });
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
                let on = codes.with_untracked(|c| c.contains(&code.code));
                let label = format!("{} {}", code.code, code.label.get(lang));
                let toggle = Callback::new(move |on: bool| {
                    codes.update(|c| {
                        c.retain(|x| *x != code.code);
                        if on {
                            c.push(code.code.clone())
                        }
                    });
                    emit();
                });
                check_box(format!("{id}-{i}"), Signal::stored(label), on, toggle)
            })
            .collect_view();
        Some(view! {
            <fieldset class="field">
                <legend>{tr(i18n, |t| t.designer_show_codes)}</legend>
                <div class="inline-options">{boxes}</div>
            </fieldset>
        })
    };
    let replace = move |_| {
        kept.set(None);
        emit();
    };
    move || {
        match kept.get() {
        Some(rule) => view! {
            <p>{tr(i18n, |t| t.designer_rule_kept)}": "<code>{notation(&rule)}</code></p>
            <button type="button" class="secondary" on:click=replace>{tr(i18n, |t| t.designer_rule_replace)}</button>
        }
        .into_any(),
        None => view! {
            <SelectField id label=owned(i18n, |t| t.designer_show_if) placeholder=owned(i18n, |t| t.designer_always)
                choices value=field on_change=pick />
            {code_boxes}
        }
        .into_any(),
    }
    }
}
