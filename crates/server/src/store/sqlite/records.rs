//! Records in SQLite beside the rules' transaction (`record_tx.rs`, the
//! one write path): opening it, indexing records stored before the index
//! existed, the pull (a page of records changed after the device's cursor,
//! answers straight from each record's document and the latest decisions
//! of the page in one query), lookups by record and by NIK, and the flag
//! on records that arrived through an ended session (a device's final
//! push), remembered for review.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use async_trait::async_trait;
use rukun_core::form::Answers;
use rukun_core::quality::{Flag, RecordFacts};
use rukun_core::review::{ReviewNote, ReviewState};
use rukun_core::sync::{PullResponse, RecordState};
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};

use super::super::{PullScope, Records, StoreError, Validator};
use super::index::{nik_hash, refresh_far_from_rt, write_index};
use super::record_tx::SqliteRecordTx;
use super::reviews::review_note;
use super::{SqliteStore, ROWS_PER_STATEMENT};
use crate::records::{IndexChange, IndexRow, RecordTx};

/// About how many bytes of answers one pull page carries.
const PAGE_BYTES: usize = 1024 * 1024;

#[async_trait]
impl Records for SqliteStore {
    async fn begin_records(&self) -> Result<Box<dyn RecordTx + '_>, StoreError> {
        Ok(Box::new(SqliteRecordTx::begin(self).await?))
    }

    /// Indexes live records that have no index row (records stored before
    /// the index existed), in transactions of a thousand; returns how many.
    async fn index_missing(&self, validate: Validator<'_>) -> Result<u64, StoreError> {
        let mut done = 0;
        loop {
            let (_writer, mut tx) = self.begin_write().await?;
            let batch = sqlx::query(
                "SELECT r.id, r.form_id, r.form_version, r.area, r.review_state, r.updated_ms, r.answers, \
                 COALESCE((SELECT a.actor FROM audit_log a WHERE a.record_id = r.id AND a.action = 'create' \
                           ORDER BY a.id LIMIT 1), '') AS creator \
                 FROM records r WHERE r.deleted = 0 \
                 AND NOT EXISTS (SELECT 1 FROM record_index i WHERE i.record_id = r.id) LIMIT 1000",
            )
            .fetch_all(&mut *tx)
            .await?;
            if batch.is_empty() {
                return Ok(done);
            }
            let mut areas = BTreeSet::new();
            let mut changes = BTreeMap::new();
            for row in batch {
                let id: String = row.get("id");
                let form_id: String = row.get("form_id");
                let answers: Answers = crate::records::parse_answers(&id, row.get("answers"))?;
                let facts = validate(&form_id, row.get::<i64, _>("form_version") as u32, &answers)
                    .unwrap_or_else(|_| RecordFacts {
                        flags: vec![Flag::Incomplete],
                        ..Default::default()
                    });
                let area: String = row.get("area");
                areas.insert(area.clone());
                let index_row = IndexRow {
                    record_id: id.clone(),
                    form_id,
                    area,
                    creator: row.get("creator"),
                    review_state: row.get("review_state"),
                    updated_ms: row.get("updated_ms"),
                    facts,
                };
                changes.insert(id, IndexChange::Write(Box::new(index_row)));
                done += 1;
            }
            write_index(&mut tx, &changes).await?;
            refresh_far_from_rt(&mut tx, &areas).await?;
            tx.commit().await?;
        }
    }

    async fn pull(
        &self,
        scope: &PullScope,
        cursor: u64,
        limit: u32,
    ) -> Result<PullResponse, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let (filter, binds): (String, Vec<String>) = match scope {
            PullScope::All => ("1".into(), vec![]),
            PullScope::Kelurahan(code) => {
                ("area LIKE ? ESCAPE '\\'".into(), vec![format!("{code}/%")])
            }
            PullScope::Areas(areas) if areas.is_empty() => ("0".into(), vec![]),
            PullScope::Areas(areas) => (
                format!("area IN ({})", vec!["?"; areas.len()].join(", ")),
                areas.clone(),
            ),
        };
        let sql = format!(
            "SELECT id, form_id, form_version, area, version, deleted, erased, change_seq, review_state, answers FROM records \
             WHERE change_seq > ? AND {filter} ORDER BY change_seq LIMIT ?"
        );
        let mut query = sqlx::query(&sql).bind(cursor as i64);
        for bind in &binds {
            query = query.bind(bind);
        }
        let rows = query
            .bind(i64::from(limit) + 1)
            .fetch_all(&mut *conn)
            .await?;
        // At most `limit` records and about PAGE_BYTES of answers (at
        // least one record): memory per pull stays bounded however large
        // the records are.
        let mut bytes = 0;
        let taken = rows
            .iter()
            .take(limit as usize)
            .take_while(|row| {
                let first = bytes == 0;
                bytes += row.get::<&str, _>("answers").len();
                first || bytes <= PAGE_BYTES
            })
            .count();
        let has_more = rows.len() > taken;
        let rows = &rows[..taken];
        let ids: Vec<&str> = rows.iter().map(|row| row.get("id")).collect();
        let mut reviews = latest_reviews(&mut conn, &ids).await?;
        let mut records = Vec::with_capacity(rows.len());
        for row in rows {
            let id: String = row.get("id");
            let answers: Answers = crate::records::parse_answers(&id, row.get("answers"))?;
            let review = reviews.remove(&id);
            records.push(RecordState {
                change_seq: row.get::<i64, _>("change_seq") as u64,
                record_id: id,
                form_id: row.get("form_id"),
                form_version: row.get::<i64, _>("form_version") as u32,
                area: row.get("area"),
                version: row.get::<i64, _>("version") as u64,
                deleted: row.get::<i64, _>("deleted") != 0,
                erased: row.get::<i64, _>("erased") != 0,
                answers,
                review_state: ReviewState::parse(row.get("review_state")).unwrap_or_default(),
                review,
            });
        }
        let next_cursor = records.last().map_or(cursor, |r| r.change_seq);
        Ok(PullResponse {
            records,
            next_cursor,
            has_more,
        })
    }

    async fn record_area(&self, record_id: &str) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar("SELECT area FROM records WHERE id = ?")
            .bind(record_id)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn records_with_nik(
        &self,
        nik: &str,
        kelurahan: &str,
    ) -> Result<Vec<String>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT n.record_id FROM record_niks n JOIN record_index i ON i.record_id = n.record_id \
             WHERE n.nik_hash = ? AND i.kelurahan = ? ORDER BY n.record_id",
        )
        .bind(nik_hash(nik))
        .bind(kelurahan)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn mark_sent_after_end(
        &self,
        record_ids: &[String],
        ended_ms: i64,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        let (_writer, mut tx) = self.begin_write().await?;
        for record_id in record_ids {
            sqlx::query(
                "INSERT INTO late_records (record_id, ended_ms, arrived_ms) VALUES (?, ?, ?) \
                 ON CONFLICT (record_id) DO UPDATE SET arrived_ms = excluded.arrived_ms",
            )
            .bind(record_id)
            .bind(ended_ms)
            .bind(now_ms)
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE record_index SET flags = flags | ? WHERE record_id = ?")
                .bind(Flag::SentAfterEnd.bit())
                .bind(record_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// The latest decision on each of these records that has one.
async fn latest_reviews(
    conn: &mut SqliteConnection,
    ids: &[&str],
) -> Result<HashMap<String, ReviewNote>, StoreError> {
    let mut found = HashMap::new();
    for chunk in ids.chunks(ROWS_PER_STATEMENT) {
        let mut sql = QueryBuilder::<Sqlite>::new(
            "SELECT record_id, state_after, comment, field_comments, author, at_ms FROM reviews \
             WHERE id IN (SELECT MAX(id) FROM reviews WHERE record_id IN (",
        );
        let mut list = sql.separated(", ");
        for id in chunk {
            list.push_bind(*id);
        }
        sql.push(") GROUP BY record_id)");
        for row in sql.build().persistent(false).fetch_all(&mut *conn).await? {
            found.insert(row.get("record_id"), review_note(&row));
        }
    }
    Ok(found)
}
