//! The sync protocol (sync.md): messages both sides decode, and the
//! server's field-level merge as a pure function, so a simulation can drive
//! it without a database.

mod merge;
mod protocol;
mod shape;

pub use merge::{merge, FieldState, Merged};
pub use protocol::*;
pub use shape::{
    answers_shape_problem, is_photo_id, is_record_id, record_size_problem, shape_problem,
};
pub use shape::{
    MAX_ANSWERS, MAX_CODE_CHARS, MAX_PUSH_BYTES, MAX_RECORD_BYTES, MAX_ROWS, MAX_TEXT_CHARS,
};
