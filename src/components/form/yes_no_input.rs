//! A yes/no question: two large radio buttons in a labelled group.

use leptos::prelude::*;
use rukun_core::form::{Field, Value};

use super::messages::{field_messages, localized, FieldMessages};
use super::{input_id, FormCtx};
use crate::i18n::*;

#[component]
pub fn YesNoInput(ctx: FormCtx, field: Field, path: String) -> impl IntoView {
    let i18n = use_i18n();
    let id = input_id(&path);
    let messages = field_messages(ctx, &path);
    let current = {
        let path = path.clone();
        Memo::new(move |_| match ctx.answers.with(|a| a.get(&path).cloned()) {
            Some(Value::Bool(b)) => Some(b),
            _ => None,
        })
    };
    let option_path = path.clone();
    let option = move |yes: bool| {
        let target = option_path.clone();
        let option_id = format!("{id}-{}", if yes { "yes" } else { "no" });
        view! {
            <label class="option" for=option_id.clone()>
                <input type="radio" id=option_id.clone() name=id.clone() prop:checked=move || current.get() == Some(yes)
                    on:change=move |_| ctx.set(&target, Some(Value::Bool(yes))) />
                {move || if yes { t_string!(i18n, answer_yes) } else { t_string!(i18n, answer_no) }}
            </label>
        }
    };
    view! {
        <fieldset class="field choices" aria-describedby=format!("{}-msg", input_id(&path))>
            <legend class:required=field.required>{localized(&field.label, ctx)}</legend>
            {field.hint.as_ref().map(|h| view! { <p class="hint">{localized(h, ctx)}</p> })}
            <div class="inline-options">{option(true)}{option(false)}</div>
            <FieldMessages path=path.clone() messages />
        </fieldset>
    }
}
