//! The form definitions and code lists this build knows, shared by every page.

use std::sync::Arc;

use leptos::prelude::*;
use rukun_core::form::{Catalog, Lang};

use crate::i18n::{I18n, Locale};

#[derive(Clone, Copy)]
pub struct Forms {
    pub catalog: StoredValue<Arc<Catalog>>,
}

impl Forms {
    pub fn provide() -> Self {
        let this = Self {
            catalog: StoredValue::new(Arc::new(rukun_core::forms::catalog())),
        };
        provide_context(this);
        this
    }

    pub fn use_context() -> Self {
        expect_context()
    }
}

/// The form language matching the UI language.
pub fn form_lang(i18n: I18n) -> Signal<Lang> {
    Signal::derive(move || match i18n.get_locale() {
        Locale::id => Lang::Id,
        Locale::en => Lang::En,
    })
}
