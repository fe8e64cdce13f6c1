//! A `<select>` with a visible label, for pickers.

use leptos::prelude::*;

/// One option: its value and what the user reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

#[component]
pub fn SelectField(
    /// The select's element id, unique on the page (ties the label to it).
    id: &'static str,
    /// Visible label text.
    #[prop(into)]
    label: Signal<String>,
    /// Text of the empty first option.
    #[prop(into)]
    placeholder: Signal<String>,
    #[prop(into)] choices: Signal<Vec<Choice>>,
    /// The selected value ("" for none).
    #[prop(into)]
    value: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select
                id=id
                disabled=move || choices.with(Vec::is_empty)
                on:change=move |ev| on_change.run(event_target_value(&ev))
                prop:value=value
            >
                <option value="">{placeholder}</option>
                <For each=move || choices.get() key=|c| c.value.clone() let(choice)>
                    <option value=choice.value.clone() selected=move || value.get() == choice.value>
                        {choice.label}
                    </option>
                </For>
            </select>
        </div>
    }
}
