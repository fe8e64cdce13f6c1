//! Logging in (online): the first time on this device, for another account,
//! after a forgotten PIN, or when the session ended. A new PIN follows
//! unless the unlocked account is only renewing its session.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use rukun_core::account::{LoginRequest, Session};

use crate::i18n::*;
use crate::platform::http::{self, HttpError};
use crate::state::{Profiles, Sync};
use crate::storage::StoredSession;

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let profiles = Profiles::use_context();
    let navigate = use_navigate();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = LoginRequest {
            username: username.get_untracked(),
            password: password.get_untracked(),
        };
        let navigate = navigate.clone();
        busy.set(true);
        spawn_local(async move {
            let answer: Result<Session, HttpError> =
                http::request_json("POST", "/api/auth/login", Some(&request), None, 20_000).await;
            busy.set(false);
            match answer {
                Ok(session) => {
                    let renewing = profiles.active.with_untracked(|a| {
                        a.as_ref()
                            .is_some_and(|a| a.username == session.account.username)
                    });
                    if !renewing {
                        profiles.lock();
                        profiles.enrolling.set(Some(session));
                        return;
                    }
                    let stored = StoredSession {
                        token: session.token,
                        expires_at_ms: session.expires_at_ms as f64,
                        account: session.account,
                    };
                    match sync.log_in(stored).await {
                        Ok(()) => navigate("/records", Default::default()),
                        Err(e) => failure.set(Some(e.to_string())),
                    }
                }
                Err(HttpError::Unreachable) => {
                    failure.set(Some(t_string!(i18n, login_offline).to_owned()))
                }
                Err(HttpError::Status(_, Some(body))) => failure.set(Some(body.message)),
                Err(other) => failure.set(Some(format!(
                    "{}: {other:?}",
                    t_string!(i18n, login_failed)
                ))),
            }
        });
    };
    view! {
        <h1>{t!(i18n, login_title)}</h1>
        <form class="card" on:submit=submit>
            <div class="field">
                <label for="login-username">{t!(i18n, login_username)}</label>
                <input id="login-username" type="text" autocomplete="username" autocapitalize="none"
                    on:input=move |ev| username.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for="login-password">{t!(i18n, login_password)}</label>
                <input id="login-password" type="password" autocomplete="current-password"
                    on:input=move |ev| password.set(event_target_value(&ev)) />
            </div>
            <button type="submit" disabled=move || busy.get()>{t!(i18n, login_submit)}</button>
            <p class="error" role="alert">{move || failure.get()}</p>
        </form>
    }
}
