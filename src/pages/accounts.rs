//! Accounts, for administrators and coordinators: a table of who exists,
//! what each may be done to (disable, reset the password, change RTs, end
//! sessions), and a form to create one. The server enforces who may do
//! what; this screen only offers what the role may do.

mod new_account;
mod powers;
mod reset;
mod row;
mod rts;
mod sessions;
mod toggle;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use rukun_core::account::{AccountInfo, Role};

use self::new_account::NewAccountForm;
use self::row::AccountRow;
use crate::console::{accounts, session_token};
use crate::i18n::*;
use crate::state::Sync;

pub fn role_label(i18n: I18n, role: Role) -> &'static str {
    match role {
        Role::Admin => t_string!(i18n, role_admin),
        Role::Coordinator => t_string!(i18n, role_coordinator),
        Role::Volunteer => t_string!(i18n, role_volunteer),
        Role::Kiosk => t_string!(i18n, role_kiosk),
    }
}

#[component]
pub fn AccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let accounts = RwSignal::new(Vec::<AccountInfo>::new());
    let failure = RwSignal::new(None::<String>);
    let manager = Memo::new(move |_| {
        sync.session.with(|s| {
            s.as_ref()
                .filter(|s| matches!(s.account.role, Role::Admin | Role::Coordinator))
                .cloned()
        })
    });
    let reload = move || {
        let token = session_token(sync, i18n);
        spawn_local(async move {
            let listed = match token {
                Ok(token) => accounts::list(i18n, &token).await,
                Err(e) => Err(e),
            };
            match listed {
                Ok(list) => {
                    failure.set(None);
                    accounts.set(list);
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    Effect::new(move |_| {
        if manager.with(Option::is_some) {
            reload();
        }
    });
    let changed = Callback::new(move |info: AccountInfo| {
        accounts.update(|list| {
            if let Some(old) = list
                .iter_mut()
                .find(|a| a.account.username == info.account.username)
            {
                *old = info;
            }
        })
    });
    view! {
        <h1>{t!(i18n, accounts_title)}</h1>
        <Show when=move || manager.with(Option::is_some) fallback=move || view! { <p>{t!(i18n, accounts_forbidden)}</p> }>
            <table class="accounts">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, login_username)}</th>
                        <th scope="col">{t!(i18n, accounts_role)}</th>
                        <th scope="col">{t!(i18n, area_kelurahan)}</th>
                        <th scope="col">{t!(i18n, accounts_rts)}</th>
                        <th scope="col">{t!(i18n, accounts_status)}</th>
                        <th scope="col">{t!(i18n, accounts_actions)}</th>
                    </tr>
                </thead>
                // Keyed, so a row's open panel (a one-time password on
                // screen) survives the list being updated or reloaded.
                <For each=move || accounts.with(|l| l.iter().map(|a| a.account.username.clone()).collect::<Vec<_>>())
                    key=|username| username.clone()
                    children=move |username| {
                        let actor = manager.get_untracked().map(|s| s.account);
                        actor.map(|actor| view! { <AccountRow username accounts actor on_changed=changed /> })
                    } />
            </table>
            <p class="error" role="alert">{move || failure.get()}</p>
            <p class="actions">
                <A href="/password">{t!(i18n, password_title)}</A>
                <A href="/kiosk">{kt!(i18n, setup_title)}</A>
            </p>
            {move || manager.get().map(|session| view! { <NewAccountForm session on_created=Callback::new(move |()| reload()) /> })}
        </Show>
    }
}
