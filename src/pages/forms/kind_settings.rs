//! The settings of a question's type: a text's length, a number's range and
//! limit, a date's "not after today", a choice's code list, a photo count,
//! a NIK's sibling fields, a group's rows.

use leptos::prelude::*;
use rukun_core::form::{
    kind_name, notation, number_range, range_of, CodeList, Field, FieldKind, Text,
};

use super::draft::Draft;
use super::inputs::{check_input, number_input, TextPair};
use super::list_editor::ListEditor;
use crate::components::{Choice, SelectField};
use crate::i18n::*;

#[component]
pub fn KindSettings(
    draft: Draft,
    field: RwSignal<Field>,
    list: RwSignal<CodeList>,
    new_list: RwSignal<bool>,
    /// The question's path, if it exists already.
    path: Option<String>,
    /// The group the question is in, if any.
    group: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let kind = Memo::new(move |_| field.with(|f| kind_name(&f.kind)));
    let set = move |change: &dyn Fn(&mut FieldKind)| field.update(|f| change(&mut f.kind));
    // Fields of the same row (or the top level) by id, for NIK and groups.
    let siblings = move |inside: Option<&str>| -> Vec<Choice> {
        draft.form.with_untracked(|f| {
            let fields: Vec<&Field> = match inside.and_then(|g| f.field(g)) {
                Some(Field {
                    kind: FieldKind::Group { fields, .. },
                    ..
                }) => fields.iter().collect(),
                _ => f.sections.iter().flat_map(|s| &s.fields).collect(),
            };
            fields
                .into_iter()
                .map(|s| Choice {
                    value: s.id.clone(),
                    label: format!("{} ({})", s.label.id, s.id),
                })
                .collect()
        })
    };
    move || {
        let now = field.get_untracked().kind;
        match (kind.get(), now) {
            ("text", FieldKind::Text { max_len, multiline }) => view! {
                {number_input("d-max-len", move || t_string!(i18n, designer_max_len), max_len as f64,
                    move |n| set(&|k| if let FieldKind::Text { max_len, .. } = k { *max_len = n.max(0.0) as usize }))}
                {check_input("d-multiline", move || t_string!(i18n, designer_multiline), multiline,
                    move |on| set(&|k| if let FieldKind::Text { multiline, .. } = k { *multiline = on }))}
            }.into_any(),
            ("number", FieldKind::Number { min, max, integer }) => view! {
                {number_input("d-min", move || t_string!(i18n, designer_min), min,
                    move |n| set(&|k| if let FieldKind::Number { min, .. } = k { *min = n }))}
                {number_input("d-max", move || t_string!(i18n, designer_max), max,
                    move |n| set(&|k| if let FieldKind::Number { max, .. } = k { *max = n }))}
                {check_input("d-integer", move || t_string!(i18n, designer_integer), integer,
                    move |on| set(&|k| if let FieldKind::Number { integer, .. } = k { *integer = on }))}
                <RangeLimit field />
            }.into_any(),
            ("date", FieldKind::Date { past_only }) => check_input("d-past", move || t_string!(i18n, designer_past_only), past_only,
                move |on| set(&|k| if let FieldKind::Date { past_only } = k { *past_only = on })).into_any(),
            ("single" | "multi", _) => view! { <ListEditor draft path=path.clone() list is_new=new_list /> }.into_any(),
            ("photo", FieldKind::Photo { min, max }) => view! {
                {number_input("d-min", move || t_string!(i18n, designer_min), min.into(),
                    move |n| set(&|k| if let FieldKind::Photo { min, .. } = k { *min = n.clamp(0.0, 255.0) as u8 }))}
                {number_input("d-max", move || t_string!(i18n, designer_max), max.into(),
                    move |n| set(&|k| if let FieldKind::Photo { max, .. } = k { *max = n.clamp(0.0, 255.0) as u8 }))}
            }.into_any(),
            ("nik", FieldKind::Nik { sex_field, birth_date_field }) => {
                let choices = siblings(group.as_deref());
                view! {
                    <SelectField id="d-sex-field" label=Signal::derive(move || t_string!(i18n, designer_sex_field).to_owned())
                        placeholder=Signal::derive(move || t_string!(i18n, choose).to_owned()) choices=choices.clone()
                        value=sex_field on_change=Callback::new(move |v: String| set(&|k| if let FieldKind::Nik { sex_field, .. } = k { *sex_field = v.clone() })) />
                    <SelectField id="d-birth-field" label=Signal::derive(move || t_string!(i18n, designer_birth_field).to_owned())
                        placeholder=Signal::derive(move || t_string!(i18n, choose).to_owned()) choices
                        value=birth_date_field on_change=Callback::new(move |v: String| set(&|k| if let FieldKind::Nik { birth_date_field, .. } = k { *birth_date_field = v.clone() })) />
                }.into_any()
            }
            ("group", FieldKind::Group { min, usual_max, title_field, .. }) => {
                let own = field.with_untracked(|f| f.id.clone());
                view! {
                    {number_input("d-min", move || t_string!(i18n, designer_min), min.into(),
                        move |n| set(&|k| if let FieldKind::Group { min, .. } = k { *min = n.clamp(0.0, 65535.0) as u16 }))}
                    {number_input("d-usual-max", move || t_string!(i18n, designer_usual_max), usual_max.into(),
                        move |n| set(&|k| if let FieldKind::Group { usual_max, .. } = k { *usual_max = n.clamp(0.0, 65535.0) as u16 }))}
                    <SelectField id="d-row-title" label=Signal::derive(move || t_string!(i18n, designer_row_title).to_owned())
                        placeholder=Signal::derive(move || t_string!(i18n, choose).to_owned()) choices=siblings(Some(&own))
                        value=title_field on_change=Callback::new(move |v: String| set(&|k| if let FieldKind::Group { title_field, .. } = k { *title_field = v.clone() })) />
                }.into_any()
            }
            _ => ().into_any(),
        }
    }
}

/// "Batasi nilai jawaban": the answer must lie within a range, with the
/// message shown when it does not. Another kind of rule is kept as it is.
#[component]
fn RangeLimit(field: RwSignal<Field>) -> impl IntoView {
    let i18n = use_i18n();
    let (id, constraint) = field.with_untracked(|f| (f.id.clone(), f.constraint.clone()));
    if let Some(other) = constraint.as_ref().filter(|c| range_of(c, &id).is_none()) {
        let rule = notation(&other.rule);
        return view! { <p>{t!(i18n, designer_rule_kept)}": "<code>{rule}</code></p> }.into_any();
    }
    let on = RwSignal::new(constraint.is_some());
    let (min, max) = constraint
        .as_ref()
        .and_then(|c| range_of(c, &id))
        .unwrap_or((0.0, 0.0));
    let message = constraint.map(|c| c.message).unwrap_or_default();
    let limit = StoredValue::new((min, max, message.clone()));
    let apply = move || {
        let (min, max, message) = limit.get_value();
        field.update(|f| {
            f.constraint = on
                .get_untracked()
                .then(|| number_range(&f.id, min, max, message));
        })
    };
    view! {
        {check_input("d-limit", move || t_string!(i18n, designer_constraint), on.get_untracked(),
            move |checked| { on.set(checked); apply(); })}
        <Show when=move || on.get()>
            {number_input("d-limit-min", move || t_string!(i18n, designer_constraint_from), min,
                move |n| { limit.update_value(|l| l.0 = n); apply(); })}
            {number_input("d-limit-max", move || t_string!(i18n, designer_constraint_to), max,
                move |n| { limit.update_value(|l| l.1 = n); apply(); })}
            <TextPair id="d-limit-message" what=Signal::derive(move || t_string!(i18n, designer_constraint_message))
                initial=message.clone() on_change=Callback::new(move |text: Text| { limit.update_value(|l| l.2 = text); apply(); }) />
        </Show>
    }
    .into_any()
}
