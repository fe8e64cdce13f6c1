//! Atur ulang kata sandi: after a question, the server makes a one-time
//! password and this panel shows it once, large and easy to select. It is
//! kept nowhere else: closing the panel forgets it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::account::{AccountChange, AccountInfo};

use crate::components::Confirm;
use crate::console::{accounts, session_token};
use crate::i18n::*;
use crate::state::Sync;

#[component]
pub fn ResetPanel(
    info: AccountInfo,
    on_changed: Callback<AccountInfo>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let one_time = RwSignal::new(None::<String>);
    let username = info.account.username;
    let label_id = format!("one-time-{username}");
    let yes = Callback::new(move |()| {
        let token = session_token(sync, i18n);
        let username = username.clone();
        busy.set(true);
        spawn_local(async move {
            let change = AccountChange {
                password_reset: true,
                ..AccountChange::default()
            };
            let result = accounts::change(i18n, token, &username, &change).await;
            busy.set(false);
            match result {
                Ok(changed) => {
                    one_time.set(changed.one_time_password);
                    on_changed.run(changed.account);
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    });
    let question = Signal::derive(move || t_string!(i18n, accounts_reset_confirm));
    move || match one_time.get() {
        None => view! {
            <Confirm question busy on_yes=yes on_no=on_close />
            <p class="error" role="alert">{move || failure.get()}</p>
        }
        .into_any(),
        Some(password) => view! {
            <div class="one-time">
                <p id=label_id.clone()>{t!(i18n, accounts_one_time)}</p>
                <output aria-labelledby=label_id.clone()>{password}</output>
                <p class="warning">{t!(i18n, accounts_one_time_note)}</p>
                <button type="button" class="secondary" on:click=move |_| on_close.run(())>
                    {t!(i18n, accounts_close)}
                </button>
            </div>
        }
        .into_any(),
    }
}
