//! What is not sent yet, the last success, the last error, who is logged
//! in; "send now", "log out" (which warns while anything is unsent) and
//! the way to change one's password.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::*;

#[component]
pub fn SyncPanel(
    #[prop(into)] username: Signal<Option<String>>,
    #[prop(into)] unsent: Signal<usize>,
    /// "HH:MM" of the last successful round.
    #[prop(into)]
    last_success: Signal<Option<String>>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(into)] running: Signal<bool>,
    on_sync: Callback<()>,
    on_logout: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let logout = move |_| {
        if unsent.get_untracked() > 0 && !confirming.get_untracked() {
            confirming.set(true);
        } else {
            confirming.set(false);
            on_logout.run(());
        }
    };
    view! {
        <section class="card sync" aria-labelledby="sync-title">
            <h2 id="sync-title">{t!(i18n, sync_title)}</h2>
            <p role="status">{t!(i18n, sync_unsent)}": " {move || unsent.get()}
                " · " {t!(i18n, sync_last)}": " {move || last_success.get().unwrap_or_else(|| t_string!(i18n, sync_never).to_owned())}
                {move || running.get().then(|| view! { " · " {t!(i18n, sync_running)} })}
            </p>
            <p class="error">{move || error.get().map(|e| format!("{}: {e}", t_string!(i18n, sync_failed)))}</p>
            {move || match username.get() {
                Some(name) => view! {
                    <p>{t!(i18n, login_as)}" " <strong>{name}</strong></p>
                    <div class="actions">
                        <button type="button" on:click=move |_| on_sync.run(())>{t!(i18n, sync_now)}</button>
                        <button type="button" class="secondary" on:click=logout>{t!(i18n, logout)}</button>
                        <A href="/password">{t!(i18n, password_title)}</A>
                    </div>
                    <Show when=move || confirming.get()>
                        <p class="warning" role="alert">{move || unsent.get()} " " {t!(i18n, logout_unsent)}</p>
                    </Show>
                }.into_any(),
                None => view! {
                    <p>{t!(i18n, sync_login_needed)}</p>
                    <A href="/login">{t!(i18n, nav_login)}</A>
                }.into_any(),
            }}
        </section>
    }
}
