//! The sync screen: what is not sent yet, the last success, and every
//! problem with its reason in the user's language: records the server
//! refused or found in conflict, and photos it refused.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use rukun_core::AreaSelection;

use crate::components::SyncPanel;
use crate::i18n::*;
use crate::platform::clock;
use crate::state::{form_lang, Forms, Profiles, Sync};
use crate::storage::{PhotoProblem, RecordStatus, StorageError, Summary};
use crate::sync::SyncError;

/// The sync state, "send now" and "log out", wired to the app's sync.
#[component]
pub fn SyncCard() -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    view! {
        <SyncPanel
            username=Signal::derive(move || sync.session.with(|s| s.as_ref().map(|s| s.account.username.clone())))
            unsent=sync.unsent
            last_success=Signal::derive(move || sync.last_success_ms.get().map(clock::time_of_day))
            error=Signal::derive(move || sync.error.get().map(|e| match e {
                SyncError::Offline => t_string!(i18n, sync_offline).to_owned(),
                SyncError::LoggedOut => t_string!(i18n, sync_login_needed).to_owned(),
                SyncError::SessionEnded => t_string!(i18n, sync_session_ended).to_owned(),
                other => other.to_string(),
            }))
            running=sync.running
            on_sync=Callback::new(move |()| sync.request())
            on_logout=Callback::new(move |()| spawn_local(async move {
                // Not swallowed: a session that could not be cleared is said.
                if let Err(e) = sync.log_out().await {
                    sync.error.set(Some(SyncError::Storage(e)));
                }
            }))
        />
    }
}

#[derive(Clone)]
struct Overview {
    problems: Vec<Summary>,
    waiting: Vec<Summary>,
    photos: Vec<(PhotoProblem, Option<Summary>)>,
    /// Stored under a stand-in: their form version cannot be read yet.
    unrendered: Vec<Summary>,
}

#[component]
pub fn SyncPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = form_lang(i18n);
    let sync = Sync::use_context();
    let forms = Forms::use_context();
    let profiles = Profiles::use_context();
    let overview = RwSignal::new(None::<Result<Overview, String>>);
    Effect::new(move |_| {
        sync.revision.track();
        spawn_local(async move {
            let loaded = async {
                let db = profiles.db().await?;
                let mut all = db.summaries(None).await?;
                all.sort_by(|a, b| b.updated_ms.total_cmp(&a.updated_ms));
                let unrendered_ids = db.unrendered_records().await?;
                let unrendered = all
                    .iter()
                    .filter(|s| unrendered_ids.contains(&s.id))
                    .cloned()
                    .collect();
                let photos = db
                    .photo_problems()
                    .await?
                    .into_iter()
                    .map(|p| {
                        let record = all.iter().find(|s| s.id == p.record_id).cloned();
                        (p, record)
                    })
                    .collect();
                let (problems, rest): (Vec<_>, Vec<_>) = all.into_iter().partition(|s| {
                    matches!(
                        s.status,
                        RecordStatus::Conflict | RecordStatus::Rejected | RecordStatus::Returned
                    )
                });
                let waiting = rest
                    .into_iter()
                    .filter(|s| s.status == RecordStatus::Ready)
                    .collect();
                Ok::<_, StorageError>(Overview {
                    problems,
                    waiting,
                    photos,
                    unrendered,
                })
            };
            overview.set(Some(loaded.await.map_err(|e| e.to_string())));
        });
    });
    let row = move |summary: &Summary, note: Option<String>| {
        let title = summary.text.title.get(lang.get()).to_owned();
        let place = AreaSelection::from_key(&summary.area).map(|a| a.rt_rw_label());
        view! {
            <li class="record">
                <A href=format!("/records/{}", summary.id)>{title}</A>
                <p class="hint">{place}</p>
                {note.map(|note| view! { <p class="error">{note}</p> })}
            </li>
        }
    };
    let photo_reason = move |problem: &PhotoProblem| {
        let text = match problem.status {
            409 => t_string!(i18n, photo_refused_no_record),
            413 => t_string!(i18n, photo_refused_too_large),
            _ => t_string!(i18n, photo_refused),
        };
        if problem.message.is_empty() || problem.status == 409 {
            text.to_owned()
        } else {
            format!("{text} ({})", problem.message)
        }
    };
    view! {
        <h1>{t!(i18n, sync_page_title)}</h1>
        <SyncCard />
        {move || match overview.get() {
            None => view! { <p class="hint">{t!(i18n, form_loading)}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
            Some(Ok(o)) => view! {
                <section class="card" aria-labelledby="sync-problems">
                    <h2 id="sync-problems">{t!(i18n, sync_problems)}</h2>
                    {if o.problems.is_empty() && o.photos.is_empty() {
                        view! { <p>{t!(i18n, sync_problems_none)}</p> }.into_any()
                    } else {
                        view! {
                            <p class="hint">{t!(i18n, sync_problems_hint)}</p>
                            <ul class="records">
                                {o.problems.iter().map(|s| {
                                    let label = match s.status {
                                        RecordStatus::Conflict => t_string!(i18n, status_conflict),
                                        RecordStatus::Returned => t_string!(i18n, status_returned),
                                        _ => t_string!(i18n, status_rejected),
                                    };
                                    let note = s.text.sync_note.as_ref().map(|n| format!("{label}: {}", n.get(lang.get())));
                                    row(s, note)
                                }).collect_view()}
                                {o.photos.iter().filter_map(|(p, s)| Some(row(s.as_ref()?, Some(photo_reason(p))))).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                {(!o.unrendered.is_empty() || !forms.unreadable.get().is_empty()).then(|| view! {
                    <section class="card" aria-labelledby="sync-forms-waiting">
                        <h2 id="sync-forms-waiting">{t!(i18n, sync_forms_waiting)}</h2>
                        <p class="hint">{t!(i18n, sync_forms_waiting_hint)}</p>
                        <ul class="records">{o.unrendered.iter().map(|s| row(s, None)).collect_view()}</ul>
                        {move || {
                            let unreadable = forms.unreadable.get();
                            (!unreadable.is_empty()).then(|| view! {
                                <p class="error">{t!(i18n, sync_forms_unreadable)} " " {unreadable.join(", ")}</p>
                            })
                        }}
                    </section>
                })}
                <section class="card" aria-labelledby="sync-waiting">
                    <h2 id="sync-waiting">{t!(i18n, sync_waiting)}</h2>
                    {if o.waiting.is_empty() {
                        view! { <p>{t!(i18n, sync_waiting_none)}</p> }.into_any()
                    } else {
                        view! { <ul class="records">{o.waiting.iter().map(|s| row(s, None)).collect_view()}</ul> }.into_any()
                    }}
                </section>
            }.into_any(),
        }}
    }
}
