//! The coordinator console in SQLite: the filtered review list (from the
//! record index), a record's detail with the changes since the latest
//! decision and its open conflicts, and exports. (A coordinator's edit is
//! the record rules' own: `crate::records::edit`.)

use async_trait::async_trait;
use rukun_core::console::{
    changes_since, FieldChange, ListItem, MapPoint, OpenConflict, RecordDetail,
};
use rukun_core::form::{Answers, Value};
use rukun_core::quality::Flag;
use rukun_core::review::{ReviewNote, ReviewState};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};

use super::super::{Console, ExportSink, ListFilter, StoreError};
use super::record_tx::current_answers;
use super::reviews::review_note;
use super::SqliteStore;

#[async_trait]
impl Console for SqliteStore {
    async fn list_records(&self, filter: &ListFilter) -> Result<Vec<ListItem>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        list_on(&mut conn, filter).await
    }

    async fn map_points(&self, kelurahan: &str) -> Result<Vec<MapPoint>, StoreError> {
        let rows = sqlx::query(
            "SELECT record_id, form_id, lat, lon, category FROM record_index \
             WHERE kelurahan = ? AND lat IS NOT NULL",
        )
        .bind(kelurahan)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| MapPoint {
                id: row.get("record_id"),
                form_id: row.get("form_id"),
                lat: row.get("lat"),
                lon: row.get("lon"),
                category: row.get("category"),
            })
            .collect())
    }

    async fn record_detail(&self, record_id: &str) -> Result<Option<RecordDetail>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let Some(row) = sqlx::query(&format!(
            "SELECT {ITEM_COLUMNS}, r.form_version, r.version FROM record_index i \
             JOIN records r ON r.id = i.record_id WHERE i.record_id = ?"
        ))
        .bind(record_id)
        .fetch_optional(&mut *conn)
        .await?
        else {
            return Ok(None);
        };
        let answers = current_answers(&mut conn, record_id).await?;
        let reviews = reviews_of(&mut conn, record_id).await?;
        // Decisions made before reviews kept their answers have `{}`: no
        // diff rather than every answer shown as new.
        let decided: Option<Answers> = reviews
            .last()
            .map(|(_, answers)| answers.clone())
            .filter(|answers| !answers.is_empty());
        let changes: Vec<FieldChange> = decided
            .as_ref()
            .map(|before| changes_since(before, &answers))
            .unwrap_or_default();
        let rows = sqlx::query(
            "SELECT c.id, c.path, c.server_value, c.client_value, c.author, c.created_ms, \
             (SELECT h.value FROM field_history h WHERE h.record_id = c.record_id AND h.path = c.path \
              AND h.version <= c.base_version ORDER BY h.version DESC LIMIT 1) AS base_value \
             FROM conflicts c WHERE c.record_id = ? AND c.resolved_ms IS NULL ORDER BY c.id",
        )
        .bind(record_id)
        .fetch_all(&mut *conn)
        .await?;
        let conflicts = rows
            .into_iter()
            .map(|c| OpenConflict {
                id: c.get("id"),
                path: c.get("path"),
                base: parse_value(c.get("base_value")),
                server: parse_value(c.get("server_value")),
                device: parse_value(c.get("client_value")),
                author: c.get("author"),
                at_ms: c.get("created_ms"),
            })
            .collect();
        Ok(Some(RecordDetail {
            item: item(&row),
            form_version: row.get::<i64, _>("form_version") as u32,
            version: row.get::<i64, _>("version") as u64,
            answers,
            reviews: reviews.into_iter().map(|(note, _)| note).collect(),
            changes,
            conflicts,
        }))
    }

    /// Page by page inside one read transaction (the snapshot).
    async fn export_records(
        &self,
        filter: &ListFilter,
        sink: ExportSink<'_>,
    ) -> Result<u64, StoreError> {
        let mut tx = self.pool.begin().await?;
        let mut page = ListFilter {
            after: None,
            limit: 1000,
            ..filter.clone()
        };
        let mut count = 0;
        loop {
            let items = list_on(&mut tx, &page).await?;
            let Some(last) = items.last() else {
                break;
            };
            page.after = Some((last.updated_ms, last.id.clone()));
            let mut sql =
                QueryBuilder::<Sqlite>::new("SELECT id, answers FROM records WHERE id IN (");
            let mut ids = sql.separated(", ");
            for item in &items {
                ids.push_bind(&item.id);
            }
            sql.push(")");
            let mut answers: std::collections::HashMap<String, Answers> = Default::default();
            for row in sql.build().persistent(false).fetch_all(&mut *tx).await? {
                let id: String = row.get("id");
                let document = crate::records::parse_answers(&id, row.get("answers"))?;
                answers.insert(id, document);
            }
            for item in &items {
                sink(item, answers.get(&item.id).unwrap_or(&Answers::new()));
                count += 1;
            }
            if items.len() < page.limit as usize {
                break;
            }
        }
        tx.commit().await?;
        Ok(count)
    }
}

/// The index columns a list item is read from.
const ITEM_COLUMNS: &str = "i.record_id, i.form_id, i.kelurahan, i.rw, i.rt, i.volunteer, i.review_state, \
    i.updated_ms, i.visit_result, i.category, i.condition, i.title, i.members, i.lat, i.lon, i.flags";

fn item(row: &SqliteRow) -> ListItem {
    let (rw, rt) = (
        row.get::<i64, _>("rw") as u16,
        row.get::<i64, _>("rt") as u16,
    );
    let lat: Option<f64> = row.get("lat");
    let lon: Option<f64> = row.get("lon");
    ListItem {
        id: row.get("record_id"),
        form_id: row.get("form_id"),
        area: format!("{}/{rw:02}/{rt:02}", row.get::<&str, _>("kelurahan")),
        rw,
        rt,
        volunteer: row.get("volunteer"),
        review_state: ReviewState::parse(row.get("review_state")).unwrap_or_default(),
        updated_ms: row.get("updated_ms"),
        visit_result: row.get("visit_result"),
        category: row.get("category"),
        condition: row.get("condition"),
        title: row.get("title"),
        members: row.get::<i64, _>("members") as u32,
        flags: Flag::from_bits(row.get("flags")),
        point: lat.zip(lon).map(|(lat, lon)| [lat, lon]),
    }
}

async fn list_on(
    conn: &mut SqliteConnection,
    filter: &ListFilter,
) -> Result<Vec<ListItem>, StoreError> {
    {
        let mut sql = QueryBuilder::<Sqlite>::new(format!(
            "SELECT {ITEM_COLUMNS} FROM record_index i WHERE 1"
        ));
        if let Some(kelurahan) = &filter.kelurahan {
            sql.push(" AND i.kelurahan = ").push_bind(kelurahan);
        }
        if let Some(form) = &filter.form {
            sql.push(" AND i.form_id = ").push_bind(form);
        }
        if let Some(rw) = filter.rw {
            sql.push(" AND i.rw = ").push_bind(i64::from(rw));
        }
        if let Some(rt) = filter.rt {
            sql.push(" AND i.rt = ").push_bind(i64::from(rt));
        }
        if let Some(state) = filter.state {
            sql.push(" AND i.review_state = ").push_bind(state.as_str());
        }
        if let Some(volunteer) = &filter.volunteer {
            sql.push(" AND i.volunteer = ").push_bind(volunteer);
        }
        if let Some(from) = filter.from_ms {
            sql.push(" AND i.updated_ms >= ").push_bind(from);
        }
        if let Some(to) = filter.to_ms {
            sql.push(" AND i.updated_ms < ").push_bind(to);
        }
        if let Some(flag) = filter.flag {
            sql.push(" AND (i.flags & ")
                .push_bind(flag.bit())
                .push(") != 0");
        }
        if let Some((updated_ms, id)) = &filter.after {
            sql.push(" AND (i.updated_ms, i.record_id) < (")
                .push_bind(*updated_ms)
                .push(", ")
                .push_bind(id)
                .push(")");
        }
        sql.push(" ORDER BY i.updated_ms DESC, i.record_id DESC LIMIT ")
            .push_bind(i64::from(filter.limit));
        let rows = sql.build().persistent(false).fetch_all(&mut *conn).await?;
        Ok(rows.iter().map(item).collect())
    }
}

fn parse_value(json: Option<String>) -> Option<Value> {
    json.and_then(|text| serde_json::from_str(&text).ok())
}

/// Every decision on a record, oldest first, with the answers decided on.
async fn reviews_of(
    conn: &mut SqliteConnection,
    record_id: &str,
) -> Result<Vec<(ReviewNote, Answers)>, StoreError> {
    let rows = sqlx::query(
        "SELECT state_after, comment, field_comments, author, at_ms, answers FROM reviews \
         WHERE record_id = ? ORDER BY id",
    )
    .bind(record_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let answers = serde_json::from_str(row.get::<&str, _>("answers")).unwrap_or_default();
            (review_note(&row), answers)
        })
        .collect())
}
