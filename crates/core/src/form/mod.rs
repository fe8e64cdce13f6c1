//! Forms defined once, as data: the definition types, code lists, skip
//! logic, the validator and the answers they work on. The PWA renders from
//! these and the server validates with them.

mod answers;
mod asked;
mod catalog;
mod code_list;
mod condition;
mod dates;
mod definition;
mod display;
mod problem;
mod validate;

pub use answers::{diff, is_answered, remove_row, row_path, rows, Answers, GpsPoint, Value};
pub use asked::{asked_fields, Asked};
pub use catalog::{is_personal, relevant_answers, split_personal, Catalog};
pub use code_list::{Code, CodeList};
pub use condition::{Condition, Scope};
pub use dates::{age_on, parse_date};
pub use definition::{Field, FieldKind, FormDef, Lang, Listing, Section, Text};
pub use display::{display, field_at};
pub use problem::{Issue, Problem, Severity};
pub use validate::{has_errors, validate, Context};
