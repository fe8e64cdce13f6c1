//! Charts where people would rather look than read: households by visit
//! result, and infrastructure reports by category (flood points first) with
//! their condition. Bars are `<meter>`s with a text label, so they read
//! out as numbers too.

use leptos::prelude::*;
use rukun_core::progress::{CategoryCount, Progress};

use crate::i18n::*;
use crate::state::{form_lang, Forms};

#[component]
pub fn VisitResultChart(progress: Progress) -> impl IntoView {
    let i18n = use_i18n();
    let lang = form_lang(i18n);
    let catalog = Forms::use_context().catalog.get_value();
    let total: u32 = progress.by_visit_result.values().sum();
    let rows = progress
        .by_visit_result
        .iter()
        .map(|(code, n)| {
            let label = catalog.code("household", "visit_result", code).map_or_else(
                || code.clone(),
                |c| c.label.get(lang.get_untracked()).to_owned(),
            );
            let id = format!("visit-result-{code}");
            view! {
                <li>
                    <label for=id.clone()>{format!("{label}: {n}")}</label>
                    <meter id=id min="0" max=total.max(1) value=*n></meter>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="visit-results-title">
            <h2 id="visit-results-title">{t!(i18n, progress_visit_results)}</h2>
            {(total == 0).then(|| view! { <p class="hint">{t!(i18n, review_none)}</p> })}
            <ul class="chart">{rows}</ul>
        </section>
    }
}

#[component]
pub fn InfrastructureChart(infrastructure: Vec<CategoryCount>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = form_lang(i18n);
    let catalog = Forms::use_context().catalog.get_value();
    let most = infrastructure.iter().map(|c| c.reports).max().unwrap_or(0);
    let label = |list: &str, code: &str| {
        catalog.code("infrastructure", list, code).map_or_else(
            || code.to_owned(),
            |c| c.label.get(lang.get_untracked()).to_owned(),
        )
    };
    let rows = infrastructure
        .iter()
        .map(|category| {
            let name = label("infra_category", &category.category);
            let conditions = category
                .by_condition
                .iter()
                .map(|(code, n)| format!("{} {n}", label("condition", code)))
                .collect::<Vec<_>>()
                .join(" · ");
            let id = format!("category-{}", category.category);
            view! {
                <li>
                    <label for=id.clone()>{format!("{name}: {}", category.reports)}</label>
                    <meter id=id min="0" max=most.max(1) value=category.reports></meter>
                    <p class="hint">{conditions}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="infrastructure-title">
            <h2 id="infrastructure-title">{t!(i18n, progress_infrastructure)}</h2>
            {most.eq(&0).then(|| view! { <p class="hint">{t!(i18n, review_none)}</p> })}
            <ul class="chart">{rows}</ul>
        </section>
    }
}
