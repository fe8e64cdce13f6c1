//! Presentational pieces: props in, callbacks out, no I/O.

mod language_switch;
mod nav_bar;
mod online_badge;
mod select_field;
mod update_banner;

pub use language_switch::LanguageSwitch;
pub use nav_bar::NavBar;
pub use online_badge::OnlineBadge;
pub use select_field::{Choice, SelectField};
pub use update_banner::UpdateBanner;
