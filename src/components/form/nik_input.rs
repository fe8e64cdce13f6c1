//! A NIK: sixteen digits checked as they are typed, or the explicit
//! "belum punya NIK" (never a made-up number).

use leptos::prelude::*;
use rukun_core::form::{Field, Value};

use super::messages::{field_messages, has_error, localized, FieldLabel, FieldMessages};
use super::{input_id, FormCtx};
use crate::i18n::*;

#[component]
pub fn NikInput(ctx: FormCtx, field: Field, path: String) -> impl IntoView {
    let i18n = use_i18n();
    let id = input_id(&path);
    let messages = field_messages(ctx, &path);
    let invalid = has_error(messages);
    let absent = {
        let path = path.clone();
        Memo::new(move |_| {
            ctx.answers
                .with(|a| matches!(a.get(&path), Some(Value::Absent)))
        })
    };
    let typed = RwSignal::new(match ctx.initial(&path) {
        Some(Value::Text(t)) => t,
        _ => String::new(),
    });
    let target = path.clone();
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        typed.set(text.clone());
        let text = text.trim().to_owned();
        ctx.set(&target, (!text.is_empty()).then_some(Value::Text(text)));
    };
    let target = path.clone();
    let on_absent = move |ev: leptos::ev::Event| {
        let value = if event_target_checked(&ev) {
            Some(Value::Absent)
        } else {
            let text = typed.get_untracked().trim().to_owned();
            (!text.is_empty()).then_some(Value::Text(text))
        };
        ctx.set(&target, value);
    };
    let absent_id = format!("{id}-absent");
    view! {
        <div class="field">
            <FieldLabel for_id=id.clone() text=localized(&field.label, ctx) required=field.required />
            <input id=id.clone() type="text" inputmode="numeric" autocomplete="off" maxlength="20"
                prop:value=move || typed.get() disabled=move || absent.get()
                aria-describedby=format!("{id}-msg") aria-invalid=move || invalid.get().to_string()
                on:input=on_input />
            <label class="option" for=absent_id.clone()>
                <input type="checkbox" id=absent_id.clone() prop:checked=move || absent.get() on:change=on_absent />
                {t!(i18n, no_nik)}
            </label>
            <FieldMessages path messages />
        </div>
    }
}
