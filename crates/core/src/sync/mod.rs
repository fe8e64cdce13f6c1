//! The sync protocol (sync.md): messages both sides decode, and the
//! server's field-level merge as a pure function, so a simulation can drive
//! it without a database.

mod merge;
mod protocol;

pub use merge::{merge, FieldState, Merged};
pub use protocol::*;
