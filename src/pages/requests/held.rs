//! Data yang disimpan: everything the server holds about the household of
//! an access request, for the coordinator to print or hand over (never on
//! a kiosk: kiosk mode has no routes). The place, the consent with its
//! notice version and time, the members, every answer with its label, the
//! photos and the review history; the print styles hide the app around it.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use rukun_core::console::RecordDetail;
use rukun_core::review::ReviewNote;

use super::super::record::state_label;
use super::super::review_detail::{AnswerList, ConsentCard, Photos, Roster};
use crate::console::{rights, session_token};
use crate::i18n::*;
use crate::platform::clock::local_date_time;
use crate::platform::page;
use crate::state::{form_lang, Forms, Sync};

/// What the page could load: the household, or why not.
#[derive(Clone)]
enum Held {
    Household(Box<RecordDetail>),
    NoHousehold,
    Failed(String),
}

#[component]
pub fn HeldDataPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let params = use_params_map();
    let loaded = RwSignal::new(None::<Held>);
    Effect::new(move |_| {
        let id = params
            .with(|p| p.get("id"))
            .and_then(|id| id.parse::<i64>().ok());
        let token = session_token(sync, i18n);
        spawn_local(async move {
            let held = match id {
                None => Held::Failed(i18n.texts().not_found.to_owned()),
                Some(id) => match rights::request(i18n, token.clone(), id).await {
                    Err(why) => Held::Failed(why),
                    Ok(request) => match request.record_id {
                        None => Held::NoHousehold,
                        Some(record) => match rights::household(i18n, token, &record).await {
                            Ok(detail) => Held::Household(Box::new(detail)),
                            Err(why) => Held::Failed(why),
                        },
                    },
                },
            };
            loaded.set(Some(held));
        });
    });
    view! {
        <p class="no-print"><A href="/requests">{rt!(i18n, held_back)}</A></p>
        <h1>{rt!(i18n, held_title)}</h1>
        <p>{rt!(i18n, held_intro)}</p>
        <p class="no-print">
            <button type="button" on:click=move |_| page::print()>{rt!(i18n, held_print)}</button>
        </p>
        {move || match loaded.get() {
            None => view! { <p class="hint">{t!(i18n, form_loading)}</p> }.into_any(),
            Some(Held::Failed(why)) => view! { <p class="error" role="alert">{why}</p> }.into_any(),
            Some(Held::NoHousehold) => view! { <p class="warning">{rt!(i18n, held_none)}</p> }.into_any(),
            Some(Held::Household(detail)) => view! { <Household detail=*detail /> }.into_any(),
        }}
    }
}

#[component]
fn Household(detail: RecordDetail) -> impl IntoView {
    let i18n = use_i18n();
    let lang = form_lang(i18n);
    let catalog = Forms::use_context().catalog.get_value();
    let Some(form) = catalog
        .form(&detail.item.form_id, detail.form_version)
        .cloned()
    else {
        return view! { <p class="error">{detail.item.form_id.clone()}</p> }.into_any();
    };
    let form = Arc::new(form);
    let item = detail.item.clone();
    let title = if item.title.is_empty() {
        form.title.get(lang.get_untracked()).to_owned()
    } else {
        item.title.clone()
    };
    view! {
        <section class="card" aria-labelledby="held-place-title">
            <h2 id="held-place-title">{title}</h2>
            <dl>
                <dt>{rt!(i18n, held_place)}</dt>
                <dd>{format!("{} · RT {:02} / RW {:02}", item.area, item.rt, item.rw)}</dd>
                <dt>{rt!(i18n, held_volunteer)}</dt>
                <dd>{item.volunteer.clone()}</dd>
                <dt>{rt!(i18n, held_updated)}</dt>
                <dd>{local_date_time(item.updated_ms)}</dd>
            </dl>
        </section>
        <ConsentCard answers=detail.answers.clone() />
        <Roster detail=detail.clone() form=form.clone() />
        <AnswerList detail=detail.clone() form=form.clone() />
        <Photos answers=detail.answers.clone() />
        <History reviews=detail.reviews.clone() />
    }
    .into_any()
}

#[component]
fn History(reviews: Vec<ReviewNote>) -> impl IntoView {
    let i18n = use_i18n();
    let empty = reviews.is_empty();
    view! {
        <section class="card" aria-labelledby="held-history-title">
            <h2 id="held-history-title">{rt!(i18n, history_title)}</h2>
            {empty.then(|| view! { <p class="hint">{rt!(i18n, history_none)}</p> })}
            <ul>
                {reviews.into_iter().map(|note| {
                    let comment = (!note.comment.is_empty()).then(|| format!(": {}", note.comment));
                    view! {
                        <li>
                            {local_date_time(note.at_ms)}" · "{note.author.clone()}" · "
                            <strong>{move || state_label(i18n, note.state)}</strong>{comment}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
