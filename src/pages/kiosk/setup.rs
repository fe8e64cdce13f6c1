//! Enrolment: a coordinator (or administrator), logged in on the office
//! tablet, makes it a kiosk of their kelurahan with a kiosk account. The
//! tablet keeps the kiosk account's token (it may only submit) and the
//! server's public key; the coordinator's profile is locked and its PIN is
//! what leaves kiosk mode again.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::account::{LoginRequest, Role, Session};
use rukun_core::kiosk::KioskKey;

use crate::i18n::*;
use crate::kiosk::{KioskSetup, DEFAULT_IDLE_SECONDS, MAX_IDLE_SECONDS, MIN_IDLE_SECONDS};
use crate::platform::http::{self, HttpError};
use crate::state::{Kiosk, Profiles, Regions};

#[component]
pub fn KioskSetupPage() -> impl IntoView {
    let i18n = use_i18n();
    let kiosk = Kiosk::use_context();
    let profiles = Profiles::use_context();
    let regions = Regions::use_context();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let idle = RwSignal::new(DEFAULT_IDLE_SECONDS.to_string());
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let coordinator = move || profiles.active.get();
    let allowed =
        move || coordinator().is_some_and(|a| matches!(a.role, Role::Coordinator | Role::Admin));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let k = i18n.kiosk();
        let Some(me) = profiles.active.get_untracked() else {
            return;
        };
        let idle_seconds = match idle.get_untracked().trim().parse::<u32>() {
            Ok(s) if (MIN_IDLE_SECONDS..=MAX_IDLE_SECONDS).contains(&s) => s,
            _ => return failure.set(Some(k.setup_bad_idle.to_owned())),
        };
        let request = LoginRequest {
            username: username.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            let k = i18n.kiosk();
            let outcome = async {
                let session: Session =
                    http::request_json("POST", "/api/auth/login", Some(&request), None, 20_000)
                        .await
                        .map_err(|e| reason(e, k.setup_offline))?;
                let kelurahan_code = session
                    .account
                    .kelurahan
                    .filter(|_| session.account.role == Role::Kiosk)
                    .ok_or(k.setup_not_kiosk.to_owned())?;
                if me.role == Role::Coordinator && me.kelurahan != Some(kelurahan_code) {
                    return Err(k.setup_other_kelurahan.to_owned());
                }
                let kelurahan = regions
                    .tree
                    .with_untracked(|t| {
                        t.as_ref()
                            .and_then(|t| t.find_kelurahan(&kelurahan_code).cloned())
                    })
                    .ok_or(k.setup_no_regions.to_owned())?;
                let key: KioskKey = http::get_json("/api/kiosk/key", 10_000)
                    .await
                    .map_err(|e| reason(e, k.setup_offline))?;
                kiosk.enrol(KioskSetup {
                    username: session.account.username,
                    token: session.token,
                    kelurahan,
                    coordinator: me.username,
                    key,
                    idle_seconds,
                })
            }
            .await;
            busy.set(false);
            match outcome {
                Ok(()) => profiles.lock(),
                Err(why) => failure.set(Some(why)),
            }
        });
    };
    view! {
        <h1>{kt!(i18n, setup_title)}</h1>
        <Show when=allowed fallback=move || view! { <p>{t!(i18n, accounts_forbidden)}</p> }>
            <p>{kt!(i18n, setup_intro)}</p>
            <form class="card" on:submit=submit>
                <div class="field">
                    <label for="kiosk-username">{kt!(i18n, setup_username)}</label>
                    <input id="kiosk-username" type="text" autocomplete="off" autocapitalize="none"
                        on:input=move |ev| username.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="kiosk-password">{kt!(i18n, setup_password)}</label>
                    <input id="kiosk-password" type="password" autocomplete="off"
                        on:input=move |ev| password.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="kiosk-idle">{kt!(i18n, setup_idle)}</label>
                    <input id="kiosk-idle" type="number" inputmode="numeric"
                        min=MIN_IDLE_SECONDS max=MAX_IDLE_SECONDS prop:value=move || idle.get()
                        on:input=move |ev| idle.set(event_target_value(&ev)) />
                </div>
                <button type="submit" disabled=busy>{kt!(i18n, setup_submit)}</button>
                {move || failure.get().map(|why| view! { <p class="error" role="alert">{why}</p> })}
            </form>
        </Show>
    }
}

/// The server's reason, or `offline` when it did not answer.
fn reason(error: HttpError, offline: &str) -> String {
    match error {
        HttpError::Status(_, Some(body)) => body.message,
        HttpError::Unreachable => offline.to_owned(),
        other => format!("{other:?}"),
    }
}
