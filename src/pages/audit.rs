//! The audit log for coordinators and administrators: who created, edited,
//! reviewed and exported what, when, newest first, a page at a time.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use rukun_core::review::AuditEntry;

use crate::console::{call, session_token};
use crate::i18n::*;
use crate::platform::clock::local_date_time;
use crate::state::Sync;

const PAGE: usize = 100;

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let entries = RwSignal::new(Vec::<AuditEntry>::new());
    let more = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let fetch = move |before: Option<i64>| {
        let path = match before {
            Some(id) => format!("/api/audit?limit={PAGE}&before={id}"),
            None => format!("/api/audit?limit={PAGE}"),
        };
        let token = session_token(sync, i18n);
        spawn_local(async move {
            match call::<(), Vec<AuditEntry>>(i18n, token, "GET", &path, None).await {
                Ok(page) => {
                    more.set(page.len() == PAGE);
                    entries.update(|all| all.extend(page));
                }
                Err(why) => failure.set(Some(why)),
            }
        });
    };
    fetch(None);
    let action_label = move |action: &str| match action {
        "create" => t_string!(i18n, audit_create).to_owned(),
        "edit" => t_string!(i18n, audit_edit).to_owned(),
        "delete" => t_string!(i18n, audit_delete).to_owned(),
        "coordinator_edit" => t_string!(i18n, audit_coordinator_edit).to_owned(),
        "export" => t_string!(i18n, audit_export).to_owned(),
        "target" => t_string!(i18n, audit_target).to_owned(),
        other => other.replace("review:", &format!("{}: ", t_string!(i18n, review_title))),
    };
    view! {
        <p><A href="/review">{t!(i18n, review_back)}</A></p>
        <h1>{t!(i18n, audit_title)}</h1>
        {move || failure.get().map(|why| view! { <p class="error" role="alert">{why}</p> })}
        <table class="card">
            <thead><tr>
                <th scope="col">{t!(i18n, audit_when)}</th>
                <th scope="col">{t!(i18n, audit_who)}</th>
                <th scope="col">{t!(i18n, audit_what)}</th>
                <th scope="col">{t!(i18n, audit_detail)}</th>
            </tr></thead>
            <tbody>
                <For each=move || entries.get() key=|e| e.id children=move |e| {
                    let record = e.record_id.clone().map(|id| view! { " · " <A href=format!("/review/{id}")>{id.clone()}</A> });
                    view! {
                        <tr>
                            <td>{local_date_time(e.at_ms)}</td>
                            <td>{e.actor.clone()}</td>
                            <td>{action_label(&e.action)}</td>
                            <td>{e.detail.clone()}{record}</td>
                        </tr>
                    }
                } />
            </tbody>
        </table>
        <Show when=move || more.get()>
            <button type="button" class="secondary" on:click=move |_| {
                fetch(entries.with_untracked(|e| e.last().map(|e| e.id)))
            }>{t!(i18n, review_more)}</button>
        </Show>
    }
}
