//! The record rules, apart from any database: what a device's push (a
//! kiosk decision's too), a coordinator's edit, a coordinator's review
//! decision and a resident's erasure request do to a record (sync.md,
//! "Push"). They read the records they need in one go, decide in memory,
//! and hand the store a [`Writes`]: plain rows for it to write in a few
//! set-based statements. A store backend implements [`RecordTx`] (row
//! operations only); the rules are written once.

mod document;
mod edit;
mod erase;
mod push;
mod review;
mod tx;
mod writes;

pub use document::{parse_answers, StoredRecord};
pub use edit::{edit, CONSOLE_CLIENT};
pub use erase::erase;
pub use push::push;
pub use review::review;
pub use tx::{Cursor, RecordTx};
pub use writes::{
    AuditRow, ConflictRow, HistoryRow, IndexChange, IndexRow, OutcomeRow, ReviewRow, Writes,
};

use rukun_core::form::Text;

const GONE: (&str, &str) = (
    "Data ini sudah dihapus di server.",
    "This record was deleted on the server.",
);
const OTHER_FORM: (&str, &str) = (
    "Data ini di server memakai formulir lain; formulirnya tidak bisa diganti.",
    "This record uses another form on the server; a record's form cannot change.",
);
const MOVED: (&str, &str) = (
    "Data ini tercatat di RT lain di server.",
    "This record belongs to another RT on the server.",
);

fn text((id, en): (&str, &str)) -> Text {
    Text::new(id, en)
}
