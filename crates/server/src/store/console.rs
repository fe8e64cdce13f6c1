//! The coordinator console's reads: the review list, the map, a record's
//! detail and exports.

use async_trait::async_trait;
use rukun_core::console::{ListItem, MapPoint, RecordDetail};
use rukun_core::form::Answers;
use rukun_core::quality::Flag;
use rukun_core::review::ReviewState;

use super::StoreError;

#[async_trait]
pub trait Console {
    /// One page of the review list, newest change first.
    async fn list_records(&self, filter: &ListFilter) -> Result<Vec<ListItem>, StoreError>;
    /// Every located record of a kelurahan, for the map.
    async fn map_points(&self, kelurahan: &str) -> Result<Vec<MapPoint>, StoreError>;
    /// A record's detail for the console; `None` for an unknown or deleted one.
    async fn record_detail(&self, record_id: &str) -> Result<Option<RecordDetail>, StoreError>;
    /// Hands every record the filter selects (its `after` and `limit` are
    /// ignored) to `sink` with its answers, from one consistent snapshot;
    /// returns how many.
    async fn export_records(
        &self,
        filter: &ListFilter,
        sink: ExportSink<'_>,
    ) -> Result<u64, StoreError>;
}

/// Receives exported records one by one.
pub type ExportSink<'a> = &'a mut (dyn FnMut(&ListItem, &Answers) + Send);

/// The review list's filters, checked and resolved by the API.
#[derive(Clone, Default)]
pub struct ListFilter {
    /// `None`: every kelurahan (administrators).
    pub kelurahan: Option<String>,
    pub form: Option<String>,
    pub rw: Option<u16>,
    pub rt: Option<u16>,
    pub state: Option<ReviewState>,
    pub volunteer: Option<String>,
    /// Last change at or after (ms).
    pub from_ms: Option<i64>,
    /// Last change before (ms).
    pub to_ms: Option<i64>,
    pub flag: Option<Flag>,
    /// The last item of the previous page: (updated_ms, record id).
    pub after: Option<(i64, String)>,
    pub limit: u32,
}
