//! Storage behind one trait, one module and one migrations folder per
//! backend; the backend is picked from the database URL at start.

mod sqlite;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use async_trait::async_trait;
use rukun_core::account::{Account, AccountInfo, RtRef};
use rukun_core::consent::{DataRequest, NewNotice, Notice, RequestState};
use rukun_core::console::{ListItem, MapPoint, RecordDetail};
use rukun_core::form::{Answers, Text};
use rukun_core::kiosk::{KioskCounts, KioskItem, KioskState, ReceiptStatus};
use rukun_core::progress::Counts;
use rukun_core::quality::{Flag, RecordFacts};
use rukun_core::review::{AuditEntry, ReviewRequest, ReviewState};
use rukun_core::sync::{Mutation, PullResponse};

use crate::records::RecordTx;
use rukun_core::{Kelurahan, RegionCode, RegionTree};

pub use sqlite::SqliteStore;

/// What went wrong in storage. Internal: the HTTP layer logs it and answers
/// with a generic message.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// The request conflicts with what is stored (a taken username).
    #[error("{0}")]
    Conflict(String),
    /// The caller may not touch what it names (another account's device).
    #[error("{0}")]
    Refused(String),
    /// What it belongs to was deleted for good (a deleted record's photo).
    #[error("{0}")]
    Gone(String),
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    #[error("unsupported database scheme `{0}:`; use sqlite://PATH (PostgreSQL is planned)")]
    UnsupportedUrl(String),
}

/// Everything the server keeps.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Applies pending migrations; safe to call on every start.
    async fn migrate(&self) -> Result<(), StoreError>;
    /// Answers when the database answers.
    async fn ping(&self) -> Result<(), StoreError>;
    /// Writes the tree when no region is stored yet; returns whether it did.
    async fn seed_regions_if_empty(&self, tree: &RegionTree) -> Result<bool, StoreError>;
    /// The stored tree, `None` before seeding.
    async fn region_tree(&self) -> Result<Option<RegionTree>, StoreError>;
    /// One kelurahan with its RWs and RTs (cheaper than the whole tree).
    async fn kelurahan(&self, code: &RegionCode) -> Result<Option<Kelurahan>, StoreError>;

    /// Adds an account; a taken username is a `Conflict`.
    async fn create_account(
        &self,
        account: &Account,
        password_hash: &str,
        now_ms: i64,
    ) -> Result<(), StoreError>;
    /// What a login checks, by username.
    async fn login_of(&self, username: &str) -> Result<Option<StoredLogin>, StoreError>;
    /// Opens a session; `device` names the browser and system.
    async fn create_session(
        &self,
        token_hash: &str,
        account_id: i64,
        device: &str,
        now_ms: i64,
        expires_ms: i64,
    ) -> Result<(), StoreError>;
    /// The session of a token, live, expired or revoked (`None`: unknown).
    async fn session(&self, token_hash: &str) -> Result<Option<StoredSession>, StoreError>;
    /// A session by its public id.
    async fn session_by_id(&self, id: i64) -> Result<Option<StoredSession>, StoreError>;
    /// An account's unexpired, unrevoked sessions, last seen first.
    async fn live_sessions(
        &self,
        username: &str,
        now_ms: i64,
    ) -> Result<Vec<StoredSession>, StoreError>;
    /// Moves a session's "last seen" to `now_ms`.
    async fn touch_session(&self, id: i64, now_ms: i64) -> Result<(), StoreError>;
    /// Its holder logged out (idempotent).
    async fn revoke_session(&self, token_hash: &str, now_ms: i64) -> Result<(), StoreError>;
    /// An administrator or coordinator ended it; whether it was live.
    async fn end_session(&self, id: i64, now_ms: i64) -> Result<bool, StoreError>;
    /// Every account, or those of one kelurahan.
    async fn accounts(
        &self,
        kelurahan: Option<&RegionCode>,
    ) -> Result<Vec<AccountInfo>, StoreError>;
    async fn account(&self, username: &str) -> Result<Option<AccountInfo>, StoreError>;
    /// Disables an account (ending its sessions) or enables it.
    async fn set_active(&self, username: &str, active: bool, now_ms: i64)
        -> Result<(), StoreError>;
    /// Replaces a volunteer's RTs.
    async fn set_rts(&self, username: &str, rts: &[RtRef]) -> Result<(), StoreError>;
    /// A new password; every session but `keep_session` ends.
    async fn set_password(
        &self,
        username: &str,
        password_hash: &str,
        must_change: bool,
        keep_session: Option<i64>,
        now_ms: i64,
    ) -> Result<(), StoreError>;
    /// Flags records that arrived through a session ended at `ended_ms`.
    async fn mark_sent_after_end(
        &self,
        record_ids: &[String],
        ended_ms: i64,
        now_ms: i64,
    ) -> Result<(), StoreError>;

    /// A write transaction for the record rules (`crate::records`): a
    /// device's push, a coordinator's edit.
    async fn begin_records(&self) -> Result<Box<dyn RecordTx + '_>, StoreError>;
    /// Indexes records stored before the record index existed; returns
    /// how many (safe to call on every start).
    async fn index_missing(&self, validate: Validator<'_>) -> Result<u64, StoreError>;
    /// Records changed after `cursor` within `scope`, in change order.
    async fn pull(
        &self,
        scope: &PullScope,
        cursor: u64,
        limit: u32,
    ) -> Result<PullResponse, StoreError>;

    /// The area of a record the server holds (`None`: not synced yet).
    async fn record_area(&self, record_id: &str) -> Result<Option<String>, StoreError>;
    /// Households, reports, targets and volunteers of one kelurahan.
    async fn progress_counts(&self, kelurahan: &RegionCode) -> Result<Counts, StoreError>;
    /// Sets an RT's household target (and writes the audit log).
    async fn set_target(
        &self,
        area: &str,
        households: u32,
        actor: &str,
        now_ms: i64,
    ) -> Result<(), StoreError>;
    /// The audit log, newest first, before entry `before` (paging), of one
    /// kelurahan's records or of everything.
    async fn audit_log(
        &self,
        kelurahan: Option<&RegionCode>,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError>;
    /// A coordinator's decision on a record: the new state, `None` for an
    /// unknown record, `Conflict` (with the reason) for an illegal move.
    async fn review(
        &self,
        record_id: &str,
        request: &ReviewRequest,
        author: &str,
        now_ms: i64,
    ) -> Result<Option<ReviewState>, StoreError>;
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
    /// Writes an audit entry about no single record (an export).
    async fn audit_event(
        &self,
        actor: &str,
        action: &str,
        kelurahan: Option<&str>,
        detail: &str,
        now_ms: i64,
    ) -> Result<(), StoreError>;
    /// The stored kiosk key's secret, storing `candidate` first when there
    /// is none.
    async fn kiosk_key_secret(&self, candidate: &[u8], now_ms: i64) -> Result<Vec<u8>, StoreError>;
    /// Stores a kiosk submission once per receipt.
    async fn put_kiosk_submission(
        &self,
        submission: &NewKioskSubmission,
    ) -> Result<KioskPut, StoreError>;
    /// A receipt's status (nothing personal).
    async fn receipt(&self, code: &str) -> Result<Option<ReceiptStatus>, StoreError>;
    /// A kelurahan's kiosk submissions, newest first (optionally in one state).
    async fn kiosk_submissions(
        &self,
        kelurahan: &str,
        state: Option<KioskState>,
        limit: u32,
    ) -> Result<Vec<KioskItem>, StoreError>;
    async fn kiosk_submission(&self, receipt: &str) -> Result<Option<StoredKiosk>, StoreError>;
    /// Erases the opened payload (text, NIK, contact, photo) of submissions
    /// decided at or before `decided_before_ms`; how many.
    async fn purge_kiosk_payloads(&self, decided_before_ms: i64) -> Result<u64, StoreError>;
    /// Moves a submission out of `received` (and writes the audit log);
    /// `false` when it was already decided.
    async fn decide_kiosk(&self, decision: &KioskDecided) -> Result<bool, StoreError>;
    async fn kiosk_counts(&self, kelurahan: &str) -> Result<KioskCounts, StoreError>;
    /// Live records of the kelurahan with a member of that NIK.
    async fn records_with_nik(&self, nik: &str, kelurahan: &str)
        -> Result<Vec<String>, StoreError>;
    /// Stores a photo unless one with that hash exists; returns whether it was new.
    async fn put_attachment(
        &self,
        sha256: &str,
        record_id: &str,
        content_type: &str,
        data: &[u8],
        now_ms: i64,
    ) -> Result<bool, StoreError>;
    /// A photo and the record it belongs to.
    async fn attachment(&self, sha256: &str) -> Result<Option<StoredAttachment>, StoreError>;

    /// Every published form version, by form and then version.
    async fn form_versions(&self) -> Result<Vec<StoredFormVersion>, StoreError>;
    /// One version's definition, exactly as it was published.
    async fn form_definition(
        &self,
        form_id: &str,
        version: u32,
    ) -> Result<Option<String>, StoreError>;
    /// Stores a new version, with its `form_publish` audit entry when
    /// `audit` (an administrator's, not the built-in versions at first
    /// start); `false` when that version of the form is already published.
    /// Versions never change.
    async fn publish_form(
        &self,
        published: &StoredFormVersion,
        audit: bool,
    ) -> Result<bool, StoreError>;
    /// The distinct codes stored answers of a form (any version) use in its
    /// choice fields, by field path (`field` or `group/field`).
    async fn codes_in_use(
        &self,
        form_id: &str,
    ) -> Result<BTreeMap<String, BTreeSet<String>>, StoreError>;

    /// Every published privacy notice, oldest first.
    async fn notices(&self) -> Result<Vec<Notice>, StoreError>;
    /// Stores a notice version (audited as `notice_publish` when `audited`);
    /// `false` when that version exists. Notices never change.
    async fn publish_notice(
        &self,
        notice: &NewNotice,
        by: &str,
        audited: bool,
        now_ms: i64,
    ) -> Result<bool, StoreError>;
    /// Live households with that receipt code, with their kelurahan, in
    /// `kelurahan` (`None`: the city).
    async fn households_with_receipt(
        &self,
        receipt: &str,
        kelurahan: Option<&str>,
    ) -> Result<Vec<(String, String)>, StoreError>;
    async fn create_request(&self, request: &NewStoredRequest) -> Result<DataRequest, StoreError>;
    /// Requests of a kelurahan (`None`: the city): open ones first, the
    /// earliest due first; then closed ones, the latest closed first.
    async fn requests(
        &self,
        kelurahan: Option<&str>,
        state: Option<RequestState>,
        limit: u32,
        now_ms: i64,
    ) -> Result<Vec<DataRequest>, StoreError>;
    async fn request(&self, id: i64, now_ms: i64) -> Result<Option<DataRequest>, StoreError>;
    /// `false` when the request is not open.
    async fn take_request(&self, id: i64, owner: &str, now_ms: i64) -> Result<bool, StoreError>;
    /// Closes an open request (`false` when it was not open); a kiosk's
    /// request's receipt follows (accepted or declined).
    async fn close_request(
        &self,
        id: i64,
        state: RequestState,
        actor: &str,
        note: &str,
        now_ms: i64,
    ) -> Result<bool, StoreError>;
    /// Erases a household and closes its request in one transaction: its
    /// answers, history, conflicts, review comments, photos, index rows,
    /// kiosk and request texts; devices remove it at their next pull.
    async fn erase_household(
        &self,
        request_id: i64,
        record_id: &str,
        actor: &str,
        now_ms: i64,
    ) -> Result<bool, StoreError>;
    /// Empties the resident's words of requests closed before the cutoff.
    async fn purge_request_details(&self, closed_before_ms: i64) -> Result<u64, StoreError>;
}

/// A data request as it is stored (issue 16).
#[derive(Debug, Clone)]
pub struct NewStoredRequest {
    pub kind: rukun_core::consent::RequestKind,
    pub kelurahan: String,
    pub record_id: Option<String>,
    /// `console` or `kiosk`.
    pub source: String,
    pub kiosk_receipt: Option<String>,
    pub detail: String,
    pub owner: Option<String>,
    /// Who recorded it (the coordinator, or the kiosk account).
    pub actor: String,
    pub created_ms: i64,
    pub due_ms: i64,
}

/// One published version of a form as stored.
#[derive(Debug, Clone)]
pub struct StoredFormVersion {
    pub form_id: String,
    pub version: u32,
    /// The canonical JSON of its parsed definition.
    pub definition: String,
    pub published_ms: i64,
    /// An administrator's username, or `system` for a built-in version.
    pub published_by: String,
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

/// What became of a coordinator's edit.
#[derive(Debug)]
pub enum EditOutcome {
    Applied {
        version: u64,
    },
    /// The record changed since the coordinator read it.
    Stale {
        version: u64,
    },
    /// The edited answers fail the form.
    Invalid(Text),
    /// A conflict that is not open on this record.
    UnknownConflict(i64),
    /// Unknown or deleted.
    Gone,
}

/// An opened, checked kiosk submission.
pub struct NewKioskSubmission {
    pub receipt: String,
    pub kelurahan: String,
    pub rw: u16,
    pub rt: u16,
    pub kiosk: String,
    pub kind: String,
    /// A report's infrastructure category.
    pub category: Option<String>,
    pub sealed_hash: String,
    pub payload: String,
    pub received_ms: i64,
}

/// A stored kiosk submission (the payload opened: personal data).
pub struct StoredKiosk {
    pub receipt: String,
    pub kelurahan: String,
    pub rw: u16,
    pub rt: u16,
    pub kind: String,
    pub category: Option<String>,
    pub payload: String,
    pub state: KioskState,
    pub received_ms: i64,
    pub decided_by: Option<String>,
    pub decided_ms: Option<i64>,
    pub note: Option<String>,
    pub record_id: Option<String>,
}

/// A coordinator's decision on a kiosk submission.
pub struct KioskDecided {
    pub receipt: String,
    pub kelurahan: String,
    pub state: KioskState,
    pub actor: String,
    pub note: String,
    pub record_id: Option<String>,
    pub now_ms: i64,
}

/// What storing a kiosk submission did.
#[derive(Debug, PartialEq)]
pub enum KioskPut {
    New,
    /// The same sealed bytes again (a retry): nothing changed.
    Replayed,
    /// Another submission already holds this receipt.
    ReceiptTaken,
}

/// A stored photo.
pub struct StoredAttachment {
    pub record_id: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

/// A pushed mutation with what the server decided before storage: `refused`
/// holds the reason when scope or form already rule it out.
pub struct Checked {
    pub mutation: Mutation,
    pub refused: Option<Text>,
}

/// Checks a record's merged answers against its form: `Err(reason)`
/// rejects; otherwise the facts the record index keeps.
pub type Validator<'a> = &'a (dyn Fn(&str, u32, &Answers) -> Result<RecordFacts, Text> + Sync);

/// Which records a pull may see.
pub enum PullScope {
    All,
    Kelurahan(RegionCode),
    /// Area keys (`kelurahan/RW/RT`).
    Areas(Vec<String>),
}

/// An account with what its login is checked against.
pub struct StoredLogin {
    pub id: i64,
    pub password_hash: String,
    /// 64 hex digits; see the `device_keys` migration.
    pub device_key: String,
    pub active: bool,
    pub must_change_password: bool,
    pub account: Account,
}

/// A session as stored (never its token).
#[derive(Debug, Clone)]
pub struct StoredSession {
    /// Public id (`DELETE /api/sessions/{id}`).
    pub id: i64,
    pub account: Account,
    /// Whether the account is enabled.
    pub active: bool,
    pub must_change_password: bool,
    pub device: String,
    pub created_ms: i64,
    pub last_seen_ms: i64,
    pub expires_ms: i64,
    pub revoked: Option<Revocation>,
}

/// When and why a session was revoked.
#[derive(Debug, Clone)]
pub struct Revocation {
    pub at_ms: i64,
    /// `logout`, `password`, `ended` or `disabled`.
    pub reason: String,
}

/// Opens the store that `url` names, creating an SQLite file if needed.
pub async fn connect(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::connect(url).await?))
    } else {
        Err(StoreError::UnsupportedUrl(
            url.split(':').next().unwrap_or_default().to_owned(),
        ))
    }
}
