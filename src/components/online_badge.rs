//! Online/offline indicator, announced to screen readers when it changes.

use leptos::prelude::*;

use crate::i18n::*;
use crate::state::ServerStatus;

#[component]
pub fn OnlineBadge(#[prop(into)] status: Signal<ServerStatus>) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || match status.get() {
        ServerStatus::Online => t_string!(i18n, status_online),
        ServerStatus::Offline => t_string!(i18n, status_offline),
        ServerStatus::Checking => t_string!(i18n, status_checking),
    };
    let class = move || match status.get() {
        ServerStatus::Online => "badge online",
        ServerStatus::Offline => "badge offline",
        ServerStatus::Checking => "badge",
    };
    view! {
        <span class=class role="status" aria-label=move || t_string!(i18n, status_label)>
            {text}
        </span>
    }
}
