//! The place tree and the chosen RT: the tree is the device's, shown from
//! IndexedDB at once and refreshed from the server whenever it answers, so
//! the picker works offline; the RT is each profile's own.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::{AreaSelection, RegionTree};

use super::{Connectivity, Profiles, ServerStatus};
use crate::platform::http;
use crate::storage::{CachedRegions, LocalDb, StorageError, DB_NAME};

const FETCH_TIMEOUT_MS: i32 = 15_000;

/// Where the tree on screen came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionsSource {
    Loading,
    Device,
    Server,
    /// Neither the device nor the server had it.
    Unavailable,
}

#[derive(Clone, Copy)]
pub struct Regions {
    pub tree: RwSignal<Option<RegionTree>>,
    pub source: RwSignal<RegionsSource>,
    /// The unlocked profile's working area (only set once IndexedDB
    /// committed it).
    pub area: RwSignal<Option<AreaSelection>>,
    profiles: Profiles,
}

impl Regions {
    pub fn provide(connectivity: Connectivity, profiles: Profiles) -> Self {
        let this = Self {
            tree: RwSignal::new(None),
            source: RwSignal::new(RegionsSource::Loading),
            area: RwSignal::new(None),
            profiles,
        };
        provide_context(this);
        spawn_local(async move { this.load_from_device().await });
        Effect::new(move |_| {
            let unlocked = profiles.active.with(Option::is_some);
            this.area.set(None);
            if unlocked {
                spawn_local(async move {
                    match async { profiles.db().await?.load_area().await }.await {
                        // A choice saved while this load ran is newer: keep it.
                        Ok(area) if this.area.get_untracked().is_none() => this.area.set(area),
                        Ok(_) => {}
                        Err(e) => leptos::logging::error!("could not read the working area: {e}"),
                    }
                });
            }
        });
        // Refresh from the server each time it becomes reachable (the memo
        // fires on the change to online, not on every successful probe).
        let online = Memo::new(move |_| connectivity.status.get() == ServerStatus::Online);
        Effect::new(move |_| {
            if online.get() {
                spawn_local(async move { this.refresh_from_server().await });
            }
        });
        this
    }

    pub fn use_context() -> Self {
        expect_context()
    }

    async fn load_from_device(self) {
        let loaded = async { LocalDb::open(DB_NAME).await?.load_regions().await }.await;
        match loaded {
            Ok(cached) => {
                if let Some(cached) = cached {
                    // The server's copy may have arrived first: keep it.
                    if self.source.get_untracked() != RegionsSource::Server {
                        self.tree.set(Some(cached.tree));
                        self.source.set(RegionsSource::Device);
                    }
                } else if self.source.get_untracked() == RegionsSource::Loading {
                    self.source.set(RegionsSource::Unavailable);
                }
            }
            Err(error) => {
                leptos::logging::error!("could not read the device's area data: {error}");
                if self.source.get_untracked() == RegionsSource::Loading {
                    self.source.set(RegionsSource::Unavailable);
                }
            }
        }
    }

    async fn refresh_from_server(self) {
        let Ok(tree) = http::get_json::<RegionTree>("/api/regions", FETCH_TIMEOUT_MS).await else {
            return;
        };
        let cached = CachedRegions {
            tree: tree.clone(),
            saved_at_ms: js_sys::Date::now(),
        };
        let stored = async { LocalDb::open(DB_NAME).await?.save_regions(&cached).await }.await;
        if let Err(error) = stored {
            leptos::logging::error!("could not keep the area data on the device: {error}");
        }
        self.tree.set(Some(tree));
        self.source.set(RegionsSource::Server);
    }

    /// Stores the working area on the device; the signal changes only once
    /// IndexedDB has committed it.
    pub async fn save_area(self, area: AreaSelection) -> Result<(), StorageError> {
        self.profiles.db().await?.save_area(&area).await?;
        self.area.set(Some(area));
        Ok(())
    }
}
