//! Browser APIs at the edge: everything above this layer is plain Rust.

pub mod activity;
pub mod broadcast;
pub mod clock;
pub mod geolocation;
pub mod http;
pub mod locks;
pub mod page;
pub mod photo;
pub mod pin_key;
pub mod prefs;
pub mod quota;
pub mod random;
pub mod service_worker;
pub mod url;
