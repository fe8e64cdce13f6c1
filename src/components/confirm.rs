//! A question under an action before it is done: "Ya, lanjutkan" or "Batal".

use leptos::prelude::*;

use crate::i18n::*;

#[component]
pub fn Confirm(
    /// What will happen.
    #[prop(into)]
    question: Signal<&'static str>,
    #[prop(into)] busy: Signal<bool>,
    on_yes: Callback<()>,
    on_no: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="confirm">
            <p class="warning">{move || question.get()}</p>
            <button type="button" class="danger" disabled=move || busy.get() on:click=move |_| on_yes.run(())>
                {t!(i18n, accounts_confirm)}
            </button>
            <button type="button" class="secondary" on:click=move |_| on_no.run(())>
                {t!(i18n, action_cancel)}
            </button>
        </div>
    }
}
