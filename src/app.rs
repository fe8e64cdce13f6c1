//! The app shell: app-wide state (created above the router, so it lives as
//! long as the app), the layout and the routes.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use rukun_core::account::Role;

use crate::components::{ErasedNotice, NavBar, UpdateBanner};
use crate::i18n::*;
use crate::pages::{
    AboutPage, AccountsPage, AreaPage, AuditPage, BoardPage, FormsPage, HeldDataPage, HomePage,
    KioskSetupPage, KioskShell, LoginPage, PasswordPage, ProcessingPage, ProgressPage, RecordPage,
    RecordsPage, RequestsPage, ReviewDetailPage, ReviewKioskPage, ReviewListPage, SyncPage,
    Unlocked,
};
use crate::state::{
    language, seal_legacy_data_on_unlock, AppUpdate, AutoLock, Connectivity, DeviceStorage, Forms,
    Kiosk, Profiles, Regions, Sync,
};

#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <Shell />
        </I18nContextProvider>
    }
}

#[component]
fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    language::restore(i18n);
    let connectivity = Connectivity::provide();
    let profiles = Profiles::provide();
    seal_legacy_data_on_unlock(profiles);
    Regions::provide(connectivity, profiles);
    let update = AppUpdate::provide();
    let forms = Forms::provide();
    let sync = Sync::provide(connectivity, forms, profiles);
    let unlocked = Signal::derive(move || profiles.active.with(Option::is_some));
    let manages_accounts = Signal::derive(move || {
        sync.session.with(|s| {
            s.as_ref()
                .is_some_and(|s| matches!(s.account.role, Role::Admin | Role::Coordinator))
        })
    });
    let publishes_forms = Signal::derive(move || {
        sync.session
            .with(|s| s.as_ref().is_some_and(|s| s.account.role == Role::Admin))
    });
    DeviceStorage::provide();
    let kiosk = Kiosk::provide(connectivity, forms);
    AutoLock::provide(profiles, kiosk);
    // A kiosk shows the kiosk screens and nothing else, whatever the URL.
    let is_kiosk = Memo::new(move |_| kiosk.setup.with(Option::is_some));
    move || {
        if is_kiosk.get() {
            return view! { <KioskShell /> }.into_any();
        }
        view! {
        <Router>
            <UpdateBanner visible=update.ready on_reload=Callback::new(move |()| update.apply()) />
            <ErasedNotice erased=sync.erased />
            <NavBar status=connectivity.status unlocked=unlocked show_accounts=manages_accounts show_forms=publishes_forms
                on_lock=Callback::new(move |()| spawn_local(profiles.lock_after_saving())) />
            <main>
                // Every screen with records shows the gate (log in, set the
                // PIN, unlock) instead while the app is locked.
                <Routes fallback=move || view! { <p>{t!(i18n, not_found)}</p> }>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/area") view=|| view! { <Unlocked><AreaPage /></Unlocked> } />
                    <Route path=path!("/records") view=|| view! { <Unlocked><RecordsPage /></Unlocked> } />
                    <Route path=path!("/records/:id") view=|| view! { <Unlocked><RecordPage /></Unlocked> } />
                    <Route path=path!("/progress") view=|| view! { <Unlocked><ProgressPage /></Unlocked> } />
                    <Route path=path!("/review") view=|| view! { <Unlocked><ReviewListPage /></Unlocked> } />
                    <Route path=path!("/review/kiosk") view=|| view! { <Unlocked><ReviewKioskPage /></Unlocked> } />
                    <Route path=path!("/review/:id") view=|| view! { <Unlocked><ReviewDetailPage /></Unlocked> } />
                    <Route path=path!("/audit") view=|| view! { <Unlocked><AuditPage /></Unlocked> } />
                    <Route path=path!("/requests") view=|| view! { <Unlocked><RequestsPage /></Unlocked> } />
                    <Route path=path!("/requests/:id/data") view=|| view! { <Unlocked><HeldDataPage /></Unlocked> } />
                    <Route path=path!("/processing") view=ProcessingPage />
                    <Route path=path!("/sync") view=|| view! { <Unlocked><SyncPage /></Unlocked> } />
                    <Route path=path!("/about") view=AboutPage />
                    <Route path=path!("/login") view=|| view! { <Unlocked><LoginPage /></Unlocked> } />
                    <Route path=path!("/password") view=|| view! { <Unlocked><PasswordPage /></Unlocked> } />
                    <Route path=path!("/accounts") view=|| view! { <Unlocked><AccountsPage /></Unlocked> } />
                    <Route path=path!("/forms") view=|| view! { <Unlocked><FormsPage /></Unlocked> } />
                    <Route path=path!("/kiosk") view=|| view! { <Unlocked><KioskSetupPage /></Unlocked> } />
                    <Route path=path!("/board") view=BoardPage />
                </Routes>
            </main>
        </Router>
        }
        .into_any()
    }
}
