//! About: what this is, the app's and server's versions, and this
//! device's settings (the auto-lock time).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::*;
use crate::platform::prefs::AUTO_LOCK_CHOICES_MIN;
use crate::state::{AutoLock, Connectivity};

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
        <p><A href="/processing">{rt!(i18n, processing_link)}</A></p>
        <dl class="card">
            <dt>{t!(i18n, about_app_version)}</dt>
            <dd>{crate::APP_VERSION}</dd>
            <dt>{t!(i18n, about_server_version)}</dt>
            <dd>{server_version}</dd>
        </dl>
        <AutoLockSetting />
    }
}

/// The idle time before the app locks itself, in minutes. A time set in
/// seconds elsewhere (the end-to-end test) is shown as it is.
#[component]
fn AutoLockSetting() -> impl IntoView {
    let i18n = use_i18n();
    let auto_lock = AutoLock::use_context();
    let choices = move || {
        let current = auto_lock.after_s.get();
        let mut seconds: Vec<u32> = AUTO_LOCK_CHOICES_MIN.iter().map(|m| m * 60).collect();
        if !seconds.contains(&current) {
            seconds.insert(0, current);
        }
        seconds
            .into_iter()
            .map(|s| {
                let text = if s % 60 == 0 {
                    format!("{} {}", s / 60, t_string!(i18n, auto_lock_minutes))
                } else {
                    format!("{s} {}", t_string!(i18n, auto_lock_seconds))
                };
                view! { <option value=s.to_string() selected=s == current>{text}</option> }
            })
            .collect_view()
    };
    let change = move |ev| {
        if let Ok(seconds) = event_target_value(&ev).parse::<u32>() {
            auto_lock.set(seconds);
        }
    };
    view! {
        <section class="card">
            <h2>{t!(i18n, settings_title)}</h2>
            <div class="field">
                <label for="auto-lock">{t!(i18n, auto_lock_label)}</label>
                <select id="auto-lock" on:change=change>{choices}</select>
                <p class="hint">{t!(i18n, auto_lock_hint)}</p>
            </div>
        </section>
    }
}
