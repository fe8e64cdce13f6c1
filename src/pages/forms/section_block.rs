//! One section in the outline: its title and rule, what may be done to it,
//! its questions in order and "Tambah pertanyaan".

use leptos::prelude::*;
use rukun_core::form::notation;

use super::draft::{Draft, Open};
use super::editor::{FieldEditor, SectionEditor};
use super::field_row::FieldRow;
use super::problems::ProblemList;
use crate::i18n::*;
use crate::state::form_lang;

#[component]
pub fn SectionBlock(draft: Draft, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let lang = form_lang(i18n);
    let index = {
        let id = id.clone();
        Memo::new(move |_| {
            draft
                .form
                .with(|f| f.sections.iter().position(|s| s.id == id))
        })
    };
    let section = move |read: &dyn Fn(&rukun_core::form::Section) -> String| {
        draft.form.with(|f| {
            index
                .get()
                .and_then(|i| f.sections.get(i))
                .map(read)
                .unwrap_or_default()
        })
    };
    let title = move || section(&|s| s.title.get(lang.get()).to_owned());
    let rule = move || section(&|s| s.relevant.as_ref().map(notation).unwrap_or_default());
    let field_ids = Memo::new(move |_| {
        draft.form.with(|f| {
            index
                .get()
                .and_then(|i| f.sections.get(i))
                .map(|s| s.fields.iter().map(|f| f.id.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let refusal = Memo::new(move |_| {
        draft
            .form
            .with(|f| index.get().and_then(|i| f.section_removal_refusal(i)))
    });
    let named = move |action: &'static str| format!("{action}: {}", title());
    let step = move |up: bool| {
        if let Some(i) = index.get_untracked() {
            let _ = draft.change(|f| Ok(f.move_section(i, up)));
        }
    };
    let remove = move |_| {
        if let Some(i) = index.get_untracked() {
            let _ = draft.change(|f| f.remove_section(i));
        }
    };
    let open_is = move |open: fn(usize) -> Open| {
        move || {
            index
                .get()
                .is_some_and(|i| draft.open.get() == Some(open(i)))
        }
    };
    let reason_id = format!("d-why-section-{id}");
    let problems = draft.problems_at(format!("section {id}"));
    view! {
        <section class="card designer-section">
            <h3>{t!(i18n, designer_section)}": "{title}</h3>
            <p class="hint">{rule}</p>
            <div class="row-actions">
                <button type="button" class="secondary" aria-label=move || named(t_string!(i18n, designer_edit_section))
                    on:click=move |_| draft.open.set(index.get_untracked().map(Open::Section))>{t!(i18n, designer_edit_section)}</button>
                <button type="button" class="secondary" aria-label=move || named(t_string!(i18n, designer_move_up))
                    on:click=move |_| step(true)>"↑"</button>
                <button type="button" class="secondary" aria-label=move || named(t_string!(i18n, designer_move_down))
                    on:click=move |_| step(false)>"↓"</button>
                <button type="button" class="secondary" aria-label=move || named(t_string!(i18n, action_delete))
                    disabled=move || refusal.with(Option::is_some) aria-describedby=reason_id.clone() on:click=remove>
                    {t!(i18n, action_delete)}</button>
            </div>
            <p id=reason_id class="hint">{move || refusal.get().map(|r| r.message().get(lang.get()).to_owned())}</p>
            <ProblemList problems />
            <Show when=open_is(Open::Section)>
                <SectionEditor draft index=index.get_untracked() />
            </Show>
            <ol class="designer-fields">
                <For each=move || field_ids.get() key=|id| id.clone() let(id)>
                    <FieldRow draft path=id />
                </For>
            </ol>
            <button type="button" class="secondary" aria-label=move || named(t_string!(i18n, designer_add_field))
                on:click=move |_| draft.open.set(index.get_untracked().map(|i| Open::NewField(i, None)))>
                {t!(i18n, designer_add_field)}</button>
            <Show when=open_is(|i| Open::NewField(i, None))>
                {move || index.get_untracked().map(|i| view! { <FieldEditor draft open=Open::NewField(i, None) /> })}
            </Show>
        </section>
    }
}
