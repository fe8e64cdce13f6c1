//! The first published versions of Kota Mojokerto's forms, as definition
//! documents (`crates/core/forms/*.json`): the household survey and the
//! infrastructure report. The server publishes them into an empty database;
//! from then on the database holds every version, and phones download them.
//! The field app does not compile these in.

use crate::form::{Catalog, FormDef};

/// The built-in definition documents, oldest first.
pub const BUILT_IN: [&str; 2] = [
    include_str!("../../forms/household-1.json"),
    include_str!("../../forms/infrastructure-1.json"),
];

/// The household survey, version 1.
pub fn household() -> FormDef {
    parse(BUILT_IN[0])
}

/// The infrastructure report, version 1.
pub fn infrastructure() -> FormDef {
    parse(BUILT_IN[1])
}

/// Every built-in form.
pub fn catalog() -> Catalog {
    Catalog {
        forms: BUILT_IN.iter().map(|json| parse(json)).collect(),
    }
}

fn parse(json: &str) -> FormDef {
    serde_json::from_str(json).expect("the built-in definitions are valid (tested)")
}
