//! Where: the RW and RT of the kiosk's kelurahan, as two big selects.

use leptos::prelude::*;

use crate::i18n::*;
use crate::state::Kiosk;

/// RW and RT numbers (0: not chosen yet).
#[component]
pub fn PlacePicker(rw: RwSignal<u16>, rt: RwSignal<u16>) -> impl IntoView {
    let i18n = use_i18n();
    let kiosk = Kiosk::use_context();
    let rws = move || {
        kiosk.setup.with(|s| {
            s.as_ref()
                .map(|s| s.kelurahan.rw.clone())
                .unwrap_or_default()
        })
    };
    let rts = move || {
        let chosen = rw.get();
        rws()
            .into_iter()
            .find(|r| r.number == chosen)
            .map(|r| r.rt)
            .unwrap_or_default()
    };
    let number = |ev| event_target_value(&ev).parse::<u16>().unwrap_or(0);
    view! {
        <label for="kiosk-rw">{kt!(i18n, rw)}</label>
        <select id="kiosk-rw" class="big" on:change=move |ev| { rw.set(number(ev)); rt.set(0); }>
            <option value="0" selected=move || rw.get() == 0>{kt!(i18n, choose)}</option>
            {move || rws().into_iter().map(|r| {
                let n = r.number;
                view! { <option value=n selected=move || rw.get() == n>{format!("RW {n:02}")}</option> }
            }).collect_view()}
        </select>
        <label for="kiosk-rt">{kt!(i18n, rt)}</label>
        <select id="kiosk-rt" class="big" on:change=move |ev| rt.set(number(ev))>
            <option value="0" selected=move || rt.get() == 0>{kt!(i18n, choose)}</option>
            {move || rts().into_iter().map(|n| {
                view! { <option value=n selected=move || rt.get() == n>{format!("RT {n:02}")}</option> }
            }).collect_view()}
        </select>
    }
}
