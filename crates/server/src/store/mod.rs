//! Storage behind a few small traits, one per feature (each defined in
//! its own file here, with the types only it uses), and one module and one
//! migrations folder per backend; the backend is picked from the database
//! URL at start.

mod accounts;
mod attachments;
mod audit;
mod console;
mod forms;
mod kiosk;
mod lifecycle;
mod progress;
mod records;
mod regions;
mod rights;
mod sessions;
mod sqlite;

use std::sync::Arc;

pub use accounts::{Accounts, StoredLogin};
pub use attachments::{Attachments, StoredAttachment};
pub use audit::Audit;
pub use console::{Console, ExportSink, ListFilter};
pub use forms::{Forms, StoredFormVersion};
pub use kiosk::{Kiosk, KioskDecided, KioskPut, NewKioskSubmission, StoredKiosk};
pub use lifecycle::Lifecycle;
pub use progress::Progress;
pub use records::{Checked, EditOutcome, PullScope, Records, Validator};
pub use regions::Regions;
pub use rights::{NewStoredRequest, Rights};
pub use sessions::{Revocation, Sessions, StoredSession};
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

/// Everything the server keeps: every feature's storage in one object
/// (`AppState` holds an `Arc<dyn Store>`). A backend implements the
/// feature traits; this one comes with them. On a `dyn Store` their
/// methods need no import; on a concrete store, import the feature trait.
pub trait Store:
    Lifecycle
    + Regions
    + Accounts
    + Sessions
    + Records
    + Audit
    + Progress
    + Console
    + Kiosk
    + Attachments
    + Forms
    + Rights
    + Send
    + Sync
    + 'static
{
}

impl<T> Store for T where
    T: Lifecycle
        + Regions
        + Accounts
        + Sessions
        + Records
        + Audit
        + Progress
        + Console
        + Kiosk
        + Attachments
        + Forms
        + Rights
        + Send
        + Sync
        + 'static
{
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
