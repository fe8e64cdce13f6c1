//! "A new version is available, reload".

use leptos::prelude::*;

use crate::i18n::*;

#[component]
pub fn UpdateBanner(#[prop(into)] visible: Signal<bool>, on_reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || visible.get()>
            <div class="update-banner" role="alert">
                <span>{t!(i18n, update_available)}</span>
                <button on:click=move |_| on_reload.run(())>{t!(i18n, update_reload)}</button>
            </div>
        </Show>
    }
}
