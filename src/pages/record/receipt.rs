//! The household's receipt (UU 27/2022), shown once its survey is
//! completed: the code in large type to write on a printed card, and the
//! same code as a QR code to show. The code is random: nothing personal.

use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};
use rukun_core::kiosk::display_receipt;

use crate::i18n::*;

#[component]
pub fn ReceiptCard(code: String, on_done: UnsyncCallback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let qr = qr_svg(&code);
    view! {
        <section class="card household-receipt" aria-labelledby="receipt-title">
            <h2 id="receipt-title">{rt!(i18n, receipt_title)}</h2>
            <p class="receipt-code">{display_receipt(&code)}</p>
            {qr.map(|(size, path)| view! {
                <svg class="receipt-qr" role="img" viewBox=format!("-4 -4 {} {}", size + 8, size + 8)
                    aria-label=move || i18n.rights().receipt_qr>
                    <rect x="-4" y="-4" width=size + 8 height=size + 8 fill="#fff" />
                    <path d=path fill="#000" />
                </svg>
            })}
            <p>{rt!(i18n, receipt_hint)}</p>
            <button type="button" on:click=move |_| on_done.run(())>{rt!(i18n, receipt_done)}</button>
        </section>
    }
}

/// The code's QR symbol: its size in modules and an SVG path of its dark
/// modules (one unit each; the view adds the four-module quiet zone).
fn qr_svg(code: &str) -> Option<(i32, String)> {
    let qr = QrCode::encode_text(code, QrCodeEcc::Medium).ok()?;
    let size = qr.size();
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if qr.get_module(x, y) {
                path.push_str(&format!("M{x} {y}h1v1h-1z"));
            }
        }
    }
    Some((size, path))
}
