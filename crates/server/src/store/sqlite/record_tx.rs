//! The record rules' transaction in SQLite ([`RecordTx`]), the one write
//! path of a record: reads by key, each table's rows written in a few
//! multi-row statements (`record_rows`), and the purges. With a record's
//! answers for the console's reads.

use std::collections::{BTreeMap, BTreeSet};

use async_trait::async_trait;
use rukun_core::consent::RequestState;
use rukun_core::form::Answers;
use rukun_core::sync::Outcome;
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection, Transaction};
use tokio::sync::OwnedMutexGuard;

use super::super::StoreError;
use super::index::refresh_far_from_rt;
use super::purge::{forget_erased, forget_refused, purge_deleted_record};
use super::record_rows::write_rows;
use super::rights::close_open;
use super::{SqliteStore, ROWS_PER_STATEMENT};
use crate::records::{parse_answers, Cursor, RecordTx, StoredRecord, Writes};

pub(super) struct SqliteRecordTx {
    tx: Transaction<'static, Sqlite>,
    _writer: OwnedMutexGuard<()>,
}

impl SqliteRecordTx {
    /// Opens one under the store's write lock.
    pub(super) async fn begin(store: &SqliteStore) -> Result<Self, StoreError> {
        let (_writer, tx) = store.begin_write().await?;
        Ok(Self { tx, _writer })
    }
}

/// Columns [`stored_record`] reads.
const RECORD_COLUMNS: &str = "id, form_id, form_version, area, version, deleted, \
     review_state, change_seq, updated_ms, answers, stamps";

fn stored_record(row: &SqliteRow) -> Result<StoredRecord, StoreError> {
    stored_record_with(row, row.get("answers"), row.get("stamps"))
}

/// The record of `row` with these answers and stamps documents.
fn stored_record_with(
    row: &SqliteRow,
    answers: &str,
    stamps: &str,
) -> Result<StoredRecord, StoreError> {
    StoredRecord::from_documents(
        row.get("id"),
        row.get("form_id"),
        row.get::<i64, _>("form_version") as u32,
        row.get("area"),
        row.get::<i64, _>("version") as u64,
        row.get::<i64, _>("deleted") != 0,
        row.get("review_state"),
        row.get::<i64, _>("change_seq") as u64,
        row.get("updated_ms"),
        answers,
        stamps,
    )
}

#[async_trait]
impl RecordTx for SqliteRecordTx {
    async fn cursor(&mut self, client_id: &str) -> Result<Option<Cursor>, StoreError> {
        let row: Option<(i64, Option<String>)> =
            sqlx::query_as("SELECT last_seq, username FROM client_cursors WHERE client_id = ?")
                .bind(client_id)
                .fetch_optional(&mut *self.tx)
                .await?;
        Ok(row.map(|(last_seq, username)| Cursor {
            last_seq: last_seq as u64,
            username,
        }))
    }

    async fn outcomes(
        &mut self,
        client_id: &str,
        seqs: &[u64],
    ) -> Result<BTreeMap<u64, Outcome>, StoreError> {
        let mut found = BTreeMap::new();
        for chunk in seqs.chunks(ROWS_PER_STATEMENT) {
            let mut sql = QueryBuilder::<Sqlite>::new(
                "SELECT seq, outcome FROM mutation_outcomes WHERE client_id = ",
            );
            sql.push_bind(client_id).push(" AND seq IN (");
            let mut list = sql.separated(", ");
            for seq in chunk {
                list.push_bind(*seq as i64);
            }
            sql.push(")");
            let rows = sql
                .build()
                .persistent(false)
                .fetch_all(&mut *self.tx)
                .await?;
            for row in rows {
                if let Ok(outcome) = serde_json::from_str(row.get::<&str, _>("outcome")) {
                    found.insert(row.get::<i64, _>("seq") as u64, outcome);
                }
            }
        }
        Ok(found)
    }

    async fn records(&mut self, ids: &[String]) -> Result<Vec<StoredRecord>, StoreError> {
        let mut records = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(ROWS_PER_STATEMENT) {
            let mut sql = QueryBuilder::<Sqlite>::new(format!(
                "SELECT {RECORD_COLUMNS} FROM records WHERE id IN ("
            ));
            let mut list = sql.separated(", ");
            for id in chunk {
                list.push_bind(id);
            }
            sql.push(")");
            for row in sql
                .build()
                .persistent(false)
                .fetch_all(&mut *self.tx)
                .await?
            {
                records.push(stored_record(&row)?);
            }
        }
        Ok(records)
    }

    async fn record_unopened(&mut self, id: &str) -> Result<Option<StoredRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {RECORD_COLUMNS} FROM records WHERE id = ?"
        ))
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await?
        .map(|row| stored_record_with(&row, "{}", "[]"))
        .transpose()
    }

    async fn open_conflicts(&mut self, record_id: &str) -> Result<BTreeSet<i64>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT id FROM conflicts WHERE record_id = ? AND resolved_ms IS NULL",
        )
        .bind(record_id)
        .fetch_all(&mut *self.tx)
        .await?
        .into_iter()
        .collect())
    }

    async fn change_seq(&mut self) -> Result<u64, StoreError> {
        let value: i64 = sqlx::query_scalar("SELECT value FROM counters WHERE name = 'change_seq'")
            .fetch_one(&mut *self.tx)
            .await?;
        Ok(value as u64)
    }

    async fn write(&mut self, writes: Writes) -> Result<(), StoreError> {
        write_rows(&mut self.tx, writes).await
    }

    async fn purge_deleted(&mut self, record_id: &str) -> Result<(), StoreError> {
        purge_deleted_record(&mut self.tx, record_id).await
    }

    async fn forget_refused(
        &mut self,
        record_id: &str,
        paths: &[String],
        remaining: &Answers,
    ) -> Result<(), StoreError> {
        forget_refused(&mut self.tx, record_id, paths, remaining).await
    }

    async fn forget_erased(&mut self, record_id: &str) -> Result<(), StoreError> {
        forget_erased(&mut self.tx, record_id).await
    }

    async fn close_request(
        &mut self,
        request_id: i64,
        state: RequestState,
        actor: &str,
        note: &str,
        now_ms: i64,
    ) -> Result<bool, StoreError> {
        close_open(&mut self.tx, request_id, state, actor, note, now_ms).await
    }

    async fn refresh_far_from_rt(&mut self, areas: &BTreeSet<String>) -> Result<(), StoreError> {
        refresh_far_from_rt(&mut self.tx, areas).await
    }

    async fn commit(self: Box<Self>) -> Result<(), StoreError> {
        self.tx.commit().await?;
        Ok(())
    }
}

/// A record's live answers (empty for an unknown one).
pub(super) async fn current_answers(
    conn: &mut SqliteConnection,
    record_id: &str,
) -> Result<Answers, StoreError> {
    let document: Option<String> = sqlx::query_scalar("SELECT answers FROM records WHERE id = ?")
        .bind(record_id)
        .fetch_optional(&mut *conn)
        .await?;
    document
        .map(|text| parse_answers(record_id, &text))
        .transpose()
        .map(Option::unwrap_or_default)
}
