//! The records of the chosen RT: search, open, delete, start a new one.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use super::SyncCard;
use crate::components::{RecordItem, StorageStatus};
use crate::i18n::*;
use crate::platform::{clock, page, random};
use crate::records::{deletion, record_id, start, summarize, working_answers, LIST_PAGE};
use crate::state::{form_lang, DeviceStorage, Forms, Profiles, Regions, Sync};
use crate::storage::{StorageError, Summary};

#[component]
pub fn RecordsPage() -> impl IntoView {
    page::mark("rukun:list-start");
    let i18n = use_i18n();
    let lang = form_lang(i18n);
    let regions = Regions::use_context();
    let forms = Forms::use_context();
    let storage = DeviceStorage::use_context();
    let sync = Sync::use_context();
    let profiles = Profiles::use_context();
    let navigate = use_navigate();
    // The newest page first (fast), then the whole RT (for search and count).
    let items = RwSignal::new(None::<Vec<Summary>>);
    let complete = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let query = RwSignal::new(String::new());
    let limit = RwSignal::new(LIST_PAGE);
    let area = Memo::new(move |_| regions.area.get());

    let reload = move || {
        let Some(area) = area.get_untracked() else {
            return;
        };
        spawn_local(async move {
            let key = area.key();
            let loaded = async {
                let db = profiles.db().await?;
                items.set(Some(db.newest_summaries(&key, LIST_PAGE as u32).await?));
                let mut all = db.summaries(Some(&key)).await?;
                all.sort_by(|a, b| b.updated_ms.total_cmp(&a.updated_ms));
                items.set(Some(all));
                complete.set(true);
                Ok::<_, StorageError>(())
            };
            if let Err(e) = loaded.await {
                failure.set(Some(e.to_string()));
            }
        });
    };
    Effect::new(move |_| {
        sync.revision.track();
        if area.get().is_some() {
            reload();
        }
    });
    let filtered = Memo::new(move |_| {
        let words: Vec<String> = query
            .get()
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        items.with(|items| {
            items.as_ref().map(|items| {
                items
                    .iter()
                    .filter(|s| words.iter().all(|w| s.text.search.contains(w.as_str())))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    let new_record = move |form_id: &'static str| {
        let navigate = navigate.clone();
        move |_| {
            let Some(area) = area.get_untracked() else {
                return;
            };
            let form = forms.catalog.with_value(|c| c.latest(form_id).cloned());
            let Some(form) = form else {
                return failure.set(Some(t_string!(i18n, forms_not_downloaded).to_owned()));
            };
            let navigate = navigate.clone();
            spawn_local(async move {
                let now = clock::now_ms();
                let record = start(
                    record_id(now, random::bytes()),
                    &form,
                    &area,
                    now,
                    &clock::today_iso(),
                );
                let summary = summarize(&record, &form, &working_answers(&record));
                let saved =
                    async { profiles.db().await?.save_record(&record, &summary).await }.await;
                match saved {
                    Ok(()) => navigate(&format!("/records/{}", record.id), Default::default()),
                    Err(e) => failure.set(Some(e.to_string())),
                }
            });
        }
    };
    let on_delete = Callback::new(move |id: String| {
        spawn_local(async move {
            let done = async {
                let db = profiles.db().await?;
                let Some(record) = db.load_record(&id).await? else {
                    return Ok(());
                };
                let now = clock::now_ms();
                db.delete_record(&id, deletion(&record, now), now).await
            }
            .await;
            match done {
                Ok(()) => {
                    sync.request();
                    items.update(|list| {
                        if let Some(list) = list {
                            list.retain(|s| s.id != id);
                        }
                    })
                }
                Err(e) => failure.set(Some(format!("{}: {e}", t_string!(i18n, delete_failed)))),
            }
            storage.refresh_usage();
        });
    });
    // The first screen, once per visit, for the benchmark (tests/e2e/bench).
    let marked = StoredValue::new(false);
    Effect::new(move |_| {
        if filtered.with(Option::is_some) && !marked.get_value() {
            marked.set_value(true);
            page::mark("rukun:list-ready");
            page::measure("rukun:list-open", "rukun:list-start", "rukun:list-ready");
        }
    });
    view! {
        <h1>{t!(i18n, records_title)}</h1>
        <Show when=move || area.get().is_some() fallback=move || view! {
            <p>{t!(i18n, records_need_area)}</p>
            <A href="/area">{t!(i18n, home_choose_area)}</A>
        }>
            <p class="hint">{move || area.get().map(|a| a.rt_rw_label())}</p>
            <div class="actions">
                <button type="button" on:click=new_record("household")>{t!(i18n, records_new_household)}</button>
                <button type="button" on:click=new_record("infrastructure")>{t!(i18n, records_new_infrastructure)}</button>
            </div>
            <div class="field">
                <label for="records-search">{t!(i18n, records_search)}</label>
                <input id="records-search" type="search" on:input=move |ev| { query.set(event_target_value(&ev)); limit.set(LIST_PAGE); } />
            </div>
            <p role="status" class="hint">{move || complete.get().then(|| filtered.with(|f| f.as_ref().map(|f| format!("{} {}", f.len(), t_string!(i18n, records_count)))))}</p>
            <p class="error" role="alert">{move || failure.get()}</p>
            {move || filtered.with(|f| match f {
                Some(list) if list.is_empty() => {
                    let text = if items.with(|i| i.as_ref().is_some_and(Vec::is_empty)) { t_string!(i18n, records_empty) } else { t_string!(i18n, records_no_match) };
                    view! { <p>{text}</p> }.into_any()
                }
                Some(list) => {
                    let shown: Vec<Summary> = list.iter().take(limit.get()).cloned().collect();
                    let more = list.len() > shown.len();
                    view! {
                        <ul class="records">
                            {shown.into_iter().map(|summary| view! { <RecordItem summary lang on_delete /> }).collect_view()}
                        </ul>
                        {more.then(|| view! { <button type="button" class="secondary" on:click=move |_| limit.update(|l| *l += LIST_PAGE)>{t!(i18n, records_more)}</button> })}
                    }.into_any()
                }
                None => view! { <p class="hint">{t!(i18n, form_loading)}</p> }.into_any(),
            })}
        </Show>
        <SyncCard />
        <StorageStatus persistent=storage.persistent usage=storage.usage />
    }
}
