//! Forms defined once, as data: the definition types, code lists, skip
//! logic, the validator and the answers they work on. The PWA renders from
//! these and the server validates with them.

mod answers;
mod asked;
mod catalog;
mod check;
mod code_list;
mod condition;
mod dates;
mod definition;
mod display;
mod edit;
mod kind_wire;
mod problem;
mod published;
mod validate;

pub use answers::{diff, is_answered, remove_row, row_path, rows, Answers, GpsPoint, Value};
pub use asked::{asked_fields, Asked};
pub use catalog::{is_personal, relevant_answers, split_personal, Catalog};
pub use check::{
    field_paths, kind_name, parse_definition, publish_problems, DefinitionProblem, FIELD_TYPES,
    MAX_CODES, MAX_FIELDS, MAX_LABEL_CHARS, MAX_LISTS, MAX_PHOTOS, MAX_SECTIONS, MAX_TEXT_LEN,
};
pub use code_list::{Code, CodeList};
pub use condition::{Condition, Scope};
pub use dates::{age_on, parse_date};
pub use definition::{Constraint, Field, FieldKind, FormDef, Lang, Listing, Section, Text};
pub use display::{display, field_at};
pub use edit::{
    notation, number_range, range_of, show_if, simple_show_if, starting_kind, ListEdit, Place,
    Refusal,
};
pub use problem::{Issue, Problem, Severity};
pub use published::{FormIndex, PublishedForm, PublishedVersion};
pub use validate::{has_errors, validate, Context};
