//! The place tree as last received from the server, and the volunteer's
//! chosen RT, kept so the area picker works with no connection.

use rukun_core::{AreaSelection, RegionTree};
use serde::{Deserialize, Serialize};

use super::{LocalDb, StorageError, META, REGIONS};

const TREE_KEY: &str = "tree";
const AREA_KEY: &str = "area";

/// The tree and when it was stored (ms since the epoch).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedRegions {
    pub tree: RegionTree,
    pub saved_at_ms: f64,
}

impl LocalDb {
    pub async fn save_regions(&self, regions: &CachedRegions) -> Result<(), StorageError> {
        self.put(REGIONS, TREE_KEY, regions).await
    }

    pub async fn load_regions(&self) -> Result<Option<CachedRegions>, StorageError> {
        self.get(REGIONS, TREE_KEY).await
    }

    pub async fn save_area(&self, area: &AreaSelection) -> Result<(), StorageError> {
        self.put(META, AREA_KEY, area).await
    }

    pub async fn load_area(&self) -> Result<Option<AreaSelection>, StorageError> {
        self.get(META, AREA_KEY).await
    }
}
