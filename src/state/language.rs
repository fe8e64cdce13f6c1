//! The UI language: Bahasa Indonesia unless the user chose English, and
//! remembered across visits.

use leptos::prelude::*;

use crate::i18n::{I18n, Locale};
use crate::platform::prefs;

/// Applies the remembered language (or Bahasa Indonesia, whatever the
/// browser prefers: the app's users work in Indonesian first).
pub fn restore(i18n: I18n) {
    let locale = match prefs::language().as_deref() {
        Some("en") => Locale::en,
        _ => Locale::id,
    };
    i18n.set_locale(locale);
}

/// Switches and remembers.
pub fn choose(i18n: I18n, locale: Locale) {
    i18n.set_locale(locale);
    prefs::set_language(locale.code());
}

/// Both languages, Indonesian first, with their own names.
pub fn choices() -> [(Locale, &'static str); 2] {
    [(Locale::id, "Bahasa Indonesia"), (Locale::en, "English")]
}

/// The current locale, tracked.
pub fn current(i18n: I18n) -> Signal<Locale> {
    Signal::derive(move || i18n.get_locale())
}
