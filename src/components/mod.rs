//! Presentational pieces: props in, callbacks out, no I/O.

mod confirm;
mod erased_notice;
pub mod form;
mod language_switch;
mod nav_bar;
mod online_badge;
mod password_form;
mod record_item;
mod secret_field;
mod select_field;
mod storage_status;
mod sync_panel;
pub mod tiles;
mod update_banner;

pub use confirm::Confirm;
pub use erased_notice::ErasedNotice;
pub use language_switch::LanguageSwitch;
pub use nav_bar::NavBar;
pub use online_badge::OnlineBadge;
pub use password_form::PasswordForm;
pub use record_item::RecordItem;
pub use secret_field::{secret_label, secret_problem, SecretField};
pub use select_field::{Choice, SelectField};
pub use storage_status::StorageStatus;
pub use sync_panel::SyncPanel;
pub use update_banner::UpdateBanner;
