//! Catat permintaan: a resident at the office asks about their household's
//! data; the coordinator types the kind, the receipt code from the card,
//! the head of the family's NIK (a hidden field, emptied once sent) and
//! what they ask.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::consent::{NewRequest, RequestKind};

use super::kind_label;
use crate::console::{rights, session_token};
use crate::i18n::*;
use crate::state::Sync;

#[component]
pub fn RecordRequest(on_recorded: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let kind = RwSignal::new(RequestKind::Access);
    let receipt = RwSignal::new(String::new());
    let nik = RwSignal::new(String::new());
    let detail = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Result<(), String>>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = NewRequest {
            kind: kind.get_untracked(),
            receipt: receipt.get_untracked().trim().to_owned(),
            nik: nik.get_untracked().trim().to_owned(),
            detail: detail.get_untracked().trim().to_owned(),
        };
        let token = session_token(sync, i18n);
        busy.set(true);
        spawn_local(async move {
            match rights::record(i18n, token, &request).await {
                Ok(_) => {
                    // The NIK is never shown again, nor left in the page.
                    nik.set(String::new());
                    receipt.set(String::new());
                    detail.set(String::new());
                    outcome.set(Some(Ok(())));
                    on_recorded.run(());
                }
                Err(why) => outcome.set(Some(Err(why))),
            }
            busy.set(false);
        });
    };
    let input = |value: RwSignal<String>| move |ev| value.set(event_target_value(&ev));
    view! {
        <section class="card" aria-labelledby="record-request-title">
            <h2 id="record-request-title">{rt!(i18n, record_title)}</h2>
            <p class="hint">{rt!(i18n, record_hint)}</p>
            <form on:submit=submit>
                <div class="field">
                    <label for="request-kind">{rt!(i18n, field_kind)}</label>
                    <select id="request-kind" on:change=move |ev| {
                        if let Some(k) = RequestKind::parse(&event_target_value(&ev)) {
                            kind.set(k);
                        }
                    }>
                        {RequestKind::ALL.into_iter().map(|k| view! {
                            <option value=k.as_str() selected=move || kind.get() == k>{move || kind_label(i18n, k)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="request-receipt">{rt!(i18n, field_receipt)}</label>
                    <input id="request-receipt" type="text" autocomplete="off" spellcheck="false" maxlength="20"
                        prop:value=move || receipt.get() on:input=input(receipt) />
                </div>
                <div class="field">
                    <label for="request-nik">{rt!(i18n, field_nik)}</label>
                    <input id="request-nik" type="password" inputmode="numeric" autocomplete="off" maxlength="16"
                        prop:value=move || nik.get() on:input=input(nik) />
                </div>
                <div class="field">
                    <label for="request-detail">{rt!(i18n, field_detail)}</label>
                    <textarea id="request-detail" rows="2" maxlength="1000"
                        prop:value=move || detail.get() on:input=input(detail)></textarea>
                </div>
                <button type="submit" disabled=busy>{rt!(i18n, record_send)}</button>
                {move || outcome.get().map(|result| match result {
                    Ok(()) => view! { <p role="status" class="notice">{rt!(i18n, recorded)}</p> }.into_any(),
                    Err(why) => view! { <p class="error" role="alert">{why}</p> }.into_any(),
                })}
            </form>
        </section>
    }
}
