//! Rendering a form from its definition: one component per kind of field.
//! They read the answers and issues from a [`FormCtx`] and send every edit
//! back through it; the page behind it does the storing, locating and
//! photo work, so these stay free of I/O.

mod choice_input;
mod field_view;
mod form_view;
mod gps_input;
mod messages;
mod multi_input;
mod nik_input;
mod photo_input;
mod privacy_notice;
mod roster;
mod text_input;
mod yes_no_input;

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use leptos::prelude::*;
use rukun_core::consent::{is_refusal, refusal_keeps, Notice};
use rukun_core::form::{Answers, FormDef, Issue, Lang, Value};

pub use form_view::FormView;

/// An edit the volunteer made.
#[derive(Debug, Clone)]
pub enum Edit {
    /// Set (or with `None`, clear) the answer at a path.
    Set(String, Option<Value>),
    /// Remove a row of a group and its answers.
    RemoveRow { group: String, row: String },
}

/// Where a GPS request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GpsState {
    Idle,
    Locating,
    Failed(crate::platform::geolocation::GeoError),
}

/// Where adding a photo stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoState {
    Idle,
    Processing,
    Failed(crate::platform::photo::PhotoError),
}

/// What every field component needs from the page.
#[derive(Clone, Copy)]
pub struct FormCtx {
    pub answers: Signal<Answers>,
    pub issues: Signal<Vec<Issue>>,
    /// Whether "required" errors are shown (after a first try to complete).
    pub show_required: Signal<bool>,
    pub lang: Signal<Lang>,
    /// The form version being filled in (its code lists).
    pub form: StoredValue<Arc<FormDef>>,
    pub today: time::Date,
    pub edit: Callback<Edit>,
    /// Ask for the position for the GPS field at a path.
    pub locate: Callback<String>,
    pub gps: Signal<HashMap<String, GpsState>>,
    /// Add a chosen file to the photo field at a path.
    pub attach: UnsyncCallback<(String, web_sys::File)>,
    pub photo_state: Signal<HashMap<String, PhotoState>>,
    /// Object URLs of stored photos, by SHA-256.
    pub photo_urls: Signal<HashMap<String, String>>,
    /// The privacy notice read out before the consent question.
    pub notice: Signal<Notice>,
    /// While the answers are a refusal, the only questions still asked
    /// ([`refusal_keeps`]); `None` otherwise.
    pub refusal: Signal<Option<Arc<BTreeSet<String>>>>,
}

impl FormCtx {
    pub fn set(&self, path: &str, value: Option<Value>) {
        self.edit.run(Edit::Set(path.to_owned(), value));
    }

    /// The current answer at a path, untracked (initial values of inputs
    /// that keep their own text while the volunteer types).
    pub fn initial(&self, path: &str) -> Option<Value> {
        self.answers.with_untracked(|a| a.get(path).cloned())
    }
}

/// What a refusal keeps of `form`, while `answers` are one (UU 27/2022:
/// no name, NIK, contact or photo of a household that refused).
pub fn refusal_rule(
    answers: Signal<Answers>,
    form: StoredValue<Arc<FormDef>>,
) -> Signal<Option<Arc<BTreeSet<String>>>> {
    let refused = Memo::new(move |_| answers.with(is_refusal));
    Memo::new(move |_| {
        refused
            .get()
            .then(|| Arc::new(form.with_value(|f| refusal_keeps(f))))
    })
    .into()
}

/// The element id of a field's input, from its answer path.
pub fn input_id(path: &str) -> String {
    format!("f-{}", path.replace('/', "-"))
}
