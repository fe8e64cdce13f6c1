//! The receipt: a short code to ask about the submission later. It leaves
//! by itself after a short while, taking everything the resident typed.

use leptos::prelude::*;
use rukun_core::kiosk::display_receipt;

use super::Screen;
use crate::i18n::*;
use crate::state::{Connectivity, ServerStatus};

#[component]
pub fn ReceiptScreen(code: String, go: Callback<Screen>) -> impl IntoView {
    let i18n = use_i18n();
    let connectivity = Connectivity::use_context();
    view! {
        <h1>{kt!(i18n, receipt_title)}</h1>
        <p>{kt!(i18n, receipt_code)}</p>
        <p class="receipt" aria-label=move || i18n.kiosk().receipt_code>{display_receipt(&code)}</p>
        <p>{kt!(i18n, receipt_hint)}</p>
        {move || (connectivity.status.get() != ServerStatus::Online)
            .then(|| view! { <p class="hint">{kt!(i18n, receipt_offline)}</p> })}
        <button type="button" class="big" on:click=move |_| go.run(Screen::Start)>
            {kt!(i18n, done)}
        </button>
    }
}
