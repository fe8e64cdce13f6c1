//! App-wide reactive state, one context per concern, created once above
//! the router.

mod auto_lock;
mod connectivity;
mod device_storage;
mod forms;
mod kiosk;
pub mod language;
mod legacy_data;
mod profiles;
mod regions;
pub mod savers;
mod sync;
pub mod unlocking;
mod update;

pub use auto_lock::AutoLock;
pub use connectivity::{Connectivity, ServerStatus};
pub use device_storage::DeviceStorage;
pub use forms::{form_lang, Forms};
pub use kiosk::Kiosk;
pub use legacy_data::seal_legacy_data_on_unlock;
pub use profiles::Profiles;
pub use regions::{Regions, RegionsSource};
pub use sync::Sync;
pub use unlocking::UnlockError;
pub use update::AppUpdate;
