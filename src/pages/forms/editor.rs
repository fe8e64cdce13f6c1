//! The editors that open under the outline: a question (new or existing)
//! and a section. Each edits its own copy and hands it to the draft on
//! "Simpan", which may refuse it with a reason (shown here).

use leptos::prelude::*;
use rukun_core::form::{
    kind_name, starting_kind, CodeList, Condition, Constraint, Field, FieldKind, FormDef, Place,
    Refusal, Section, Text, FIELD_TYPES,
};

use super::draft::{Draft, Open};
use super::inputs::{check_input, TextPair};
use super::kind_settings::KindSettings;
use super::show_if::{ShowIf, Source};
use crate::i18n::*;
use crate::state::form_lang;

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
pub fn FieldEditor(draft: Draft, open: Open) -> impl IntoView {
    let i18n = use_i18n();
    let (path, place) = match open {
        Open::Field(path) => (Some(path), None),
        Open::NewField(section, group) => (None, Some((section, group))),
        _ => return ().into_any(),
    };
    let group = match (&path, &place) {
        (Some(path), _) => path.split_once('/').map(|(g, _)| g.to_owned()),
        (None, Some((_, group))) => group.clone(),
        _ => None,
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
    let lang = form_lang(i18n);
    let save = {
        let path = path.clone();
        move |_| {
            let mut f = field.get_untracked();
            f.hint = f
                .hint
                .filter(|h| !(h.id.trim().is_empty() && h.en.trim().is_empty()));
            let mut codes = list.get_untracked();
            let new = new_list.get_untracked();
            let done = draft.change(|form| {
                if let FieldKind::Single { list } | FieldKind::Multi { list, .. } = &mut f.kind {
                    // A new list is named after its question unless named.
                    if new && codes.id.is_empty() {
                        codes.id.clone_from(&f.id);
                    }
                    if new && form.list(&codes.id).is_some() {
                        return Err(Refusal::IdTaken(codes.id));
                    }
                    list.clone_from(&codes.id);
                    form.put_list(codes);
                }
                match (&path, &place) {
                    (Some(path), _) => form.replace_field(path, f),
                    (None, Some((_, Some(group)))) => form.add_field(Place::Group(group), f),
                    (None, Some((section, None))) => form.add_field(Place::Section(*section), f),
                    (None, None) => unreachable!("an editor is for a field or a new one"),
                }
            });
            match done {
                Ok(()) => draft.open.set(None),
                Err(why) => refusal.set(Some(why.message())),
            }
        }
    };
    let set_id = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev).trim().to_owned();
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
    };
    let set_type = move |ev: leptos::ev::Event| {
        if let Some(kind) = starting_kind(&event_target_value(&ev), "") {
            field.update(|f| {
                f.kind = kind;
                f.constraint = None;
            });
        }
    };
    let types = FIELD_TYPES
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let selected = kind_name(&initial.kind) == *name;
            view! { <option value=*name selected=selected>{move || i18n.texts().designer_types[i]}</option> }
        })
        .collect_view();
    view! {
        <div class="card editor">
            {match &path {
                Some(_) => view! { <p><strong>"Id: "</strong><code>{initial.id.clone()}</code>" · "{t!(i18n, designer_id_fixed)}</p> }.into_any(),
                None => view! {
                    <div class="field">
                        <label for="d-id">{t!(i18n, designer_id)}</label>
                        <input id="d-id" type="text" autocapitalize="none" on:input=set_id />
                    </div>
                }.into_any(),
            }}
            <div class="field">
                <label for="d-type">{t!(i18n, designer_type)}</label>
                <select id="d-type" disabled=core aria-describedby="d-type-note" on:change=set_type>{types}</select>
                <p id="d-type-note" class="hint">{move || core.then(|| t_string!(i18n, designer_type_fixed))}</p>
            </div>
            <TextPair id="d-label" what=Signal::derive(move || t_string!(i18n, designer_label)) initial=initial.label.clone()
                on_change=Callback::new(move |text| field.update(|f| f.label = text)) />
            <TextPair id="d-hint" what=Signal::derive(move || t_string!(i18n, designer_hint)) initial=initial.hint.clone().unwrap_or_default()
                on_change=Callback::new(move |text| field.update(|f| f.hint = Some(text))) />
            <div class="inline-options">
                {check_input("d-required", move || t_string!(i18n, designer_required), initial.required,
                    move |on| field.update(|f| f.required = on))}
                {check_input("d-personal", move || t_string!(i18n, designer_personal), initial.personal,
                    move |on| field.update(|f| f.personal = on))}
            </div>
            <KindSettings draft field list new_list path=path.clone() group />
            <ShowIf id="d-show" sources=rule_sources initial=initial.relevant.clone()
                on_change=Callback::new(move |rule| field.update(|f| f.relevant = rule)) />
            <p class="error" role="alert">{move || refusal.get().map(|r| r.get(lang.get()).to_owned())}</p>
            <div class="actions">
                <button type="button" on:click=save>{t!(i18n, designer_save)}</button>
                <button type="button" class="secondary" on:click=move |_| draft.open.set(None)>{t!(i18n, action_cancel)}</button>
            </div>
        </div>
    }
    .into_any()
}

/// A section's id (new ones only), title and show-if rule.
#[component]
pub fn SectionEditor(draft: Draft, index: Option<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = form_lang(i18n);
    let (initial, rule_sources) = draft.form.with_untracked(|form| {
        let section = index.and_then(|i| form.sections.get(i).cloned());
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
    let save = move |_| {
        let new = section.get_untracked();
        let done = draft.change(|form| match index {
            None => form.add_section(new),
            Some(i) => {
                let old = form.sections.get_mut(i).ok_or(Refusal::Missing)?;
                old.title = new.title;
                old.relevant = new.relevant;
                Ok(())
            }
        });
        match done {
            Ok(()) => draft.open.set(None),
            Err(why) => refusal.set(Some(why.message())),
        }
    };
    let (title, rule) = section.with_untracked(|s| (s.title.clone(), s.relevant.clone()));
    view! {
        <div class="card editor">
            <Show when=move || is_new>
                <div class="field">
                    <label for="d-section-id">{t!(i18n, designer_id)}</label>
                    <input id="d-section-id" type="text" autocapitalize="none"
                        on:input=move |ev| section.update(|s| s.id = event_target_value(&ev).trim().to_owned()) />
                </div>
            </Show>
            <TextPair id="d-section-title" what=Signal::derive(move || t_string!(i18n, designer_title_text)) initial=title
                on_change=Callback::new(move |text| section.update(|s| s.title = text)) />
            <ShowIf id="d-section-show" sources=rule_sources initial=rule
                on_change=Callback::new(move |rule| section.update(|s| s.relevant = rule)) />
            <p class="error" role="alert">{move || refusal.get().map(|r| r.get(lang.get()).to_owned())}</p>
            <div class="actions">
                <button type="button" on:click=save>{t!(i18n, designer_save)}</button>
                <button type="button" class="secondary" on:click=move |_| draft.open.set(None)>{t!(i18n, action_cancel)}</button>
            </div>
        </div>
    }
}
