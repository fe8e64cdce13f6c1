//! The record's content for review: the member roster as a table, every
//! other answer as a list, and the photos (fetched with the session token).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::console::RecordDetail;
use rukun_core::form::{rows, Answers, FormDef, Value};

use super::{path_label, value_text};
use crate::console::{photo_url, session_token};
use crate::i18n::*;
use crate::state::{form_lang, Sync};

/// The roster's columns.
const ROSTER: [&str; 5] = ["name", "nik", "sex", "birth_date", "relationship"];

#[component]
pub fn Roster(detail: RecordDetail, form: Arc<FormDef>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = form_lang(i18n);
    let member_rows: Vec<String> = rows(&detail.answers, "members").to_vec();
    let group = form.field("members").cloned();
    let group = group.filter(|_| !member_rows.is_empty())?;
    let headers: Vec<String> = ROSTER
        .iter()
        .map(|id| {
            group.row_field(id).map_or_else(
                || (*id).to_owned(),
                |f| f.label.get(lang.get_untracked()).to_owned(),
            )
        })
        .collect();
    let body = member_rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let cells = ROSTER
                .iter()
                .map(|id| {
                    let path = format!("members/{row}/{id}");
                    let text = value_text(
                        &form,
                        &member_rows,
                        &path,
                        detail.answers.get(&path),
                        lang.get_untracked(),
                    );
                    view! { <td>{text}</td> }
                })
                .collect_view();
            view! { <tr><th scope="row">{i + 1}</th>{cells}</tr> }
        })
        .collect_view();
    Some(view! {
        <section class="card" aria-labelledby="roster-title">
            <h2 id="roster-title">{t!(i18n, review_roster)}</h2>
            <table>
                <thead><tr><th scope="col">"#"</th>{headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </section>
    })
}

#[component]
pub fn AnswerList(detail: RecordDetail, form: Arc<FormDef>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = form_lang(i18n);
    let member_rows: Vec<String> = rows(&detail.answers, "members").to_vec();
    let items = detail
        .answers
        .iter()
        // The consent's own answers are shown by `ConsentCard`.
        .filter(|(path, value)| {
            !path.starts_with("members")
                && !matches!(value, Value::Rows(_))
                && !rukun_core::consent::is_meta_path(path)
        })
        .map(|(path, value)| {
            let l = lang.get_untracked();
            view! {
                <dt>{path_label(&form, &member_rows, path, l)}</dt>
                <dd>{value_text(&form, &member_rows, path, Some(value), l)}</dd>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="answers-title">
            <h2 id="answers-title">{t!(i18n, review_answers)}</h2>
            <dl>{items}</dl>
        </section>
    }
}

/// Every photo of the record, in answer order.
fn photo_ids(answers: &Answers) -> Vec<String> {
    answers
        .values()
        .flat_map(|value| match value {
            Value::Photos(ids) => ids.clone(),
            _ => Vec::new(),
        })
        .collect()
}

#[component]
pub fn Photos(answers: Answers) -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let ids = photo_ids(&answers);
    if ids.is_empty() {
        return None;
    }
    let urls = RwSignal::new(Vec::<Result<String, String>>::new());
    let token = session_token(sync, i18n);
    spawn_local(async move {
        for id in ids {
            let url = photo_url(i18n, token.clone(), &id).await;
            urls.update(|u| u.push(url));
        }
    });
    on_cleanup(move || {
        for url in urls.get_untracked().into_iter().flatten() {
            crate::platform::photo::revoke_url(&url);
        }
    });
    Some(view! {
        <section class="card" aria-labelledby="photos-title">
            <h2 id="photos-title">{t!(i18n, review_photos)}</h2>
            {move || urls.get().into_iter().enumerate().map(|(i, url)| match url {
                Ok(url) => view! { <img class="photo" src=url alt=format!("{} {}", t_string!(i18n, review_photo), i + 1) /> }.into_any(),
                Err(why) => view! { <p class="error">{why}</p> }.into_any(),
            }).collect_view()}
        </section>
    })
}
