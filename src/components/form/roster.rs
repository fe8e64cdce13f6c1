//! A repeated group (household members): the rows as a list, one row open
//! for editing at a time, added and removed one by one.

use leptos::prelude::*;
use rukun_core::form::{row_path, rows, Field, FieldKind, Severity, Value};

use super::field_view::FieldView;
use super::messages::{field_messages, localized, FieldMessages};
use super::{Edit, FormCtx};
use crate::i18n::*;
use crate::platform::random;

#[component]
pub fn Roster(ctx: FormCtx, field: Field) -> impl IntoView {
    let i18n = use_i18n();
    let FieldKind::Group {
        fields,
        title_field,
        ..
    } = field.kind.clone()
    else {
        return ().into_any();
    };
    let group = field.id.clone();
    let editing = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(None::<String>);
    let row_ids = {
        let group = group.clone();
        Memo::new(move |_| ctx.answers.with(|a| rows(a, &group).to_vec()))
    };
    let messages = field_messages(ctx, &group);
    let add = {
        let group = group.clone();
        move |_| {
            let row = random::hex_id();
            let mut ids = row_ids.get_untracked();
            ids.push(row.clone());
            ctx.set(&group, Some(Value::Rows(ids)));
            editing.set(Some(row));
        }
    };
    let group_field = field.clone();
    let row_view = move |row: String| {
        let title_path = row_path(&group, &row, &title_field);
        let error_prefix = format!("{group}/{row}/");
        let title = move || match ctx.answers.with(|a| a.get(&title_path).cloned()) {
            Some(Value::Text(t)) if !t.is_empty() => t,
            _ => t_string!(i18n, member_new).to_owned(),
        };
        let needs_fixing = move || {
            ctx.show_required.get()
                && ctx.issues.with(|i| {
                    i.iter()
                        .any(|i| i.severity == Severity::Error && i.path.starts_with(&error_prefix))
                })
        };
        let (open_row, edit_row, remove_row, confirm_row) =
            (row.clone(), row.clone(), row.clone(), row.clone());
        let is_open = move || editing.get().as_deref() == Some(open_row.as_str());
        let group_for_remove = group.clone();
        let fields = fields.clone();
        let group_field = group_field.clone();
        let editor_row = row.clone();
        view! {
            <li class="row">
                <div class="row-head">
                    <strong>{title}</strong>
                    <Show when=needs_fixing.clone()><span class="error">" · "{t!(i18n, member_fix)}</span></Show>
                </div>
                <Show when=is_open.clone() fallback=move || {
                    let (edit_row, remove_row) = (edit_row.clone(), remove_row.clone());
                    let confirm_row = confirm_row.clone();
                    let group = group_for_remove.clone();
                    view! {
                        <div class="inline-options">
                            <button type="button" class="secondary" on:click=move |_| editing.set(Some(edit_row.clone()))>
                                {t!(i18n, action_edit)}</button>
                            <Show when={let r = confirm_row.clone(); move || confirming.get().as_deref() != Some(r.as_str())}
                                fallback={
                                    let (group, row) = (group.clone(), remove_row.clone());
                                    move || {
                                        let (group, row) = (group.clone(), row.clone());
                                        view! {
                                            <button type="button" class="danger" on:click=move |_| {
                                                ctx.edit.run(Edit::RemoveRow { group: group.clone(), row: row.clone() });
                                                confirming.set(None);
                                            }>{t!(i18n, delete_yes)}</button>
                                            <button type="button" class="secondary" on:click=move |_| confirming.set(None)>
                                                {t!(i18n, action_cancel)}</button>
                                        }
                                    }
                                }>
                                <button type="button" class="secondary" on:click={
                                    let r = confirm_row.clone();
                                    move |_| confirming.set(Some(r.clone()))
                                }>{t!(i18n, action_delete)}</button>
                            </Show>
                        </div>
                    }
                }>
                    <div class="row-editor">
                        {fields.iter().map(|inner| {
                            let path = row_path(&group_field.id, &editor_row, &inner.id);
                            view! { <FieldView ctx field=inner.clone() path row=Some((group_field.clone(), editor_row.clone())) /> }
                        }).collect_view()}
                        <button type="button" on:click=move |_| editing.set(None)>{t!(i18n, member_done)}</button>
                    </div>
                </Show>
            </li>
        }
    };
    view! {
        <section class="field roster" aria-labelledby="roster-title">
            <h3 id="roster-title">{localized(&field.label, ctx)}</h3>
            <Show when=move || row_ids.with(Vec::is_empty)><p class="hint">{t!(i18n, members_none)}</p></Show>
            <ul class="rows">
                <For each=move || row_ids.get() key=|row| row.clone() children=row_view />
            </ul>
            <button type="button" on:click=add>{t!(i18n, member_add)}</button>
            <FieldMessages path=field.id.clone() messages />
        </section>
    }
    .into_any()
}
