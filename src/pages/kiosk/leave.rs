//! For office staff: what waits to be sent, and leaving kiosk mode with
//! the passphrase (or, until it is replaced, the old PIN) of the
//! coordinator who set the kiosk up: the same secret, with the same wait
//! after wrong tries, as unlocking their own profile.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::steps::TextArea;
use super::Screen;
use crate::components::secret_problem;
use crate::i18n::*;
use crate::platform::http::{self, HttpError};
use crate::secret::SecretKind;
use crate::state::{Kiosk, Profiles, UnlockError};
use rukun_core::account::{LoginRequest, Role, Session};

#[component]
pub fn LeaveKiosk(go: Callback<Screen>) -> impl IntoView {
    let i18n = use_i18n();
    let kiosk = Kiosk::use_context();
    let profiles = Profiles::use_context();
    let pin = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // The coordinator who set the kiosk up, or another coordinator (or an
    // administrator) of this kelurahan with a profile on this tablet.
    let enrolled_by = kiosk
        .setup
        .with_untracked(|s| s.as_ref().map(|s| s.coordinator.clone()))
        .unwrap_or_default();
    let kelurahan = kiosk
        .setup
        .with_untracked(|s| s.as_ref().map(|s| s.kelurahan.code));
    let staff = move || {
        profiles.known.with(|known| {
            known
                .iter()
                .filter(|p| match p.account.role {
                    Role::Admin => true,
                    Role::Coordinator => p.account.kelurahan == kelurahan,
                    _ => false,
                })
                .map(|p| p.account.username.clone())
                .collect::<Vec<_>>()
        })
    };
    let coordinator = RwSignal::new(enrolled_by.clone());
    // The field asks for what the chosen profile has.
    let kind = Memo::new(move |_| {
        let name = coordinator.get();
        profiles.known.with(|k| {
            k.iter()
                .find(|p| p.username() == name)
                .map_or(SecretKind::Passphrase, |p| p.secret)
        })
    });
    let label = Signal::derive(move || match kind.get() {
        SecretKind::Pin => i18n.kiosk().leave_pin,
        SecretKind::Passphrase => i18n.texts().secret_passphrase,
    });
    let leave = move |_| {
        let coordinator = coordinator.get_untracked();
        let typed = pin.get_untracked();
        if let Err(shape) = kind.get_untracked().check(&typed) {
            return problem.set(Some(secret_problem(i18n, shape).to_owned()));
        }
        pin.set(String::new());
        busy.set(true);
        spawn_local(async move {
            let k = i18n.kiosk();
            let outcome = match profiles.unlock(&coordinator, &typed).await {
                Ok(()) => match kiosk.leave().await {
                    Ok(()) => None,
                    Err(waiting) => {
                        profiles.lock();
                        Some(format!("{} ({waiting})", k.leave_waiting))
                    }
                },
                Err(UnlockError::Wait(seconds)) => Some(format!("{} {seconds} s", k.leave_wait)),
                Err(UnlockError::WrongSecret) => Some(
                    match kind.get_untracked() {
                        SecretKind::Pin => k.leave_wrong_pin,
                        SecretKind::Passphrase => i18n.texts().secret_wrong_passphrase,
                    }
                    .to_owned(),
                ),
                Err(error) => Some(format!("{}: {error}", k.leave_failed)),
            };
            problem.set(outcome);
            busy.set(false);
        });
    };
    view! {
        <h1>{kt!(i18n, staff_title)}</h1>
        <section class="card">
            <p>{move || format!("{}: {}", i18n.kiosk().waiting, kiosk.waiting.get())}</p>
            {move || kiosk.logged_out.get().then(|| view! { <RenewToken /> })}
            <ul>{move || kiosk.refused.get().into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
            <button type="button" class="secondary" on:click=move |_| kiosk.request()>{kt!(i18n, send_now)}</button>
        </section>
        <section class="card">
            <h2>{kt!(i18n, leave_title)}</h2>
            <TextArea id="kiosk-pin" label value=pin rows=1 input_type="password" />
            <label for="kiosk-coordinator">{kt!(i18n, leave_account)}</label>
            <select id="kiosk-coordinator" on:change=move |ev| coordinator.set(event_target_value(&ev))>
                {move || staff().into_iter().map(|name| {
                    let selected = name == enrolled_by;
                    view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
                }).collect_view()}
            </select>
            <button type="button" class="big" disabled=busy on:click=leave>{kt!(i18n, leave_button)}</button>
            {move || problem.get().map(|why| view! { <p class="error" role="alert">{why}</p> })}
        </section>
        <button type="button" class="big secondary" on:click=move |_| go.run(Screen::Start)>
            {kt!(i18n, back)}
        </button>
    }
}

/// The kiosk account's session ended (30 days, or revoked): its password
/// again, so the waiting submissions can go.
#[component]
fn RenewToken() -> impl IntoView {
    let i18n = use_i18n();
    let kiosk = Kiosk::use_context();
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let renew = move |_| {
        let Some(username) = kiosk
            .setup
            .with_untracked(|s| s.as_ref().map(|s| s.username.clone()))
        else {
            return;
        };
        let request = LoginRequest {
            username,
            password: password.get_untracked(),
        };
        password.set(String::new());
        spawn_local(async move {
            let answer: Result<Session, HttpError> =
                http::request_json("POST", "/api/auth/login", Some(&request), None, 20_000).await;
            let outcome = match answer {
                Ok(session) => kiosk.renew(session.token),
                Err(HttpError::Status(_, Some(body))) => Err(body.message),
                Err(_) => Err(i18n.kiosk().setup_offline.to_owned()),
            };
            problem.set(outcome.err());
        });
    };
    view! {
        <p class="error">{kt!(i18n, logged_out)}</p>
        <TextArea id="kiosk-renew" label=Signal::derive(move || i18n.kiosk().setup_password) value=password
            rows=1 input_type="password" />
        <button type="button" on:click=renew>{kt!(i18n, renew)}</button>
        {move || problem.get().map(|why| view! { <p class="error" role="alert">{why}</p> })}
    }
}
