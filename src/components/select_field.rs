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
        <label class="field">
            <span>{label}</span>
            <select
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
        </label>
    }
}
