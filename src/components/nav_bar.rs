//! The top bar: app name, navigation, server status and language.

use leptos::prelude::*;
use leptos_router::components::A;

use super::{LanguageSwitch, OnlineBadge};
use crate::i18n::*;
use crate::state::ServerStatus;

#[component]
pub fn NavBar(
    #[prop(into)] status: Signal<ServerStatus>,
    /// Whether the account may manage accounts (administrator, coordinator).
    #[prop(into)]
    show_accounts: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="top-bar">
            <span class="brand">"Rukun"</span>
            <OnlineBadge status=status />
            <LanguageSwitch />
        </header>
        <nav class="tabs" aria-label=move || t_string!(i18n, nav_label)>
            <A href="/" exact=true>{t!(i18n, nav_home)}</A>
            <A href="/records">{t!(i18n, nav_records)}</A>
            <A href="/area">{t!(i18n, nav_area)}</A>
            <Show when=move || show_accounts.get()>
                <A href="/accounts">{t!(i18n, nav_accounts)}</A>
            </Show>
            <A href="/about">{t!(i18n, nav_about)}</A>
        </nav>
    }
}
