//! The designer: the draft of a form's next version as an outline (sections
//! and questions in order), the phone preview beside it, and "Terbitkan".
//! Publishing is checked here first (the same checks as the server's); the
//! server's answer decides, and its problems are shown as they come.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::form::{publish_problems, DefinitionProblem, FormDef};

use super::draft::{Draft, Open};
use super::editor::editor;
use super::inputs::tr;
use super::outline::outline;
use super::preview::Preview;
use super::problems::ProblemList;
use crate::console::forms::{self, PublishError};
use crate::console::session_token;
use crate::i18n::*;
use crate::state::{form_lang, Sync};

#[component]
pub fn Designer(
    /// The newest published version, which the draft starts from.
    base: FormDef,
    on_published: Callback<FormDef>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let lang = form_lang(i18n);
    let form = RwSignal::new(base.next_draft());
    let base = StoredValue::new(base);
    let tried = RwSignal::new(false);
    let refused = RwSignal::new(Vec::<DefinitionProblem>::new());
    // Stored answers' codes are the server's to check.
    let local = Memo::new(move |_| {
        form.with(|new| base.with_value(|old| publish_problems(new, Some(old), &BTreeMap::new())))
    });
    let problems = Signal::derive(move || {
        if !refused.with(Vec::is_empty) {
            refused.get()
        } else if tried.get() {
            local.get()
        } else {
            Vec::new()
        }
    });
    let draft = Draft {
        form,
        open: RwSignal::new(None),
        refused,
    };
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let publish = move |_| {
        tried.set(true);
        failure.set(None);
        if !local.with_untracked(Vec::is_empty) {
            return;
        }
        busy.set(true);
        let (token, def) = (session_token(sync, i18n), form.get_untracked());
        spawn_local(async move {
            let result = forms::publish(i18n, token, &def).await;
            busy.set(false);
            match result {
                Ok(stored) => on_published.run(stored),
                Err(PublishError::Refused(problems)) => refused.set(problems),
                Err(PublishError::Failed(why)) => failure.set(Some(why)),
            }
        });
    };
    let heading = move || {
        form.with(|f| {
            format!(
                "{}: {} {}",
                f.title.get(lang.get()),
                t_string!(i18n, designer_draft),
                f.version
            )
        })
    };
    let version = move || form.with(|f| f.version);
    let sections = move || {
        let (t, lang) = (i18n.texts(), lang.get());
        problems.with(|found| form.with(|f| outline(draft, f, t, lang, found)))
    };
    view! {
        <div class="designer">
            <div class="designer-outline">
                <h2>{heading}</h2>
                <p class="hint">{tr(i18n, |t| t.designer_intro)}</p>
                <p><button type="button" class="secondary" on:click=move |_| on_close.run(())>{tr(i18n, |t| t.designer_back)}</button></p>
                {sections}
                <p><button type="button" class="secondary" on:click=move |_| draft.open.set(Some(Open::NewSection))>
                    {tr(i18n, |t| t.designer_add_section)}</button></p>
                <div class="card publish">
                    <h3>{move || if !refused.with(Vec::is_empty) {
                        t_string!(i18n, designer_refused)
                    } else if !problems.with(Vec::is_empty) {
                        t_string!(i18n, designer_problems)
                    } else {
                        ""
                    }}</h3>
                    <div role="alert"><ProblemList problems /></div>
                    <p class="error" role="alert">{move || failure.get()}</p>
                    <button type="button" disabled=move || busy.get() on:click=publish>
                        {move || if busy.get() {
                            t_string!(i18n, designer_publishing).to_owned()
                        } else {
                            format!("{} {}", t_string!(i18n, designer_publish), version())
                        }}
                    </button>
                </div>
            </div>
            <aside class="designer-side">
                {move || draft.open.get().map(|open| editor(i18n, draft, open))}
                <Preview form=form.into() />
            </aside>
        </div>
    }
}
