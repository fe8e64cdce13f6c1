//! One file per screen.

mod about;
mod accounts;
mod area;
mod audit;
mod board;
mod gate;
mod home;
mod kiosk;
mod login;
mod password;
mod progress;
mod record;
mod records;
mod review_detail;
mod review_exports;
mod review_kiosk;
mod review_list;
mod sync;

pub use about::AboutPage;
pub use accounts::AccountsPage;
pub use area::AreaPage;
pub use audit::AuditPage;
pub use board::BoardPage;
pub use gate::{Gate, Unlocked};
pub use home::HomePage;
pub use kiosk::{KioskSetupPage, KioskShell};
pub use login::LoginPage;
pub use password::PasswordPage;
pub use progress::ProgressPage;
pub use record::RecordPage;
pub use records::RecordsPage;
pub use review_detail::ReviewDetailPage;
pub use review_kiosk::ReviewKioskPage;
pub use review_list::ReviewListPage;
pub use sync::{SyncCard, SyncPage};
