//! The designer's small pieces, each with a visible label. They take plain
//! function pointers and callbacks, not closures, so each is compiled once
//! however often it is used: the field app downloads this screen too.

use leptos::prelude::*;
use rukun_core::form::Text;

use crate::i18n::*;

/// Which UI text: `|t| t.designer_label`.
pub type Key = fn(&'static Texts) -> &'static str;

/// A UI text that follows the language (one type for every key).
pub fn tr(i18n: I18n, key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || key(i18n.texts())
}

/// A labelled one-line text input reporting every keystroke.
pub fn text_input(
    id: String,
    label: Signal<String>,
    initial: String,
    on_change: Callback<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id type="text" autocapitalize="none" value=initial
                on:input=move |ev| on_change.run(event_target_value(&ev)) />
        </div>
    }
}

/// A labelled number input; what is not a number is not reported.
pub fn number_input(
    id: &'static str,
    label: Key,
    initial: f64,
    on_change: Callback<f64>,
) -> impl IntoView {
    let label = owned(use_i18n(), label);
    let report = Callback::new(move |raw: String| {
        if let Ok(n) = raw.trim().replace(',', ".").parse::<f64>() {
            on_change.run(n);
        }
    });
    text_input(id.to_owned(), label, initial.to_string(), report)
}

/// A checkbox with its label after it.
pub fn check_box(
    id: String,
    label: Signal<String>,
    initial: bool,
    on_change: Callback<bool>,
) -> impl IntoView {
    view! {
        <label class="option" for=id.clone()>
            <input id=id.clone() type="checkbox" checked=initial on:change=move |ev| on_change.run(event_target_checked(&ev)) />
            {label}
        </label>
    }
}

/// [`check_box`] labelled by a UI text.
pub fn check_input(
    id: &'static str,
    label: Key,
    initial: bool,
    on_change: Callback<bool>,
) -> impl IntoView {
    check_box(id.to_owned(), owned(use_i18n(), label), initial, on_change)
}

/// Two inputs for a text in both languages, "Label (Bahasa Indonesia)"
/// and "Label (English)"; every keystroke reports the whole text.
pub fn text_pair(
    id: &'static str,
    what: Key,
    initial: Text,
    on_change: Callback<Text>,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = StoredValue::new(initial.clone());
    let half = move |english: bool, value: String| {
        let label = Signal::derive(move || {
            let t = i18n.texts();
            let lang = if english {
                t.designer_in_en
            } else {
                t.designer_in_id
            };
            format!("{} ({lang})", what(t))
        });
        let report = Callback::new(move |value: String| {
            text.update_value(|t| if english { t.en = value } else { t.id = value });
            on_change.run(text.get_value());
        });
        text_input(
            format!("{id}-{}", if english { "en" } else { "id" }),
            label,
            value,
            report,
        )
    };
    (half(false, initial.id), half(true, initial.en))
}

/// A UI text as an owned string signal, for labels.
pub fn owned(i18n: I18n, key: Key) -> Signal<String> {
    Signal::derive(move || key(i18n.texts()).to_owned())
}

/// A secondary button showing `text`, named for screen readers by what it
/// acts on (`name`) and described by the element `described_by`.
pub fn action(
    text: &'static str,
    name: String,
    disabled: bool,
    described_by: Option<String>,
    on_click: Callback<()>,
) -> impl IntoView {
    view! {
        <button type="button" class="secondary" aria-label=name aria-describedby=described_by
            disabled=disabled on:click=move |_| on_click.run(())>
            {text}
        </button>
    }
}
