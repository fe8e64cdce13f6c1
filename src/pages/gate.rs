//! What a locked app shows: log in (first time on this device, another
//! account, or a forgotten PIN), set the PIN or passphrase after a login,
//! unlock, or replace a coordinator's old PIN by a passphrase.

mod set_secret;
mod unlock;

use leptos::prelude::*;

use super::LoginPage;
use crate::i18n::*;
use crate::state::Profiles;
use set_secret::{Purpose, SetSecretForm};
use unlock::UnlockForm;

/// `children` when a profile is unlocked, the gate otherwise.
#[component]
pub fn Unlocked(children: ChildrenFn) -> impl IntoView {
    let profiles = Profiles::use_context();
    view! {
        <Show when=move || profiles.active.with(Option::is_some) fallback=Gate>
            {children()}
        </Show>
    }
}

#[component]
pub fn Gate() -> impl IntoView {
    let i18n = use_i18n();
    let profiles = Profiles::use_context();
    let wants_login = RwSignal::new(false);
    // A memo, so that counting a wrong PIN (which updates the profile)
    // does not rebuild the form and wipe its message.
    let first_time = Memo::new(move |_| profiles.known.with(Vec::is_empty));
    move || {
        if let Some(session) = profiles.enrolling.get() {
            view! { <SetSecretForm purpose=Purpose::Enrol(session) /> }.into_any()
        } else if profiles.needs_passphrase.with(Option::is_some) {
            view! { <SetSecretForm purpose=Purpose::ReplacePin /> }.into_any()
        } else if !profiles.loaded.get() {
            view! { <p>{t!(i18n, form_loading)}</p> }.into_any()
        } else if first_time.get() {
            view! { <LoginPage /> }.into_any()
        } else if wants_login.get() {
            view! {
                <LoginPage />
                <button type="button" class="secondary" on:click=move |_| wants_login.set(false)>
                    {t!(i18n, gate_back)}
                </button>
            }
            .into_any()
        } else {
            view! { <UnlockForm on_login=Callback::new(move |()| wants_login.set(true)) /> }
                .into_any()
        }
    }
}
