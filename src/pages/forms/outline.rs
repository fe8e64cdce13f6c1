//! The draft as an outline: sections and their questions in order, each
//! with what may be done to it (edit, move, remove; a removal the draft
//! would refuse is disabled with the reason) and the problems found there.
//!
//! Built as plain views from the draft and rebuilt whenever it (or the
//! language) changes, rather than a signal per row: the field app
//! downloads this screen too, and each reactive piece costs code. The
//! editors live outside it, so a rebuild loses nothing being typed.

use leptos::prelude::*;
use rukun_core::form::{
    kind_name, notation, DefinitionProblem, Field, FieldKind, FormDef, Lang, Refusal, FIELD_TYPES,
};

use super::draft::{Draft, Open};
use super::inputs::action;
use crate::i18n::Texts;

/// What every row needs to render.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    draft: Draft,
    t: &'static Texts,
    lang: Lang,
    problems: &'a [DefinitionProblem],
}

pub fn outline(
    draft: Draft,
    form: &FormDef,
    t: &'static Texts,
    lang: Lang,
    problems: &[DefinitionProblem],
) -> impl IntoView {
    let cx = Ctx {
        draft,
        t,
        lang,
        problems,
    };
    form.sections
        .iter()
        .enumerate()
        .map(|(index, section)| {
            let title = section.title.get(lang).to_owned();
            let rule = section.relevant.as_ref().map(notation);
            let rows = section
                .fields
                .iter()
                .map(|field| row(cx, form, None, field))
                .collect_view();
            let add = format!("{}: {title}", t.designer_add_field);
            let (id, new_in) = (section.id.clone(), section.id.clone());
            let actions = actions(
                cx,
                &title,
                t.designer_edit_section,
                format!("d-why-section-{}", section.id),
                form.section_removal_refusal(index),
                Callbacks {
                    edit: Callback::new(move |()| draft.open.set(Some(Open::Section(id.clone())))),
                    step: Callback::new(move |up| {
                        let _ = draft.change(|f| Ok(f.move_section(index, up)));
                    }),
                    remove: Callback::new(move |()| {
                        let _ = draft.change(|f| f.remove_section(index));
                    }),
                },
            );
            view! {
                <section class="card designer-section">
                    <h3>{format!("{}: {title}", t.designer_section)}</h3>
                    {rule.map(|rule| view! { <p class="hint">{rule}</p> })}
                    {actions}
                    {found(cx, &format!("section {}", section.id))}
                    <ol class="designer-fields">{rows}</ol>
                    {action(t.designer_add_field, add, false, None,
                        Callback::new(move |()| draft.open.set(Some(Open::NewField(new_in.clone(), None)))))}
                </section>
            }
        })
        .collect_view()
}

/// One question (and, for a group, its row fields).
fn row(cx: Ctx, form: &FormDef, group: Option<&Field>, field: &Field) -> AnyView {
    let (t, draft) = (cx.t, cx.draft);
    let path = match group {
        Some(g) => format!("{}/{}", g.id, field.id),
        None => field.id.clone(),
    };
    let label = field.label.get(cx.lang).to_owned();
    let kind = kind_name(&field.kind);
    let mut meta = vec![field.id.clone()];
    meta.extend(
        FIELD_TYPES
            .iter()
            .position(|n| *n == kind)
            .map(|i| t.designer_types[i].to_owned()),
    );
    if field.required {
        meta.push(t.designer_required.to_lowercase());
    }
    if field.core {
        meta.push(t.designer_core.to_owned());
    }
    if let Some(rule) = &field.relevant {
        meta.push(format!(
            "{} {}",
            t.designer_show_if.to_lowercase(),
            notation(rule)
        ));
    }
    let inner = match &field.kind {
        FieldKind::Group { fields, .. } => {
            let rows = fields
                .iter()
                .map(|f| row(cx, form, Some(field), f))
                .collect_view();
            let open = Open::NewField(String::new(), Some(field.id.clone()));
            Some(view! {
                <ol class="designer-fields">{rows}</ol>
                {action(t.designer_add_field, format!("{}: {label}", t.designer_add_field), false, None,
                    Callback::new(move |()| draft.open.set(Some(open.clone()))))}
            })
        }
        _ => None,
    };
    let (edit, step, remove) = (path.clone(), path.clone(), path.clone());
    let actions = actions(
        cx,
        &label,
        t.action_edit,
        format!("d-why-{}", path.replace('/', "-")),
        form.removal_refusal(&path),
        Callbacks {
            edit: Callback::new(move |()| draft.open.set(Some(Open::Field(edit.clone())))),
            step: Callback::new(move |up| {
                let _ = draft.change(|f| Ok(f.move_field(&step, up)));
            }),
            remove: Callback::new(move |()| {
                let _ = draft.change(|f| f.remove_field(&remove));
            }),
        },
    );
    view! {
        <li class="designer-field">
            <div class="row-head">
                <strong>{label}</strong>
                <span class="hint">{meta.join(" · ")}</span>
            </div>
            {actions}
            {found(cx, &format!("field {path}"))}
            {inner}
        </li>
    }
    .into_any()
}

struct Callbacks {
    edit: Callback<()>,
    /// Up (`true`) or down.
    step: Callback<bool>,
    remove: Callback<()>,
}

/// Edit, move up, move down, remove (disabled with the reason when refused).
fn actions(
    cx: Ctx,
    name: &str,
    edit: &'static str,
    reason_id: String,
    refusal: Option<Refusal>,
    on: Callbacks,
) -> impl IntoView {
    let t = cx.t;
    let step = on.step;
    let reason = refusal.map(|r| r.message().get(cx.lang).to_owned());
    let refused = reason.is_some();
    let described_by = refused.then(|| reason_id.clone());
    view! {
        <div class="row-actions">
            {action(edit, format!("{edit}: {name}"), false, None, on.edit)}
            {action("↑", format!("{}: {name}", t.designer_move_up), false, None, Callback::new(move |()| step.run(true)))}
            {action("↓", format!("{}: {name}", t.designer_move_down), false, None, Callback::new(move |()| step.run(false)))}
            {action(t.action_delete, format!("{}: {name}", t.action_delete), refused, described_by, on.remove)}
        </div>
        {reason.map(|reason| view! { <p id=reason_id class="hint">{reason}</p> })}
    }
}

/// The problems found at `at`, including those of its parts (`field x hint`).
fn found(cx: Ctx, at: &str) -> impl IntoView {
    let items: Vec<_> = cx
        .problems
        .iter()
        .filter(|p| {
            p.at == at
                || p.at
                    .strip_prefix(at)
                    .is_some_and(|rest| rest.starts_with(' '))
        })
        .map(|p| view! { <li>{format!("{}: {}", p.at, p.message.get(cx.lang))}</li> })
        .collect();
    (!items.is_empty()).then(|| view! { <ul class="problems error">{items}</ul> })
}
