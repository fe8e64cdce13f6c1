//! Accounts, for administrators and coordinators: who exists, and a form to
//! create one and assign a volunteer's RTs. The server enforces who may
//! create what; this screen only offers what the role may do.

mod new_account;

use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::account::{Account, Role};

use self::new_account::NewAccountForm;
use crate::i18n::*;
use crate::platform::http;
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
    let accounts = RwSignal::new(Vec::<Account>::new());
    let failure = RwSignal::new(None::<String>);
    let manager = Memo::new(move |_| {
        sync.session.with(|s| {
            s.as_ref()
                .filter(|s| matches!(s.account.role, Role::Admin | Role::Coordinator))
                .cloned()
        })
    });
    let reload = move || {
        let Some(session) = manager.get_untracked() else {
            return;
        };
        spawn_local(async move {
            match http::request_json::<(), Vec<Account>>(
                "GET",
                "/api/accounts",
                None,
                Some(&session.token),
                20_000,
            )
            .await
            {
                Ok(list) => accounts.set(list),
                Err(e) => failure.set(Some(format!("{e:?}"))),
            }
        });
    };
    Effect::new(move |_| {
        if manager.with(Option::is_some) {
            reload();
        }
    });
    view! {
        <h1>{t!(i18n, accounts_title)}</h1>
        <Show when=move || manager.with(Option::is_some) fallback=move || view! { <p>{t!(i18n, accounts_forbidden)}</p> }>
            <ul class="records">
                {move || accounts.get().into_iter().map(|a| {
                    let rts = a.rts.iter().map(|r| format!("RT {:02}/RW {:02}", r.rt, r.rw)).collect::<Vec<_>>().join(", ");
                    view! {
                        <li class="record">
                            <strong>{a.username.clone()}</strong> " · " {role_label(i18n, a.role)}
                            <p class="hint">{a.kelurahan.map(|k| k.to_string())} " " {rts}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="error">{move || failure.get()}</p>
            <p><leptos_router::components::A href="/kiosk">{kt!(i18n, setup_title)}</leptos_router::components::A></p>
            {move || manager.get().map(|session| view! { <NewAccountForm session on_created=Callback::new(move |()| reload()) /> })}
        </Show>
    }
}
