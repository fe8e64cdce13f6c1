//! The coordinator's review list ("Tinjau"): every record of the
//! kelurahan on the server (an administrator: the city), filtered by kind,
//! state, data-quality flag, RW, RT, volunteer and dates, newest change
//! first, a page at a time; exports below. Online only.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use rukun_core::console::{ListItem, ListPage};
use rukun_core::form::Lang;
use rukun_core::quality::Flag;

use super::review_exports::ExportCard;
use crate::console::{call, session_token, with_query};
use crate::i18n::*;
use crate::state::{form_lang, Forms, Sync};

const PAGE: u32 = 50;

/// Filter values as typed (empty: any).
#[derive(Clone, Default)]
struct Filters {
    form: RwSignal<String>,
    state: RwSignal<String>,
    flag: RwSignal<String>,
    rw: RwSignal<String>,
    rt: RwSignal<String>,
    volunteer: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
}

impl Filters {
    fn query(&self, after: Option<&str>) -> String {
        let value = |signal: &RwSignal<String>| signal.get_untracked();
        with_query(
            "/api/review/records",
            &[
                ("limit", PAGE.to_string()),
                ("form", value(&self.form)),
                ("state", value(&self.state)),
                ("flag", value(&self.flag)),
                ("rw", value(&self.rw)),
                ("rt", value(&self.rt)),
                ("volunteer", value(&self.volunteer)),
                ("from", value(&self.from)),
                ("to", value(&self.to)),
                ("after", after.unwrap_or_default().to_owned()),
            ],
        )
    }
}

/// The label of a flag in the chosen language.
pub fn flag_label(flag: Flag, lang: Lang) -> String {
    flag.label().get(lang).to_owned()
}

#[component]
pub fn ReviewListPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let lang = form_lang(i18n);
    let forms = Forms::use_context();
    let filters = Filters::default();
    let items = RwSignal::new(Vec::<ListItem>::new());
    let next = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    let loading = RwSignal::new(false);

    let fetch = {
        let filters = filters.clone();
        move |more: bool| {
            let after = if more { next.get_untracked() } else { None };
            let path = filters.query(after.as_deref());
            let token = session_token(sync, i18n);
            loading.set(true);
            spawn_local(async move {
                match call::<(), ListPage>(i18n, token, "GET", &path, None).await {
                    Ok(page) => {
                        failure.set(None);
                        if more {
                            items.update(|list| list.extend(page.items));
                        } else {
                            items.set(page.items);
                        }
                        next.set(page.next);
                    }
                    Err(why) => failure.set(Some(why)),
                }
                loading.set(false);
            });
        }
    };
    let fetch = StoredValue::new(fetch);
    Effect::new(move |_| fetch.with_value(|f| f(false)));

    let item_view = move |item: ListItem| {
        let catalog = forms.catalog.get_value();
        let code_label = |list: &str, code: &Option<String>| {
            code.as_deref()
                .and_then(|c| catalog.code(&item.form_id, list, c))
                .map(|c| c.label.clone())
        };
        let title = if item.form_id == "infrastructure" {
            code_label("infra_category", &item.category)
                .map(|t| t.get(lang.get_untracked()).to_owned())
                .unwrap_or_else(|| item.id.clone())
        } else if item.title.is_empty() {
            code_label("visit_result", &item.visit_result)
                .map(|t| t.get(lang.get_untracked()).to_owned())
                .unwrap_or_else(|| item.id.clone())
        } else {
            item.title.clone()
        };
        let state = super::record::state_label(i18n, item.review_state);
        let flags: Vec<String> = item
            .flags
            .iter()
            .map(|f| flag_label(*f, lang.get_untracked()))
            .collect();
        let detail = format!(
            "RT {:02} / RW {:02} · {} · {}",
            item.rt,
            item.rw,
            item.volunteer,
            crate::platform::clock::local_date_time(item.updated_ms)
        );
        view! {
            <li class="record">
                <div class="record-main">
                    <A href=format!("/review/{}", item.id)>{title}</A>
                    <span class="badge ready">{state}</span>
                </div>
                <p class="hint">{detail}</p>
                {(!flags.is_empty()).then(|| view! { <p class="warning">{flags.join(" · ")}</p> })}
            </li>
        }
    };

    let select = |id: &'static str,
                  label: &'static str,
                  value: RwSignal<String>,
                  options: Vec<(String, String)>| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <select id=id prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                    {options.into_iter().map(|(code, text)| view! { <option value=code>{text}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    let input = |id: &'static str,
                 label: &'static str,
                 kind: &'static str,
                 value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type=kind prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
            </div>
        }
    };
    let any = move || t_string!(i18n, review_any).to_owned();
    let form_options = move || {
        vec![
            (String::new(), any()),
            (
                "household".into(),
                t_string!(i18n, review_kind_household).to_owned(),
            ),
            (
                "infrastructure".into(),
                t_string!(i18n, review_kind_infrastructure).to_owned(),
            ),
        ]
    };
    let state_options = move || {
        use rukun_core::review::ReviewState::*;
        std::iter::once((String::new(), any()))
            .chain(
                [Submitted, Returned, Approved, Rejected]
                    .into_iter()
                    .map(|s| {
                        (
                            s.as_str().to_owned(),
                            super::record::state_label(i18n, s).to_owned(),
                        )
                    }),
            )
            .collect::<Vec<_>>()
    };
    let flag_options = move || {
        std::iter::once((String::new(), any()))
            .chain(
                Flag::ALL
                    .into_iter()
                    .map(|f| (f.as_str().to_owned(), flag_label(f, lang.get()))),
            )
            .collect::<Vec<_>>()
    };

    view! {
        <h1>{t!(i18n, review_list_title)}</h1>
        <form class="card filters" on:submit=move |ev| {
            ev.prevent_default();
            fetch.with_value(|f| f(false));
        }>
            {move || select("filter-kind", t_string!(i18n, review_filter_kind), filters.form, form_options())}
            {move || select("filter-state", t_string!(i18n, review_filter_state), filters.state, state_options())}
            {move || select("filter-flag", t_string!(i18n, review_filter_flag), filters.flag, flag_options())}
            {move || input("filter-rw", t_string!(i18n, area_rw), "number", filters.rw)}
            {move || input("filter-rt", t_string!(i18n, area_rt), "number", filters.rt)}
            {move || input("filter-volunteer", t_string!(i18n, review_filter_volunteer), "text", filters.volunteer)}
            {move || input("filter-from", t_string!(i18n, review_filter_from), "date", filters.from)}
            {move || input("filter-to", t_string!(i18n, review_filter_to), "date", filters.to)}
            <button type="submit">{t!(i18n, review_show)}</button>
        </form>
        {move || failure.get().map(|why| view! { <p class="error" role="alert">{why}</p> })}
        <section class="card" aria-labelledby="review-results">
            <h2 id="review-results">{t!(i18n, review_results)}</h2>
            <Show when=move || !loading.get() && items.with(Vec::is_empty)>
                <p class="hint">{t!(i18n, review_none)}</p>
            </Show>
            <ul class="records">
                <For each=move || items.get() key=|item| (item.id.clone(), item.updated_ms) children=item_view />
            </ul>
            <Show when=move || next.with(Option::is_some)>
                <button type="button" class="secondary" on:click=move |_| fetch.with_value(|f| f(true))>
                    {t!(i18n, review_more)}
                </button>
            </Show>
        </section>
        <ExportCard />
        <p><A href="/review/kiosk">{kt!(i18n, console_title)}</A></p>
        <p><A href="/audit">{t!(i18n, audit_title)}</A></p>
    }
}
