//! The built-in forms of Kota Mojokerto: the household survey and the
//! infrastructure report, with their code lists.

mod build;
mod household;
mod infrastructure;
mod lists;
mod occupations;

pub use household::household;
pub use infrastructure::infrastructure;

use crate::form::Catalog;

/// Every built-in form and code list.
pub fn catalog() -> Catalog {
    Catalog {
        forms: vec![household(), infrastructure()],
        lists: lists::all(),
    }
}
