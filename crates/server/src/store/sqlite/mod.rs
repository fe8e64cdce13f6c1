//! The embedded SQLite backend (the default: one file in the data
//! directory). Each feature's trait is implemented in its own file; this
//! one opens the database and holds what they share: the pool, the one
//! write lock and the statement size.

mod accounts;
mod attachments;
mod audit;
mod console;
mod forms;
mod index;
mod kiosk;
mod progress;
mod purge;
mod record_rows;
mod record_tx;
mod records;
mod regions;
mod reviews;
mod rights;
mod sessions;

use std::str::FromStr;

use async_trait::async_trait;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Sqlite, Transaction};
use tokio::sync::OwnedMutexGuard;

use super::{Lifecycle, StoreError};

/// Rows per statement: well under SQLite's 32,766 parameters for the
/// widest table. Statements of varying length are not cached
/// (`persistent(false)`).
const ROWS_PER_STATEMENT: usize = 500;

pub struct SqliteStore {
    pool: SqlitePool,
    /// One writer at a time for pushes: a read-then-write transaction must
    /// not race another one into SQLITE_BUSY.
    write_lock: std::sync::Arc<tokio::sync::Mutex<()>>,
}

impl SqliteStore {
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        // WAL with synchronous=FULL: a commit the server acknowledged
        // survives a crash or power cut, and readers never block the writer.
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            // Deleted and purged personal data is zeroed inside the pages
            // SQLite writes anyway. `fast`, not `on`: `on` also rewrites
            // whole freed pages and cut sync ingest from 623 to 461
            // mutations/s (`cargo bench --bench sync`); a freed page keeps
            // its old bytes until reused (or `VACUUM`), the WAL until its
            // next checkpoint.
            .pragma("secure_delete", "fast")
            .busy_timeout(std::time::Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        Ok(Self {
            pool,
            write_lock: Default::default(),
        })
    }

    /// A write transaction under the store's write lock. IMMEDIATE: these
    /// transactions read before they write, and a deferred one cannot
    /// become a writer once another connection (a session's "last seen")
    /// committed in between (SQLITE_BUSY_SNAPSHOT, which no busy timeout
    /// waits out); this one waits at its start instead.
    async fn begin_write(
        &self,
    ) -> Result<(OwnedMutexGuard<()>, Transaction<'static, Sqlite>), StoreError> {
        let writer = self.write_lock.clone().lock_owned().await;
        Ok((writer, self.pool.begin_with("BEGIN IMMEDIATE").await?))
    }
}

#[async_trait]
impl Lifecycle for SqliteStore {
    async fn migrate(&self) -> Result<(), StoreError> {
        sqlx::migrate!("./migrations/sqlite")
            .run(&self.pool)
            .await?;
        Ok(())
    }

    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}
