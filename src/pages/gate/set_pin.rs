//! The PIN, set after each login: typed twice, 6 digits.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use rukun_core::account::Session;

use crate::i18n::*;
use crate::state::{Profiles, UnlockError};

#[component]
pub fn SetPinForm(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let profiles = Profiles::use_context();
    let navigate = use_navigate();
    let pin = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let session = StoredValue::new(session);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (first, second) = (pin.get_untracked(), repeat.get_untracked());
        if first != second {
            return failure.set(Some(t_string!(i18n, pin_mismatch).to_owned()));
        }
        busy.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let result = profiles.enrol(&session.get_value(), &first).await;
            busy.set(false);
            match result {
                Ok(()) => navigate("/records", Default::default()),
                Err(UnlockError::BadPin) => failure.set(Some(t_string!(i18n, pin_bad).to_owned())),
                Err(UnlockError::DeviceKey) => {
                    failure.set(Some(t_string!(i18n, pin_device_key).to_owned()))
                }
                Err(other) => failure.set(Some(other.to_string())),
            }
        });
    };
    view! {
        <h1>{t!(i18n, pin_title)}</h1>
        <form class="card" on:submit=submit>
            <p>{t!(i18n, pin_intro)}</p>
            <div class="field">
                <label for="pin-new">{t!(i18n, pin_new)}</label>
                <input id="pin-new" type="password" inputmode="numeric" autocomplete="new-password"
                    maxlength="6" on:input=move |ev| pin.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for="pin-repeat">{t!(i18n, pin_repeat)}</label>
                <input id="pin-repeat" type="password" inputmode="numeric" autocomplete="new-password"
                    maxlength="6" on:input=move |ev| repeat.set(event_target_value(&ev)) />
            </div>
            <button type="submit" disabled=move || busy.get()>{t!(i18n, pin_submit)}</button>
            <p class="error" role="alert">{move || failure.get()}</p>
        </form>
    }
}
