//! "What became of my report?": a receipt code in, its state out, and
//! nothing else (the server answers with the state only).

use crate::platform::url::encode;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::kiosk::{is_receipt, normalise_receipt, KioskState, ReceiptStatus};

use super::steps::TextArea;
use super::Screen;
use crate::i18n::*;
use crate::platform::http::{self, HttpError};
use crate::state::Kiosk;

#[component]
pub fn StatusLookup(go: Callback<Screen>) -> impl IntoView {
    let i18n = use_i18n();
    let kiosk = Kiosk::use_context();
    let code = RwSignal::new(String::new());
    let answer = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let check = move |_| {
        let typed = normalise_receipt(&code.get_untracked());
        let k = i18n.kiosk();
        if !is_receipt(&typed) {
            return answer.set(Some(k.status_bad_code));
        }
        busy.set(true);
        spawn_local(async move {
            let k = i18n.kiosk();
            let text = if kiosk.is_waiting(&typed).await {
                k.status_waiting
            } else {
                let path = format!("/api/receipts/{}", encode(&typed));
                match http::get_json::<ReceiptStatus>(&path, 10_000).await {
                    Ok(status) => match status.state {
                        KioskState::Received => k.status_received,
                        KioskState::Accepted => k.status_accepted,
                        KioskState::Declined => k.status_declined,
                    },
                    Err(HttpError::Status(404, _)) => k.status_unknown,
                    Err(_) => k.status_offline,
                }
            };
            answer.set(Some(text));
            busy.set(false);
        });
    };
    view! {
        <h1>{kt!(i18n, start_status)}</h1>
        <TextArea id="kiosk-receipt" label=Signal::derive(move || i18n.kiosk().receipt_code) value=code rows=1 />
        <button type="button" class="big" disabled=busy on:click=check>{kt!(i18n, status_check)}</button>
        <p role="status" class="kiosk-answer">{move || answer.get()}</p>
        <button type="button" class="big secondary" on:click=move |_| go.run(Screen::Start)>
            {kt!(i18n, done)}
        </button>
    }
}
