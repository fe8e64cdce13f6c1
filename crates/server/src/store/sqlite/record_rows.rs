//! A [`Writes`] in SQLite: each table's rows in a few multi-row
//! statements, whatever the batch's size; records first (the other rows
//! refer to them).

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::super::StoreError;
use super::index::write_index;
use super::ROWS_PER_STATEMENT;
use crate::records::{StoredRecord, Writes};

/// Writes every row of `writes`, records first (the index refers to them).
pub(super) async fn write_rows(
    conn: &mut SqliteConnection,
    writes: Writes,
) -> Result<(), StoreError> {
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
    for chunk in writes.reviews.chunks(ROWS_PER_STATEMENT) {
        let mut sql = QueryBuilder::<Sqlite>::new(
            "INSERT INTO reviews (record_id, action, state_after, comment, field_comments, author, \
             at_ms, answers) ",
        );
        sql.push_values(chunk, |mut row, r| {
            row.push_bind(&r.record_id)
                .push_bind(&r.action)
                .push_bind(&r.state_after)
                .push_bind(&r.comment)
                .push_bind(&r.field_comments)
                .push_bind(&r.author)
                .push_bind(r.at_ms)
                .push_bind(&r.answers);
        });
        sql.build().persistent(false).execute(&mut *conn).await?;
    }
    for chunk in writes.audit.chunks(ROWS_PER_STATEMENT) {
        let mut sql = QueryBuilder::<Sqlite>::new(
            "INSERT INTO audit_log (at_ms, actor, action, record_id, detail, kelurahan) ",
        );
        sql.push_values(chunk, |mut row, a| {
            row.push_bind(a.at_ms)
                .push_bind(&a.actor)
                .push_bind(&a.action)
                .push_bind(&a.record_id)
                .push_bind(&a.detail)
                .push_bind(&a.kelurahan);
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
