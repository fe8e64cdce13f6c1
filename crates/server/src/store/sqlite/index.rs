//! The record index in SQLite: one row per live record with what
//! coordinators filter, count and map by, kept in the transaction that
//! changes the record. Flags that need other records are refreshed here:
//! the same NIK in another household (by the NIK's hash), and a point far
//! from the rest of its RT.

use rukun_core::quality::{far_from_rt, Flag, RecordFacts};
use rukun_core::AreaSelection;
use sha2::{Digest, Sha256};
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};

use super::super::{StoreError, Validator};
use super::sync::current_answers;
use super::SqliteStore;

/// Writes the index row of a record whose answers just changed. The
/// caller then refreshes "far from its RT" once per RT it touched
/// ([`refresh_far_from_rt`]): per record it would cost a read of the whole
/// RT every time.
pub(super) async fn index_record(
    conn: &mut SqliteConnection,
    row: IndexRow<'_>,
) -> Result<(), StoreError> {
    let IndexRow {
        record_id,
        form_id,
        area_key,
        creator,
        review_state,
        updated_ms,
        facts,
    } = row;
    let area = AreaSelection::from_key(area_key)
        .ok_or_else(|| StoreError::Corrupt(format!("area {area_key:?}")))?;
    // The flags needing other records are set again below.
    let own_flags = facts.flag_bits() & !(Flag::GpsFarFromRt.bit());
    sqlx::query(
        "INSERT INTO record_index (record_id, form_id, kelurahan, rw, rt, volunteer, review_state, updated_ms, \
         visit_result, category, condition, title, members, lat, lon, accuracy, receipt, flags) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \
         ? | CASE WHEN EXISTS (SELECT 1 FROM late_records WHERE record_id = ?) THEN ? ELSE 0 END) \
         ON CONFLICT (record_id) DO UPDATE SET review_state = excluded.review_state, updated_ms = excluded.updated_ms, \
         visit_result = excluded.visit_result, category = excluded.category, condition = excluded.condition, \
         title = excluded.title, members = excluded.members, lat = excluded.lat, lon = excluded.lon, \
         accuracy = excluded.accuracy, receipt = excluded.receipt, flags = excluded.flags",
    )
    .bind(record_id)
    .bind(form_id)
    .bind(area.kelurahan.to_string())
    .bind(i64::from(area.rw))
    .bind(i64::from(area.rt))
    .bind(creator)
    .bind(review_state)
    .bind(updated_ms)
    .bind(&facts.visit_result)
    .bind(&facts.category)
    .bind(&facts.condition)
    .bind(&facts.title)
    .bind(i64::from(facts.members))
    .bind(facts.point.as_ref().map(|p| p.lat))
    .bind(facts.point.as_ref().map(|p| p.lon))
    .bind(facts.point.as_ref().map(|p| p.accuracy))
    .bind(&facts.receipt)
    .bind(own_flags)
    .bind(record_id)
    .bind(Flag::SentAfterEnd.bit())
    .execute(&mut *conn)
    .await?;
    let hashes: Vec<String> = facts.niks.iter().map(|nik| nik_hash(nik)).collect();
    replace_niks(conn, record_id, &hashes).await
}

/// One record's index row as written.
pub(super) struct IndexRow<'a> {
    pub record_id: &'a str,
    pub form_id: &'a str,
    /// `kelurahan/RW/RT`.
    pub area_key: &'a str,
    /// Who created it (kept from the first write on later ones).
    pub creator: &'a str,
    pub review_state: &'a str,
    pub updated_ms: i64,
    pub facts: &'a RecordFacts,
}

/// Takes a deleted record out of the index (and out of others' duplicate
/// flags; the caller refreshes its RT's "far" flags).
pub(super) async fn unindex_record(
    conn: &mut SqliteConnection,
    record_id: &str,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM record_index WHERE record_id = ?")
        .bind(record_id)
        .execute(&mut *conn)
        .await?;
    replace_niks(conn, record_id, &[]).await
}

/// A review decision's new state in the index.
pub(super) async fn index_review_state(
    conn: &mut SqliteConnection,
    record_id: &str,
    state: &str,
    now_ms: i64,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE record_index SET review_state = ?, updated_ms = ? WHERE record_id = ?")
        .bind(state)
        .bind(now_ms)
        .bind(record_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Hex SHA-256 of a NIK: compared, never shown.
pub(super) fn nik_hash(nik: &str) -> String {
    Sha256::digest(nik.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Sets the record's NIK hashes and the duplicate flag of every record
/// sharing an old or new one (a few statements, whatever the count).
async fn replace_niks(
    conn: &mut SqliteConnection,
    record_id: &str,
    hashes: &[String],
) -> Result<(), StoreError> {
    let mut affected: Vec<String> =
        sqlx::query_scalar("DELETE FROM record_niks WHERE record_id = ? RETURNING nik_hash")
            .bind(record_id)
            .fetch_all(&mut *conn)
            .await?;
    if !hashes.is_empty() {
        let mut insert =
            QueryBuilder::<Sqlite>::new("INSERT OR IGNORE INTO record_niks (nik_hash, record_id) ");
        insert.push_values(hashes, |mut row, hash| {
            row.push_bind(hash).push_bind(record_id);
        });
        insert.build().persistent(false).execute(&mut *conn).await?;
    }
    affected.extend_from_slice(hashes);
    if affected.is_empty() {
        return Ok(());
    }
    // A NIK twice in one household is flagged from its own answers
    // (validation); this adds the cross-household case.
    let mut update = QueryBuilder::<Sqlite>::new(
        "UPDATE record_index SET flags = CASE WHEN EXISTS ( \
             SELECT 1 FROM record_niks a JOIN record_niks b ON b.nik_hash = a.nik_hash \
             AND b.record_id <> a.record_id WHERE a.record_id = record_index.record_id) \
         THEN flags | ",
    );
    let bit = Flag::NikDuplicate.bit();
    update
        .push_bind(bit)
        .push(" ELSE flags & ~")
        .push_bind(bit)
        .push(" END WHERE record_id = ")
        .push_bind(record_id)
        .push(" OR record_id IN (SELECT record_id FROM record_niks WHERE nik_hash IN (");
    let mut list = update.separated(", ");
    for hash in &affected {
        list.push_bind(hash);
    }
    update.push("))");
    update.build().persistent(false).execute(&mut *conn).await?;
    Ok(())
}

/// Recomputes "far from the rest of its RT" for every record of each RT
/// (area keys), writing only the records whose flag changes.
pub(super) async fn refresh_far_from_rt<'a>(
    conn: &mut SqliteConnection,
    areas: impl IntoIterator<Item = &'a String>,
) -> Result<(), StoreError> {
    for key in areas {
        if let Some(area) = AreaSelection::from_key(key) {
            refresh_rt(conn, &area).await?;
        }
    }
    Ok(())
}

async fn refresh_rt(conn: &mut SqliteConnection, area: &AreaSelection) -> Result<(), StoreError> {
    let rows = sqlx::query(
        "SELECT record_id, lat, lon, flags FROM record_index \
         WHERE kelurahan = ? AND rw = ? AND rt = ? AND lat IS NOT NULL",
    )
    .bind(area.kelurahan.to_string())
    .bind(i64::from(area.rw))
    .bind(i64::from(area.rt))
    .fetch_all(&mut *conn)
    .await?;
    let bit = Flag::GpsFarFromRt.bit();
    let points: Vec<(String, f64, f64)> = rows
        .iter()
        .map(|row| (row.get("record_id"), row.get("lat"), row.get("lon")))
        .collect();
    let far = far_from_rt(&points);
    let changed: Vec<(&str, bool)> = rows
        .iter()
        .zip(&points)
        .filter_map(|(row, (id, _, _))| {
            let was = row.get::<i64, _>("flags") & bit != 0;
            let is = far.contains(&id.as_str());
            (was != is).then_some((id.as_str(), is))
        })
        .collect();
    for (id, is_far) in changed {
        sqlx::query(
            "UPDATE record_index SET flags = CASE WHEN ?1 THEN flags | ?2 ELSE flags & ~?2 END \
             WHERE record_id = ?3",
        )
        .bind(is_far)
        .bind(bit)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

impl SqliteStore {
    /// Indexes live records that have no index row (records stored before
    /// the index existed), in transactions of a thousand; returns how many.
    pub(super) async fn index_unindexed(&self, validate: Validator<'_>) -> Result<u64, StoreError> {
        let mut done = 0;
        loop {
            let _writer = self.write_lock.lock().await;
            let mut tx = self.pool.begin().await?;
            let batch = sqlx::query(
                "SELECT r.id, r.form_id, r.form_version, r.area, r.review_state, r.updated_ms, \
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
            let mut areas = std::collections::BTreeSet::new();
            for row in batch {
                let id: String = row.get("id");
                let form_id: String = row.get("form_id");
                let answers = current_answers(&mut tx, &id).await?;
                let facts = validate(&form_id, row.get::<i64, _>("form_version") as u32, &answers)
                    .unwrap_or_else(|_| RecordFacts {
                        flags: vec![Flag::Incomplete],
                        ..Default::default()
                    });
                let area: String = row.get("area");
                index_record(
                    &mut tx,
                    IndexRow {
                        record_id: &id,
                        form_id: &form_id,
                        area_key: &area,
                        creator: row.get("creator"),
                        review_state: row.get("review_state"),
                        updated_ms: row.get("updated_ms"),
                        facts: &facts,
                    },
                )
                .await?;
                areas.insert(area);
                done += 1;
            }
            refresh_far_from_rt(&mut tx, &areas).await?;
            tx.commit().await?;
        }
    }
}
