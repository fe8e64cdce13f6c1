//! Progress of the kelurahan (coordinators, administrators): each RT's
//! households against its target, how many are approved, reports, the RW
//! and kelurahan totals and households per volunteer. Read from the server
//! (online only). Charts of visit results and infrastructure (flood points
//! first) and a map of the points.

mod charts;
mod map;
mod targets;

use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::progress::{Progress, RtProgress};

pub(crate) use self::charts::InfrastructureChart;
use self::charts::VisitResultChart;
use self::map::PointsMap;
use self::targets::TargetCard;

use crate::console::{call, session_token, with_query};
use crate::i18n::*;
use crate::state::{form_lang, Forms, Regions, Sync};

#[component]
pub fn ProgressPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let regions = Regions::use_context();
    let forms = Forms::use_context();
    let lang = form_lang(i18n);
    let loaded = RwSignal::new(None::<Result<Progress, String>>);
    // Administrators choose the kelurahan (the working area's by default);
    // coordinators always see their own.
    let is_admin = sync.session.with_untracked(|s| {
        s.as_ref()
            .is_some_and(|s| s.account.role == rukun_core::account::Role::Admin)
    });
    let chosen = RwSignal::new(
        regions
            .area
            .get_untracked()
            .map(|a| a.kelurahan.to_string())
            .unwrap_or_else(|| "35.76.02.1010".into()),
    );
    // Loads can overlap (a sync round ends while a target is saved): only
    // the newest one's answer is shown, so an older answer never puts
    // back figures from before the save.
    let newest = StoredValue::new(0u64);
    let load = move || {
        newest.update_value(|n| *n += 1);
        let this = newest.get_value();
        let token = session_token(sync, i18n);
        let path = if is_admin {
            with_query("/api/progress", &[("kelurahan", chosen.get_untracked())])
        } else {
            "/api/progress".to_owned()
        };
        spawn_local(async move {
            let answer = call::<(), Progress>(i18n, token, "GET", &path, None).await;
            if newest.get_value() == this {
                loaded.set(Some(answer));
            }
        });
    };
    Effect::new(move |_| {
        sync.revision.track();
        chosen.track();
        load();
    });
    let on_saved = Callback::new(move |()| load());
    // The target card stays while figures reload; it changes only when the
    // list of RTs does.
    let rt_choices = Memo::new(move |_| {
        loaded.with(|l| match l {
            Some(Ok(p)) => p
                .rts
                .iter()
                .map(|rt| (rt.area.clone(), rt_label(rt)))
                .collect(),
            _ => Vec::new(),
        })
    });
    let has_figures =
        Memo::new(move |_| matches!(loaded.with(|l| l.as_ref().map(Result::is_ok)), Some(true)));
    let kelurahan_choice = move || {
        is_admin.then(|| {
            let options = regions.tree.with(|tree| {
                tree.iter()
                    .flat_map(|t| &t.kecamatan)
                    .flat_map(|k| &k.kelurahan)
                    .map(|k| (k.code.to_string(), k.name.clone()))
                    .collect::<Vec<_>>()
            });
            view! {
                <div class="field">
                    <label for="progress-kelurahan">{t!(i18n, area_kelurahan)}</label>
                    <select id="progress-kelurahan" prop:value=move || chosen.get()
                        on:change=move |ev| chosen.set(event_target_value(&ev))>
                        {options.into_iter().map(|(code, name)| view! { <option value=code>{name}</option> }).collect_view()}
                    </select>
                </div>
            }
        })
    };
    let rt_row = move |rt: &RtProgress| {
        let label = rt_label(rt);
        let approved = rt.by_review.get("approved").copied().unwrap_or(0);
        let target = rt.target.unwrap_or(0);
        let text = format!(
            "{} {} {} {} · {} {} · {} {}",
            rt.households,
            t_string!(i18n, progress_of),
            target,
            t_string!(i18n, progress_households),
            approved,
            t_string!(i18n, progress_approved),
            rt.infrastructure,
            t_string!(i18n, progress_reports),
        );
        let id = format!("rt-{}-{}", rt.rw, rt.rt);
        // The RT's households by visit result, by name.
        let catalog = forms.catalog.get_value();
        let results = rt
            .by_visit_result
            .iter()
            .map(|(code, n)| {
                let name = catalog.code("household", "visit_result", code).map_or_else(
                    || code.clone(),
                    |c| c.label.get(lang.get_untracked()).to_owned(),
                );
                format!("{name} {n}")
            })
            .collect::<Vec<_>>()
            .join(" · ");
        view! {
            <li class="record">
                <label for=id.clone()>{label}</label>
                <progress id=id max=target.max(1) value=rt.households.min(target.max(1))></progress>
                <p class="hint">{text}</p>
                {(!results.is_empty()).then(|| view! { <p class="hint">{results}</p> })}
            </li>
        }
    };
    view! {
        <h1>{t!(i18n, progress_title)}</h1>
        {kelurahan_choice}
        {move || match loaded.get() {
            None => view! { <p class="hint">{t!(i18n, form_loading)}</p> }.into_any(),
            Some(Err(why)) => view! { <p class="error" role="alert">{why}</p> }.into_any(),
            Some(Ok(p)) => view! {
                <section class="card">
                    <h2>{p.name.clone()}</h2>
                    <p role="status">{format!("{} {} {} {}", p.total.households, t_string!(i18n, progress_of), p.total.target, t_string!(i18n, progress_households))}</p>
                    <ul class="records">{p.rts.iter().map(rt_row).collect_view()}</ul>
                </section>
                <section class="card" aria-labelledby="progress-rws">
                    <h2 id="progress-rws">{t!(i18n, progress_rws)}</h2>
                    <ul>{p.rws.iter().map(|rw| view! {
                        <li>{format!("RW {:02}: {} {} {} {} · {} {}", rw.rw, rw.total.households, t_string!(i18n, progress_of), rw.total.target, t_string!(i18n, progress_households), rw.total.infrastructure, t_string!(i18n, progress_reports))}</li>
                    }).collect_view()}</ul>
                </section>
            }.into_any(),
        }}
        {move || has_figures.get().then(|| view! { <TargetCard rts=rt_choices on_saved /> })}
        {move || loaded.get().and_then(Result::ok).map(|p| view! {
            <VisitResultChart progress=p.clone() />
            <InfrastructureChart infrastructure=p.infrastructure.clone() />
            <PointsMap kelurahan=p.kelurahan.clone() />
            <section class="card" aria-labelledby="progress-volunteers">
                <h2 id="progress-volunteers">{t!(i18n, progress_volunteers)}</h2>
                <ul>{p.volunteers.iter().map(|v| view! { <li>{format!("{}: {}", v.username, v.households)}</li> }).collect_view()}</ul>
            </section>
        })}
    }
}

fn rt_label(rt: &RtProgress) -> String {
    format!("RT {:02} / RW {:02}", rt.rt, rt.rw)
}
