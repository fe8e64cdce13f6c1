//! A resident reports an infrastructure problem: what kind, where, a
//! photo, a description and (if they like) how to reach them.

use leptos::prelude::*;
use rukun_core::form::GpsPoint;
use rukun_core::kiosk::{KioskPayload, KioskPhoto};

use super::photo::PhotoPicker;
use super::place::PlacePicker;
use super::point::PointPicker;
use super::steps::{advance, send, StepButtons, TextArea};
use super::Screen;
use crate::i18n::*;
use crate::state::{form_lang, Forms, Kiosk};

const STEPS: u8 = 4;

#[component]
pub fn ReportFlow(go: Callback<Screen>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = form_lang(i18n);
    let forms = Forms::use_context();
    let kiosk = Kiosk::use_context();
    let step = RwSignal::new(0u8);
    let category = RwSignal::new(String::new());
    let (rw, rt) = (RwSignal::new(0u16), RwSignal::new(0u16));
    let point = RwSignal::new(None::<GpsPoint>);
    let photo = RwSignal::new(None::<KioskPhoto>);
    let description = RwSignal::new(String::new());
    let contact = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // The newest infrastructure version's categories, once the stored
    // versions are read (and again when a sync brings a new one).
    let categories = Memo::new(move |_| {
        forms.revision.track();
        forms.catalog.with_value(|c| {
            c.latest("infrastructure")
                .and_then(|form| form.list("infra_category"))
                .map(|list| list.items.clone())
                .unwrap_or_default()
        })
    });
    let known =
        move |code: &str| categories.with_untracked(|all| all.iter().any(|c| c.code == code));
    let on_next = Callback::new(move |()| {
        problem.set(None);
        let k = i18n.kiosk();
        let missing = match step.get_untracked() {
            0 => category
                .with_untracked(String::is_empty)
                .then_some(k.need_category),
            1 => (rw.get_untracked() == 0 || rt.get_untracked() == 0).then_some(k.need_place),
            _ => None,
        };
        if !advance(step, STEPS, missing, problem) {
            return;
        }
        let contact = contact.get_untracked();
        let payload = KioskPayload::Report {
            category: category.get_untracked(),
            rw: rw.get_untracked(),
            rt: rt.get_untracked(),
            description: description.get_untracked(),
            contact: (!contact.trim().is_empty()).then_some(contact),
            point: point.get_untracked(),
            photo: photo.get_untracked(),
        };
        send(i18n, kiosk, payload, &known, go, problem, busy);
    });
    let category_buttons = move || {
        categories.get()
        .iter()
        .map(|choice| {
            let code = choice.code.clone();
            let label = choice.label.clone();
            let chosen = {
                let code = code.clone();
                move || category.with(|c| *c == code)
            };
            view! {
                <button type="button" class="big choice" aria-pressed=move || chosen().to_string()
                    on:click=move |_| { category.set(code.clone()); problem.set(None); step.set(1); }>
                    {move || label.get(lang.get()).to_owned()}
                </button>
            }
        })
        .collect_view()
    };
    view! {
        <h1>{kt!(i18n, start_report)}</h1>
        <p class="hint">{move || format!("{} {} / {STEPS}", i18n.kiosk().step, step.get() + 1)}</p>
        <div class="kiosk-step" class:hidden=move || step.get() != 0>
            <h2>{kt!(i18n, report_what)}</h2>
            <div class="kiosk-choices">{category_buttons}</div>
        </div>
        {move || match step.get() {
            1 => view! {
                <h2>{kt!(i18n, where_title)}</h2>
                <PlacePicker rw=rw rt=rt />
                <PointPicker point=point />
            }.into_any(),
            2 => view! {
                <h2>{kt!(i18n, photo_title)}</h2>
                <p class="hint">{kt!(i18n, optional)}</p>
                <PhotoPicker photo=photo />
            }.into_any(),
            3 => view! {
                <h2>{kt!(i18n, describe_title)}</h2>
                <TextArea id="kiosk-description" label=Signal::derive(move || i18n.kiosk().description) value=description />
                <TextArea id="kiosk-contact" label=Signal::derive(move || i18n.kiosk().contact) value=contact rows=1 />
            }.into_any(),
            _ => ().into_any(),
        }}
        {move || problem.get().map(|why| view! { <p class="error" role="alert">{why}</p> })}
        <StepButtons step=step go=go last=STEPS - 1 busy=busy.into()
            finish_label=Signal::derive(move || i18n.kiosk().send_report) on_next=on_next />
    }
}
