//! A photo from the tablet's camera, kept in memory only until it is
//! sealed with the rest of the submission.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::kiosk::{KioskPhoto, MAX_PHOTO_BYTES};

use crate::i18n::*;
use crate::platform::photo;

#[component]
pub fn PhotoPicker(photo: RwSignal<Option<KioskPhoto>>) -> impl IntoView {
    let i18n = use_i18n();
    let problem = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let on_change = move |ev: leptos::ev::Event| {
        // The file input keeps no copy once the photo is taken.
        let Some(file) = photo::chosen_file(&ev) else {
            return;
        };
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            match prepared(file).await {
                Some(taken) => photo.set(Some(taken)),
                None => problem.set(Some(i18n.kiosk().photo_failed)),
            }
            busy.set(false);
        });
    };
    view! {
        <label for="kiosk-photo" class="big button">{kt!(i18n, photo_take)}</label>
        <input id="kiosk-photo" type="file" accept="image/*" capture="environment"
            class="visually-hidden" on:change=on_change />
        <p role="status">{move || {
            if busy.get() {
                Some(i18n.kiosk().photo_preparing.to_owned())
            } else {
                photo.with(|p| p.as_ref().map(|p| {
                    format!("{} ({} KB)", i18n.kiosk().photo_ready, p.data.len() * 3 / 4 / 1024)
                }))
            }
        }}</p>
        {move || photo.with(Option::is_some).then(|| view! {
            <button type="button" class="secondary" on:click=move |_| photo.set(None)>
                {kt!(i18n, photo_remove)}
            </button>
        })}
        {move || problem.get().map(|why| view! { <p class="error" role="alert">{why}</p> })}
    }
}

/// Downscaled to JPEG as volunteers' photos are, then base64.
async fn prepared(file: web_sys::File) -> Option<KioskPhoto> {
    let prepared = photo::prepare(file).await.ok()?;
    let bytes = photo::bytes_of(&prepared.jpeg).await?;
    (bytes.len() <= MAX_PHOTO_BYTES).then(|| KioskPhoto {
        content_type: "image/jpeg".into(),
        data: STANDARD.encode(bytes),
    })
}
