//! About: what this is, and the app's and server's versions.

use leptos::prelude::*;

use crate::i18n::*;
use crate::state::Connectivity;

#[component]
pub fn AboutPage() -> impl IntoView {
    let i18n = use_i18n();
    let connectivity = Connectivity::use_context();
    let server_version = move || {
        connectivity
            .server_version
            .get()
            .unwrap_or_else(|| t_string!(i18n, about_server_unreachable).to_owned())
    };
    view! {
        <h1>{t!(i18n, about_title)}</h1>
        <p>{t!(i18n, about_text)}</p>
        <dl class="card">
            <dt>{t!(i18n, about_app_version)}</dt>
            <dd>{crate::APP_VERSION}</dd>
            <dt>{t!(i18n, about_server_version)}</dt>
            <dd>{server_version}</dd>
        </dl>
    }
}
