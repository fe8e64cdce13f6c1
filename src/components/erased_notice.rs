//! "This account's data was erased from the device": shown after an ended
//! session delivered everything and the app erased the account.

use leptos::prelude::*;

use crate::i18n::*;

#[component]
pub fn ErasedNotice(erased: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        erased.get().map(|username| {
            view! {
                <section class="update-banner" role="alert">
                    <strong>{t!(i18n, ended_title)}" ("{username}")"</strong>
                    <p>{t!(i18n, ended_body)}</p>
                    <button type="button" on:click=move |_| erased.set(None)>
                        {t!(i18n, ended_close)}
                    </button>
                </section>
            }
        })
    }
}
