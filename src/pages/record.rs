//! One record's form: loaded from the device, saved as the volunteer types,
//! completed when it has no errors.

mod editor;
mod receipt;
mod review;
mod writer;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use std::sync::Arc;

use rukun_core::account::Role;
use rukun_core::review::ReviewState;

use self::editor::Editor;
pub(super) use self::review::{state_label, ReviewCard};
use crate::i18n::*;
use crate::state::{Forms, Profiles, Sync};
use crate::storage::{RecordStatus, StorageError, StoredRecord};

#[derive(Clone)]
enum Loaded {
    Loading,
    Found(Box<StoredRecord>),
    Missing,
    Failed(String),
}

#[component]
pub fn RecordPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let loaded = RwSignal::new(Loaded::Loading);
    let sync = Sync::use_context();
    let forms = Forms::use_context();
    let profiles = Profiles::use_context();
    Effect::new(move |_| {
        let Some(id) = params.with(|p| p.get("id")) else {
            return;
        };
        spawn_local(async move {
            let found = async { profiles.db().await?.load_record(&id).await }.await;
            loaded.set(match found {
                Ok(Some(record)) if record.status != RecordStatus::Deleted => {
                    Loaded::Found(Box::new(record))
                }
                Ok(_) => Loaded::Missing,
                Err(StorageError::Db(e) | StorageError::Decode(e)) => Loaded::Failed(e),
                Err(e) => Loaded::Failed(e.to_string()),
            });
        });
    });
    view! {
        <p><A href="/records">{t!(i18n, form_back)}</A></p>
        // The stored form versions are read once at start; wait for them.
        {move || match loaded.get() {
            _ if !forms.loaded.get() => view! { <p class="hint">{t!(i18n, form_loading)}</p> }.into_any(),
            Loaded::Loading => view! { <p class="hint">{t!(i18n, form_loading)}</p> }.into_any(),
            Loaded::Missing => view! { <p>{t!(i18n, form_not_found)}</p> }.into_any(),
            Loaded::Failed(why) => view! { <p class="error" role="alert">{why}</p> }.into_any(),
            Loaded::Found(record) => {
                // Coordinators and administrators review what the server has.
                let reviews = record.server_version > 0
                    && sync.session.with_untracked(|s| {
                        s.as_ref().is_some_and(|s| matches!(s.account.role, Role::Admin | Role::Coordinator))
                    });
                let form = forms.catalog.get_value().form(&record.form_id, record.form_version).cloned();
                let card = form.filter(|_| reviews).map(|form| {
                    let state = record.content.review.as_ref().map(|r| r.state).unwrap_or(match record.status {
                        RecordStatus::Accepted => ReviewState::Approved,
                        RecordStatus::Returned => ReviewState::Returned,
                        _ => ReviewState::Submitted,
                    });
                    view! { <ReviewCard record_id=record.id.clone() form=Arc::new(form) state /> }
                });
                view! { {card} <Editor record=*record /> }.into_any()
            }
        }}
    }
}
