//! Choosing a new password: the current one (unless the caller already
//! has it, as right after logging in with a one-time password), the new
//! one twice. Each field's problem is shown under it; the server's answer
//! under the button.

use leptos::prelude::*;
use rukun_core::account::{password_problem, PasswordChange};

use crate::i18n::*;

#[component]
pub fn PasswordForm(
    /// The current password when the caller knows it: its field is not shown.
    #[prop(optional)]
    known_current: Option<String>,
    #[prop(into)] busy: Signal<bool>,
    /// The server's refusal, or a success note.
    #[prop(into)]
    status: Signal<Option<(bool, String)>>,
    on_submit: Callback<PasswordChange>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ask_current = known_current.is_none();
    let current = RwSignal::new(known_current.unwrap_or_default());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    // Problems show once a submit was tried, then follow the typing.
    let tried = RwSignal::new(false);
    let current_problem = move || {
        (tried.get() && current.with(String::is_empty))
            .then(|| t_string!(i18n, password_current_missing))
    };
    let new_problem = move || {
        (tried.get() && new.with(|n| password_problem(n).is_some()))
            .then(|| t_string!(i18n, password_length))
    };
    let repeat_problem = move || {
        (tried.get() && new.get() != repeat.get()).then(|| t_string!(i18n, password_mismatch))
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if current_problem().is_none() && new_problem().is_none() && repeat_problem().is_none() {
            on_submit.run(PasswordChange {
                current: current.get_untracked(),
                new: new.get_untracked(),
            });
        }
    };
    view! {
        <form class="card" on:submit=submit novalidate>
            <Show when=move || ask_current>
                <PasswordField id="password-current" label=t!(i18n, password_current)
                    autocomplete="current-password" value=current problem=Signal::derive(current_problem) />
            </Show>
            <PasswordField id="password-new" label=t!(i18n, password_new)
                autocomplete="new-password" value=new problem=Signal::derive(new_problem) />
            <PasswordField id="password-repeat" label=t!(i18n, password_repeat)
                autocomplete="new-password" value=repeat problem=Signal::derive(repeat_problem) />
            <button type="submit" disabled=move || busy.get()>{t!(i18n, password_submit)}</button>
            <p role="status" class=move || if status.get().is_some_and(|(ok, _)| !ok) { "error" } else { "" }>
                {move || status.get().map(|(_, text)| text)}
            </p>
        </form>
    }
}

/// One labelled password input with its problem under it.
#[component]
fn PasswordField(
    id: &'static str,
    label: impl Fn() -> &'static str + Send + Sync + 'static,
    autocomplete: &'static str,
    value: RwSignal<String>,
    problem: Signal<Option<&'static str>>,
) -> impl IntoView {
    let problem_id = format!("{id}-problem");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type="password" autocomplete=autocomplete
                aria-invalid=move || problem.with(Option::is_some).to_string()
                aria-describedby=problem_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev)) />
            <p id=problem_id class="error">{move || problem.get()}</p>
        </div>
    }
}
