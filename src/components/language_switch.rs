//! Bahasa Indonesia / English, as a labelled select.

use leptos::prelude::*;

use crate::i18n::*;
use crate::state::language;

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let current = language::current(i18n);
    let on_change = move |ev| {
        let chosen = event_target_value(&ev);
        if let Some((locale, _)) = language::choices()
            .into_iter()
            .find(|(l, _)| l.code() == chosen)
        {
            language::choose(i18n, locale);
        }
    };
    view! {
        <div class="language">
            <label for="language" class="visually-hidden">{t!(i18n, language_label)}</label>
            <select id="language" on:change=on_change>
                {language::choices()
                    .into_iter()
                    .map(|(locale, name)| {
                        view! {
                            <option value=locale.code() selected=move || current.get() == locale>
                                {name}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
