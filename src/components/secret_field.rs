//! A PIN or passphrase box: its visible label says which (6 digits, or at
//! least 8 characters), a password input, and the problem next to it.

use leptos::prelude::*;

use crate::i18n::*;
use crate::secret::{SecretKind, SecretProblem, PIN_DIGITS};

/// The label of a `kind` field (the first entry, or the repeat).
pub fn secret_label(i18n: I18n, kind: SecretKind, repeat: bool) -> &'static str {
    let texts = i18n.texts();
    match (kind, repeat) {
        (SecretKind::Pin, false) => texts.secret_pin,
        (SecretKind::Pin, true) => texts.secret_repeat_pin,
        (SecretKind::Passphrase, false) => texts.secret_passphrase,
        (SecretKind::Passphrase, true) => texts.secret_repeat_passphrase,
    }
}

/// The message for a secret of the wrong shape.
pub fn secret_problem(i18n: I18n, problem: SecretProblem) -> &'static str {
    match problem {
        SecretProblem::NotSixDigits => i18n.texts().secret_pin_bad,
        SecretProblem::TooShort => i18n.texts().secret_passphrase_short,
    }
}

#[component]
pub fn SecretField(
    id: &'static str,
    #[prop(into)] kind: Signal<SecretKind>,
    value: RwSignal<String>,
    /// What is wrong with it, shown under the box.
    #[prop(into)]
    problem: Signal<Option<String>>,
    #[prop(default = false)] repeat: bool,
    #[prop(default = "current-password")] autocomplete: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let message_id = format!("{id}-msg");
    let is_pin = move || kind.get() == SecretKind::Pin;
    view! {
        <div class="field">
            <label for=id>{move || secret_label(i18n, kind.get(), repeat)}</label>
            <input id=id type="password" autocomplete=autocomplete
                inputmode=move || if is_pin() { "numeric" } else { "text" }
                maxlength=move || if is_pin() { PIN_DIGITS.to_string() } else { "200".to_owned() }
                aria-describedby=message_id.clone()
                aria-invalid=move || problem.with(Option::is_some).to_string()
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
            <p class="error" id=message_id role="alert">{move || problem.get()}</p>
        </div>
    }
}
