//! Pemberitahuan privasi (administrators): the published versions of the
//! notice volunteers read before the consent question, and publishing the
//! next one in both languages; the server's reason on a refusal.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::consent::{NewNotice, Notice};
use rukun_core::form::Text;

use crate::console::{rights, session_token};
use crate::i18n::*;
use crate::platform::clock::local_date_time;
use crate::state::{form_lang, Sync};

#[component]
pub fn NoticesSection() -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let lang = form_lang(i18n);
    let notices = RwSignal::new(Vec::<Notice>::new());
    let failure = RwSignal::new(None::<String>);
    let load = move || {
        let token = session_token(sync, i18n);
        spawn_local(async move {
            match rights::notices(i18n, token).await {
                Ok(list) => notices.set(list),
                Err(why) => failure.set(Some(why)),
            }
        });
    };
    load();
    let next = Signal::derive(move || notices.with(|n| n.last().map_or(1, |n| n.version + 1)));
    view! {
        <section class="card" aria-labelledby="notices-title">
            <h2 id="notices-title">{rt!(i18n, notices_title)}</h2>
            <p class="hint">{rt!(i18n, notices_intro)}</p>
            {move || failure.get().map(|why| view! { <p class="error" role="alert">{why}</p> })}
            {move || notices.get().into_iter().rev().map(|notice| view! {
                <article class="notice-version">
                    <h3>{move || format!("{} {}", i18n.rights().notices_version, notice.version)}</h3>
                    <p class="hint">{move || format!("{} · {} {}", local_date_time(notice.published_ms), i18n.rights().notices_by, notice.published_by)}</p>
                    <p class="notice-text">{move || notice.text.get(lang.get()).to_owned()}</p>
                </article>
            }).collect_view()}
            <PublishNotice next on_published=Callback::new(move |()| load()) />
        </section>
    }
}

#[component]
fn PublishNotice(next: Signal<u32>, on_published: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let text_id = RwSignal::new(String::new());
    let text_en = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Result<(), String>>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let notice = NewNotice {
            version: next.get_untracked(),
            text: Text::new(
                text_id.get_untracked().trim(),
                text_en.get_untracked().trim(),
            ),
        };
        let token = session_token(sync, i18n);
        busy.set(true);
        spawn_local(async move {
            match rights::publish_notice(i18n, token, &notice).await {
                Ok(_) => {
                    text_id.set(String::new());
                    text_en.set(String::new());
                    outcome.set(Some(Ok(())));
                    on_published.run(());
                }
                Err(why) => outcome.set(Some(Err(why))),
            }
            busy.set(false);
        });
    };
    view! {
        <form on:submit=submit>
            <h3>{move || format!("{} ({} {})", i18n.rights().notices_new, i18n.rights().notices_version, next.get())}</h3>
            <div class="field">
                <label for="notice-id">{rt!(i18n, notices_text_id)}</label>
                <textarea id="notice-id" rows="6" prop:value=move || text_id.get()
                    on:input=move |ev| text_id.set(event_target_value(&ev))></textarea>
            </div>
            <div class="field">
                <label for="notice-en">{rt!(i18n, notices_text_en)}</label>
                <textarea id="notice-en" rows="6" prop:value=move || text_en.get()
                    on:input=move |ev| text_en.set(event_target_value(&ev))></textarea>
            </div>
            <button type="submit" disabled=busy>{rt!(i18n, notices_publish)}</button>
            {move || outcome.get().map(|result| match result {
                Ok(()) => view! { <p role="status" class="notice">{rt!(i18n, notices_published)}</p> }.into_any(),
                Err(why) => view! { <p class="error" role="alert">{why}</p> }.into_any(),
            })}
        </form>
    }
}
