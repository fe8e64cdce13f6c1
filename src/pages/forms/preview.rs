//! The draft as a phone shows it: the phones' own form renderer in a
//! phone-sized frame, with answers kept here (never stored) so the
//! administrator can try the show-if rules and the limits.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use leptos::prelude::*;
use rukun_core::form::{remove_row, validate, Answers, Context, FormDef};

use super::inputs::tr;
use crate::components::form::{refusal_rule, Edit, FormCtx, FormView};
use crate::i18n::*;
use crate::platform::clock;
use crate::state::{form_lang, Forms};

#[component]
pub fn Preview(form: Signal<FormDef>) -> impl IntoView {
    let i18n = use_i18n();
    let today = clock::today();
    let answers = RwSignal::new(Answers::new());
    // Bumped to rebuild the inputs (which keep what was typed) when cleared.
    let cleared = RwSignal::new(0u32);
    let current = StoredValue::new(Arc::new(form.get_untracked()));
    let no_niks = BTreeSet::new();
    let issues = Memo::new(move |_| {
        form.with(|f| {
            answers.with(|a| {
                validate(
                    f,
                    a,
                    &Context {
                        today,
                        other_niks: &no_niks,
                    },
                )
            })
        })
    });
    let edit = Callback::new(move |edit: Edit| {
        answers.update(|a| match edit {
            Edit::Set(path, Some(value)) => {
                a.insert(path, value);
            }
            Edit::Set(path, None) => {
                a.remove(&path);
            }
            Edit::RemoveRow { group, row } => remove_row(a, &group, &row),
        })
    });
    let ctx = FormCtx {
        answers: answers.into(),
        issues: issues.into(),
        show_required: Signal::stored(false),
        lang: form_lang(i18n),
        form: current,
        today,
        edit,
        // No position or camera here: the preview shows the buttons only.
        locate: Callback::new(|_| {}),
        gps: Signal::stored(HashMap::new()),
        attach: UnsyncCallback::new(|_| {}),
        photo_state: Signal::stored(HashMap::new()),
        photo_urls: Signal::stored(HashMap::new()),
        notice: Forms::use_context().notice.into(),
        refusal: refusal_rule(answers.into(), current),
    };
    let clear = move |_| {
        answers.set(Answers::new());
        cleared.update(|n| *n += 1);
    };
    view! {
        <h2>{tr(i18n, |t| t.designer_preview)}</h2>
        <p class="hint">{tr(i18n, |t| t.designer_preview_hint)}</p>
        <button type="button" class="secondary" on:click=clear>{tr(i18n, |t| t.designer_preview_clear)}</button>
        <div class="phone">
            <form on:submit=|ev| ev.prevent_default() novalidate>
                {move || {
                    cleared.track();
                    let form = form.get();
                    current.set_value(Arc::new(form.clone()));
                    view! { <FormView ctx form /> }
                }}
            </form>
        </div>
    }
}
