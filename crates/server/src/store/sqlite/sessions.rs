//! Sessions in SQLite: one row per login, found by its token's SHA-256,
//! named elsewhere by its public id, revoked with a reason.

use async_trait::async_trait;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use super::super::{Revocation, Sessions, StoreError, StoredSession};
use super::accounts::account_of;
use super::SqliteStore;

const SELECT: &str = "SELECT s.id, s.device, s.created_ms, s.last_seen_ms, s.expires_ms, s.revoked_ms, s.revoked_reason, \
     a.id AS account_id, a.username, a.role, a.kelurahan, a.disabled_ms, a.must_change_password \
     FROM sessions s JOIN accounts a ON a.id = s.account_id";

#[async_trait]
impl Sessions for SqliteStore {
    async fn create_session(
        &self,
        token_hash: &str,
        account_id: i64,
        device: &str,
        now_ms: i64,
        expires_ms: i64,
    ) -> Result<(), StoreError> {
        let _writer = self.write_lock.lock().await;
        sqlx::query(
            "INSERT INTO sessions (token_hash, account_id, device, created_ms, last_seen_ms, expires_ms, id) \
             VALUES (?, ?, ?, ?, ?, ?, (SELECT coalesce(max(id), 0) + 1 FROM sessions))",
        )
        .bind(token_hash)
        .bind(account_id)
        .bind(device)
        .bind(now_ms)
        .bind(now_ms)
        .bind(expires_ms)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn session(&self, token_hash: &str) -> Result<Option<StoredSession>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let row = sqlx::query(&format!("{SELECT} WHERE s.token_hash = ?"))
            .bind(token_hash)
            .fetch_optional(&mut *conn)
            .await?;
        match row {
            Some(row) => Ok(Some(session_of(&mut conn, &row).await?)),
            None => Ok(None),
        }
    }

    async fn session_by_id(&self, id: i64) -> Result<Option<StoredSession>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let row = sqlx::query(&format!("{SELECT} WHERE s.id = ?"))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
        match row {
            Some(row) => Ok(Some(session_of(&mut conn, &row).await?)),
            None => Ok(None),
        }
    }

    async fn live_sessions(
        &self,
        username: &str,
        now_ms: i64,
    ) -> Result<Vec<StoredSession>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let rows = sqlx::query(&format!(
            "{SELECT} WHERE a.username = ? AND s.revoked_ms IS NULL AND s.expires_ms > ? \
             ORDER BY s.last_seen_ms DESC, s.id DESC"
        ))
        .bind(username)
        .bind(now_ms)
        .fetch_all(&mut *conn)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(session_of(&mut conn, row).await?);
        }
        Ok(out)
    }

    async fn touch_session(&self, id: i64, now_ms: i64) -> Result<(), StoreError> {
        let _writer = self.write_lock.lock().await;
        sqlx::query("UPDATE sessions SET last_seen_ms = ? WHERE id = ?")
            .bind(now_ms)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn revoke_session(&self, token_hash: &str, now_ms: i64) -> Result<(), StoreError> {
        let _writer = self.write_lock.lock().await;
        sqlx::query(
            "UPDATE sessions SET revoked_ms = ?, revoked_reason = 'logout' \
             WHERE token_hash = ? AND revoked_ms IS NULL",
        )
        .bind(now_ms)
        .bind(token_hash)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn end_session(&self, id: i64, now_ms: i64) -> Result<bool, StoreError> {
        let _writer = self.write_lock.lock().await;
        let done = sqlx::query(
            "UPDATE sessions SET revoked_ms = ?, revoked_reason = ? WHERE id = ? AND revoked_ms IS NULL",
        )
        .bind(now_ms)
        .bind("ended")
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }
}

async fn session_of(
    conn: &mut SqliteConnection,
    row: &SqliteRow,
) -> Result<StoredSession, StoreError> {
    let account = account_of(
        conn,
        row.get("account_id"),
        row.get::<&str, _>("username"),
        row.get("role"),
        row.get("kelurahan"),
    )
    .await?;
    let revoked = match (
        row.get::<Option<i64>, _>("revoked_ms"),
        row.get::<Option<String>, _>("revoked_reason"),
    ) {
        (Some(at_ms), reason) => Some(Revocation {
            at_ms,
            reason: reason.unwrap_or_else(|| "logout".into()),
        }),
        (None, _) => None,
    };
    let created_ms: i64 = row.get("created_ms");
    Ok(StoredSession {
        id: row.get("id"),
        account,
        active: row.get::<Option<i64>, _>("disabled_ms").is_none(),
        must_change_password: row.get::<i64, _>("must_change_password") != 0,
        device: row.get("device"),
        created_ms,
        last_seen_ms: row
            .get::<Option<i64>, _>("last_seen_ms")
            .unwrap_or(created_ms),
        expires_ms: row.get("expires_ms"),
        revoked,
    })
}
