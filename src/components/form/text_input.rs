//! Text, number and date fields: an `<input>` that keeps what the volunteer
//! types and reports every change.

use leptos::prelude::*;
use rukun_core::form::{Field, FieldKind, Value};

use super::messages::{field_messages, has_error, localized, FieldLabel, FieldMessages};
use super::{input_id, FormCtx};

/// What the input's text means as an answer. Text that is not a number is
/// kept as typed, so nothing is lost; the validator flags it.
fn parse(kind: &FieldKind, raw: &str) -> Option<Value> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    Some(match kind {
        FieldKind::Number { .. } => raw
            .replace(',', ".")
            .parse::<f64>()
            .map(Value::Number)
            .unwrap_or_else(|_| Value::Text(raw.to_owned())),
        FieldKind::Date { .. } => Value::Date(raw.to_owned()),
        _ => Value::Text(raw.to_owned()),
    })
}

fn shown(value: Option<Value>) -> String {
    match value {
        Some(Value::Text(s)) | Some(Value::Date(s)) => s,
        Some(Value::Number(n)) => n.to_string().replace('.', ","),
        _ => String::new(),
    }
}

#[component]
pub fn TextInput(ctx: FormCtx, field: Field, path: String) -> impl IntoView {
    let id = input_id(&path);
    let messages = field_messages(ctx, &path);
    let invalid = has_error(messages);
    let initial = shown(ctx.initial(&path));
    let (input_type, input_mode) = match field.kind {
        FieldKind::Number { integer: true, .. } => ("text", "numeric"),
        FieldKind::Number { .. } => ("text", "decimal"),
        FieldKind::Date { .. } => ("date", "none"),
        _ => ("text", "text"),
    };
    let max_date = matches!(field.kind, FieldKind::Date { past_only: true }).then(|| {
        let d = ctx.today;
        format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
    });
    let multiline = matches!(
        field.kind,
        FieldKind::Text {
            multiline: true,
            ..
        }
    );
    let kind = field.kind.clone();
    let target = path.clone();
    let on_input =
        move |ev: leptos::ev::Event| ctx.set(&target, parse(&kind, &event_target_value(&ev)));
    let described = format!("{id}-msg");
    let input = if multiline {
        view! {
            <textarea id=id.clone() rows="3" aria-describedby=described aria-invalid=move || invalid.get().to_string()
                on:input=on_input>{initial}</textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() type=input_type inputmode=input_mode value=initial max=max_date
                aria-describedby=described aria-invalid=move || invalid.get().to_string()
                aria-required=field.required.to_string() on:input=on_input />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <FieldLabel for_id=id text=localized(&field.label, ctx) required=field.required />
            {field.hint.as_ref().map(|h| view! { <p class="hint">{localized(h, ctx)}</p> })}
            {input}
            <FieldMessages path messages />
        </div>
    }
}
