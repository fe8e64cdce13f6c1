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

const AUTO_LOCK_KEY: &str = "rukun.auto_lock_s";

/// The idle times offered, in minutes.
pub const AUTO_LOCK_CHOICES_MIN: [u32; 4] = [2, 5, 10, 30];
const AUTO_LOCK_DEFAULT_S: u32 = 10 * 60;

/// Seconds without a touch, key or pointer before the app locks itself.
/// Stored in seconds (the screen offers minutes; the end-to-end test sets a
/// few seconds here directly).
pub fn auto_lock_s() -> u32 {
    LocalStorage::get::<u32>(AUTO_LOCK_KEY)
        .ok()
        .filter(|s| *s > 0)
        .unwrap_or(AUTO_LOCK_DEFAULT_S)
}

pub fn set_auto_lock_s(seconds: u32) {
    if let Err(error) = LocalStorage::set(AUTO_LOCK_KEY, seconds) {
        leptos::logging::warn!("could not remember the auto-lock time: {error}");
    }
}
