//! The UI's texts in Bahasa Indonesia and English, and the current language.
//!
//! Every text is a field of [`Texts`], so a key missing from either language
//! or misspelt in a component is a compile error. Hand-written rather than
//! leptos_i18n: that crate (with icu_locale_core and leptos-use) added 17 KB
//! gzipped to the first load a volunteer pays for (BENCHMARKS.md), and the
//! app needs no plural rules or locale negotiation.

mod en;
mod id;

use leptos::prelude::*;

/// The UI languages, Bahasa Indonesia first.
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    id,
    en,
}

impl Locale {
    /// BCP 47 code, as in `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Locale::id => "id",
            Locale::en => "en",
        }
    }
}

/// One language's texts.
pub struct Texts {
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_area: &'static str,
    pub nav_about: &'static str,
    pub status_label: &'static str,
    pub status_online: &'static str,
    pub status_offline: &'static str,
    pub status_checking: &'static str,
    pub language_label: &'static str,
    pub update_available: &'static str,
    pub update_reload: &'static str,
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub home_area_none: &'static str,
    pub home_area_current: &'static str,
    pub home_choose_area: &'static str,
    pub area_title: &'static str,
    pub area_kecamatan: &'static str,
    pub area_kelurahan: &'static str,
    pub area_rw: &'static str,
    pub area_rt: &'static str,
    pub area_choose: &'static str,
    pub area_save: &'static str,
    pub area_saved: &'static str,
    pub area_save_failed: &'static str,
    pub area_loading: &'static str,
    pub area_from_cache: &'static str,
    pub area_unavailable: &'static str,
    pub about_title: &'static str,
    pub about_text: &'static str,
    pub about_app_version: &'static str,
    pub about_server_version: &'static str,
    pub about_server_unreachable: &'static str,
    pub not_found: &'static str,
}

/// The current language, provided by [`I18nContextProvider`].
#[derive(Clone, Copy)]
pub struct I18n(RwSignal<Locale>);

impl I18n {
    /// The texts of the current language (tracked).
    pub fn texts(self) -> &'static Texts {
        match self.0.get() {
            Locale::id => &id::ID,
            Locale::en => &en::EN,
        }
    }

    pub fn get_locale(self) -> Locale {
        self.0.get()
    }

    pub fn set_locale(self, locale: Locale) {
        self.0.set(locale);
    }
}

pub fn use_i18n() -> I18n {
    expect_context()
}

/// Provides the language to its children and keeps `<html lang>` in step.
#[component]
pub fn I18nContextProvider(children: Children) -> impl IntoView {
    let locale = RwSignal::new(Locale::default());
    provide_context(I18n(locale));
    Effect::new(move |_| {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", locale.get().code());
        }
    });
    children()
}

/// A text that follows the language, for views: `t!(i18n, nav_home)`.
macro_rules! t {
    ($i18n:expr, $key:ident) => {
        move || $i18n.texts().$key
    };
}

/// The text now, for attributes and formatting (tracked when read reactively).
macro_rules! t_string {
    ($i18n:expr, $key:ident) => {
        $i18n.texts().$key
    };
}

pub(crate) use {t, t_string};
