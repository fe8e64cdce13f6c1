//! App-wide reactive state, one context per concern, created once above
//! the router.

mod connectivity;
mod device_storage;
mod forms;
mod kiosk;
pub mod language;
mod legacy_data;
mod profiles;
mod regions;
mod sync;
mod update;

pub use connectivity::{Connectivity, ServerStatus};
pub use device_storage::DeviceStorage;
pub use forms::{form_lang, Forms};
pub use kiosk::Kiosk;
pub use legacy_data::seal_legacy_data_on_unlock;
pub use profiles::{Profiles, UnlockError, PIN_DIGITS};
pub use regions::{Regions, RegionsSource};
pub use sync::Sync;
pub use update::AppUpdate;
