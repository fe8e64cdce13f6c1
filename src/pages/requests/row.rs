//! One data request: what, from where, whose, when it is due (overdue
//! marked), and the steps that fit its kind while it is open; a step's
//! refusal is shown next to the buttons.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use rukun_core::consent::{DataRequest, RequestAction, RequestKind, RequestState, RequestStep};
use rukun_core::kiosk::display_receipt;

use super::{kind_label, state_label};
use crate::components::Confirm;
use crate::console::{rights, session_token};
use crate::i18n::*;
use crate::platform::clock::local_date_time;
use crate::state::Sync;

/// What is open under the buttons: nothing, the erasure's confirmation or
/// the reason for declining.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Asking {
    Nothing,
    Erase,
    Decline,
}

#[component]
pub fn RequestCard(request: DataRequest, on_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let asking = RwSignal::new(Asking::Nothing);
    let reason = RwSignal::new(String::new());
    let id = request.id;
    let me = sync
        .session
        .with_untracked(|s| s.as_ref().map(|s| s.account.username.clone()));
    let act = move |step: RequestStep, note: String| {
        let token = session_token(sync, i18n);
        busy.set(true);
        spawn_local(async move {
            match rights::act(i18n, token, id, &RequestAction { step, note }).await {
                Ok(_) => {
                    failure.set(None);
                    on_changed.run(());
                }
                Err(why) => failure.set(Some(why)),
            }
            busy.set(false);
        });
    };
    let decline = move |_| {
        let note = reason.get_untracked();
        if note.trim().is_empty() {
            return failure.set(Some(i18n.rights().need_reason.to_owned()));
        }
        act(RequestStep::Decline, note.trim().to_owned());
    };
    let open = request.state == RequestState::Open;
    let kind = request.kind;
    let has_household = request.record_id.is_some();
    let record_id = request.record_id.clone();
    let mine = request.owner.is_some() && request.owner == me;
    let title_id = format!("request-{id}");
    let labelled_by = title_id.clone();
    let step_button = move |label: fn(I18n) -> &'static str, step: RequestStep| {
        view! {
            <button type="button" disabled=busy on:click=move |_| act(step, String::new())>
                {move || label(i18n)}
            </button>
        }
    };
    let kind_steps = match kind {
        RequestKind::Access => view! {
            <A href=format!("/requests/{id}/data")>{rt!(i18n, view_data)}</A>
            {step_button(|i| i.rights().handed, RequestStep::Handed)}
        }
        .into_any(),
        RequestKind::Correction => {
            step_button(|i| i.rights().return_volunteer, RequestStep::ReturnToVolunteer).into_any()
        }
        RequestKind::Erasure => view! {
            <button type="button" class="danger" disabled=busy on:click=move |_| asking.set(Asking::Erase)>
                {rt!(i18n, erase)}
            </button>
        }
        .into_any(),
    };
    view! {
        <li class="record card" class:overdue=request.overdue && open aria-labelledby=labelled_by>
            <h2 id=title_id>
                {format!("#{id} · ")}{move || kind_label(i18n, kind)}
                {(request.overdue && open).then(|| view! { " " <strong class="badge danger">{rt!(i18n, overdue)}</strong> })}
            </h2>
            <RequestFacts request=request.clone() />
            {(open && !has_household).then(|| view! { <p class="warning">{rt!(i18n, no_household)}</p> })}
            {open.then(|| view! {
                <div class="actions">
                    {(!mine).then(|| step_button(|i| i.rights().take, RequestStep::Take))}
                    {has_household.then_some(kind_steps)}
                    <button type="button" class="secondary" disabled=busy on:click=move |_| asking.set(Asking::Decline)>
                        {rt!(i18n, decline)}
                    </button>
                </div>
                {move || match asking.get() {
                    Asking::Nothing => ().into_any(),
                    Asking::Erase => view! {
                        {record_id.clone().map(|record_id| view! { <ErasureTarget record_id /> })}
                        <Confirm question=Signal::derive(move || i18n.rights().erase_confirm) busy=busy
                            on_yes=Callback::new(move |()| act(RequestStep::Erase, String::new()))
                            on_no=Callback::new(move |()| asking.set(Asking::Nothing)) />
                    }.into_any(),
                    Asking::Decline => view! {
                        <div class="field">
                            <label for=format!("decline-{id}")>{rt!(i18n, decline_reason)}</label>
                            <textarea id=format!("decline-{id}") rows="2" maxlength="1000"
                                on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                        </div>
                        <button type="button" class="danger" disabled=busy on:click=decline>{rt!(i18n, decline_send)}</button>
                    }.into_any(),
                }}
            })}
            {move || failure.get().map(|why| view! { <p class="error" role="alert">{why}</p> })}
        </li>
    }
}

/// What the request is: its state, where it came from, whose it is, when
/// it came and is due, the resident's words and how it ended.
#[component]
fn RequestFacts(request: DataRequest) -> impl IntoView {
    let i18n = use_i18n();
    let owner = request.owner.clone();
    let source = request.source.clone();
    view! {
        <dl class="request-facts">
            <dt>{rt!(i18n, col_state)}</dt><dd>{move || state_label(i18n, request.state)}</dd>
            <dt>{rt!(i18n, col_source)}</dt>
            <dd>{move || if source == "kiosk" { i18n.rights().source_kiosk } else { i18n.rights().source_console }}</dd>
            <dt>{rt!(i18n, col_owner)}</dt>
            <dd>{move || owner.clone().unwrap_or_else(|| i18n.rights().nobody.to_owned())}</dd>
            <dt>{rt!(i18n, col_received)}</dt><dd>{local_date_time(request.created_ms)}</dd>
            <dt>{rt!(i18n, col_due)}</dt><dd>{local_date_time(request.due_ms)}</dd>
            {request.kiosk_receipt.as_deref().map(|r| view! {
                <dt>{rt!(i18n, kiosk_receipt)}</dt><dd>{display_receipt(r)}</dd>
            })}
            {(!request.detail.is_empty()).then(|| view! {
                <dt>{rt!(i18n, detail)}</dt><dd>{request.detail.clone()}</dd>
            })}
            {request.closed_ms.map(|at| view! {
                <dt>{rt!(i18n, closed)}</dt>
                <dd>{format!("{} · {}", local_date_time(at), request.closed_by.clone().unwrap_or_default())}</dd>
            })}
            {(!request.note.is_empty()).then(|| view! {
                <dt>{rt!(i18n, note)}</dt><dd>{request.note.clone()}</dd>
            })}
        </dl>
    }
}

/// The household an erasure takes: its head of family (or address), place
/// and number of members, loaded when the confirmation opens.
#[component]
fn ErasureTarget(record_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let found = RwSignal::new(None::<String>);
    let token = session_token(sync, i18n);
    spawn_local(async move {
        let text = match rights::household(i18n, token, &record_id).await {
            Ok(detail) => {
                let item = detail.item;
                format!(
                    "{} · RT {:02} / RW {:02} · {} {}",
                    item.title,
                    item.rt,
                    item.rw,
                    item.members,
                    i18n.rights().members
                )
            }
            Err(why) => why,
        };
        found.set(Some(text));
    });
    view! { <p><strong>{move || found.get()}</strong></p> }
}
