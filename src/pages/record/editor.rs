//! The form of a loaded record: answers, validation while typing, GPS and
//! photos, and the "complete" step.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use rukun_core::consent::{receipt_of, CONSENT_FIELD};
use rukun_core::form::{
    has_errors, remove_row, validate, Context, Issue, Problem, Severity, Value,
};
use rukun_core::kiosk::display_receipt;
use rukun_core::review::ReviewState;

use super::receipt::ReceiptCard;
use super::writer::{SaveState, Writer};
use crate::components::form::{refusal_rule, Edit, FormCtx, FormView, GpsState, PhotoState};
use crate::i18n::*;
use crate::platform::{clock, geolocation, photo, random};
use crate::records::{note_consent, with_receipt, working_answers};
use crate::state::{form_lang, savers, DeviceStorage, Forms, Profiles, Regions, Sync};
use crate::storage::{StoredPhoto, StoredRecord};

#[component]
pub fn Editor(record: StoredRecord) -> impl IntoView {
    let i18n = use_i18n();
    let forms = Forms::use_context();
    let storage = DeviceStorage::use_context();
    let sync = Sync::use_context();
    let profiles = Profiles::use_context();
    let navigate = use_navigate();
    let catalog = forms.catalog.get_value();
    let Some(form) = catalog.form(&record.form_id, record.form_version).cloned() else {
        return view! { <p class="error" role="alert">{t!(i18n, form_version_missing)}</p> }
            .into_any();
    };
    let form = Arc::new(form);
    let today = clock::today();
    let record_id = record.id.clone();
    let regions = Regions::use_context();
    let area = rukun_core::AreaSelection::from_key(&record.area);
    let area_label = move || {
        let area = area.as_ref()?;
        let name = regions.tree.with(|t| {
            t.as_ref()?
                .find_kelurahan(&area.kelurahan)
                .map(|k| k.name.clone())
        });
        Some(format!(
            "{}: {}, {}",
            t_string!(i18n, form_area),
            area.rt_rw_label(),
            name.unwrap_or_else(|| area.kelurahan.to_string())
        ))
    };
    // A returned record: the coordinator's comments, on the record at the
    // top and on single answers next to their fields (as warnings).
    let returned = record
        .content
        .review
        .clone()
        .filter(|r| r.state == ReviewState::Returned);
    let review_comment = returned
        .as_ref()
        .map(|r| r.comment.clone())
        .filter(|c| !c.trim().is_empty());
    let review_issues: Vec<Issue> = returned
        .map(|r| {
            r.field_comments
                .into_iter()
                .map(|(path, text)| Issue {
                    path,
                    severity: Severity::Warning,
                    problem: Problem::ReviewComment { text },
                })
                .collect()
        })
        .unwrap_or_default();
    let answers = RwSignal::new(working_answers(&record));
    // The receipt this household already holds, and the one to show once
    // the survey is completed (UU 27/2022).
    let held_receipt = answers.with_untracked(|a| receipt_of(a).map(display_receipt));
    let new_receipt = RwSignal::new(None::<String>);
    let save_state = RwSignal::new(SaveState::Idle);
    let show_required = RwSignal::new(false);
    let completing = RwSignal::new(None::<String>);
    let other_niks = RwSignal::new(BTreeSet::<String>::new());
    let gps = RwSignal::new(HashMap::<String, GpsState>::new());
    let photo_state = RwSignal::new(HashMap::<String, PhotoState>::new());
    let photo_urls = RwSignal::new(HashMap::<String, String>::new());
    let writer = Writer::start(record, form.clone(), save_state);
    // Locking (by hand or after the idle time) first commits what was typed.
    let saver = {
        let writer = writer.clone();
        savers::register(move || {
            let writer = writer.clone();
            Box::pin(async move { writer.flush().await })
        })
    };
    on_cleanup(move || savers::forget(saver));

    // NIKs of the other households on this device, for the duplicate warning;
    // and the stored photos of this record, as thumbnails.
    {
        let (record_id, initial) = (record_id.clone(), answers.get_untracked());
        spawn_local(async move {
            let Ok(db) = profiles.db().await else {
                return;
            };
            if let Ok(all) = db.summaries(None).await {
                other_niks.set(
                    all.into_iter()
                        .filter(|s| s.id != record_id)
                        .flat_map(|s| s.text.niks)
                        .collect(),
                );
            }
            for value in initial.values() {
                let Value::Photos(ids) = value else { continue };
                for sha in ids {
                    if let Ok(Some(blob)) = db.photo_blob(sha).await {
                        if let Some(url) = photo::object_url(&blob) {
                            photo_urls.update(|u| {
                                u.insert(sha.clone(), url);
                            });
                        }
                    }
                }
            }
        });
    }
    on_cleanup(move || {
        photo_urls.with_untracked(|u| u.values().for_each(|url| photo::revoke_url(url)))
    });

    let validation_form = form.clone();
    let issues = Memo::new(move |_| {
        other_niks.with(|other| {
            answers.with(|a| {
                let mut found = validate(
                    &validation_form,
                    a,
                    &Context {
                        today,
                        other_niks: other,
                    },
                );
                found.extend(review_issues.iter().cloned());
                found
            })
        })
    });
    let apply = {
        let writer = writer.clone();
        move |edit: Edit| {
            let consent = matches!(&edit, Edit::Set(path, _) if path == CONSENT_FIELD);
            answers.update(|a| match edit {
                Edit::Set(path, Some(value)) => {
                    a.insert(path, value);
                }
                Edit::Set(path, None) => {
                    a.remove(&path);
                }
                Edit::RemoveRow { group, row } => remove_row(a, &group, &row),
            });
            if consent {
                let version = forms.notice.get_untracked().version;
                answers.update(|a| note_consent(a, version, clock::now_ms()));
            }
            writer.save_draft(answers.get_untracked());
        }
    };
    let edit = Callback::new(apply.clone());
    let locate = Callback::new(move |path: String| {
        gps.update(|g| {
            g.insert(path.clone(), GpsState::Locating);
        });
        spawn_local(async move {
            match geolocation::current_position().await {
                Ok(point) => {
                    gps.update(|g| {
                        g.remove(&path);
                    });
                    edit.run(Edit::Set(path, Some(Value::Gps(point))));
                }
                Err(e) => gps.update(|g| {
                    g.insert(path, GpsState::Failed(e));
                }),
            }
        });
    });
    let attach = {
        let record_id = record_id.clone();
        UnsyncCallback::new(move |(path, file): (String, web_sys::File)| {
            let record_id = record_id.clone();
            photo_state.update(|s| {
                s.insert(path.clone(), PhotoState::Processing);
            });
            spawn_local(async move {
                let prepared = match photo::prepare(file).await {
                    Ok(p) => p,
                    Err(e) => {
                        return photo_state.update(|s| {
                            s.insert(path, PhotoState::Failed(e));
                        })
                    }
                };
                let stored = StoredPhoto {
                    sha256: prepared.sha256.clone(),
                    record_id,
                    blob: prepared.jpeg.clone(),
                    created_ms: clock::now_ms(),
                };
                let saved = async { profiles.db().await?.save_photo(&stored).await }.await;
                if saved.is_err() {
                    return photo_state.update(|s| {
                        s.insert(path, PhotoState::Failed(photo::PhotoError::Failed));
                    });
                }
                if let Some(url) = photo::object_url(&prepared.jpeg) {
                    photo_urls.update(|u| {
                        u.insert(prepared.sha256.clone(), url);
                    });
                }
                let mut ids = match answers.get_untracked().get(&path) {
                    Some(Value::Photos(ids)) => ids.clone(),
                    _ => vec![],
                };
                if !ids.contains(&prepared.sha256) {
                    ids.push(prepared.sha256);
                }
                photo_state.update(|s| {
                    s.remove(&path);
                });
                edit.run(Edit::Set(path, Some(Value::Photos(ids))));
                storage.refresh_usage();
            });
        })
    };
    let form_value = StoredValue::new(form.clone());
    let ctx = FormCtx {
        answers: answers.into(),
        issues: issues.into(),
        show_required: show_required.into(),
        lang: form_lang(i18n),
        form: form_value,
        today,
        edit,
        locate,
        gps: gps.into(),
        attach,
        photo_state: photo_state.into(),
        photo_urls: photo_urls.into(),
        notice: forms.notice.into(),
        refusal: refusal_rule(answers.into(), form_value),
    };
    let to_list = {
        let navigate = navigate.clone();
        UnsyncCallback::new(move |()| navigate("/records", Default::default()))
    };
    let complete_form = form.clone();
    let complete = move |_| {
        show_required.set(true);
        let mut current = issues.get_untracked();
        current.retain(|i| !matches!(i.problem, Problem::ReviewComment { .. }));
        if has_errors(&current) {
            completing.set(Some(t_string!(i18n, form_has_errors).to_owned()));
            return;
        }
        let (writer, navigate, form) = (writer.clone(), navigate.clone(), complete_form.clone());
        // A household that consents gets its receipt now (kept if it has one).
        let (done, receipt) = with_receipt(&form, answers.get_untracked(), random::bytes(), today);
        spawn_local(async move {
            match writer.complete(done, current).await {
                Ok(()) => {
                    storage.refresh_usage();
                    sync.request();
                    match receipt {
                        Some(code) => new_receipt.set(Some(code)),
                        None => navigate("/records", Default::default()),
                    }
                }
                Err(e) => {
                    completing.set(Some(format!("{}: {e}", t_string!(i18n, form_save_failed))))
                }
            }
        });
    };
    let error_count =
        move || issues.with(|i| i.iter().filter(|i| i.severity == Severity::Error).count());
    let warning_count =
        move || issues.with(|i| i.iter().filter(|i| i.severity == Severity::Warning).count());
    let title = form.title.clone();
    let receipt_card = move || {
        new_receipt
            .get()
            .map(|code| view! { <ReceiptCard code on_done=to_list /> })
    };
    view! {
        <h1>{move || title.get(ctx.lang.get()).to_owned()}</h1>
        <p class="hint">{area_label}</p>
        {held_receipt.map(|code| view! {
            <p class="hint">{rt!(i18n, receipt_on_record)}": " <strong>{code}</strong></p>
        })}
        {receipt_card}
        <div hidden=move || new_receipt.with(Option::is_some)>
        {review_comment.map(|comment| view! {
            <p class="warning" role="note">{t!(i18n, review_returned)}": " {comment}</p>
        })}
        <p class="save-state" role="status">{move || match save_state.get() {
            SaveState::Idle => String::new(),
            SaveState::Saving => t_string!(i18n, form_saving).to_owned(),
            SaveState::Saved => t_string!(i18n, form_saved).to_owned(),
            SaveState::Failed(why) => format!("{}: {why}", t_string!(i18n, form_save_failed)),
        }}</p>
        <form on:submit=|ev| ev.prevent_default() novalidate>
            <FormView ctx form=(*form).clone() />
            <div class="card complete">
                <Show when={move || show_required.get() && error_count() == 0 && warning_count() > 0}>
                    <p class="warning">{t!(i18n, form_has_warnings)}</p>
                </Show>
                <p class="error" role="alert">{move || completing.get().map(|msg| {
                    let n = error_count();
                    if n > 0 { format!("{msg} ({n}).") } else { msg }
                })}</p>
                <button type="button" on:click=complete>{t!(i18n, form_complete)}</button>
            </div>
        </form>
        </div>
    }
    .into_any()
}
