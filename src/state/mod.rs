//! App-wide reactive state, one context per concern, created once above
//! the router.

mod connectivity;
pub mod language;
mod regions;
mod update;

pub use connectivity::{Connectivity, ServerStatus};
pub use regions::{Regions, RegionsSource};
pub use update::AppUpdate;
