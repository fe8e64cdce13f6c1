//! Catatan pemrosesan: the record of processing UU 27/2022 asks a
//! controller to keep (what is collected, why, who sees it, how long it is
//! kept, where it is stored, the residents' rights). Static, in both
//! languages; linked from the console and from Tentang.

use leptos::prelude::*;

use crate::i18n::*;

#[component]
pub fn ProcessingPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{rt!(i18n, processing_title)}</h1>
        {move || i18n.rights().processing.iter().map(|(heading, paragraphs)| view! {
            <section class="card">
                <h2>{*heading}</h2>
                <ul>{paragraphs.iter().map(|p| view! { <li>{*p}</li> }).collect_view()}</ul>
            </section>
        }).collect_view()}
    }
}
