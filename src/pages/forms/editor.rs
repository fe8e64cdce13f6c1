//! The editor beside the outline: a question (new or existing) or a
//! section. It edits its own copy and hands it to the draft on "Simpan",
//! which may refuse it with a reason (shown here).

use leptos::prelude::*;
use rukun_core::form::{
    kind_name, starting_kind, CodeList, Condition, Constraint, Field, FieldKind, FormDef, ListEdit,
    Place, Refusal, Section, Text, FIELD_TYPES,
};

use super::draft::{Draft, Open};
use super::inputs::{check_input, owned, text_input, text_pair, tr};
use super::kind_settings::KindSettings;
use super::show_if::{ShowIf, Source};
use crate::components::{Choice, SelectField};
use crate::i18n::*;
use crate::platform::page;
use crate::state::form_lang;

/// The element the focus moves to when an editor opens.
const HEADING: &str = "d-editor";

/// The editor for what is open, under a heading saying what it edits.
pub fn editor(i18n: I18n, draft: Draft, open: Open) -> impl IntoView {
    let lang = form_lang(i18n).get_untracked();
    let t = i18n.texts();
    let heading = draft.form.with_untracked(|f| {
        let section = |id: &str| {
            f.sections
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.title.get(lang).to_owned())
        };
        let field = |path: &str| f.field_by_path(path).map(|s| s.label.get(lang).to_owned());
        match &open {
            Open::Field(path) => format!("{}: {}", t.action_edit, field(path).unwrap_or_default()),
            Open::NewField(_, Some(group)) => format!(
                "{}: {}",
                t.designer_add_field,
                field(group).unwrap_or_default()
            ),
            Open::NewField(id, None) => format!(
                "{}: {}",
                t.designer_add_field,
                section(id).unwrap_or_default()
            ),
            Open::Section(id) => format!(
                "{}: {}",
                t.designer_edit_section,
                section(id).unwrap_or_default()
            ),
            Open::NewSection => t.designer_add_section.to_owned(),
        }
    });
    page::focus_soon(HEADING);
    let body = match open {
        Open::Section(id) => view! { <SectionEditor draft id=Some(id) /> }.into_any(),
        Open::NewSection => view! { <SectionEditor draft id=None /> }.into_any(),
        open => view! { <FieldEditor draft open /> }.into_any(),
    };
    view! {
        <div class="card editor">
            <h2 id=HEADING tabindex="-1">{heading}</h2>
            {body}
        </div>
    }
}

/// The fields a show-if rule at `path` may read, with their codes.
fn sources(form: &FormDef, path: Option<&str>) -> Vec<Source> {
    form.condition_sources(path)
        .into_iter()
        .map(|f| (f.id.clone(), f.label.clone(), form.comparable_codes(f)))
        .collect()
}

/// The code list a choice question starts with: its own, or a new one.
fn starting_list(form: &FormDef, field: &Field) -> CodeList {
    match &field.kind {
        FieldKind::Single { list } | FieldKind::Multi { list, .. } => form.list(list).cloned(),
        _ => None,
    }
    .unwrap_or(CodeList {
        id: String::new(),
        items: Vec::new(),
    })
}

#[component]
fn FieldEditor(draft: Draft, open: Open) -> impl IntoView {
    let i18n = use_i18n();
    let (path, place) = match open {
        Open::Field(path) => (Some(path), (String::new(), None)),
        Open::NewField(section, group) => (None, (section, group)),
        _ => return ().into_any(),
    };
    let group = match &path {
        Some(path) => path.split_once('/').map(|(g, _)| g.to_owned()),
        None => place.1.clone(),
    };
    let (initial, list, rule_sources) = draft.form.with_untracked(|form| {
        let initial = path
            .as_deref()
            .and_then(|p| form.field_by_path(p).cloned())
            .unwrap_or_else(|| Field::new("", starting_kind("text", "").expect("a known type")));
        let scope = path
            .clone()
            .unwrap_or_else(|| group.as_ref().map_or(String::new(), |g| format!("{g}/")));
        let list = starting_list(form, &initial);
        (initial, list, sources(form, Some(&scope)))
    });
    let core = initial.core;
    let field = RwSignal::new(initial.clone());
    let new_list = RwSignal::new(list.id.is_empty());
    let list = RwSignal::new(list);
    let refusal = RwSignal::new(None::<Text>);
    let save = {
        let path = path.clone();
        Callback::new(move |()| {
            let (f, list) = (
                field.get_untracked(),
                ListEdit {
                    list: list.get_untracked(),
                    new: new_list.get_untracked(),
                },
            );
            let saved = draft.change(|form| {
                let place = match (&path, &place) {
                    // Not read: the question exists.
                    (Some(_), _) => Place::Section(0),
                    (None, (_, Some(group))) => Place::Group(group),
                    (None, (section, None)) => Place::Section(
                        form.sections
                            .iter()
                            .position(|s| s.id == *section)
                            .ok_or(Refusal::Missing)?,
                    ),
                };
                form.save_question(path.as_deref(), place, f, list)
            });
            match saved {
                Ok(()) => draft.open.set(None),
                Err(why) => refusal.set(Some(why.message())),
            }
        })
    };
    let set_id = Callback::new(move |id: String| {
        let id = id.trim().to_owned();
        field.update(|f| {
            // A range limit names the field itself: it follows the id.
            if let Some(Constraint {
                rule: Condition::Between { field: named, .. },
                ..
            }) = &mut f.constraint
            {
                if *named == f.id {
                    named.clone_from(&id);
                }
            }
            f.id = id;
        })
    });
    let set_type = Callback::new(move |name: String| {
        if let Some(kind) = starting_kind(&name, "") {
            field.update(|f| {
                f.kind = kind;
                f.constraint = None;
            });
        }
    });
    let type_name = Signal::derive(move || field.with(|f| kind_name(&f.kind).to_owned()));
    let types = Signal::derive(move || {
        let names = i18n.texts().designer_types;
        FIELD_TYPES
            .iter()
            .zip(names)
            .map(|(value, label)| Choice {
                value: (*value).to_owned(),
                label: label.to_owned(),
            })
            .collect::<Vec<_>>()
    });
    let id_part = match &path {
        Some(_) => view! { <p><strong>"Id: "</strong><code>{initial.id.clone()}</code>" · "{tr(i18n, |t| t.designer_id_fixed)}</p> }.into_any(),
        None => text_input("d-id".into(), owned(i18n, |t| t.designer_id), String::new(), set_id).into_any(),
    };
    let type_part = if core {
        let shown = move || {
            let t = i18n.texts();
            let i = FIELD_TYPES
                .iter()
                .position(|n| *n == type_name.get())
                .unwrap_or(0);
            format!(
                "{}: {} · {}",
                t.designer_type, t.designer_types[i], t.designer_type_fixed
            )
        };
        view! { <p>{shown}</p> }.into_any()
    } else {
        view! { <SelectField id="d-type" label=owned(i18n, |t| t.designer_type) placeholder=owned(i18n, |t| t.choose)
            choices=types value=type_name on_change=set_type /> }.into_any()
    };
    let flag = move |change: fn(&mut Field, bool)| {
        Callback::new(move |on: bool| field.update(|f| change(f, on)))
    };
    let text = move |change: fn(&mut Field, Text)| {
        Callback::new(move |t: Text| field.update(|f| change(f, t)))
    };
    view! {
        {id_part}
        {type_part}
        {text_pair("d-label", |t| t.designer_label, initial.label.clone(), text(|f, t| f.label = t))}
        {text_pair("d-hint", |t| t.designer_hint, initial.hint.clone().unwrap_or_default(), text(|f, t| f.hint = Some(t)))}
        <div class="inline-options">
            {check_input("d-required", |t| t.designer_required, initial.required, flag(|f, on| f.required = on))}
            {check_input("d-personal", |t| t.designer_personal, initial.personal, flag(|f, on| f.personal = on))}
        </div>
        <KindSettings draft field list new_list path=path.clone() group />
        <ShowIf id="d-show" sources=rule_sources initial=initial.relevant.clone()
            on_change=Callback::new(move |rule| field.update(|f| f.relevant = rule)) />
        {save_bar(i18n, draft, refusal, save)}
    }
    .into_any()
}

/// What a step's refusal says, "Simpan" and "Batal".
fn save_bar(
    i18n: I18n,
    draft: Draft,
    refusal: RwSignal<Option<Text>>,
    save: Callback<()>,
) -> impl IntoView {
    let lang = form_lang(i18n);
    view! {
        <p class="error" role="alert">{move || refusal.get().map(|r| r.get(lang.get()).to_owned())}</p>
        <div class="actions">
            <button type="button" on:click=move |_| save.run(())>{tr(i18n, |t| t.designer_save)}</button>
            <button type="button" class="secondary" on:click=move |_| draft.open.set(None)>{tr(i18n, |t| t.action_cancel)}</button>
        </div>
    }
}

/// A section's id (new ones only), title and show-if rule.
#[component]
fn SectionEditor(draft: Draft, id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let (initial, rule_sources) = draft.form.with_untracked(|form| {
        let section = id
            .as_ref()
            .and_then(|id| form.sections.iter().find(|s| s.id == *id).cloned());
        (section, sources(form, None))
    });
    let is_new = initial.is_none();
    let section = RwSignal::new(initial.unwrap_or(Section {
        id: String::new(),
        title: Text::default(),
        relevant: None,
        fields: Vec::new(),
    }));
    let refusal = RwSignal::new(None::<Text>);
    let save = Callback::new(move |()| {
        let new = section.get_untracked();
        let done = draft.change(|form| {
            if is_new {
                return form.add_section(new);
            }
            let old = form
                .sections
                .iter_mut()
                .find(|s| s.id == new.id)
                .ok_or(Refusal::Missing)?;
            old.title = new.title;
            old.relevant = new.relevant;
            Ok(())
        });
        match done {
            Ok(()) => draft.open.set(None),
            Err(why) => refusal.set(Some(why.message())),
        }
    });
    let (title, rule) = section.with_untracked(|s| (s.title.clone(), s.relevant.clone()));
    let set_id = Callback::new(move |id: String| section.update(|s| s.id = id.trim().to_owned()));
    view! {
        {is_new.then(|| text_input("d-section-id".into(), owned(i18n, |t| t.designer_id), String::new(), set_id))}
        {text_pair("d-section-title", |t| t.designer_title_text, title,
            Callback::new(move |text| section.update(|s| s.title = text)))}
        <ShowIf id="d-section-show" sources=rule_sources initial=rule
            on_change=Callback::new(move |rule| section.update(|s| s.relevant = rule)) />
        {save_bar(i18n, draft, refusal, save)}
    }
}
