//! A resident asks for a correction of their household's data: where they
//! live, their NIK (typed hidden, never shown again), what should change
//! and why, and (if they like) how to reach them.

use leptos::prelude::*;
use rukun_core::identity::Nik;
use rukun_core::kiosk::KioskPayload;

use super::place::PlacePicker;
use super::steps::{advance, send, StepButtons, TextArea};
use super::Screen;
use crate::i18n::*;
use crate::state::Kiosk;

const STEPS: u8 = 3;

#[component]
pub fn HouseholdFlow(go: Callback<Screen>) -> impl IntoView {
    let i18n = use_i18n();
    let kiosk = Kiosk::use_context();
    let step = RwSignal::new(0u8);
    let (rw, rt) = (RwSignal::new(0u16), RwSignal::new(0u16));
    let nik = RwSignal::new(String::new());
    let change = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let contact = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let on_next = Callback::new(move |()| {
        problem.set(None);
        let k = i18n.kiosk();
        let missing = match step.get_untracked() {
            0 => (rw.get_untracked() == 0 || rt.get_untracked() == 0).then_some(k.need_place),
            1 => nik
                .with_untracked(|n| Nik::parse(n.trim()).is_err())
                .then_some(k.bad_nik),
            _ => None,
        };
        if !advance(step, STEPS, missing, problem) {
            return;
        }
        let contact = contact.get_untracked();
        let payload = KioskPayload::HouseholdUpdate {
            rw: rw.get_untracked(),
            rt: rt.get_untracked(),
            nik: nik.get_untracked().trim().to_owned(),
            change: change.get_untracked(),
            reason: reason.get_untracked(),
            contact: (!contact.trim().is_empty()).then_some(contact),
        };
        send(i18n, kiosk, payload, &|_| true, go, problem, busy);
    });
    view! {
        <h1>{kt!(i18n, start_household)}</h1>
        <p class="hint">{move || format!("{} {} / {STEPS}", i18n.kiosk().step, step.get() + 1)}</p>
        {move || match step.get() {
            0 => view! {
                <h2>{kt!(i18n, where_live)}</h2>
                <PlacePicker rw=rw rt=rt />
            }.into_any(),
            1 => view! {
                <h2>{kt!(i18n, nik_title)}</h2>
                <p class="hint">{kt!(i18n, nik_hint)}</p>
                <TextArea id="kiosk-nik" label=Signal::derive(move || i18n.kiosk().nik) value=nik
                    rows=1 input_type="password" />
            }.into_any(),
            _ => view! {
                <h2>{kt!(i18n, change_title)}</h2>
                <TextArea id="kiosk-change" label=Signal::derive(move || i18n.kiosk().change) value=change />
                <TextArea id="kiosk-reason" label=Signal::derive(move || i18n.kiosk().reason) value=reason rows=2 />
                <TextArea id="kiosk-contact" label=Signal::derive(move || i18n.kiosk().contact) value=contact rows=1 />
            }.into_any(),
        }}
        {move || problem.get().map(|why| view! { <p class="error" role="alert">{why}</p> })}
        <StepButtons step=step go=go last=STEPS - 1 busy=busy.into()
            finish_label=Signal::derive(move || i18n.kiosk().send_request) on_next=on_next />
    }
}
