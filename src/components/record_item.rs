//! One record in the list: title, detail, state, and edit/delete (with a
//! confirmation step).

use leptos::prelude::*;
use leptos_router::components::A;
use rukun_core::form::Lang;

use crate::i18n::*;
use crate::storage::{RecordStatus, Summary};

#[component]
pub fn RecordItem(
    summary: Summary,
    #[prop(into)] lang: Signal<Lang>,
    on_delete: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let (title, detail) = (summary.text.title.clone(), summary.text.detail.clone());
    let status = move || match (summary.status, summary.editing) {
        (_, true) => t_string!(i18n, status_editing),
        (RecordStatus::Draft, _) => t_string!(i18n, status_draft),
        (RecordStatus::Ready, _) => t_string!(i18n, status_ready),
        (RecordStatus::Sent, _) => t_string!(i18n, status_sent),
        (RecordStatus::Conflict, _) => t_string!(i18n, status_conflict),
        (RecordStatus::Rejected, _) => t_string!(i18n, status_rejected),
        (RecordStatus::Returned, _) => t_string!(i18n, status_returned),
        (RecordStatus::Accepted, _) => t_string!(i18n, status_accepted),
        (RecordStatus::Deleted, _) => t_string!(i18n, status_deleted),
    };
    let status_class = match summary.status {
        _ if summary.editing => "badge draft",
        RecordStatus::Draft => "badge draft",
        RecordStatus::Conflict | RecordStatus::Rejected | RecordStatus::Returned => "badge problem",
        _ => "badge ready",
    };
    let warnings = summary.warnings;
    let note = summary.text.sync_note.clone();
    let id = summary.id.clone();
    view! {
        <li class="record">
            <div class="record-main">
                <A href=format!("/records/{}", summary.id)>{move || title.get(lang.get()).to_owned()}</A>
                <span class=status_class>{status}</span>
            </div>
            <p class="hint">{move || detail.get(lang.get()).to_owned()}
                {(warnings > 0).then(|| view! { " · " {warnings} " " {t!(i18n, warnings_label)} })}
            </p>
            {note.map(|note| view! { <p class="error">{move || note.get(lang.get()).to_owned()}</p> })}
            <Show when=move || confirming.get() fallback=move || view! {
                <button type="button" class="secondary" on:click=move |_| confirming.set(true)>{t!(i18n, action_delete)}</button>
            }>
                <div role="alertdialog" aria-label=move || t_string!(i18n, delete_confirm) class="confirm">
                    <p>{t!(i18n, delete_confirm)}</p>
                    <button type="button" class="danger" on:click={
                        let id = id.clone();
                        move |_| on_delete.run(id.clone())
                    }>{t!(i18n, delete_yes)}</button>
                    <button type="button" class="secondary" on:click=move |_| confirming.set(false)>{t!(i18n, action_cancel)}</button>
                </div>
            </Show>
        </li>
    }
}
