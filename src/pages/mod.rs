//! One file per screen.

mod about;
mod accounts;
mod area;
mod gate;
mod home;
mod login;
mod progress;
mod record;
mod records;
mod sync;

pub use about::AboutPage;
pub use accounts::AccountsPage;
pub use area::AreaPage;
pub use gate::{Gate, Unlocked};
pub use home::HomePage;
pub use login::LoginPage;
pub use progress::ProgressPage;
pub use record::RecordPage;
pub use records::RecordsPage;
pub use sync::{SyncCard, SyncPage};
