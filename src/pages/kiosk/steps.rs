//! What the resident flows share: the step buttons, moving between steps,
//! sending a finished submission, and text boxes that remember nothing.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::form::Lang;
use rukun_core::kiosk::{receipt_from, KioskPayload};

use super::Screen;
use crate::i18n::*;
use crate::platform::random;
use crate::state::Kiosk;

/// The buttons under a step: back (or cancel on the first) and next.
#[component]
pub fn StepButtons(
    step: RwSignal<u8>,
    go: Callback<Screen>,
    /// The label of the button on the last step.
    last: u8,
    finish_label: Signal<&'static str>,
    on_next: Callback<()>,
    busy: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="kiosk-steps">
            <button type="button" class="big secondary" on:click=move |_| {
                if step.get_untracked() == 0 {
                    go.run(Screen::Start);
                } else {
                    step.update(|s| *s -= 1);
                }
            }>
                {move || if step.get() == 0 { i18n.kiosk().cancel } else { i18n.kiosk().back }}
            </button>
            <button type="button" class="big" disabled=busy on:click=move |_| on_next.run(())>
                {move || if step.get() == last { finish_label.get() } else { i18n.kiosk().next }}
            </button>
        </div>
    }
}

/// Shows what is missing, or moves to the next step; `true` when the
/// last step is done (time to send).
pub fn advance(
    step: RwSignal<u8>,
    steps: u8,
    missing: Option<&'static str>,
    problem: RwSignal<Option<String>>,
) -> bool {
    if let Some(why) = missing {
        problem.set(Some(why.to_owned()));
        return false;
    }
    if step.get_untracked() + 1 < steps {
        step.update(|s| *s += 1);
        return false;
    }
    true
}

/// Checks a finished submission, seals and stores it, then shows the
/// receipt; a problem is shown next to the buttons and nothing is lost.
pub fn send(
    i18n: I18n,
    kiosk: Kiosk,
    payload: KioskPayload,
    known_category: &dyn Fn(&str) -> bool,
    go: Callback<Screen>,
    problem: RwSignal<Option<String>>,
    busy: RwSignal<bool>,
) {
    if let Some(why) = payload.problem(known_category) {
        let lang = match i18n.get_locale() {
            Locale::id => Lang::Id,
            Locale::en => Lang::En,
        };
        return problem.set(Some(why.get(lang).to_owned()));
    }
    busy.set(true);
    spawn_local(async move {
        let receipt = receipt_from(random::bytes());
        match kiosk.submit(&receipt, &payload).await {
            Ok(()) => go.run(Screen::Receipt(receipt)),
            Err(error) => {
                leptos::logging::warn!("kiosk: not stored: {error}");
                problem.set(Some(i18n.kiosk().not_stored.to_owned()));
                busy.set(false);
            }
        }
    });
}

/// A labelled text box that remembers nothing in the browser.
#[component]
pub fn TextArea(
    id: &'static str,
    label: Signal<&'static str>,
    value: RwSignal<String>,
    #[prop(default = 4)] rows: u32,
    #[prop(default = "text")] input_type: &'static str,
) -> impl IntoView {
    let input = move |ev| value.set(event_target_value(&ev));
    view! {
        <label for=id>{label}</label>
        {if rows > 1 {
            view! {
                <textarea id=id rows=rows autocomplete="off" spellcheck="false" maxlength="1000"
                    prop:value=move || value.get() on:input=input></textarea>
            }.into_any()
        } else {
            view! {
                <input id=id type=input_type autocomplete="off" spellcheck="false" maxlength="200"
                    prop:value=move || value.get() on:input=input />
            }.into_any()
        }}
    }
}
