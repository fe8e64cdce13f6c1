//! Rukun's shared model: plain data and rules that the PWA (wasm32) and the
//! server (native) both use, so that a code or a message is defined once.
//!
//! No signals, no I/O, no web or database types here.

pub mod account;
pub mod api;
pub mod consent;
pub mod console;
#[cfg(any(test, feature = "fixtures"))]
pub mod fixtures;
pub mod form;
pub mod forms;
pub mod identity;
pub mod kiosk;
#[cfg(feature = "kiosk-seal")]
pub mod kiosk_seal;
pub mod photo;
pub mod progress;
pub mod quality;
pub mod region;
pub mod region_code;
pub mod review;
pub mod sync;

pub use region::{AreaSelection, Kecamatan, Kelurahan, Kota, RegionTree, Rw};
pub use region_code::{CodeError, RegionCode, RegionLevel};
