//! The record rules' transaction in SQLite ([`RecordTx`]), the one write
//! path of a record: reads by key, and each table's rows written in a few
//! multi-row statements. With the change counter and a record's answers
//! for the few writes outside the rules (a review decision, an erasure).

use std::collections::{BTreeMap, BTreeSet};

use async_trait::async_trait;
use rukun_core::form::Answers;
use rukun_core::sync::Outcome;
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection, Transaction};
use tokio::sync::OwnedMutexGuard;

use super::super::StoreError;
use super::index::{refresh_far_from_rt, write_index};
use super::purge::{forget_refused, purge_deleted_record};
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
        row.get("answers"),
        row.get("stamps"),
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

    async fn refresh_far_from_rt(&mut self, areas: &BTreeSet<String>) -> Result<(), StoreError> {
        refresh_far_from_rt(&mut self.tx, areas).await
    }

    async fn commit(self: Box<Self>) -> Result<(), StoreError> {
        self.tx.commit().await?;
        Ok(())
    }
}

/// Writes every row of `writes`, records first (the index refers to them).
async fn write_rows(conn: &mut SqliteConnection, writes: Writes) -> Result<(), StoreError> {
    let records: Vec<&StoredRecord> = writes.records.values().collect();
    for chunk in records.chunks(ROWS_PER_STATEMENT) {
        let mut sql = QueryBuilder::<Sqlite>::new(
            "INSERT INTO records (id, form_id, form_version, area, version, deleted, review_state, \
             change_seq, created_ms, updated_ms, answers, stamps) ",
        );
        sql.push_values(chunk, |mut row, r| {
            row.push_bind(&r.id)
                .push_bind(&r.form_id)
                .push_bind(i64::from(r.form_version))
                .push_bind(&r.area)
                .push_bind(r.version as i64)
                .push_bind(r.deleted)
                .push_bind(&r.review_state)
                .push_bind(r.change_seq as i64)
                .push_bind(r.updated_ms)
                .push_bind(r.updated_ms)
                .push_bind(r.answers_json())
                .push_bind(r.stamps_json());
        });
        sql.push(
            " ON CONFLICT (id) DO UPDATE SET form_version = excluded.form_version, \
             version = excluded.version, deleted = excluded.deleted, \
             review_state = excluded.review_state, change_seq = excluded.change_seq, \
             updated_ms = excluded.updated_ms, answers = excluded.answers, stamps = excluded.stamps",
        );
        sql.build().persistent(false).execute(&mut *conn).await?;
    }
    let uses: Vec<_> = writes.attachment_uses.iter().collect();
    for chunk in uses.chunks(ROWS_PER_STATEMENT) {
        let mut sql = QueryBuilder::<Sqlite>::new(
            "INSERT OR IGNORE INTO attachment_uses (sha256, record_id) ",
        );
        sql.push_values(chunk, |mut row, (sha256, record_id)| {
            row.push_bind(sha256).push_bind(record_id);
        });
        sql.build().persistent(false).execute(&mut *conn).await?;
    }
    for chunk in writes.history.chunks(ROWS_PER_STATEMENT) {
        let mut sql = QueryBuilder::<Sqlite>::new(
            "INSERT OR IGNORE INTO field_history (record_id, path, version, value, client_id) ",
        );
        sql.push_values(chunk, |mut row, h| {
            row.push_bind(&h.record_id)
                .push_bind(&h.path)
                .push_bind(h.version as i64)
                .push_bind(&h.value)
                .push_bind(&h.client_id);
        });
        sql.build().persistent(false).execute(&mut *conn).await?;
    }
    for chunk in writes.conflicts.chunks(ROWS_PER_STATEMENT) {
        let mut sql = QueryBuilder::<Sqlite>::new(
            "INSERT INTO conflicts (record_id, path, base_version, server_value, client_value, \
             client_id, seq, author, created_ms) ",
        );
        sql.push_values(chunk, |mut row, c| {
            row.push_bind(&c.record_id)
                .push_bind(&c.path)
                .push_bind(c.base_version as i64)
                .push_bind(&c.server_value)
                .push_bind(&c.client_value)
                .push_bind(&c.client_id)
                .push_bind(c.seq as i64)
                .push_bind(&c.author)
                .push_bind(c.created_ms);
        });
        sql.build().persistent(false).execute(&mut *conn).await?;
    }
    for (id, resolved_ms) in &writes.resolved {
        sqlx::query("UPDATE conflicts SET resolved_ms = ? WHERE id = ?")
            .bind(resolved_ms)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    write_index(conn, &writes.index).await?;
    for chunk in writes.outcomes.chunks(ROWS_PER_STATEMENT) {
        let mut sql = QueryBuilder::<Sqlite>::new(
            "INSERT INTO mutation_outcomes (client_id, seq, record_id, author, outcome, created_ms) ",
        );
        sql.push_values(chunk, |mut row, o| {
            row.push_bind(&o.client_id)
                .push_bind(o.seq as i64)
                .push_bind(&o.record_id)
                .push_bind(&o.author)
                .push_bind(&o.outcome)
                .push_bind(o.created_ms);
        });
        sql.build().persistent(false).execute(&mut *conn).await?;
    }
    for chunk in writes.audit.chunks(ROWS_PER_STATEMENT) {
        let mut sql = QueryBuilder::<Sqlite>::new(
            "INSERT INTO audit_log (at_ms, actor, action, record_id, detail) ",
        );
        sql.push_values(chunk, |mut row, a| {
            row.push_bind(a.at_ms)
                .push_bind(&a.actor)
                .push_bind(&a.action)
                .push_bind(&a.record_id)
                .push_bind(&a.detail);
        });
        sql.build().persistent(false).execute(&mut *conn).await?;
    }
    if let Some(value) = writes.change_seq {
        sqlx::query("UPDATE counters SET value = ? WHERE name = 'change_seq'")
            .bind(value as i64)
            .execute(&mut *conn)
            .await?;
    }
    if let Some((client_id, last_seq, username)) = &writes.cursor {
        sqlx::query(
            "INSERT INTO client_cursors (client_id, last_seq, username) VALUES (?, ?, ?) \
             ON CONFLICT (client_id) DO UPDATE SET last_seq = excluded.last_seq, username = excluded.username",
        )
        .bind(client_id)
        .bind(*last_seq as i64)
        .bind(username)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Takes the next change sequence number (for writes outside the record
/// rules: a review decision, an erasure).
pub(super) async fn next_change_seq(conn: &mut SqliteConnection) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "UPDATE counters SET value = value + 1 WHERE name = 'change_seq' RETURNING value",
    )
    .fetch_one(&mut *conn)
    .await?)
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
