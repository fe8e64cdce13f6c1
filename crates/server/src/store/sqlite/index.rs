//! The record index in SQLite: one row per live record with what
//! coordinators filter, count and map by, kept in the transaction that
//! changes the record. Flags that need other records are refreshed here:
//! the same NIK in another household (by the NIK's hash), and a point far
//! from the rest of its RT.

use rukun_core::quality::{far_from_rt, Flag};
use rukun_core::AreaSelection;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};

use super::super::StoreError;
use super::ROWS_PER_STATEMENT;
use crate::records::{IndexChange, IndexRow};

/// Writes index rows, takes deleted records out and sets review decisions'
/// states, with the NIK hashes and the duplicate flags they change, in a
/// few statements for the whole batch. The caller then refreshes "far
/// from its RT" once per RT it touched ([`refresh_far_from_rt`]): per
/// record it would cost a read of the whole RT every time.
pub(super) async fn write_index(
    conn: &mut SqliteConnection,
    changes: &BTreeMap<String, IndexChange>,
) -> Result<(), StoreError> {
    let removed: Vec<&String> = changes
        .iter()
        .filter(|(_, c)| matches!(c, IndexChange::Remove))
        .map(|(id, _)| id)
        .collect();
    for chunk in removed.chunks(ROWS_PER_STATEMENT) {
        let mut sql = QueryBuilder::<Sqlite>::new("DELETE FROM record_index WHERE record_id IN (");
        let mut list = sql.separated(", ");
        for id in chunk {
            list.push_bind(*id);
        }
        sql.push(")");
        sql.build().persistent(false).execute(&mut *conn).await?;
    }
    let rows: Vec<&IndexRow> = changes
        .values()
        .filter_map(|c| match c {
            IndexChange::Write(row) => Some(&**row),
            _ => None,
        })
        .collect();
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        write_index_rows(conn, chunk).await?;
    }
    for (record_id, change) in changes {
        if let IndexChange::Reviewed {
            review_state,
            updated_ms,
        } = change
        {
            index_review_state(conn, record_id, review_state, *updated_ms).await?;
        }
    }
    let niks: Vec<(&str, String)> = rows
        .iter()
        .flat_map(|row| {
            row.facts
                .niks
                .iter()
                .map(|nik| (row.record_id.as_str(), nik_hash(nik)))
        })
        .collect();
    // A review decision changes no NIK.
    let ids: Vec<&String> = changes
        .iter()
        .filter(|(_, c)| !matches!(c, IndexChange::Reviewed { .. }))
        .map(|(id, _)| id)
        .collect();
    if ids.is_empty() {
        return Ok(());
    }
    replace_niks(conn, &ids, &niks).await
}

async fn write_index_rows(
    conn: &mut SqliteConnection,
    rows: &[&IndexRow],
) -> Result<(), StoreError> {
    let mut places = Vec::with_capacity(rows.len());
    for row in rows {
        let area = AreaSelection::from_key(&row.area)
            .ok_or_else(|| StoreError::Corrupt(format!("area {:?}", row.area)))?;
        places.push(area);
    }
    let mut sql = QueryBuilder::<Sqlite>::new(
        "INSERT INTO record_index (record_id, form_id, kelurahan, rw, rt, volunteer, review_state, updated_ms, \
         visit_result, category, condition, title, members, lat, lon, accuracy, receipt, flags) ",
    );
    sql.push_values(rows.iter().zip(&places), |mut b, (row, area)| {
        let facts = &row.facts;
        // The flags needing other records are set again after.
        let own_flags = facts.flag_bits() & !(Flag::GpsFarFromRt.bit());
        b.push_bind(&row.record_id)
            .push_bind(&row.form_id)
            .push_bind(area.kelurahan.to_string())
            .push_bind(i64::from(area.rw))
            .push_bind(i64::from(area.rt))
            .push_bind(&row.creator)
            .push_bind(&row.review_state)
            .push_bind(row.updated_ms)
            .push_bind(&facts.visit_result)
            .push_bind(&facts.category)
            .push_bind(&facts.condition)
            .push_bind(&facts.title)
            .push_bind(i64::from(facts.members))
            .push_bind(facts.point.as_ref().map(|p| p.lat))
            .push_bind(facts.point.as_ref().map(|p| p.lon))
            .push_bind(facts.point.as_ref().map(|p| p.accuracy))
            .push_bind(&facts.receipt)
            .push_bind(own_flags)
            .push_unseparated(" | CASE WHEN EXISTS (SELECT 1 FROM late_records WHERE record_id = ")
            .push_bind_unseparated(&row.record_id)
            .push_unseparated(") THEN ")
            .push_bind_unseparated(Flag::SentAfterEnd.bit())
            .push_unseparated(" ELSE 0 END");
    });
    sql.push(
        " ON CONFLICT (record_id) DO UPDATE SET review_state = excluded.review_state, updated_ms = excluded.updated_ms, \
         visit_result = excluded.visit_result, category = excluded.category, condition = excluded.condition, \
         title = excluded.title, members = excluded.members, lat = excluded.lat, lon = excluded.lon, \
         accuracy = excluded.accuracy, receipt = excluded.receipt, flags = excluded.flags",
    );
    sql.build().persistent(false).execute(&mut *conn).await?;
    Ok(())
}

/// A review decision's new state in the index.
async fn index_review_state(
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

/// Sets the NIK hashes of records `ids` to `niks` (record id, hash) and
/// the duplicate flag of every record sharing an old or new one.
async fn replace_niks(
    conn: &mut SqliteConnection,
    ids: &[&String],
    niks: &[(&str, String)],
) -> Result<(), StoreError> {
    let mut affected: BTreeSet<String> = BTreeSet::new();
    for chunk in ids.chunks(ROWS_PER_STATEMENT) {
        let mut sql = QueryBuilder::<Sqlite>::new("DELETE FROM record_niks WHERE record_id IN (");
        let mut list = sql.separated(", ");
        for id in chunk {
            list.push_bind(*id);
        }
        sql.push(") RETURNING nik_hash");
        let old: Vec<String> = sql
            .build_query_scalar()
            .persistent(false)
            .fetch_all(&mut *conn)
            .await?;
        affected.extend(old);
    }
    for chunk in niks.chunks(ROWS_PER_STATEMENT) {
        let mut insert =
            QueryBuilder::<Sqlite>::new("INSERT OR IGNORE INTO record_niks (nik_hash, record_id) ");
        insert.push_values(chunk, |mut row, (record_id, hash)| {
            row.push_bind(hash).push_bind(*record_id);
        });
        insert.build().persistent(false).execute(&mut *conn).await?;
    }
    affected.extend(niks.iter().map(|(_, hash)| hash.clone()));
    // A NIK twice in one household is flagged from its own answers
    // (validation); this adds the cross-household case.
    let affected: Vec<String> = affected.into_iter().collect();
    let bit = Flag::NikDuplicate.bit();
    let longest = ids.len().max(affected.len()).max(1);
    for start in (0..longest).step_by(ROWS_PER_STATEMENT) {
        let these_ids = ids.get(start..).unwrap_or(&[]);
        let these_ids = &these_ids[..these_ids.len().min(ROWS_PER_STATEMENT)];
        let hashes = affected.get(start..).unwrap_or(&[]);
        let hashes = &hashes[..hashes.len().min(ROWS_PER_STATEMENT)];
        let mut update = QueryBuilder::<Sqlite>::new(
            "UPDATE record_index SET flags = CASE WHEN EXISTS ( \
                 SELECT 1 FROM record_niks a JOIN record_niks b ON b.nik_hash = a.nik_hash \
                 AND b.record_id <> a.record_id WHERE a.record_id = record_index.record_id) \
             THEN flags | ",
        );
        update
            .push_bind(bit)
            .push(" ELSE flags & ~")
            .push_bind(bit)
            .push(" END WHERE record_id IN (");
        let mut list = update.separated(", ");
        for id in these_ids {
            list.push_bind(*id);
        }
        update.push(") OR record_id IN (SELECT record_id FROM record_niks WHERE nik_hash IN (");
        let mut list = update.separated(", ");
        for hash in hashes {
            list.push_bind(hash);
        }
        update.push("))");
        update.build().persistent(false).execute(&mut *conn).await?;
    }
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
