//! Pull in SQLite: a page of records changed after the device's cursor,
//! answers straight from each record's document and the latest decisions
//! of the page in one query. (Push is the record rules' own:
//! `crate::records` through `records.rs`.)

use std::collections::HashMap;

use rukun_core::form::Answers;
use rukun_core::review::{ReviewNote, ReviewState};
use rukun_core::sync::{PullResponse, RecordState};
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};

use super::super::{PullScope, StoreError};
use super::reviews::review_note;
use super::SqliteStore;

/// About how many bytes of answers one pull page carries.
const PAGE_BYTES: usize = 1024 * 1024;

impl SqliteStore {
    pub(super) async fn pull_page(
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
}

/// The latest decision on each of these records that has one.
async fn latest_reviews(
    conn: &mut SqliteConnection,
    ids: &[&str],
) -> Result<HashMap<String, ReviewNote>, StoreError> {
    let mut found = HashMap::new();
    for chunk in ids.chunks(super::records::ROWS_PER_STATEMENT) {
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
