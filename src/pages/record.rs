//! One record's form: loaded from the device, saved as the volunteer types,
//! completed when it has no errors.

mod editor;
mod writer;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use self::editor::Editor;
use crate::state::Profiles;
use crate::i18n::*;
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
        {move || match loaded.get() {
            Loaded::Loading => view! { <p class="hint">{t!(i18n, form_loading)}</p> }.into_any(),
            Loaded::Missing => view! { <p>{t!(i18n, form_not_found)}</p> }.into_any(),
            Loaded::Failed(why) => view! { <p class="error" role="alert">{why}</p> }.into_any(),
            Loaded::Found(record) => view! { <Editor record=*record /> }.into_any(),
        }}
    }
}
