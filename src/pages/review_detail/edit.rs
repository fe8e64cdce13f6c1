//! A coordinator's own correction of one answer, with a reason: stored on
//! the server as a new version (every device pulls it) and in the audit log
//! with author and reason. Text, number, date and single-choice questions.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;
use rukun_core::console::{EditRequest, RecordDetail};
use rukun_core::form::{FieldKind, FormDef, Value};

use super::send_edit;
use crate::i18n::*;
use crate::state::{form_lang, Sync};

/// The typed text as an answer of `kind` (`None`: cannot be one).
fn value_of(kind: &FieldKind, text: &str) -> Option<Value> {
    let text = text.trim();
    match kind {
        FieldKind::Text { .. } | FieldKind::Nik { .. } | FieldKind::NoKk => {
            Some(Value::Text(text.to_owned()))
        }
        FieldKind::Number { .. } => text.replace(',', ".").parse().ok().map(Value::Number),
        FieldKind::Date { .. } => Some(Value::Date(text.to_owned())),
        FieldKind::Single { .. } => Some(Value::Choice(text.to_owned())),
        _ => None,
    }
}

#[component]
pub fn EditCard(
    detail: RecordDetail,
    form: Arc<FormDef>,
    on_changed: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let lang = form_lang(i18n);
    let editable: Vec<_> = form
        .sections
        .iter()
        .flat_map(|s| &s.fields)
        .filter(|f| value_of(&f.kind, "1").is_some())
        .cloned()
        .collect();
    let editable = StoredValue::new(editable);
    let field = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let (record_id, version) = (StoredValue::new(detail.item.id.clone()), detail.version);
    let save = move |_| {
        let chosen = field.get_untracked();
        let Some(kind) =
            editable.with_value(|fs| fs.iter().find(|f| f.id == chosen).map(|f| f.kind.clone()))
        else {
            return outcome.set(Some(Err(t_string!(i18n, edit_choose_field).to_owned())));
        };
        let Some(value) = value_of(&kind, &text.get_untracked()) else {
            return outcome.set(Some(Err(t_string!(i18n, edit_bad_value).to_owned())));
        };
        let request = EditRequest {
            version,
            changes: BTreeMap::from([(chosen, Some(value))]),
            reason: reason.get_untracked(),
            resolves: vec![],
        };
        let done = t_string!(i18n, edit_saved);
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
    let choices = move || {
        let chosen = field.get();
        editable.with_value(
            |fs| match fs.iter().find(|f| f.id == chosen).map(|f| &f.kind) {
                Some(FieldKind::Single { list }) => form.list(list).map(|l| {
                    l.items
                        .iter()
                        .map(|c| (c.code.clone(), c.label.get(lang.get()).to_owned()))
                        .collect::<Vec<_>>()
                }),
                _ => None,
            },
        )
    };
    view! {
        <section class="card" aria-labelledby="edit-title">
            <h2 id="edit-title">{t!(i18n, edit_title)}</h2>
            <div class="field">
                <label for="edit-field">{t!(i18n, edit_field)}</label>
                <select id="edit-field" on:change=move |ev| { field.set(event_target_value(&ev)); text.set(String::new()); }>
                    <option value="">{t!(i18n, area_choose)}</option>
                    {editable.with_value(|fs| fs.iter().map(|f| {
                        let label = f.label.clone();
                        view! { <option value=f.id.clone()>{move || label.get(lang.get()).to_owned()}</option> }
                    }).collect_view())}
                </select>
            </div>
            <div class="field">
                <label for="edit-value">{t!(i18n, edit_value)}</label>
                {move || match choices() {
                    Some(options) => view! {
                        <select id="edit-value" on:change=move |ev| text.set(event_target_value(&ev))>
                            <option value="">{t!(i18n, area_choose)}</option>
                            {options.into_iter().map(|(code, label)| view! { <option value=code>{label}</option> }).collect_view()}
                        </select>
                    }.into_any(),
                    None => view! { <input id="edit-value" type="text" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev)) /> }.into_any(),
                }}
            </div>
            <div class="field">
                <label for="edit-reason">{t!(i18n, edit_reason)}</label>
                <input id="edit-reason" type="text" on:input=move |ev| reason.set(event_target_value(&ev)) />
            </div>
            <button type="button" class="secondary" on:click=save>{t!(i18n, edit_save)}</button>
            {move || outcome.get().map(|o| match o {
                Ok(text) => view! { <p role="status">{text}</p> }.into_any(),
                Err(text) => view! { <p class="error" role="alert">{text}</p> }.into_any(),
            })}
        </section>
    }
}
