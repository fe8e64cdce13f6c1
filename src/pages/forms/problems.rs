//! Problems of a definition, each with where it is, in the UI language.

use leptos::prelude::*;
use rukun_core::form::DefinitionProblem;

use crate::i18n::*;
use crate::state::form_lang;

#[component]
pub fn ProblemList(#[prop(into)] problems: Signal<Vec<DefinitionProblem>>) -> impl IntoView {
    let lang = form_lang(use_i18n());
    move || {
        let lang = lang.get();
        problems.with(|list| {
            (!list.is_empty()).then(|| {
                let items = list
                    .iter()
                    .map(|p| {
                        let text = format!("{}: {}", p.at, p.message.get(lang));
                        view! { <li>{text}</li> }
                    })
                    .collect_view();
                view! { <ul class="problems error">{items}</ul> }
            })
        })
    }
}
