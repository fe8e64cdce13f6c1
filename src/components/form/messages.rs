//! The errors and warnings next to a field, in the user's language.

use leptos::prelude::*;
use rukun_core::form::{Problem, Severity, Text};

use super::{input_id, FormCtx};

/// A field's messages. Required-field errors wait until the volunteer first
/// tries to complete, so an empty form is not a wall of red.
pub fn field_messages(ctx: FormCtx, path: &str) -> Signal<Vec<(Severity, String)>> {
    let path = path.to_owned();
    Signal::derive(move || {
        let lang = ctx.lang.get();
        let show_required = ctx.show_required.get();
        ctx.issues.with(|issues| {
            issues
                .iter()
                .filter(|i| i.path == path)
                .filter(|i| {
                    show_required
                        || !matches!(i.problem, Problem::Required | Problem::TooFewRows { .. })
                })
                .map(|i| (i.severity, i.problem.message(lang)))
                .collect()
        })
    })
}

/// Whether the field currently shows an error (for `aria-invalid`).
pub fn has_error(messages: Signal<Vec<(Severity, String)>>) -> Signal<bool> {
    Signal::derive(move || messages.with(|m| m.iter().any(|(s, _)| *s == Severity::Error)))
}

#[component]
pub fn FieldMessages(path: String, messages: Signal<Vec<(Severity, String)>>) -> impl IntoView {
    let id = format!("{}-msg", input_id(&path));
    view! {
        <div id=id class="messages" aria-live="polite">
            {move || messages.get().into_iter().map(|(severity, text)| {
                let class = if severity == Severity::Error { "error" } else { "warning" };
                view! { <p class=class>{text}</p> }
            }).collect_view()}
        </div>
    }
}

/// A definition text that follows the UI language.
pub fn localized(text: &Text, ctx: FormCtx) -> Signal<String> {
    let text = text.clone();
    Signal::derive(move || text.get(ctx.lang.get()).to_owned())
}

/// The label of a field: its text, with a star drawn by CSS when it must be
/// answered (so the label's text stays the question alone).
#[component]
pub fn FieldLabel(
    #[prop(into)] for_id: String,
    text: Signal<String>,
    required: bool,
) -> impl IntoView {
    view! {
        <label for=for_id class:required=required>{text}</label>
    }
}
