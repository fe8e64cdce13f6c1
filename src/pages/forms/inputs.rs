//! The designer's small inputs, each with a visible label: a text in both
//! languages, a number, a checkbox.

use leptos::prelude::*;
use rukun_core::form::Text;

use crate::i18n::*;

/// Two inputs for a text in both languages, "Label (Bahasa Indonesia)" and
/// "Label (English)"; every keystroke reports the whole text.
#[component]
pub fn TextPair(
    /// Element id prefix, unique on the page.
    id: &'static str,
    /// What the text is ("Label", "Judul"...).
    #[prop(into)]
    what: Signal<&'static str>,
    initial: Text,
    on_change: Callback<Text>,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = StoredValue::new(initial.clone());
    let input = move |lang: &'static str, name: Signal<&'static str>, value: String| {
        let id = format!("{id}-{lang}");
        let label = move || format!("{} ({})", what.get(), name.get());
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id type="text" value=value on:input=move |ev| {
                    let value = event_target_value(&ev);
                    text.update_value(|t| if lang == "id" { t.id = value } else { t.en = value });
                    on_change.run(text.get_value());
                } />
            </div>
        }
    };
    view! {
        {input("id", Signal::derive(move || t_string!(i18n, designer_in_id)), initial.id)}
        {input("en", Signal::derive(move || t_string!(i18n, designer_in_en)), initial.en)}
    }
}

/// A number input; what is not a number is not reported.
pub fn number_input(
    id: &'static str,
    label: impl Fn() -> &'static str + Send + Sync + 'static,
    initial: f64,
    on_change: impl Fn(f64) + 'static,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type="text" inputmode="decimal" value=initial.to_string() on:input=move |ev| {
                if let Ok(n) = event_target_value(&ev).trim().replace(',', ".").parse::<f64>() {
                    on_change(n);
                }
            } />
        </div>
    }
}

/// A checkbox with its label after it.
pub fn check_input(
    id: &'static str,
    label: impl Fn() -> &'static str + Send + Sync + 'static,
    initial: bool,
    on_change: impl Fn(bool) + 'static,
) -> impl IntoView {
    view! {
        <label class="option" for=id>
            <input id=id type="checkbox" checked=initial on:change=move |ev| on_change(event_target_checked(&ev)) />
            {label}
        </label>
    }
}
