//! Seals what a profile's database still holds in the shape before issue 14
//! (`LocalDb::seal_legacy_data`), each time a profile is unlocked; after
//! the first complete run it only reads a mark.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Profiles;

pub fn seal_legacy_data_on_unlock(profiles: Profiles) {
    Effect::new(move |_| {
        if profiles.active.with(Option::is_none) {
            return;
        }
        spawn_local(async move {
            match async { profiles.db().await?.seal_legacy_data().await }.await {
                Ok(0) => {}
                Ok(n) => leptos::logging::log!("sealed {n} values stored before issue 14"),
                Err(e) => leptos::logging::error!("could not seal older data: {e}"),
            }
        });
    });
}
