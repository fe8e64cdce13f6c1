//! Browser APIs at the edge: everything above this layer is plain Rust.

pub mod http;
pub mod page;
pub mod prefs;
pub mod service_worker;
