//! Nonaktifkan / Aktifkan, after a question saying what follows: a
//! disabled account's devices send what they hold, then erase its data.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::account::{AccountChange, AccountInfo};

use crate::components::Confirm;
use crate::console::{accounts, session_token};
use crate::i18n::*;
use crate::state::Sync;

#[component]
pub fn TogglePanel(
    info: AccountInfo,
    on_changed: Callback<AccountInfo>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let enable = !info.active;
    let username = info.account.username;
    let yes = Callback::new(move |()| {
        let token = session_token(sync, i18n);
        let username = username.clone();
        busy.set(true);
        spawn_local(async move {
            let change = AccountChange {
                active: Some(enable),
                ..AccountChange::default()
            };
            let result = accounts::change(i18n, token, &username, &change).await;
            busy.set(false);
            match result {
                Ok(changed) => {
                    on_changed.run(changed.account);
                    on_close.run(());
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    });
    let question = Signal::derive(move || {
        if enable {
            t_string!(i18n, accounts_enable_confirm)
        } else {
            t_string!(i18n, accounts_disable_confirm)
        }
    });
    view! {
        <Confirm question busy on_yes=yes on_no=on_close />
        <p class="error" role="alert">{move || failure.get()}</p>
    }
}
