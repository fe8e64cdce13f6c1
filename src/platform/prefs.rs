//! Small per-device preferences in localStorage (gloo-storage). Records never
//! go here: they live in IndexedDB.

use gloo_storage::{LocalStorage, Storage};

const LANGUAGE_KEY: &str = "rukun.language";

/// The language code the user chose last time, if any.
pub fn language() -> Option<String> {
    LocalStorage::get(LANGUAGE_KEY).ok()
}

pub fn set_language(code: &str) {
    // A full or blocked localStorage only loses the preference; say so in
    // the console and go on.
    if let Err(error) = LocalStorage::set(LANGUAGE_KEY, code) {
        leptos::logging::warn!("could not remember the language: {error}");
    }
}
