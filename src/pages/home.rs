//! Start screen: what Rukun is and the current working area.

use leptos::prelude::*;
use leptos_router::components::A;

use super::Unlocked;
use crate::i18n::*;
use crate::state::Regions;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let regions = Regions::use_context();
    let area_text = move || {
        let area = regions.area.get()?;
        let tree = regions.tree.get();
        let kelurahan = tree
            .as_ref()
            .and_then(|t| t.find_kelurahan(&area.kelurahan));
        let name = kelurahan
            .map(|k| k.name.clone())
            .unwrap_or_else(|| area.kelurahan.to_string());
        Some(format!("{}, {name}", area.rt_rw_label()))
    };
    view! {
        <h1>{t!(i18n, home_title)}</h1>
        <p>{t!(i18n, home_intro)}</p>
        <Unlocked>
        <section class="card">
            {move || match area_text() {
                Some(text) => view! {
                    <p>{t!(i18n, home_area_current)}": " <strong>{text}</strong></p>
                }.into_any(),
                None => view! { <p>{t!(i18n, home_area_none)}</p> }.into_any(),
            }}
            <A href="/area">{t!(i18n, home_choose_area)}</A>
        </section>
        </Unlocked>
    }
}
