//! Exports for the city from the review page: CSV (households, members,
//! infrastructure), XLSX, GeoJSON. NIK and No. KK are masked unless the
//! coordinator ticks the box; the server audits every export.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::console::{download, session_token};
use crate::i18n::*;
use crate::state::Sync;

const FILES: [(&str, &str); 5] = [
    ("households.csv", "CSV"),
    ("members.csv", "CSV"),
    ("infrastructure.csv", "CSV"),
    ("survey.xlsx", "XLSX"),
    ("points.geojson", "GeoJSON"),
];

#[component]
pub fn ExportCard() -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let full = RwSignal::new(false);
    let approved_only = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let busy = RwSignal::new(false);
    let export = move |file: &'static str| {
        let mut query = Vec::new();
        if full.get_untracked() {
            query.push("identities=full");
        }
        if approved_only.get_untracked() {
            query.push("state=approved");
        }
        let path = format!("/api/exports/{file}?{}", query.join("&"));
        let token = session_token(sync, i18n);
        busy.set(true);
        spawn_local(async move {
            let done = download(i18n, token, &path, &format!("rukun-{file}")).await;
            outcome.set(Some(
                done.map(|()| format!("{} {file}", t_string!(i18n, export_done))),
            ));
            busy.set(false);
        });
    };
    let label = move |file: &str, kind: &str| {
        let what = match file {
            "households.csv" => t_string!(i18n, export_households),
            "members.csv" => t_string!(i18n, export_members),
            "infrastructure.csv" => t_string!(i18n, export_infrastructure),
            "survey.xlsx" => t_string!(i18n, export_all_tables),
            _ => t_string!(i18n, export_points),
        };
        format!("{what} ({kind})")
    };
    view! {
        <section class="card" aria-labelledby="export-title">
            <h2 id="export-title">{t!(i18n, export_title)}</h2>
            <label class="check">
                <input type="checkbox" on:change=move |ev| approved_only.set(event_target_checked(&ev)) />
                {t!(i18n, export_approved_only)}
            </label>
            <label class="check">
                <input type="checkbox" on:change=move |ev| full.set(event_target_checked(&ev)) />
                {t!(i18n, export_full_ids)}
            </label>
            <div class="actions">
                {FILES.into_iter().map(|(file, kind)| view! {
                    <button type="button" class="secondary" disabled=move || busy.get() on:click=move |_| export(file)>
                        {move || label(file, kind)}
                    </button>
                }).collect_view()}
            </div>
            {move || outcome.get().map(|o| match o {
                Ok(text) => view! { <p role="status">{text}</p> }.into_any(),
                Err(text) => view! { <p class="error" role="alert">{text}</p> }.into_any(),
            })}
        </section>
    }
}
