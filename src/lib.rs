//! Rukun's PWA: an offline-first Leptos app for RT/RW field surveys.
//!
//! Layers, outside in: `platform` wraps browser APIs (fetch, service worker,
//! preferences), `storage` keeps data in IndexedDB, `records` is the plain
//! logic of a survey record's life (draft, complete, delete), `secret` the
//! PIN and passphrase rule, `state` holds the
//! app-wide reactive state built on both, `components` and `pages` only
//! render state and send user intent back.

pub mod i18n;

pub mod app;
pub mod components;
pub mod console;
pub mod kiosk;
pub mod pages;
pub mod platform;
pub mod records;
pub mod secret;
pub mod state;
pub mod storage;
pub mod sync;

/// This build's version, shown in "about".
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
