//! The settings of a question's type: a text's length, a number's range and
//! limit, a date's "not after today", a choice's code list, a photo count,
//! a NIK's sibling fields, a group's rows.

use leptos::prelude::*;
use rukun_core::form::{
    kind_name, notation, number_range, range_of, CodeList, Field, FieldKind, Text,
};

use super::draft::Draft;
use super::inputs::{check_input, number_input, owned, text_pair, tr, Key};
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
    let set = move |change: fn(&mut FieldKind, f64)| {
        Callback::new(move |n: f64| field.update(|f| change(&mut f.kind, n)))
    };
    let toggle = move |change: fn(&mut FieldKind, bool)| {
        Callback::new(move |on: bool| field.update(|f| change(&mut f.kind, on)))
    };
    let number =
        move |id: &'static str, label: Key, value: f64, change: fn(&mut FieldKind, f64)| {
            number_input(id, label, value, set(change))
        };
    // A sibling field picker (NIK, a group's title): the same row, or the top level.
    let sibling = move |id: &'static str,
                        label: Key,
                        inside: Option<String>,
                        value: String,
                        change: fn(&mut FieldKind, String)| {
        let choices: Vec<Choice> = draft.form.with_untracked(|f| {
            let fields: Vec<&Field> =
                match inside.as_deref().and_then(|g| f.field(g)).map(|g| &g.kind) {
                    Some(FieldKind::Group { fields, .. }) => fields.iter().collect(),
                    _ => f.sections.iter().flat_map(|s| &s.fields).collect(),
                };
            fields
                .into_iter()
                .map(|s| Choice {
                    value: s.id.clone(),
                    label: format!("{} ({})", s.label.id, s.id),
                })
                .collect()
        });
        let pick = Callback::new(move |v: String| field.update(|f| change(&mut f.kind, v)));
        view! { <SelectField id label=owned(i18n, label) placeholder=owned(i18n, |t| t.choose) choices value on_change=pick /> }
    };
    move || {
        let now = field.get_untracked().kind;
        match (kind.get(), now) {
            ("text", FieldKind::Text { max_len, multiline }) => view! {
                {number("d-max-len", |t| t.designer_max_len, max_len as f64,
                    |k, n| if let FieldKind::Text { max_len, .. } = k { *max_len = n.max(0.0) as usize })}
                {check_input("d-multiline", |t| t.designer_multiline, multiline,
                    toggle(|k, on| if let FieldKind::Text { multiline, .. } = k { *multiline = on }))}
            }.into_any(),
            ("number", FieldKind::Number { min, max, integer }) => view! {
                {number("d-min", |t| t.designer_min, min, |k, n| if let FieldKind::Number { min, .. } = k { *min = n })}
                {number("d-max", |t| t.designer_max, max, |k, n| if let FieldKind::Number { max, .. } = k { *max = n })}
                {check_input("d-integer", |t| t.designer_integer, integer,
                    toggle(|k, on| if let FieldKind::Number { integer, .. } = k { *integer = on }))}
                {range_limit(i18n, field)}
            }.into_any(),
            ("date", FieldKind::Date { past_only }) => check_input("d-past", |t| t.designer_past_only, past_only,
                toggle(|k, on| if let FieldKind::Date { past_only } = k { *past_only = on })).into_any(),
            ("single" | "multi", _) => view! { <ListEditor draft path=path.clone() list is_new=new_list /> }.into_any(),
            ("photo", FieldKind::Photo { min, max }) => view! {
                {number("d-min", |t| t.designer_min, min.into(),
                    |k, n| if let FieldKind::Photo { min, .. } = k { *min = n.clamp(0.0, 255.0) as u8 })}
                {number("d-max", |t| t.designer_max, max.into(),
                    |k, n| if let FieldKind::Photo { max, .. } = k { *max = n.clamp(0.0, 255.0) as u8 })}
            }.into_any(),
            ("nik", FieldKind::Nik { sex_field, birth_date_field }) => view! {
                {sibling("d-sex-field", |t| t.designer_sex_field, group.clone(), sex_field,
                    |k, v| if let FieldKind::Nik { sex_field, .. } = k { *sex_field = v })}
                {sibling("d-birth-field", |t| t.designer_birth_field, group.clone(), birth_date_field,
                    |k, v| if let FieldKind::Nik { birth_date_field, .. } = k { *birth_date_field = v })}
            }.into_any(),
            ("group", FieldKind::Group { min, usual_max, title_field, .. }) => view! {
                {number("d-min", |t| t.designer_min, min.into(),
                    |k, n| if let FieldKind::Group { min, .. } = k { *min = n.clamp(0.0, 65535.0) as u16 })}
                {number("d-usual-max", |t| t.designer_usual_max, usual_max.into(),
                    |k, n| if let FieldKind::Group { usual_max, .. } = k { *usual_max = n.clamp(0.0, 65535.0) as u16 })}
                {sibling("d-row-title", |t| t.designer_row_title, path.clone(), title_field,
                    |k, v| if let FieldKind::Group { title_field, .. } = k { *title_field = v })}
            }.into_any(),
            _ => ().into_any(),
        }
    }
}

/// "Batasi nilai jawaban": the answer must lie within a range, with the
/// message shown when it does not. Another kind of rule is kept as it is.
fn range_limit(i18n: I18n, field: RwSignal<Field>) -> AnyView {
    let (id, constraint) = field.with_untracked(|f| (f.id.clone(), f.constraint.clone()));
    if let Some(other) = constraint.as_ref().filter(|c| range_of(c, &id).is_none()) {
        let rule = notation(&other.rule);
        return view! { <p>{tr(i18n, |t| t.designer_rule_kept)}": "<code>{rule}</code></p> }
            .into_any();
    }
    let on = RwSignal::new(constraint.is_some());
    let (min, max) = constraint
        .as_ref()
        .and_then(|c| range_of(c, &id))
        .unwrap_or((0.0, 0.0));
    let message = constraint.map(|c| c.message).unwrap_or_default();
    let limit = StoredValue::new((min, max, message));
    let apply = move || {
        let (min, max, message) = limit.get_value();
        field.update(|f| {
            f.constraint = on
                .get_untracked()
                .then(|| number_range(&f.id, min, max, message))
        });
    };
    let bound = move |which: u8| {
        Callback::new(move |n: f64| {
            limit.update_value(|l| if which == 0 { l.0 = n } else { l.1 = n });
            apply();
        })
    };
    let settings = move || {
        on.get().then(|| {
            let (min, max, message) = limit.get_value();
            let text = Callback::new(move |text: Text| {
                limit.update_value(|l| l.2 = text);
                apply();
            });
            view! {
                {number_input("d-limit-min", |t| t.designer_constraint_from, min, bound(0))}
                {number_input("d-limit-max", |t| t.designer_constraint_to, max, bound(1))}
                {text_pair("d-limit-message", |t| t.designer_constraint_message, message, text)}
            }
        })
    };
    let switch = Callback::new(move |checked: bool| {
        on.set(checked);
        apply();
    });
    view! {
        {check_input("d-limit", |t| t.designer_constraint, on.get_untracked(), switch)}
        {settings}
    }
    .into_any()
}
