//! The top bar: app name, navigation, server status and language.

use leptos::prelude::*;
use leptos_router::components::A;

use super::{LanguageSwitch, OnlineBadge};
use crate::i18n::*;
use crate::state::ServerStatus;

#[component]
pub fn NavBar(
    #[prop(into)] status: Signal<ServerStatus>,
    /// Whether a profile is unlocked (the tabs and "lock" show only then).
    #[prop(into)]
    unlocked: Signal<bool>,
    /// Whether the account may manage accounts (administrator, coordinator).
    #[prop(into)]
    show_accounts: Signal<bool>,
    /// Whether the account may publish forms (administrator).
    #[prop(into)]
    show_forms: Signal<bool>,
    on_lock: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="top-bar">
            <span class="brand">"Rukun"</span>
            <OnlineBadge status=status />
            <LanguageSwitch />
            <Show when=move || unlocked.get()>
                <button type="button" class="secondary lock" on:click=move |_| on_lock.run(())>
                    {t!(i18n, lock_app)}
                </button>
            </Show>
        </header>
        <nav class="tabs" aria-label=move || t_string!(i18n, nav_label)>
            <A href="/" exact=true>{t!(i18n, nav_home)}</A>
            <Show when=move || unlocked.get()>
                <A href="/records">{t!(i18n, nav_records)}</A>
                <A href="/sync">{t!(i18n, nav_sync)}</A>
                <A href="/area">{t!(i18n, nav_area)}</A>
            </Show>
            <Show when=move || unlocked.get() && show_accounts.get()>
                <A href="/review">{t!(i18n, nav_review)}</A>
                <A href="/progress">{t!(i18n, nav_progress)}</A>
                <A href="/requests">{rt!(i18n, nav_requests)}</A>
            </Show>
            <Show when=move || unlocked.get() && show_accounts.get()>
                <A href="/accounts">{t!(i18n, nav_accounts)}</A>
            </Show>
            <Show when=move || unlocked.get() && show_forms.get()>
                <A href="/forms">{t!(i18n, nav_forms)}</A>
            </Show>
            <A href="/about">{t!(i18n, nav_about)}</A>
        </nav>
    }
}
