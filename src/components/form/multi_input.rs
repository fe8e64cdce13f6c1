//! Several choices from a code list, as checkboxes in a labelled group.

use leptos::prelude::*;
use rukun_core::form::{Field, FieldKind, Value};

use super::messages::{field_messages, localized, FieldMessages};
use super::{input_id, FormCtx};

#[component]
pub fn MultiInput(ctx: FormCtx, field: Field, path: String) -> impl IntoView {
    let FieldKind::Multi { list, .. } = field.kind.clone() else {
        return ().into_any();
    };
    let id = input_id(&path);
    let messages = field_messages(ctx, &path);
    let chosen = {
        let path = path.clone();
        Memo::new(move |_| match ctx.answers.with(|a| a.get(&path).cloned()) {
            Some(Value::Choices(codes)) => codes,
            _ => vec![],
        })
    };
    let items = ctx
        .form
        .with_value(|f| f.list(&list).map(|l| l.items.clone()).unwrap_or_default());
    let boxes = items
        .into_iter()
        .map(|item| {
            let box_id = format!("{id}-{}", item.code);
            let code = item.code.clone();
            let target = path.clone();
            let toggle = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                let mut codes = chosen.get_untracked();
                codes.retain(|c| *c != code);
                if on {
                    codes.push(code.clone());
                }
                ctx.set(&target, (!codes.is_empty()).then_some(Value::Choices(codes)));
            };
            let code = item.code.clone();
            view! {
                <label class="option" for=box_id.clone()>
                    <input type="checkbox" id=box_id.clone() prop:checked=move || chosen.with(|c| c.contains(&code)) on:change=toggle />
                    {localized(&item.label, ctx)}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field choices" aria-describedby=format!("{id}-msg")>
            <legend>{localized(&field.label, ctx)}</legend>
            {boxes}
            <FieldMessages path=path.clone() messages />
        </fieldset>
    }
    .into_any()
}
