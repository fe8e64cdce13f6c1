//! One field: shown only while its condition holds, rendered by kind.

use leptos::prelude::*;
use rukun_core::consent::CONSENT_FIELD;
use rukun_core::form::{Field, FieldKind, Scope};

use super::choice_input::ChoiceInput;
use super::gps_input::GpsInput;
use super::multi_input::MultiInput;
use super::nik_input::NikInput;
use super::photo_input::PhotoInput;
use super::privacy_notice::PrivacyNotice;
use super::roster::Roster;
use super::text_input::TextInput;
use super::yes_no_input::YesNoInput;
use super::FormCtx;

#[component]
pub fn FieldView(
    ctx: FormCtx,
    field: Field,
    path: String,
    /// The group and row this field belongs to, if any.
    row: Option<(Field, String)>,
) -> impl IntoView {
    let condition = field.relevant.clone();
    // A question of the form itself (not of a group's row), which a
    // refusal may no longer ask.
    let top_level = row.is_none().then(|| field.id.clone());
    // A memo, so the field is rebuilt only when it appears or disappears,
    // not on every keystroke elsewhere (which would steal the focus).
    let asked = Memo::new(move |_| match &condition {
        _ if top_level.as_ref().is_some_and(|id| {
            ctx.refusal
                .with(|keeps| keeps.as_ref().is_some_and(|k| !k.contains(id)))
        }) =>
        {
            false
        }
        None => true,
        Some(c) => ctx.answers.with(|answers| {
            let row = row.as_ref().map(|(g, r)| (g, r.as_str()));
            c.holds(&Scope {
                answers,
                row,
                today: ctx.today,
            })
        }),
    });
    move || {
        if !asked.get() {
            return ().into_any();
        }
        let (field, path) = (field.clone(), path.clone());
        match field.kind {
            FieldKind::Text { .. }
            | FieldKind::Number { .. }
            | FieldKind::Date { .. }
            | FieldKind::NoKk => view! { <TextInput ctx field path /> }.into_any(),
            FieldKind::Single { .. } => view! { <ChoiceInput ctx field path /> }.into_any(),
            FieldKind::Multi { .. } => view! { <MultiInput ctx field path /> }.into_any(),
            // The privacy notice is read out in full before consent is asked.
            FieldKind::YesNo if field.id == CONSENT_FIELD && !path.contains('/') => view! {
                <PrivacyNotice ctx />
                <YesNoInput ctx field path />
            }
            .into_any(),
            FieldKind::YesNo => view! { <YesNoInput ctx field path /> }.into_any(),
            FieldKind::Gps => view! { <GpsInput ctx field path /> }.into_any(),
            FieldKind::Photo { .. } => view! { <PhotoInput ctx field path /> }.into_any(),
            FieldKind::Nik { .. } => view! { <NikInput ctx field path /> }.into_any(),
            FieldKind::Group { .. } => view! { <Roster ctx field /> }.into_any(),
        }
    }
}
