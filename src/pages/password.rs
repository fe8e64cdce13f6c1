//! "Ganti kata sandi" for everyone signed in: the field app reaches it from
//! the Kirim screen, the console from Akun.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::account::PasswordChange;

use crate::components::PasswordForm;
use crate::console::{accounts, session_token};
use crate::i18n::*;
use crate::state::Sync;

#[component]
pub fn PasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let busy = RwSignal::new(false);
    let status = RwSignal::new(None::<(bool, String)>);
    let on_submit = Callback::new(move |change: PasswordChange| {
        let token = session_token(sync, i18n);
        busy.set(true);
        spawn_local(async move {
            let result = match token {
                Ok(token) => accounts::change_password(i18n, &token, &change).await,
                Err(e) => Err(e),
            };
            busy.set(false);
            status.set(Some(match result {
                Ok(()) => (true, t_string!(i18n, password_changed).to_owned()),
                Err(e) => (false, e),
            }));
        });
    });
    view! {
        <h1>{t!(i18n, password_title)}</h1>
        <PasswordForm busy=busy status=status on_submit=on_submit />
    }
}
