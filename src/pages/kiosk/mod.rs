//! Kiosk mode (issue 6): what a tablet at the kelurahan office shows once
//! a coordinator has made it a kiosk. Only these screens exist here: no
//! navigation, no records, no accounts. The screen is a state, not a URL,
//! so there is no history to go back through; after the receipt or after
//! a while without a touch, everything a resident typed is dropped with
//! the screen that held it.

mod data_request;
mod household;
mod leave;
mod photo;
mod place;
mod point;
mod receipt;
mod report;
mod setup;
mod status;
mod steps;

use leptos::ev;
use leptos::prelude::*;
use std::time::Duration;

use crate::components::LanguageSwitch;
use crate::i18n::*;
use crate::platform::{clock, page, service_worker};
use crate::state::{language, AppUpdate, Kiosk};
use data_request::DataRequestFlow;
use household::HouseholdFlow;
use leave::LeaveKiosk;
use receipt::ReceiptScreen;
use report::ReportFlow;
use status::StatusLookup;

pub use setup::KioskSetupPage;

/// How long the receipt stays up at most (a resident may walk away).
const RECEIPT_SECONDS: u32 = 45;
/// A new version is applied after this long untouched on the start screen.
const UPDATE_IDLE_MS: f64 = 30_000.0;

#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Start,
    Report,
    Household,
    DataRequest,
    Receipt(String),
    Status,
    Staff,
}

#[component]
pub fn KioskShell() -> impl IntoView {
    let i18n = use_i18n();
    let kiosk = Kiosk::use_context();
    let update = AppUpdate::use_context();
    let screen = RwSignal::new(Screen::Start);
    let last_touch = StoredValue::new(clock::now_ms());
    let touched = move || last_touch.set_value(clock::now_ms());
    let handles = [
        window_event_listener(ev::pointerdown, move |_| touched()),
        window_event_listener(ev::keydown, move |_| touched()),
        window_event_listener(ev::input, move |_| touched()),
    ];
    on_cleanup(move || handles.into_iter().for_each(|h| h.remove()));
    // Forget the URL the tablet was on: the kiosk has one page.
    page::replace_url("/");
    let go = Callback::new(move |next: Screen| {
        touched();
        screen.set(next);
    });
    let reset = move || {
        screen.set(Screen::Start);
        // The next resident starts in Bahasa Indonesia again.
        if i18n.get_locale() != Locale::id {
            language::choose(i18n, Locale::id);
        }
        service_worker::check_for_update();
        page::blur_focus();
    };
    let timer = set_interval_with_handle(
        move || {
            let idle_s = kiosk
                .setup
                .with_untracked(|s| s.as_ref().map_or(90, |s| s.idle_seconds));
            let idle_ms = clock::now_ms() - last_touch.get_value();
            let limit_s = match screen.get_untracked() {
                // A new version is taken up between residents.
                Screen::Start => {
                    if update.ready.get_untracked() && idle_ms > UPDATE_IDLE_MS {
                        update.apply();
                    }
                    return;
                }
                Screen::Receipt(_) => idle_s.min(RECEIPT_SECONDS),
                _ => idle_s,
            };
            if idle_ms > f64::from(limit_s) * 1000.0 {
                reset();
            }
        },
        Duration::from_secs(1),
    );
    if let Ok(timer) = timer {
        on_cleanup(move || timer.clear());
    }
    let place_name = move || {
        kiosk
            .setup
            .with(|s| s.as_ref().map(|s| s.kelurahan.name.clone()))
    };
    view! {
        <header class="kiosk-header">
            <p><strong>{move || place_name().map(|n| format!("Kelurahan {n}"))}</strong></p>
            <LanguageSwitch />
        </header>
        <main class="kiosk">
            {move || match screen.get() {
                Screen::Start => view! { <StartScreen go=go /> }.into_any(),
                Screen::Report => view! { <ReportFlow go=go /> }.into_any(),
                Screen::Household => view! { <HouseholdFlow go=go /> }.into_any(),
                Screen::DataRequest => view! { <DataRequestFlow go=go /> }.into_any(),
                Screen::Receipt(code) => view! { <ReceiptScreen code=code go=go /> }.into_any(),
                Screen::Status => view! { <StatusLookup go=go /> }.into_any(),
                Screen::Staff => view! { <LeaveKiosk go=go /> }.into_any(),
            }}
        </main>
        <footer class="kiosk-footer">
            <p class="hint">{move || {
                let waiting = kiosk.waiting.get();
                (waiting > 0).then(|| format!("{} {waiting}", i18n.kiosk().waiting))
            }}</p>
            <button type="button" class="link" on:click=move |_| go.run(Screen::Staff)>
                {kt!(i18n, staff)}
            </button>
        </footer>
    }
}

#[component]
fn StartScreen(go: Callback<Screen>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{kt!(i18n, welcome)}</h1>
        <p>{kt!(i18n, welcome_hint)}</p>
        <div class="kiosk-choices">
            <button type="button" class="big" on:click=move |_| go.run(Screen::Report)>
                {kt!(i18n, start_report)}
            </button>
            <button type="button" class="big" on:click=move |_| go.run(Screen::Household)>
                {kt!(i18n, start_household)}
            </button>
            <button type="button" class="big" on:click=move |_| go.run(Screen::DataRequest)>
                {rt!(i18n, kiosk_start)}
            </button>
            <button type="button" class="big secondary" on:click=move |_| go.run(Screen::Status)>
                {kt!(i18n, start_status)}
            </button>
        </div>
    }
}
