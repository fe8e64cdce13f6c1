//! Push and pull in SQLite: one transaction per push, under the store's
//! write lock, so the merge reads and writes one consistent state and the
//! device's `last_seq` moves with the effects it covers.

use std::collections::BTreeMap;

use rukun_core::form::{Answers, Text, Value};
use rukun_core::review::ReviewState;
use rukun_core::sync::{
    merge, FieldState, Mutation, MutationResult, Op, Outcome, PullResponse, PushResponse,
    RecordState,
};
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};

use super::super::{Checked, PullScope, StoreError, Validator};
use super::index::{index_record, refresh_far_from_rt, unindex_record, IndexRow};
use super::purge::{forget_refused, purge_deleted_record};
use super::reviews::{audit, latest_review};
use super::SqliteStore;

const GONE: (&str, &str) = (
    "Data ini sudah dihapus di server.",
    "This record was deleted on the server.",
);
const OTHER_FORM: (&str, &str) = (
    "Data ini di server memakai formulir lain; formulirnya tidak bisa diganti.",
    "This record uses another form on the server; a record's form cannot change.",
);
const MOVED: (&str, &str) = (
    "Data ini tercatat di RT lain di server.",
    "This record belongs to another RT on the server.",
);

impl SqliteStore {
    pub(super) async fn push_batch(
        &self,
        client_id: &str,
        author: &str,
        batch: Vec<Checked>,
        validate: Validator<'_>,
        now_ms: i64,
    ) -> Result<PushResponse, StoreError> {
        let _writer = self.write_lock.lock().await;
        let mut tx = self.pool.begin().await?;
        let cursor: Option<(i64, Option<String>)> =
            sqlx::query_as("SELECT last_seq, username FROM client_cursors WHERE client_id = ?")
                .bind(client_id)
                .fetch_optional(&mut *tx)
                .await?;
        // A device's id belongs to its first account; the server's own
        // (a kiosk decision) may be finished by any reviewer.
        let server_made = client_id.starts_with(crate::kiosk::SERVER_MADE);
        if let Some((_, Some(owner))) = &cursor {
            if owner != author && !server_made {
                return Err(StoreError::Refused(
                    "client_id ini milik akun lain; pakai id perangkat sendiri. / This client_id belongs to another account; use a device id of your own.".into(),
                ));
            }
        }
        let mut last = cursor.map_or(0, |(seq, _)| seq as u64);
        let mut results = Vec::new();
        // RTs whose records changed: their "far from the RT" flags are
        // refreshed once, before the commit.
        let mut touched = std::collections::BTreeSet::new();
        for checked in batch {
            let seq = checked.mutation.seq;
            if seq <= last {
                let earlier: Option<String> = sqlx::query_scalar(
                    "SELECT outcome FROM mutation_outcomes WHERE client_id = ? AND seq = ?",
                )
                .bind(client_id)
                .bind(seq as i64)
                .fetch_optional(&mut *tx)
                .await?;
                if let Some(outcome) = earlier.and_then(|o| serde_json::from_str(&o).ok()) {
                    results.push(MutationResult { seq, outcome });
                }
                continue;
            }
            if seq != last + 1 {
                break; // a gap: the missing one must come first
            }
            let outcome = match checked.refused {
                Some(reason) => Outcome::Rejected { reason },
                None => {
                    touched.insert(checked.mutation.area.clone());
                    apply(
                        &mut tx,
                        &checked.mutation,
                        client_id,
                        author,
                        validate,
                        now_ms,
                    )
                    .await?
                }
            };
            sqlx::query("INSERT INTO mutation_outcomes (client_id, seq, record_id, author, outcome, created_ms) VALUES (?, ?, ?, ?, ?, ?)")
                .bind(client_id)
                .bind(seq as i64)
                .bind(&checked.mutation.record_id)
                .bind(author)
                .bind(serde_json::to_string(&outcome).map_err(|e| StoreError::Corrupt(e.to_string()))?)
                .bind(now_ms)
                .execute(&mut *tx)
                .await?;
            results.push(MutationResult { seq, outcome });
            last = seq;
        }
        refresh_far_from_rt(&mut tx, &touched).await?;
        sqlx::query("INSERT INTO client_cursors (client_id, last_seq, username) VALUES (?, ?, ?) ON CONFLICT (client_id) DO UPDATE SET last_seq = excluded.last_seq, username = excluded.username")
            .bind(client_id)
            .bind(last as i64)
            .bind(author)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(PushResponse {
            last_seq: last,
            results,
        })
    }

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
            "SELECT id, form_id, form_version, area, version, deleted, erased, change_seq, review_state FROM records \
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
        let has_more = rows.len() > limit as usize;
        let mut records = Vec::new();
        for row in rows.into_iter().take(limit as usize) {
            let id: String = row.get("id");
            let answers = current_answers(&mut conn, &id).await?;
            let review = latest_review(&mut conn, &id).await?;
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

/// Merges one mutation into the record (sync.md, "Push").
async fn apply(
    tx: &mut SqliteConnection,
    m: &Mutation,
    client_id: &str,
    author: &str,
    validate: Validator<'_>,
    now_ms: i64,
) -> Result<Outcome, StoreError> {
    let existing = sqlx::query("SELECT version, deleted, area, form_id FROM records WHERE id = ?")
        .bind(&m.record_id)
        .fetch_optional(&mut *tx)
        .await?;
    let (version, deleted, area, form_id) = match &existing {
        Some(row) => (
            row.get::<i64, _>("version") as u64,
            row.get::<i64, _>("deleted") != 0,
            row.get::<String, _>("area"),
            row.get::<String, _>("form_id"),
        ),
        None => (0, false, m.area.clone(), m.form_id.clone()),
    };
    if deleted {
        return Ok(Outcome::Rejected {
            reason: Text::new(GONE.0, GONE.1),
        });
    }
    if area != m.area {
        return Ok(Outcome::Rejected {
            reason: Text::new(MOVED.0, MOVED.1),
        });
    }
    if form_id != m.form_id {
        return Ok(Outcome::Rejected {
            reason: Text::new(OTHER_FORM.0, OTHER_FORM.1),
        });
    }
    let fields = field_states(tx, &m.record_id).await?;
    // A device never saw a version the server has not made: a base above
    // it (a forged one, or a server restored from an older backup) counts
    // as having seen nothing, so every field another device changed is a
    // conflict for a coordinator instead of being overwritten.
    let base_version = if m.base_version > version {
        0
    } else {
        m.base_version
    };
    if m.op == Op::Delete {
        if existing.is_none() {
            return Ok(Outcome::Applied { version: 0 });
        }
        if fields
            .values()
            .any(|f| f.changed_by_other(base_version, client_id))
        {
            record_conflict(tx, m, "*", None, None, client_id, author, now_ms).await?;
            return Ok(Outcome::Conflict {
                version,
                fields: vec!["*".into()],
            });
        }
        let next = version + 1;
        let seq = next_change_seq(tx).await?;
        sqlx::query("UPDATE records SET deleted = 1, version = ?, change_seq = ?, updated_ms = ? WHERE id = ?")
            .bind(next as i64)
            .bind(seq)
            .bind(now_ms)
            .bind(&m.record_id)
            .execute(&mut *tx)
            .await?;
        // A deleted record keeps no answers (they are personal data).
        sqlx::query("DELETE FROM record_fields WHERE record_id = ?")
            .bind(&m.record_id)
            .execute(&mut *tx)
            .await?;
        unindex_record(tx, &m.record_id).await?;
        purge_deleted_record(tx, &m.record_id).await?;
        audit(
            tx,
            now_ms,
            author,
            "delete",
            Some(&m.record_id),
            &format!("version {next}"),
        )
        .await?;
        return Ok(Outcome::Applied { version: next });
    }
    let mut merged = merge(&fields, base_version, client_id, &m.changes);
    let mut answers: Answers = fields
        .iter()
        .filter_map(|(p, f)| Some((p.clone(), f.value.clone()?)))
        .collect();
    for (path, value) in &merged.apply {
        match value {
            Some(v) => answers.insert(path.clone(), v.clone()),
            None => answers.remove(path),
        };
    }
    let mut facts = match validate(&m.form_id, m.form_version, &answers) {
        Ok(facts) => facts,
        Err(reason) => return Ok(Outcome::Rejected { reason }),
    };
    // A refusal keeps no name, NIK, contact or photo (UU 27/2022): what it
    // must not keep is removed, whoever sent it and whenever.
    let refused = std::mem::take(&mut facts.refused);
    if !refused.is_empty() {
        for path in &refused {
            answers.remove(path);
            merged.apply.insert(path.clone(), None);
        }
        merged.conflicts.retain(|path| !refused.contains(path));
        facts = match validate(&m.form_id, m.form_version, &answers) {
            Ok(facts) => facts,
            Err(reason) => return Ok(Outcome::Rejected { reason }),
        };
    }
    let next = if merged.apply.is_empty() && existing.is_some() {
        version
    } else {
        version + 1
    };
    if next != version {
        let seq = next_change_seq(tx).await?;
        sqlx::query(
            "INSERT INTO records (id, form_id, form_version, area, version, change_seq, created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?) \
             ON CONFLICT (id) DO UPDATE SET form_version = excluded.form_version, version = excluded.version, \
             change_seq = excluded.change_seq, updated_ms = excluded.updated_ms, review_state = 'submitted'",
        )
        .bind(&m.record_id)
        .bind(&m.form_id)
        .bind(m.form_version)
        .bind(&m.area)
        .bind(next as i64)
        .bind(seq)
        .bind(now_ms)
        .bind(now_ms)
        .execute(&mut *tx)
        .await?;
        write_fields(tx, &m.record_id, &merged.apply, next, client_id).await?;
        if !refused.is_empty() {
            forget_refused(tx, &m.record_id, &refused, &answers).await?;
        }
        let creator = match existing {
            Some(_) => String::new(), // kept: the index row exists
            None => author.to_owned(),
        };
        // A device's new change is awaiting review again.
        index_record(
            tx,
            IndexRow {
                record_id: &m.record_id,
                form_id: &m.form_id,
                area_key: &m.area,
                creator: &creator,
                review_state: "submitted",
                updated_ms: now_ms,
                facts: &facts,
            },
        )
        .await?;
        let action = if existing.is_some() { "edit" } else { "create" };
        audit(
            tx,
            now_ms,
            author,
            action,
            Some(&m.record_id),
            &format!("version {next}"),
        )
        .await?;
    }
    for path in &merged.conflicts {
        let server = fields.get(path).and_then(|f| f.value.as_ref()).map(json);
        let client = m.changes.get(path).and_then(|v| v.as_ref()).map(json);
        record_conflict(tx, m, path, server, client, client_id, author, now_ms).await?;
    }
    Ok(if merged.conflicts.is_empty() {
        Outcome::Applied { version: next }
    } else {
        Outcome::Conflict {
            version: next,
            fields: merged.conflicts,
        }
    })
}

/// Rows per statement when writing answers (5 parameters each, well under
/// SQLite's limit): one round trip to the database thread instead of one
/// per answer. These statements differ in length from record to record, so
/// they are not kept in the connection's statement cache (`persistent`).
const FIELDS_PER_STATEMENT: usize = 400;

/// Sets answers at `version`, keeping the values they replace in
/// `field_history`.
pub(super) async fn write_fields(
    conn: &mut SqliteConnection,
    record_id: &str,
    changes: &BTreeMap<String, Option<Value>>,
    version: u64,
    client_id: &str,
) -> Result<(), StoreError> {
    // Every photo an answer names is a use of it, uploaded or not yet: a
    // deletion elsewhere must not erase it (see purge.rs).
    for value in changes.values() {
        if let Some(Value::Photos(ids)) = value {
            for sha256 in ids {
                sqlx::query(
                    "INSERT OR IGNORE INTO attachment_uses (sha256, record_id) VALUES (?, ?)",
                )
                .bind(sha256)
                .bind(record_id)
                .execute(&mut *conn)
                .await?;
            }
        }
    }
    let changes: Vec<(&String, &Option<Value>)> = changes.iter().collect();
    for chunk in changes.chunks(FIELDS_PER_STATEMENT) {
        let mut history = QueryBuilder::<Sqlite>::new(
            "INSERT OR IGNORE INTO field_history (record_id, path, version, value, client_id) \
             SELECT record_id, path, version, value, client_id FROM record_fields WHERE record_id = ",
        );
        history.push_bind(record_id).push(" AND path IN (");
        let mut paths = history.separated(", ");
        for (path, _) in chunk {
            paths.push_bind(path.as_str());
        }
        history.push(")");
        history
            .build()
            .persistent(false)
            .execute(&mut *conn)
            .await?;

        let mut upsert = QueryBuilder::<Sqlite>::new(
            "INSERT INTO record_fields (record_id, path, value, version, client_id) ",
        );
        upsert.push_values(chunk, |mut row, (path, value)| {
            row.push_bind(record_id)
                .push_bind(path.as_str())
                .push_bind(value.as_ref().map(json))
                .push_bind(version as i64)
                .push_bind(client_id);
        });
        upsert.push(
            " ON CONFLICT (record_id, path) DO UPDATE SET value = excluded.value, \
             version = excluded.version, client_id = excluded.client_id",
        );
        upsert.build().persistent(false).execute(&mut *conn).await?;
    }
    Ok(())
}

fn json(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

pub(super) async fn field_states(
    conn: &mut SqliteConnection,
    record_id: &str,
) -> Result<BTreeMap<String, FieldState>, StoreError> {
    let rows = sqlx::query(
        "SELECT path, value, version, client_id FROM record_fields WHERE record_id = ?",
    )
    .bind(record_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|row| {
            let value: Option<String> = row.get("value");
            let value = value
                .map(|v| {
                    serde_json::from_str(&v)
                        .map_err(|e| StoreError::Corrupt(format!("field value: {e}")))
                })
                .transpose()?;
            Ok((
                row.get("path"),
                FieldState {
                    value,
                    version: row.get::<i64, _>("version") as u64,
                    client_id: row.get("client_id"),
                },
            ))
        })
        .collect()
}

pub(super) async fn current_answers(
    conn: &mut SqliteConnection,
    record_id: &str,
) -> Result<Answers, StoreError> {
    Ok(field_states(conn, record_id)
        .await?
        .into_iter()
        .filter_map(|(path, f)| Some((path, f.value?)))
        .collect())
}

pub(super) async fn next_change_seq(conn: &mut SqliteConnection) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "UPDATE counters SET value = value + 1 WHERE name = 'change_seq' RETURNING value",
    )
    .fetch_one(&mut *conn)
    .await?)
}

#[allow(clippy::too_many_arguments)]
async fn record_conflict(
    conn: &mut SqliteConnection,
    m: &Mutation,
    path: &str,
    server: Option<String>,
    client: Option<String>,
    client_id: &str,
    author: &str,
    now_ms: i64,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO conflicts (record_id, path, base_version, server_value, client_value, client_id, seq, author, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(&m.record_id)
        .bind(path)
        .bind(m.base_version as i64)
        .bind(server)
        .bind(client)
        .bind(client_id)
        .bind(m.seq as i64)
        .bind(author)
        .bind(now_ms)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
