//! Choosing the secret, typed twice: after each login (a 6-digit PIN, or a
//! passphrase for coordinators and administrators), and once for a
//! coordinator whose old PIN just opened the profile.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use rukun_core::account::Session;

use crate::components::{secret_problem, SecretField};
use crate::i18n::*;
use crate::secret::SecretKind;
use crate::state::{Profiles, UnlockError};

/// What the new secret is for.
#[derive(Clone)]
pub enum Purpose {
    /// The profile of this login.
    Enrol(Session),
    /// The opened profile's PIN becomes a passphrase.
    ReplacePin,
}

#[component]
pub fn SetSecretForm(purpose: Purpose) -> impl IntoView {
    let i18n = use_i18n();
    let profiles = Profiles::use_context();
    let navigate = use_navigate();
    let kind = match &purpose {
        Purpose::Enrol(session) => SecretKind::required_for(session.account.role),
        Purpose::ReplacePin => SecretKind::Passphrase,
    };
    let upgrading = matches!(purpose, Purpose::ReplacePin);
    let secret = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let mismatch = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let purpose = StoredValue::new(purpose);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (first, second) = (secret.get_untracked(), repeat.get_untracked());
        problem.set(
            kind.check(&first)
                .err()
                .map(|p| secret_problem(i18n, p).to_owned()),
        );
        mismatch.set((first != second).then(|| {
            match kind {
                SecretKind::Pin => t_string!(i18n, pin_mismatch),
                SecretKind::Passphrase => t_string!(i18n, secret_passphrase_mismatch),
            }
            .to_owned()
        }));
        if problem.with_untracked(Option::is_some) || mismatch.with_untracked(Option::is_some) {
            return;
        }
        busy.set(true);
        failure.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let result = match purpose.get_value() {
                Purpose::Enrol(session) => profiles.enrol(&session, &first).await,
                Purpose::ReplacePin => profiles.replace_pin(&first).await,
            };
            busy.set(false);
            match result {
                Ok(()) if upgrading => {}
                Ok(()) => navigate("/records", Default::default()),
                Err(UnlockError::BadSecret(p)) => {
                    problem.set(Some(secret_problem(i18n, p).to_owned()))
                }
                Err(UnlockError::DeviceKey) => {
                    failure.set(Some(t_string!(i18n, pin_device_key).to_owned()))
                }
                Err(other) => failure.set(Some(other.to_string())),
            }
        });
    };
    let title = move || match kind {
        SecretKind::Pin => t_string!(i18n, pin_title),
        SecretKind::Passphrase => t_string!(i18n, passphrase_title),
    };
    let intro = move || match (kind, upgrading) {
        (SecretKind::Pin, _) => t_string!(i18n, pin_intro),
        (SecretKind::Passphrase, false) => t_string!(i18n, passphrase_intro),
        (SecretKind::Passphrase, true) => t_string!(i18n, passphrase_upgrade),
    };
    let submit_text = move || match kind {
        SecretKind::Pin => t_string!(i18n, pin_submit),
        SecretKind::Passphrase => t_string!(i18n, passphrase_submit),
    };
    view! {
        <h1>{title}</h1>
        <form class="card" on:submit=submit>
            <p>{intro}</p>
            <SecretField id="secret-new" kind value=secret problem autocomplete="new-password" />
            <SecretField id="secret-repeat" kind value=repeat problem=mismatch repeat=true
                autocomplete="new-password" />
            <button type="submit" disabled=move || busy.get()>{submit_text}</button>
            <Show when=move || busy.get()><p role="status">{t!(i18n, unlock_checking)}</p></Show>
            <p class="error" role="alert">{move || failure.get()}</p>
        </form>
    }
}
