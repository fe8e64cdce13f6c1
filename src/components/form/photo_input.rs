//! The photo field: take or choose pictures, see them as thumbnails, remove
//! them. The page downscales and stores each one.

use leptos::prelude::*;
use rukun_core::form::{Field, FieldKind, Value};

use super::messages::{field_messages, localized, FieldLabel, FieldMessages};
use super::{input_id, FormCtx, PhotoState};
use crate::i18n::*;
use crate::platform::photo::PhotoError;

#[component]
pub fn PhotoInput(ctx: FormCtx, field: Field, path: String) -> impl IntoView {
    let i18n = use_i18n();
    let id = input_id(&path);
    let messages = field_messages(ctx, &path);
    let max = match field.kind {
        FieldKind::Photo { max, .. } => usize::from(max),
        _ => 1,
    };
    let photos = {
        let path = path.clone();
        Memo::new(move |_| match ctx.answers.with(|a| a.get(&path).cloned()) {
            Some(Value::Photos(ids)) => ids,
            _ => vec![],
        })
    };
    let state = {
        let path = path.clone();
        Memo::new(move |_| {
            ctx.photo_state
                .with(|s| s.get(&path).copied().unwrap_or(PhotoState::Idle))
        })
    };
    let status = move || match state.get() {
        PhotoState::Idle => "",
        PhotoState::Processing => t_string!(i18n, photo_processing),
        PhotoState::Failed(PhotoError::NotAnImage) => t_string!(i18n, photo_not_image),
        PhotoState::Failed(PhotoError::TooLarge) => t_string!(i18n, photo_too_large),
        PhotoState::Failed(PhotoError::Failed) => t_string!(i18n, photo_failed),
    };
    let target = path.clone();
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(file) = crate::platform::photo::chosen_file(&ev) {
            ctx.attach.run((target.clone(), file));
        }
    };
    let remove_path = path.clone();
    let thumbnails = move || {
        photos
            .get()
            .into_iter()
            .enumerate()
            .map(|(n, sha)| {
                let url = {
                    let sha = sha.clone();
                    move || ctx.photo_urls.with(|u| u.get(&sha).cloned())
                };
                let remove_path = remove_path.clone();
                let remove = move |_| {
                    let mut rest = photos.get_untracked();
                    rest.retain(|s| *s != sha);
                    ctx.set(&remove_path, (!rest.is_empty()).then_some(Value::Photos(rest)));
                };
                let alt = move || format!("{} {}", t_string!(i18n, photo_alt), n + 1);
                view! {
                    <figure class="thumb">
                        <img src=url alt=alt />
                        <button type="button" class="secondary" on:click=remove
                            aria-label=move || format!("{} {}", t_string!(i18n, photo_remove), n + 1)>
                            {t!(i18n, photo_remove)}
                        </button>
                    </figure>
                }
            })
            .collect_view()
    };
    view! {
        <div class="field">
            <FieldLabel for_id=id.clone() text=localized(&field.label, ctx) required=field.required />
            <div class="thumbs">{thumbnails}</div>
            <input id=id.clone() type="file" accept="image/*" disabled=move || photos.with(|p| p.len() >= max)
                aria-describedby=format!("{id}-msg") on:change=on_change />
            <p class="hint" role="status">{status}</p>
            <FieldMessages path messages />
        </div>
    }
}
