//! The place tree: kota, kecamatan, kelurahan, RW and RT, seeded once.

use async_trait::async_trait;
use rukun_core::{Kelurahan, RegionCode, RegionTree};

use super::StoreError;

#[async_trait]
pub trait Regions {
    /// Writes the tree when no region is stored yet; returns whether it did.
    async fn seed_regions_if_empty(&self, tree: &RegionTree) -> Result<bool, StoreError>;
    /// The stored tree, `None` before seeding.
    async fn region_tree(&self) -> Result<Option<RegionTree>, StoreError>;
    /// One kelurahan with its RWs and RTs (cheaper than the whole tree).
    async fn kelurahan(&self, code: &RegionCode) -> Result<Option<Kelurahan>, StoreError>;
}
