//! Unlocking offline: the account (when several share the phone) and its
//! PIN or passphrase (the field says which that profile has).

use leptos::prelude::*;

use crate::components::{secret_problem, SecretField};
use crate::i18n::*;
use crate::secret::SecretKind;
use crate::state::{Profiles, UnlockError};

#[component]
pub fn UnlockForm(on_login: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let profiles = Profiles::use_context();
    let usernames = Memo::new(move |_| {
        profiles.known.with(|k| {
            k.iter()
                .map(|p| p.username().to_owned())
                .collect::<Vec<_>>()
        })
    });
    let chosen = RwSignal::new(
        usernames
            .get_untracked()
            .first()
            .cloned()
            .unwrap_or_default(),
    );
    let kind = Memo::new(move |_| {
        let name = chosen.get();
        profiles.known.with(|k| {
            k.iter()
                .find(|p| p.username() == name)
                .map_or(SecretKind::Pin, |p| p.secret)
        })
    });
    let pin = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let kind = kind.get_untracked();
        let typed = pin.get_untracked();
        // A mistyped shape is not a try: say so and count nothing.
        problem.set(
            kind.check(&typed)
                .err()
                .map(|p| secret_problem(i18n, p).to_owned()),
        );
        if problem.with_untracked(Option::is_some) {
            return;
        }
        busy.set(true);
        failure.set(None);
        leptos::task::spawn_local(async move {
            let result = profiles.unlock(&chosen.get_untracked(), &typed).await;
            busy.set(false);
            match result {
                Ok(()) => {}
                Err(UnlockError::WrongSecret) => failure.set(Some(
                    match kind {
                        SecretKind::Pin => t_string!(i18n, unlock_wrong),
                        SecretKind::Passphrase => t_string!(i18n, secret_wrong_passphrase),
                    }
                    .to_owned(),
                )),
                Err(UnlockError::Wait(seconds)) => {
                    failure.set(Some(format!("{} {seconds}", t_string!(i18n, unlock_wait))))
                }
                Err(other) => failure.set(Some(other.to_string())),
            }
        });
    };
    view! {
        <h1>{t!(i18n, unlock_title)}</h1>
        <form class="card" on:submit=submit>
            <div class="field">
                <label for="unlock-account">{t!(i18n, unlock_account)}</label>
                <select id="unlock-account" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <For each=move || usernames.get() key=|name| name.clone() let:name>
                        <option value=name.clone() selected=name == chosen.get_untracked()>{name.clone()}</option>
                    </For>
                </select>
            </div>
            <SecretField id="unlock-pin" kind value=pin problem />
            <button type="submit" disabled=move || busy.get()>{t!(i18n, unlock_submit)}</button>
            <Show when=move || busy.get()><p role="status">{t!(i18n, unlock_checking)}</p></Show>
            <p class="error" role="alert">{move || failure.get()}</p>
        </form>
        <button type="button" class="secondary" on:click=move |_| on_login.run(())>
            {t!(i18n, unlock_with_password)}
        </button>
    }
}
