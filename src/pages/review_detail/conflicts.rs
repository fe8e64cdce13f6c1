//! Conflicts from sync, for the coordinator to settle: the value both
//! sides started from, the server's and the device's side by side; keep
//! one or type another, with a reason. The decision is an edit on the
//! server that every device pulls.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;
use rukun_core::console::{EditRequest, OpenConflict, RecordDetail};
use rukun_core::form::{rows, FormDef, Value};

use super::{path_label, send_edit, value_text};
use crate::i18n::*;
use crate::state::{form_lang, Sync};

#[component]
pub fn ConflictCard(
    detail: RecordDetail,
    form: Arc<FormDef>,
    on_changed: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    if detail.conflicts.is_empty() {
        return None;
    }
    let record_id = StoredValue::new(detail.item.id.clone());
    let version = detail.version;
    let member_rows = rows(&detail.answers, "members").to_vec();
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let settle =
        move |conflict: i64, path: String, value: Option<Option<Value>>, reason: String| {
            let mut changes = BTreeMap::new();
            if let Some(value) = value {
                changes.insert(path, value);
            }
            let request = EditRequest {
                version,
                changes,
                reason,
                resolves: vec![conflict],
            };
            let done = t_string!(i18n, conflict_settled);
            send_edit(
                sync,
                i18n,
                &record_id.get_value(),
                request,
                done,
                on_changed,
                outcome,
            );
        };
    let items = detail
        .conflicts
        .into_iter()
        .map(|c| view! { <ConflictItem conflict=c form=form.clone() member_rows=member_rows.clone() settle /> })
        .collect_view();
    Some(view! {
        <section class="card" aria-labelledby="conflicts-title">
            <h2 id="conflicts-title">{t!(i18n, conflict_title)}</h2>
            <ul class="records">{items}</ul>
            {move || outcome.get().map(|o| match o {
                Ok(text) => view! { <p role="status">{text}</p> }.into_any(),
                Err(text) => view! { <p class="error" role="alert">{text}</p> }.into_any(),
            })}
        </section>
    })
}

#[component]
fn ConflictItem(
    conflict: OpenConflict,
    form: Arc<FormDef>,
    member_rows: Vec<String>,
    settle: impl Fn(i64, String, Option<Option<Value>>, String) + Copy + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = form_lang(i18n);
    let reason = RwSignal::new(String::new());
    let typed = RwSignal::new(String::new());
    let l = lang.get_untracked();
    let show =
        |value: &Option<Value>| value_text(&form, &member_rows, &conflict.path, value.as_ref(), l);
    let (base, server, device) = (
        show(&conflict.base),
        show(&conflict.server),
        show(&conflict.device),
    );
    let label = path_label(&form, &member_rows, &conflict.path, l);
    let (id, path) = (conflict.id, conflict.path.clone());
    let device_value = conflict.device.clone();
    let reason_id = format!("conflict-reason-{id}");
    let typed_id = format!("conflict-value-{id}");
    let p1 = path.clone();
    let p2 = path.clone();
    let p3 = path;
    view! {
        <li class="record">
            <h3>{label}</h3>
            <table>
                <tbody>
                    <tr><th scope="row">{t!(i18n, conflict_base)}</th><td>{base}</td></tr>
                    <tr><th scope="row">{t!(i18n, conflict_server)}</th><td>{server}</td></tr>
                    <tr><th scope="row">{t!(i18n, conflict_device)}" (" {conflict.author.clone()} ")"</th><td>{device}</td></tr>
                </tbody>
            </table>
            <div class="field">
                <label for=reason_id.clone()>{t!(i18n, conflict_reason)}</label>
                <input id=reason_id type="text" on:input=move |ev| reason.set(event_target_value(&ev)) />
            </div>
            <div class="actions">
                <button type="button" on:click=move |_| settle(id, p1.clone(), None, reason.get_untracked())>{t!(i18n, conflict_keep_server)}</button>
                <button type="button" on:click=move |_| settle(id, p2.clone(), Some(device_value.clone()), reason.get_untracked())>{t!(i18n, conflict_keep_device)}</button>
            </div>
            <div class="field">
                <label for=typed_id.clone()>{t!(i18n, conflict_other)}</label>
                <input id=typed_id type="text" on:input=move |ev| typed.set(event_target_value(&ev)) />
                <button type="button" class="secondary" on:click=move |_| {
                    settle(id, p3.clone(), Some(Some(Value::Text(typed.get_untracked()))), reason.get_untracked())
                }>{t!(i18n, conflict_save_other)}</button>
            </div>
        </li>
    }
}
