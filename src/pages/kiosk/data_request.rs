//! Data keluarga saya: a resident asks about what is held on their
//! household (UU 27/2022): to see it (handed over by a coordinator at the
//! office, never on this screen), to correct it, or to withdraw consent and
//! erase it. Proved by the receipt code on their card and the head of the
//! family's NIK (typed hidden, never shown again); sealed and queued like
//! every kiosk submission, ending on the receipt.

use leptos::prelude::*;
use rukun_core::consent::RequestKind;
use rukun_core::identity::Nik;
use rukun_core::kiosk::{is_receipt, normalise_receipt, KioskPayload};

use super::steps::{advance, send, StepButtons, TextArea};
use super::Screen;
use crate::i18n::*;
use crate::state::{form_lang, Kiosk};

const STEPS: u8 = 4;

#[component]
pub fn DataRequestFlow(go: Callback<Screen>) -> impl IntoView {
    let i18n = use_i18n();
    let kiosk = Kiosk::use_context();
    let lang = form_lang(i18n);
    let step = RwSignal::new(0u8);
    let kind = RwSignal::new(None::<RequestKind>);
    let receipt = RwSignal::new(String::new());
    let nik = RwSignal::new(String::new());
    let detail = RwSignal::new(String::new());
    let contact = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let payload = move || {
        let contact = contact.get_untracked();
        KioskPayload::DataRequest {
            request: kind.get_untracked().unwrap_or(RequestKind::Access),
            household_receipt: receipt.get_untracked().trim().to_owned(),
            nik: nik.get_untracked().trim().to_owned(),
            detail: detail.get_untracked().trim().to_owned(),
            contact: (!contact.trim().is_empty()).then(|| contact.trim().to_owned()),
        }
    };
    // The core's own words for the field of this step, when it is wrong.
    // `problem` checks the receipt, the NIK, then the detail: asked once
    // the steps before passed, it is about this step's field.
    let core_problem = move || -> Option<String> {
        let why = payload().problem(|_| true)?;
        Some(why.get(lang.get_untracked()).to_owned())
    };
    let on_next = Callback::new(move |()| {
        problem.set(None);
        let missing = match step.get_untracked() {
            0 => kind
                .with_untracked(Option::is_none)
                .then(|| i18n.rights().kiosk_need_choice.to_owned()),
            1 => receipt
                .with_untracked(|r| !is_receipt(&normalise_receipt(r.trim())))
                .then(core_problem)
                .flatten(),
            2 => nik
                .with_untracked(|n| Nik::parse(n.trim()).is_err())
                .then(core_problem)
                .flatten(),
            _ => None,
        };
        if let Some(why) = missing {
            return problem.set(Some(why));
        }
        if !advance(step, STEPS, None, problem) {
            return;
        }
        send(i18n, kiosk, payload(), &|_| true, go, problem, busy);
    });
    let choose = move |k: RequestKind| {
        kind.set(Some(k));
        on_next.run(());
    };
    let choice = move |k: RequestKind,
                       label: fn(I18n) -> &'static str,
                       hint: fn(I18n) -> &'static str| {
        view! {
            <button type="button" class="big choice"
                aria-pressed=move || (kind.get() == Some(k)).to_string() on:click=move |_| choose(k)>
                {move || label(i18n)}
                <span class="hint">{move || hint(i18n)}</span>
            </button>
        }
    };
    view! {
        <h1>{rt!(i18n, kiosk_start)}</h1>
        <p class="hint">{move || format!("{} {} / {STEPS}", i18n.kiosk().step, step.get() + 1)}</p>
        {move || match step.get() {
            0 => view! {
                <h2>{rt!(i18n, kiosk_what)}</h2>
                <div class="kiosk-choices">
                    {choice(RequestKind::Access, |i| i.rights().kiosk_access, |i| i.rights().kiosk_access_hint)}
                    {choice(RequestKind::Correction, |i| i.rights().kiosk_correction, |i| i.rights().kiosk_correction_hint)}
                    {choice(RequestKind::Erasure, |i| i.rights().kiosk_erasure, |i| i.rights().kiosk_erasure_hint)}
                </div>
            }.into_any(),
            1 => view! {
                <h2>{rt!(i18n, kiosk_receipt_title)}</h2>
                <p class="hint">{rt!(i18n, kiosk_receipt_hint)}</p>
                <TextArea id="kiosk-household-receipt" label=Signal::derive(move || i18n.rights().kiosk_code)
                    value=receipt rows=1 />
            }.into_any(),
            2 => view! {
                <h2>{rt!(i18n, kiosk_nik_title)}</h2>
                <p class="hint">{rt!(i18n, kiosk_nik_hint)}</p>
                <TextArea id="kiosk-head-nik" label=Signal::derive(move || i18n.rights().kiosk_nik) value=nik
                    rows=1 input_type="password" />
            }.into_any(),
            _ => view! {
                <h2>{rt!(i18n, kiosk_detail_title)}</h2>
                <TextArea id="kiosk-request-detail" label=Signal::derive(move || {
                    if kind.get() == Some(RequestKind::Correction) {
                        i18n.rights().kiosk_detail_required
                    } else {
                        i18n.rights().kiosk_detail_optional
                    }
                }) value=detail rows=3 />
                <TextArea id="kiosk-request-contact" label=Signal::derive(move || i18n.kiosk().contact) value=contact rows=1 />
            }.into_any(),
        }}
        {move || problem.get().map(|why| view! { <p class="error" role="alert">{why}</p> })}
        <StepButtons step=step go=go last=STEPS - 1 busy=busy.into()
            finish_label=Signal::derive(move || i18n.rights().kiosk_send) on_next=on_next />
    }
}
