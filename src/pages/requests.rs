//! Permintaan data (coordinators, administrators): residents' requests to
//! see, correct or erase their household's data (UU 27/2022), open ones
//! first and the overdue ones at the top as the server orders them; one
//! recorded at the office; the steps that fit each; and, for
//! administrators, the privacy notice's versions.

mod held;
mod notices;
mod record_form;
mod row;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use rukun_core::account::Role;
use rukun_core::consent::{DataRequest, RequestKind, RequestState};

use self::notices::NoticesSection;
use self::record_form::RecordRequest;
use self::row::RequestCard;
use crate::console::{rights, session_token};
use crate::i18n::*;
use crate::state::Sync;

pub use held::HeldDataPage;

/// A kind's name as the console shows it.
pub fn kind_label(i18n: I18n, kind: RequestKind) -> &'static str {
    let r = i18n.rights();
    match kind {
        RequestKind::Access => r.kind_access,
        RequestKind::Correction => r.kind_correction,
        RequestKind::Erasure => r.kind_erasure,
    }
}

pub fn state_label(i18n: I18n, state: RequestState) -> &'static str {
    let r = i18n.rights();
    match state {
        RequestState::Open => r.state_open,
        RequestState::Done => r.state_done,
        RequestState::Declined => r.state_declined,
    }
}

#[component]
pub fn RequestsPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let wanted = RwSignal::new(Some(RequestState::Open));
    let items = RwSignal::new(Vec::<DataRequest>::new());
    let failure = RwSignal::new(None::<String>);
    let is_admin = Signal::derive(move || {
        sync.session
            .with(|s| s.as_ref().is_some_and(|s| s.account.role == Role::Admin))
    });
    let load = move || {
        let token = session_token(sync, i18n);
        let state = wanted.get_untracked();
        spawn_local(async move {
            match rights::requests(i18n, token, "", state).await {
                Ok(list) => {
                    items.set(list);
                    failure.set(None);
                }
                Err(why) => failure.set(Some(why)),
            }
        });
    };
    load();
    let reload = Callback::new(move |()| load());
    let choose = move |ev| {
        wanted.set(RequestState::parse(&event_target_value(&ev)));
        load();
    };
    view! {
        <h1>{rt!(i18n, requests_title)}</h1>
        <p>{rt!(i18n, requests_intro)}</p>
        <p><A href="/processing">{rt!(i18n, processing_link)}</A></p>
        <div class="field">
            <label for="request-state">{rt!(i18n, requests_state)}</label>
            <select id="request-state" on:change=choose>
                <option value="open">{rt!(i18n, state_open)}</option>
                <option value="done">{rt!(i18n, state_done)}</option>
                <option value="declined">{rt!(i18n, state_declined)}</option>
                <option value="">{rt!(i18n, requests_all)}</option>
            </select>
        </div>
        {move || failure.get().map(|why| view! { <p class="error" role="alert">{why}</p> })}
        {move || items.with(Vec::is_empty).then(|| view! { <p class="hint">{rt!(i18n, requests_none)}</p> })}
        <ul class="records requests">
            {move || items.get().into_iter().map(|request| view! {
                <RequestCard request=request on_changed=reload />
            }).collect_view()}
        </ul>
        <RecordRequest on_recorded=reload />
        <Show when=move || is_admin.get()>
            <NoticesSection />
        </Show>
    }
}
