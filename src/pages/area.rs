//! The working-area picker: kecamatan, kelurahan, RW, RT, from the tree on
//! the device; saved to IndexedDB before it says "saved".

mod draft;

use leptos::prelude::*;
use leptos::task::spawn_local;

use self::draft::Draft;
use crate::components::SelectField;
use crate::i18n::*;
use crate::state::{Regions, RegionsSource};

/// What the last save did.
#[derive(Clone, PartialEq)]
enum SaveState {
    Idle,
    Saved,
    Failed(String),
}

#[component]
pub fn AreaPage() -> impl IntoView {
    let i18n = use_i18n();
    let regions = Regions::use_context();
    let draft = RwSignal::new(Draft::default());
    let save_state = RwSignal::new(SaveState::Idle);
    // Start from the saved area once it is known.
    Effect::new(move |_| {
        if let Some(area) = regions.area.get() {
            draft.set(Draft::from_area(&area));
        }
    });
    let tree = move || regions.tree.get();
    let choices =
        move |level: fn(&Draft, &rukun_core::RegionTree) -> Vec<crate::components::Choice>| {
            Signal::derive(move || tree().map(|t| level(&draft.get(), &t)).unwrap_or_default())
        };
    let change = move |update: fn(&mut Draft, String)| {
        Callback::new(move |value: String| {
            draft.update(|d| update(d, value));
            save_state.set(SaveState::Idle);
        })
    };
    let save = move |_| {
        let Some(area) = draft.get_untracked().to_area() else {
            return;
        };
        spawn_local(async move {
            save_state.set(match regions.save_area(area).await {
                Ok(()) => SaveState::Saved,
                Err(error) => SaveState::Failed(error.to_string()),
            });
        });
    };
    let placeholder = Signal::derive(move || t_string!(i18n, area_choose).to_owned());
    let label = move |text: fn(&'static crate::i18n::Texts) -> &'static str| {
        Signal::derive(move || text(i18n.texts()).to_owned())
    };
    view! {
        <h1>{t!(i18n, area_title)}</h1>
        <p class="hint">
            {move || match regions.source.get() {
                RegionsSource::Loading => t_string!(i18n, area_loading),
                RegionsSource::Device => t_string!(i18n, area_from_cache),
                RegionsSource::Unavailable => t_string!(i18n, area_unavailable),
                RegionsSource::Server => "",
            }}
        </p>
        <form class="card" on:submit=move |ev| { ev.prevent_default(); save(()); }>
            <SelectField id="area-kecamatan" label=label(|t| t.area_kecamatan) placeholder choices=choices(Draft::kecamatan_choices)
                value=Signal::derive(move || draft.get().kecamatan) on_change=change(Draft::set_kecamatan) />
            <SelectField id="area-kelurahan" label=label(|t| t.area_kelurahan) placeholder choices=choices(Draft::kelurahan_choices)
                value=Signal::derive(move || draft.get().kelurahan) on_change=change(Draft::set_kelurahan) />
            <SelectField id="area-rw" label=label(|t| t.area_rw) placeholder choices=choices(Draft::rw_choices)
                value=Signal::derive(move || draft.get().rw) on_change=change(Draft::set_rw) />
            <SelectField id="area-rt" label=label(|t| t.area_rt) placeholder choices=choices(Draft::rt_choices)
                value=Signal::derive(move || draft.get().rt) on_change=change(Draft::set_rt) />
            <button type="submit" disabled=move || draft.get().to_area().is_none()>
                {t!(i18n, area_save)}
            </button>
            <p role="status">
                {move || match save_state.get() {
                    SaveState::Idle => String::new(),
                    SaveState::Saved => t_string!(i18n, area_saved).to_owned(),
                    SaveState::Failed(why) => format!("{}: {why}", t_string!(i18n, area_save_failed)),
                }}
            </p>
        </form>
    }
}
