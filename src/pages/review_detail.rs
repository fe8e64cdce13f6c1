//! One record as the server has it, for its coordinator: place, state and
//! quality flags; what changed since the latest decision; open conflicts to
//! settle; the member roster, every answer and the photos; the review card.
//! Online only.

mod answers;
mod conflicts;
mod consent;
mod edit;

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use rukun_core::console::{EditRequest, RecordDetail};
use rukun_core::form::{display, field_at, rows, FormDef, Lang, Value};

pub use self::answers::{AnswerList, Photos, Roster};
use self::conflicts::ConflictCard;
pub use self::consent::ConsentCard;
use self::edit::EditCard;
use super::record::ReviewCard;
use super::review_list::flag_label;
use crate::console::{call, encode, session_token};
use crate::i18n::*;
use crate::state::{form_lang, Forms, Sync};

/// The label of an answer's path: the question, and the member's number
/// for a member's answer.
pub fn path_label(form: &FormDef, detail_rows: &[String], path: &str, lang: Lang) -> String {
    match field_at(form, path, detail_rows) {
        Some((field, Some(row))) => format!("#{row} {}", field.label.get(lang)),
        Some((field, None)) => field.label.get(lang).to_owned(),
        None => path.to_owned(),
    }
}

/// An answer as text ("—" when there is none).
pub fn value_text(
    form: &FormDef,
    detail_rows: &[String],
    path: &str,
    value: Option<&Value>,
    lang: Lang,
) -> String {
    let Some(value) = value else {
        return "—".to_owned();
    };
    field_at(form, path, detail_rows)
        .and_then(|(field, _)| display(&field.kind, value, form))
        .map_or_else(|| format!("{value:?}"), |t| t.get(lang).to_owned())
}

/// Sends a coordinator's edit of `record_id`; on success `on_changed`
/// gets `done` (the page reloads), on failure `failed` gets the reason.
pub fn send_edit(
    sync: Sync,
    i18n: I18n,
    record_id: &str,
    request: EditRequest,
    done: &'static str,
    on_changed: Callback<String>,
    failed: RwSignal<Option<Result<String, String>>>,
) {
    #[derive(serde::Deserialize)]
    struct Edited {}
    let token = session_token(sync, i18n);
    let path = format!("/api/records/{}/edit", encode(record_id));
    spawn_local(async move {
        match call::<_, Edited>(i18n, token, "POST", &path, Some(&request)).await {
            Ok(_) => on_changed.run(done.to_owned()),
            Err(why) => failed.set(Some(Err(why))),
        }
    });
}

#[component]
pub fn ReviewDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let lang = form_lang(i18n);
    let params = use_params_map();
    let forms = Forms::use_context();
    let loaded = RwSignal::new(None::<Result<RecordDetail, String>>);
    let reload = move || {
        let Some(id) = params.with_untracked(|p| p.get("id")) else {
            return;
        };
        let token = session_token(sync, i18n);
        spawn_local(async move {
            let path = format!("/api/review/records/{}", encode(&id));
            loaded.set(Some(
                call::<(), RecordDetail>(i18n, token, "GET", &path, None).await,
            ));
        });
    };
    Effect::new(move |_| {
        params.track();
        reload();
    });
    // Outside the reloaded part, so a card's success survives the reload.
    let notice = RwSignal::new(None::<String>);
    let on_changed = Callback::new(move |message: String| {
        notice.set(Some(message));
        reload();
    });
    view! {
        <p><A href="/review">{t!(i18n, review_back)}</A></p>
        {move || notice.get().map(|text| view! { <p role="status" class="notice">{text}</p> })}
        {move || match loaded.get() {
            None => view! { <p class="hint">{t!(i18n, form_loading)}</p> }.into_any(),
            Some(Err(why)) => view! { <p class="error" role="alert">{why}</p> }.into_any(),
            Some(Ok(detail)) => {
                let catalog = forms.catalog.get_value();
                let Some(form) = catalog.form(&detail.item.form_id, detail.form_version).cloned() else {
                    return view! { <p class="error">{detail.item.form_id.clone()}</p> }.into_any();
                };
                let form = Arc::new(form);
                let member_rows: Vec<String> = rows(&detail.answers, "members").to_vec();
                let item = &detail.item;
                let flags: Vec<String> = item.flags.iter().map(|f| flag_label(*f, lang.get_untracked())).collect();
                let heading = if item.title.is_empty() { form.title.get(lang.get_untracked()).to_owned() } else { item.title.clone() };
                let changes = detail.changes.clone();
                let has_changes = !changes.is_empty();
                let changes_view = {
                    let form = form.clone();
                    let member_rows = member_rows.clone();
                    changes.into_iter().map(move |change| {
                        let l = lang.get_untracked();
                        view! {
                            <tr>
                                <th scope="row">{path_label(&form, &member_rows, &change.path, l)}</th>
                                <td>{value_text(&form, &member_rows, &change.path, change.before.as_ref(), l)}</td>
                                <td>{value_text(&form, &member_rows, &change.path, change.after.as_ref(), l)}</td>
                            </tr>
                        }
                    }).collect_view()
                };
                view! {
                    <h1>{heading}</h1>
                    <section class="card">
                        <p>{format!("RT {:02} / RW {:02} · {} · {}", item.rt, item.rw, item.volunteer, crate::platform::clock::local_date_time(item.updated_ms))}</p>
                        {(!flags.is_empty()).then(|| view! { <p class="warning">{t!(i18n, review_flags)}": " {flags.join(" · ")}</p> })}
                    </section>
                    <section class="card" aria-labelledby="changes-title">
                        <h2 id="changes-title">{t!(i18n, review_changes)}</h2>
                        <Show when=move || has_changes fallback=move || view! { <p class="hint">{t!(i18n, review_no_changes)}</p> }>
                            <table>
                                <thead><tr><th scope="col">{t!(i18n, review_field_col)}</th><th scope="col">{t!(i18n, review_before)}</th><th scope="col">{t!(i18n, review_after)}</th></tr></thead>
                                <tbody>{changes_view.clone()}</tbody>
                            </table>
                        </Show>
                    </section>
                    <ConflictCard detail=detail.clone() form=form.clone() on_changed />
                    <ReviewCard record_id=item.id.clone() form=form.clone() state=item.review_state />
                    <EditCard detail=detail.clone() form=form.clone() on_changed />
                    <Roster detail=detail.clone() form=form.clone() />
                    <Photos answers=detail.answers.clone() />
                    <ConsentCard answers=detail.answers.clone() />
                    <AnswerList detail=detail.clone() form=form.clone() />
                }.into_any()
            }
        }}
    }
}
