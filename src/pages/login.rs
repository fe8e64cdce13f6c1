//! Logging in (online): the first time on this device, for another account,
//! after a forgotten PIN, or when the session ended. A new PIN follows
//! unless the unlocked account is only renewing its session. A password
//! reset by a coordinator or administrator is replaced first: the session
//! may do nothing else until then.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use rukun_core::account::{LoginRequest, PasswordChange, Session};

use crate::components::PasswordForm;
use crate::console::accounts;
use crate::i18n::*;
use crate::platform::http::{self, HttpError};
use crate::state::{Forms, Profiles, Sync};
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
    // A login with a one-time password, and that password, until the
    // holder has chosen their own.
    let reset = RwSignal::new(None::<(Session, String)>);
    let forms = Forms::use_context();
    let go_on = StoredValue::new(move |session: Session| {
        let navigate = navigate.clone();
        // The forms come down while the PIN is chosen: the phone is online
        // now, and may not be when the first household starts.
        let token = session.token.clone();
        spawn_local(async move {
            if let Err(e) = forms.download_new(&token).await {
                leptos::logging::warn!("form versions not downloaded at login: {e}");
            }
        });
        spawn_local(async move {
            if let Err(e) = proceed(session, profiles, sync, navigate).await {
                failure.set(Some(e));
            }
        });
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = LoginRequest {
            username: username.get_untracked(),
            password: password.get_untracked(),
        };
        busy.set(true);
        spawn_local(async move {
            let answer: Result<Session, HttpError> =
                http::request_json("POST", "/api/auth/login", Some(&request), None, 20_000).await;
            busy.set(false);
            match answer {
                Ok(session) if session.must_change_password => {
                    reset.set(Some((session, request.password)))
                }
                Ok(session) => go_on.with_value(|go_on| go_on(session)),
                Err(HttpError::Unreachable) => {
                    failure.set(Some(t_string!(i18n, login_offline).to_owned()))
                }
                Err(HttpError::Status(_, Some(body))) => {
                    failure.set(Some(accounts::in_language(i18n, &body.message)))
                }
                Err(other) => failure.set(Some(format!(
                    "{}: {other:?}",
                    t_string!(i18n, login_failed)
                ))),
            }
        });
    };
    let change_status = RwSignal::new(None::<(bool, String)>);
    let change = Callback::new(move |change: PasswordChange| {
        let Some((session, _)) = reset.get_untracked() else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            let changed = accounts::change_password(i18n, &session.token, &change).await;
            busy.set(false);
            match changed {
                Ok(()) => go_on.with_value(|go_on| {
                    go_on(Session {
                        must_change_password: false,
                        ..session
                    })
                }),
                Err(e) => change_status.set(Some((false, e))),
            }
        });
    });
    move || {
        match reset.get() {
        Some((_, one_time)) => view! {
            <h1>{t!(i18n, password_title)}</h1>
            <p role="alert">{t!(i18n, password_must_change)}</p>
            <PasswordForm known_current=one_time busy=busy status=change_status on_submit=change />
            <p class="error" role="alert">{move || failure.get()}</p>
        }
        .into_any(),
        None => view! {
            <h1>{t!(i18n, login_title)}</h1>
            <form class="card" on:submit=submit>
                <div class="field">
                    <label for="login-username">{t!(i18n, login_username)}</label>
                    <input id="login-username" type="text" autocomplete="username" autocapitalize="none"
                        prop:value=move || username.get()
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
        .into_any(),
    }
    }
}

/// After a login: a new PIN for a new or other profile, or, when the
/// unlocked account only renewed its session, keep syncing with it.
async fn proceed(
    session: Session,
    profiles: Profiles,
    sync: Sync,
    navigate: impl Fn(&str, NavigateOptions),
) -> Result<(), String> {
    let renewing = profiles.active.with_untracked(|a| {
        a.as_ref()
            .is_some_and(|a| a.username == session.account.username)
    });
    if !renewing {
        profiles.lock();
        profiles.enrolling.set(Some(session));
        return Ok(());
    }
    let stored = StoredSession {
        token: session.token,
        expires_at_ms: session.expires_at_ms as f64,
        account: session.account,
    };
    sync.log_in(stored).await.map_err(|e| e.to_string())?;
    navigate("/records", Default::default());
    Ok(())
}
