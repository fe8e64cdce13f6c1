//! A coordinator's review of a record the server has: approve, return with
//! a comment (on the record and on one field), reject with a reason,
//! reopen. Online only; the decision reaches the volunteer's phone on its
//! next sync.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::form::FormDef;
use rukun_core::review::{ReviewAction, ReviewRequest, ReviewState};
use serde::Deserialize;

use crate::console::{call, encode, session_token};
use crate::i18n::*;
use crate::state::{form_lang, Sync};

#[derive(Deserialize)]
struct Reviewed {
    review_state: ReviewState,
}

#[component]
pub fn ReviewCard(record_id: String, form: Arc<FormDef>, state: ReviewState) -> impl IntoView {
    let i18n = use_i18n();
    let lang = form_lang(i18n);
    let sync = Sync::use_context();
    let current = RwSignal::new(state);
    let comment = RwSignal::new(String::new());
    let field = RwSignal::new(String::new());
    let field_comment = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let fields: Vec<(String, String, String)> = form
        .sections
        .iter()
        .flat_map(|s| s.fields.iter())
        .map(|f| (f.id.clone(), f.label.id.clone(), f.label.en.clone()))
        .collect();
    let record_id = StoredValue::new(record_id);
    let send = move |action: ReviewAction| {
        let token = session_token(sync, i18n);
        let mut field_comments = BTreeMap::new();
        let (path, text) = (field.get_untracked(), field_comment.get_untracked());
        if !path.is_empty() && !text.trim().is_empty() {
            field_comments.insert(path, text);
        }
        let request = ReviewRequest {
            action,
            comment: comment.get_untracked(),
            field_comments,
        };
        let path = format!("/api/records/{}/review", encode(&record_id.get_value()));
        spawn_local(async move {
            match call::<_, Reviewed>(i18n, token, "POST", &path, Some(&request)).await {
                Ok(done) => {
                    current.set(done.review_state);
                    outcome.set(Some(Ok(t_string!(i18n, review_saved).to_owned())));
                    sync.request();
                }
                Err(why) => outcome.set(Some(Err(why))),
            }
        });
    };
    let state_label = move || state_label(i18n, current.get());
    view! {
        <section class="card" aria-labelledby="review-title">
            <h2 id="review-title">{t!(i18n, review_title)}</h2>
            <p role="status">{t!(i18n, review_state)}": " <strong>{state_label}</strong></p>
            <Show when=move || current.get() == ReviewState::Submitted fallback=move || view! {
                <button type="button" class="secondary" on:click=move |_| send(ReviewAction::Reopen)>{t!(i18n, review_reopen)}</button>
            }>
                <div class="field">
                    <label for="review-comment">{t!(i18n, review_comment)}</label>
                    <textarea id="review-comment" on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                </div>
                <div class="field">
                    <label for="review-field">{t!(i18n, review_field)}</label>
                    <select id="review-field" on:change=move |ev| field.set(event_target_value(&ev))>
                        <option value="">{t!(i18n, area_choose)}</option>
                        {fields.iter().map(|(id, label_id, label_en)| {
                            let (label_id, label_en) = (label_id.clone(), label_en.clone());
                            view! { <option value=id.clone()>{move || if lang.get() == rukun_core::form::Lang::Id { label_id.clone() } else { label_en.clone() }}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="review-field-comment">{t!(i18n, review_field_comment)}</label>
                    <input id="review-field-comment" type="text" on:input=move |ev| field_comment.set(event_target_value(&ev)) />
                </div>
                <div class="actions">
                    <button type="button" on:click=move |_| send(ReviewAction::Approve)>{t!(i18n, review_approve)}</button>
                    <button type="button" class="secondary" on:click=move |_| send(ReviewAction::Return)>{t!(i18n, review_return)}</button>
                    <button type="button" class="danger" on:click=move |_| send(ReviewAction::Reject)>{t!(i18n, review_reject)}</button>
                </div>
            </Show>
            {move || outcome.get().map(|o| match o {
                Ok(text) => view! { <p role="status">{text}</p> }.into_any(),
                Err(text) => view! { <p class="error" role="alert">{text}</p> }.into_any(),
            })}
        </section>
    }
}

/// A review state as the coordinator reads it.
pub fn state_label(i18n: I18n, state: ReviewState) -> &'static str {
    match state {
        ReviewState::Submitted => t_string!(i18n, review_state_submitted),
        ReviewState::Approved => t_string!(i18n, status_accepted),
        ReviewState::Returned => t_string!(i18n, status_returned),
        ReviewState::Rejected => t_string!(i18n, status_rejected),
    }
}
