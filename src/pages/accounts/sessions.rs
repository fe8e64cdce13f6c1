//! Sesi: where the account is logged in (device, last seen, created), and
//! "Akhiri" for each, after a question: the ended device sends what it
//! holds, then erases the account's data.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::account::{AccountInfo, SessionInfo};

use crate::components::Confirm;
use crate::console::{accounts, session_token};
use crate::i18n::*;
use crate::platform::clock::local_date_time;
use crate::state::Sync;

#[component]
pub fn SessionsPanel(info: AccountInfo, on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let list = RwSignal::new(None::<Vec<SessionInfo>>);
    let failure = RwSignal::new(None::<String>);
    let ended = RwSignal::new(false);
    let username = StoredValue::new(info.account.username);
    let load = move || {
        let token = session_token(sync, i18n);
        spawn_local(async move {
            let loaded = accounts::sessions(i18n, token, &username.get_value()).await;
            match loaded {
                Ok(sessions) => list.set(Some(sessions)),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    load();
    let on_ended = Callback::new(move |()| {
        ended.set(true);
        load();
    });
    view! {
        {move || list.get().map(|sessions| if sessions.is_empty() {
            view! { <p>{t!(i18n, accounts_sessions_none)}</p> }.into_any()
        } else {
            view! {
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, session_device)}</th>
                            <th scope="col">{t!(i18n, session_last_seen)}</th>
                            <th scope="col">{t!(i18n, session_created)}</th>
                            <th scope="col">{t!(i18n, accounts_actions)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {sessions.into_iter().map(|s| view! { <SessionRow session=s on_ended failure /> }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        })}
        <p role="status">{move || ended.get().then(|| t_string!(i18n, session_ended))}</p>
        <p class="error" role="alert">{move || failure.get()}</p>
        <button type="button" class="secondary" on:click=move |_| on_close.run(())>{t!(i18n, accounts_close)}</button>
    }
}

#[component]
fn SessionRow(
    session: SessionInfo,
    on_ended: Callback<()>,
    failure: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let id = session.id;
    let end = Callback::new(move |()| {
        let token = session_token(sync, i18n);
        busy.set(true);
        spawn_local(async move {
            let result = accounts::end_session(i18n, token, id).await;
            busy.set(false);
            confirming.set(false);
            match result {
                Ok(()) => {
                    failure.set(None);
                    on_ended.run(());
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    });
    let question = Signal::derive(move || t_string!(i18n, session_end_confirm));
    view! {
        <tr>
            <td>
                {session.device}
                {session.current.then(|| view! { " (" {t!(i18n, session_this)} ")" })}
            </td>
            <td>{local_date_time(session.last_seen_ms)}</td>
            <td>{local_date_time(session.created_ms)}</td>
            <td>
                // This device's own session ends with "Keluar", which also
                // keeps its unsent data.
                {(!session.current).then(|| view! {
                    <Show when=move || confirming.get()
                        fallback=move || view! {
                            <button type="button" class="secondary" on:click=move |_| confirming.set(true)>
                                {t!(i18n, session_end)}
                            </button>
                        }>
                        <Confirm question busy on_yes=end on_no=Callback::new(move |()| confirming.set(false)) />
                    </Show>
                })}
            </td>
        </tr>
    }
}
