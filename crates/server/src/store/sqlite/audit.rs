//! The audit log in SQLite: one row per act, about a record or scoped by
//! the kelurahan it concerns; every feature writes its line inside its own
//! transaction.

use async_trait::async_trait;
use rukun_core::review::AuditEntry;
use rukun_core::RegionCode;
use sqlx::{Row, SqliteConnection};

use super::super::{Audit, StoreError};
use super::SqliteStore;

#[async_trait]
impl Audit for SqliteStore {
    async fn audit_log(
        &self,
        kelurahan: Option<&RegionCode>,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        // A record's area never changes, so the join scopes entries about
        // records; the others carry their kelurahan.
        let rows = sqlx::query(
            "SELECT a.id, a.at_ms, a.actor, a.action, a.record_id, a.detail FROM audit_log a \
             LEFT JOIN records r ON r.id = a.record_id \
             WHERE a.id < ?1 AND (?2 IS NULL OR r.area LIKE ?3 ESCAPE '\\' OR a.kelurahan = ?2) \
             ORDER BY a.id DESC LIMIT ?4",
        )
        .bind(before.unwrap_or(i64::MAX))
        .bind(kelurahan.map(|k| k.to_string()))
        .bind(kelurahan.map(|k| format!("{k}/%")))
        .bind(i64::from(limit))
        .fetch_all(&mut *conn)
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| AuditEntry {
                id: row.get("id"),
                at_ms: row.get("at_ms"),
                actor: row.get("actor"),
                action: row.get("action"),
                record_id: row.get("record_id"),
                detail: row.get("detail"),
            })
            .collect())
    }

    async fn audit_event(
        &self,
        actor: &str,
        action: &str,
        kelurahan: Option<&str>,
        detail: &str,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await?;
        audit_about(&mut conn, now_ms, actor, action, kelurahan, detail).await
    }
}

/// One line of the audit log about no single record, scoped by the
/// kelurahan it concerns (`None`: the city).
pub(super) async fn audit_about(
    conn: &mut SqliteConnection,
    at_ms: i64,
    actor: &str,
    action: &str,
    kelurahan: Option<&str>,
    detail: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO audit_log (at_ms, actor, action, record_id, detail, kelurahan) VALUES (?, ?, ?, NULL, ?, ?)",
    )
    .bind(at_ms)
    .bind(actor)
    .bind(action)
    .bind(detail)
    .bind(kelurahan)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
