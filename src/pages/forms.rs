//! Formulir, for administrators: the published forms with their versions,
//! and the designer that turns a copy of the newest version into the next
//! one (issue 15). The server checks and stores what is published; phones
//! download it at their next sync.

mod designer;
mod draft;
mod editor;
mod inputs;
mod kind_settings;
mod list_editor;
mod outline;
mod preview;
mod problems;
mod show_if;

use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::account::Role;
use rukun_core::form::{FormDef, PublishedForm};

use self::designer::Designer;
use self::inputs::tr;
use crate::console::{forms, session_token};
use crate::i18n::*;
use crate::platform::clock::local_date_time;
use crate::state::{form_lang, Sync};

#[component]
pub fn FormsPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let admin = Memo::new(move |_| {
        sync.session
            .with(|s| s.as_ref().is_some_and(|s| s.account.role == Role::Admin))
    });
    let index = LocalResource::new(move || {
        let token = session_token(sync, i18n);
        async move { forms::index(i18n, token).await }
    });
    // The published version being edited, and what the last step said.
    let editing = RwSignal::new(None::<FormDef>);
    let said = RwSignal::new(None::<(bool, String)>);
    let open = Callback::new(move |form: PublishedForm| {
        let Some(newest) = form.versions.iter().map(|v| v.version).max() else {
            return;
        };
        let token = session_token(sync, i18n);
        said.set(None);
        spawn_local(async move {
            match forms::version(i18n, token, &form.id, newest).await {
                Ok(def) => editing.set(Some(def)),
                Err(e) => said.set(Some((false, e))),
            }
        });
    });
    let published = Callback::new(move |form: FormDef| {
        let lang = form_lang(i18n).get_untracked();
        let text = format!(
            "{} {} {}",
            form.title.get(lang),
            form.version,
            t_string!(i18n, forms_published)
        );
        editing.set(None);
        said.set(Some((true, text)));
        index.refetch();
    });
    let close = Callback::new(move |()| editing.set(None));
    let table = move || {
        index.get().map(|listed| match listed {
            Ok(listed) => view! { <FormTable forms=listed.forms open /> }.into_any(),
            Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
        })
    };
    view! {
        <h1>{tr(i18n, |t| t.forms_title)}</h1>
        <Show when=move || admin.get() fallback=move || view! { <p>{tr(i18n, |t| t.forms_forbidden)}</p> }>
            <p role="status" class=move || if said.get().is_some_and(|(ok, _)| !ok) { "error" } else { "" }>
                {move || said.get().map(|(_, text)| text)}
            </p>
            {move || match editing.get() {
                Some(base) => view! { <Designer base on_published=published on_close=close /> }.into_any(),
                None => table.into_any(),
            }}
        </Show>
    }
}

/// The forms, each with its versions and "Ubah".
#[component]
fn FormTable(forms: Vec<PublishedForm>, open: Callback<PublishedForm>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = form_lang(i18n);
    let rows = forms
        .into_iter()
        .map(|form| {
            let title = form.title.clone();
            let versions: Vec<String> = form.versions.iter().map(|v| v.version.to_string()).collect();
            let latest = form
                .versions
                .last()
                .map(|v| format!("{}, {}", local_date_time(v.published_ms), v.published_by));
            let edit_label = {
                let title = title.clone();
                move || format!("{} {}", t_string!(i18n, action_edit), title.get(lang.get()))
            };
            view! {
                <tr>
                    <th scope="row">{move || title.get(lang.get()).to_owned()}</th>
                    <td><code>{form.id.clone()}</code></td>
                    <td>{versions.join(", ")}</td>
                    <td>{latest}</td>
                    <td>
                        <button type="button" aria-label=edit_label on:click=move |_| open.run(form.clone())>
                            {tr(i18n, |t| t.action_edit)}
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="forms">
            <thead>
                <tr>
                    <th scope="col">{tr(i18n, |t| t.forms_form)}</th>
                    <th scope="col">"Id"</th>
                    <th scope="col">{tr(i18n, |t| t.forms_versions)}</th>
                    <th scope="col">{tr(i18n, |t| t.forms_latest)}</th>
                    <th scope="col">{tr(i18n, |t| t.accounts_actions)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
