//! Whether the device keeps data persistently, and how much it uses.

use leptos::prelude::*;

use crate::i18n::*;

fn megabytes(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1_000_000.0)
}

#[component]
pub fn StorageStatus(
    #[prop(into)] persistent: Signal<Option<bool>>,
    #[prop(into)] usage: Signal<Option<(f64, f64)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card storage" aria-labelledby="storage-title">
            <h2 id="storage-title">{t!(i18n, storage_title)}</h2>
            <p class=move || if persistent.get() == Some(false) { "warning" } else { "" }>
                {move || match persistent.get() {
                    Some(true) => t_string!(i18n, storage_persistent),
                    Some(false) => t_string!(i18n, storage_not_persistent),
                    None => t_string!(i18n, storage_unknown),
                }}
            </p>
            {move || usage.get().map(|(used, quota)| view! {
                <p>{t!(i18n, storage_used)}": " {megabytes(used)} " " {t!(i18n, storage_of)} " " {megabytes(quota)}</p>
            })}
        </section>
    }
}
