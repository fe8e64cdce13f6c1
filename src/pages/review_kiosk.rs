//! Kiosk submissions in the console (coordinators, administrators):
//! residents' reports and household requests, newest first, by state;
//! one opened with its text, contact, photo and (for a request) the masked
//! NIK and the household surveyed with it; accept or decline.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use rukun_core::account::Role;
use rukun_core::kiosk::{display_receipt, KioskDecision, KioskDetail, KioskItem, KioskState};

use crate::console::{blob_url, call, encode, session_token, with_query};
use crate::i18n::*;
use crate::platform::clock::local_date_time;
use crate::state::{form_lang, Forms, Regions, Sync};

#[component]
pub fn ReviewKioskPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let regions = Regions::use_context();
    let lang = form_lang(i18n);
    let catalog = Forms::use_context().catalog.get_value();
    let wanted = RwSignal::new("received".to_owned());
    let items = RwSignal::new(Vec::<KioskItem>::new());
    let failure = RwSignal::new(None::<String>);
    let open = RwSignal::new(None::<String>);
    // Administrators read their working area's kelurahan.
    let kelurahan = sync.session.with_untracked(|s| {
        s.as_ref()
            .filter(|s| s.account.role == Role::Admin)
            .and(regions.area.get_untracked())
            .map(|a| a.kelurahan.to_string())
            .unwrap_or_default()
    });
    let load = move || {
        let path = with_query(
            "/api/review/kiosk",
            &[
                ("kelurahan", kelurahan.clone()),
                ("state", wanted.get_untracked()),
            ],
        );
        let token = session_token(sync, i18n);
        spawn_local(async move {
            match call::<(), Vec<KioskItem>>(i18n, token, "GET", &path, None).await {
                Ok(list) => {
                    items.set(list);
                    failure.set(None);
                }
                Err(why) => failure.set(Some(why)),
            }
        });
    };
    load();
    let reload = {
        let load = load.clone();
        Callback::new(move |()| load())
    };
    let label = move |item: &KioskItem| {
        let k = i18n.kiosk();
        match &item.category {
            Some(code) => catalog
                .code("infrastructure", "infra_category", code)
                .map_or_else(|| code.clone(), |c| c.label.get(lang.get()).to_owned()),
            None if item.kind == "household_update" => k.console_household.to_owned(),
            None => item.kind.clone(),
        }
    };
    view! {
        <p><A href="/review">{t!(i18n, review_back)}</A></p>
        <h1>{kt!(i18n, console_title)}</h1>
        <div class="field">
            <label for="kiosk-state">{kt!(i18n, console_state)}</label>
            <select id="kiosk-state" on:change=move |ev| { wanted.set(event_target_value(&ev)); open.set(None); load(); }>
                <option value="received">{kt!(i18n, board_received)}</option>
                <option value="accepted">{kt!(i18n, board_accepted)}</option>
                <option value="declined">{kt!(i18n, board_declined)}</option>
                <option value="">{kt!(i18n, console_all)}</option>
            </select>
        </div>
        {move || failure.get().map(|why| view! { <p class="error" role="alert">{why}</p> })}
        {move || items.with(Vec::is_empty).then(|| view! { <p class="hint">{t!(i18n, review_none)}</p> })}
        <ul class="records">
            {move || items.get().into_iter().map(|item| {
                let receipt = item.receipt.clone();
                let title = format!("{} · RT {:02}/RW {:02}", label(&item), item.rt, item.rw);
                let shown = display_receipt(&item.receipt);
                view! {
                    <li class="record">
                        <button type="button" class="link" on:click=move |_| open.set(Some(receipt.clone()))>
                            {title}
                        </button>
                        <p class="hint">{format!("{shown} · {}", local_date_time(item.received_ms))}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
        {move || open.get().map(|receipt| view! { <KioskSubmission receipt=receipt on_decided=reload /> })}
    }
}

#[component]
fn KioskSubmission(receipt: String, on_decided: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let detail = RwSignal::new(None::<KioskDetail>);
    let failure = RwSignal::new(None::<String>);
    let photo = RwSignal::new(None::<String>);
    let note = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let path = format!("/api/review/kiosk/{}", encode(&receipt));
    {
        let path = path.clone();
        let token = session_token(sync, i18n);
        spawn_local(async move {
            match call::<(), KioskDetail>(i18n, token.clone(), "GET", &path, None).await {
                Ok(found) => {
                    if found.has_photo {
                        photo.set(blob_url(i18n, token, &format!("{path}/photo")).await.ok());
                    }
                    detail.set(Some(found));
                }
                Err(why) => failure.set(Some(why)),
            }
        });
    }
    on_cleanup(move || {
        if let Some(url) = photo.get_untracked() {
            crate::platform::photo::revoke_url(&url);
        }
    });
    let decide = move |accept: bool| {
        let path = format!("{path}/decision");
        let body = KioskDecision {
            accept,
            note: note.get_untracked(),
        };
        let token = session_token(sync, i18n);
        busy.set(true);
        spawn_local(async move {
            match call::<_, KioskDetail>(i18n, token, "POST", &path, Some(&body)).await {
                Ok(decided) => {
                    detail.set(Some(decided));
                    failure.set(None);
                    on_decided.run(());
                }
                Err(why) => failure.set(Some(why)),
            }
            busy.set(false);
        });
    };
    let decide_accept = decide.clone();
    view! {
        <section class="card" aria-labelledby="kiosk-detail-title">
            <h2 id="kiosk-detail-title">{format!("{} {}", i18n.kiosk().receipt_code, display_receipt(&receipt))}</h2>
            {move || detail.get().map(|d| {
                let k = i18n.kiosk();
                let state = match d.item.state {
                    KioskState::Received => k.board_received,
                    KioskState::Accepted => k.board_accepted,
                    KioskState::Declined => k.board_declined,
                };
                view! {
                    <p>{format!("RT {:02} / RW {:02} · {}", d.item.rt, d.item.rw, local_date_time(d.item.received_ms))}</p>
                    <p><strong>{state}</strong>{d.decided_by.clone().map(|by| format!(" · {by}"))}{d.note.clone().filter(|n| !n.is_empty()).map(|n| format!(": {n}"))}</p>
                    <blockquote>{d.text.clone()}</blockquote>
                    {d.reason.clone().map(|r| view! { <p>{format!("{}: {r}", k.reason)}</p> })}
                    {d.nik_masked.clone().map(|nik| view! { <p>{format!("NIK {nik}")}</p> })}
                    {d.contact.clone().map(|c| view! { <p>{format!("{}: {c}", k.console_contact)}</p> })}
                    {d.point.clone().map(|p| view! { <p>{format!("{:.5}, {:.5}", p.lat, p.lon)}</p> })}
                    {(d.item.kind == "household_update").then(|| if d.households.is_empty() {
                        view! { <p class="hint">{k.console_no_household}</p> }.into_any()
                    } else {
                        d.households.iter().map(|id| view! {
                            <p><A href=format!("/review/{}", encode(id))>{k.console_household_record}</A></p>
                        }).collect_view().into_any()
                    })}
                    {d.record_id.clone().map(|id| view! {
                        <p><A href=format!("/review/{}", encode(&id))>{k.console_open_record}</A></p>
                    })}
                }
            })}
            {move || photo.get().map(|url| view! { <img class="photo" src=url alt=move || i18n.kiosk().photo_title /> })}
            <Show when=move || detail.with(|d| d.as_ref().is_some_and(|d| d.item.state == KioskState::Received))>
                <label for="kiosk-note">{kt!(i18n, console_note)}</label>
                <textarea id="kiosk-note" rows="2" on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                <div class="actions">
                    <button type="button" disabled=busy on:click={
                        let decide = decide_accept.clone();
                        move |_| decide(true)
                    }>{kt!(i18n, console_accept)}</button>
                    <button type="button" class="secondary" disabled=busy on:click={
                        let decide = decide.clone();
                        move |_| decide(false)
                    }>{kt!(i18n, console_decline)}</button>
                </div>
            </Show>
            {move || failure.get().map(|why| view! { <p class="error" role="alert">{why}</p> })}
        </section>
    }
}
