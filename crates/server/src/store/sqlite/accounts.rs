//! Accounts in SQLite: one row each, with the RTs a volunteer works in.

use async_trait::async_trait;
use rukun_core::account::{Account, AccountInfo, Role, RtRef};
use rukun_core::RegionCode;
use sqlx::{Row, SqliteConnection};

use super::super::{Accounts, StoreError, StoredLogin};
use super::regions::parse_code;
use super::SqliteStore;

#[async_trait]
impl Accounts for SqliteStore {
    async fn create_account(
        &self,
        account: &Account,
        password_hash: &str,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        let (_writer, mut tx) = self.begin_write().await?;
        let inserted = sqlx::query(
            "INSERT INTO accounts (username, password_hash, role, kelurahan, created_ms, device_key) \
             VALUES (?, ?, ?, ?, ?, lower(hex(randomblob(32))))",
        )
        .bind(&account.username)
        .bind(password_hash)
        .bind(account.role.as_str())
        .bind(account.kelurahan.as_ref().map(|k| k.to_string()))
        .bind(now_ms)
        .execute(&mut *tx)
        .await;
        let id = match inserted {
            Ok(done) => done.last_insert_rowid(),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                return Err(StoreError::Conflict(format!(
                    "the username {} is taken",
                    account.username
                )))
            }
            Err(sqlx::Error::Database(e)) if e.is_foreign_key_violation() => {
                return Err(StoreError::Conflict("no such kelurahan".into()))
            }
            Err(e) => return Err(e.into()),
        };
        insert_rts(&mut tx, id, &account.rts).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn login_of(&self, username: &str) -> Result<Option<StoredLogin>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let row = sqlx::query(
            "SELECT id, password_hash, role, kelurahan, device_key, disabled_ms, must_change_password \
             FROM accounts WHERE username = ?",
        )
        .bind(username)
        .fetch_optional(&mut *conn)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let id: i64 = row.get("id");
        let account = account_of(
            &mut conn,
            id,
            username,
            row.get("role"),
            row.get("kelurahan"),
        )
        .await?;
        Ok(Some(StoredLogin {
            id,
            password_hash: row.get("password_hash"),
            device_key: row.get("device_key"),
            active: row.get::<Option<i64>, _>("disabled_ms").is_none(),
            must_change_password: row.get::<i64, _>("must_change_password") != 0,
            account,
        }))
    }

    async fn accounts(
        &self,
        kelurahan: Option<&RegionCode>,
    ) -> Result<Vec<AccountInfo>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let rows = sqlx::query(&format!(
            "{INFO} WHERE ?1 IS NULL OR kelurahan = ?1 ORDER BY username"
        ))
        .bind(kelurahan.map(|k| k.to_string()))
        .fetch_all(&mut *conn)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(info_of(&mut conn, row).await?);
        }
        Ok(out)
    }

    async fn account(&self, username: &str) -> Result<Option<AccountInfo>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let row = sqlx::query(&format!("{INFO} WHERE username = ?"))
            .bind(username)
            .fetch_optional(&mut *conn)
            .await?;
        match row {
            Some(row) => Ok(Some(info_of(&mut conn, &row).await?)),
            None => Ok(None),
        }
    }

    async fn set_active(
        &self,
        username: &str,
        active: bool,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        let (_writer, mut tx) = self.begin_write().await?;
        let id = account_id(&mut tx, username).await?;
        if active {
            sqlx::query("UPDATE accounts SET disabled_ms = NULL WHERE id = ?")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        } else {
            sqlx::query("UPDATE accounts SET disabled_ms = coalesce(disabled_ms, ?) WHERE id = ?")
                .bind(now_ms)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            revoke_all(&mut tx, id, None, "disabled", now_ms).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn set_rts(&self, username: &str, rts: &[RtRef]) -> Result<(), StoreError> {
        let (_writer, mut tx) = self.begin_write().await?;
        let id = account_id(&mut tx, username).await?;
        sqlx::query("DELETE FROM account_rts WHERE account_id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        insert_rts(&mut tx, id, rts).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn set_password(
        &self,
        username: &str,
        password_hash: &str,
        must_change: bool,
        keep_session: Option<i64>,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        let (_writer, mut tx) = self.begin_write().await?;
        let id = account_id(&mut tx, username).await?;
        sqlx::query("UPDATE accounts SET password_hash = ?, must_change_password = ? WHERE id = ?")
            .bind(password_hash)
            .bind(i64::from(must_change))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        revoke_all(&mut tx, id, keep_session, "password", now_ms).await?;
        tx.commit().await?;
        Ok(())
    }
}

const INFO: &str =
    "SELECT id, username, role, kelurahan, disabled_ms, must_change_password FROM accounts";

async fn info_of(
    conn: &mut SqliteConnection,
    row: &sqlx::sqlite::SqliteRow,
) -> Result<AccountInfo, StoreError> {
    let account = account_of(
        conn,
        row.get("id"),
        row.get::<&str, _>("username"),
        row.get("role"),
        row.get("kelurahan"),
    )
    .await?;
    Ok(AccountInfo {
        account,
        active: row.get::<Option<i64>, _>("disabled_ms").is_none(),
        must_change_password: row.get::<i64, _>("must_change_password") != 0,
    })
}

async fn insert_rts(
    conn: &mut SqliteConnection,
    account_id: i64,
    rts: &[RtRef],
) -> Result<(), StoreError> {
    for rt in rts {
        sqlx::query("INSERT OR IGNORE INTO account_rts (account_id, rw, rt) VALUES (?, ?, ?)")
            .bind(account_id)
            .bind(rt.rw)
            .bind(rt.rt)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

async fn account_id(conn: &mut SqliteConnection, username: &str) -> Result<i64, StoreError> {
    sqlx::query_scalar("SELECT id FROM accounts WHERE username = ?")
        .bind(username)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::Gone(format!("no account {username}")))
}

/// Ends every live session of an account but `keep`, for `reason`.
async fn revoke_all(
    conn: &mut SqliteConnection,
    account_id: i64,
    keep: Option<i64>,
    reason: &str,
    now_ms: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE sessions SET revoked_ms = ?, revoked_reason = ? \
         WHERE account_id = ? AND revoked_ms IS NULL AND id IS NOT ?",
    )
    .bind(now_ms)
    .bind(reason)
    .bind(account_id)
    .bind(keep)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// An account from its row's fields, with its RTs (a session's too).
pub(super) async fn account_of(
    conn: &mut SqliteConnection,
    id: i64,
    username: &str,
    role: &str,
    kelurahan: Option<String>,
) -> Result<Account, StoreError> {
    let role = Role::parse(role).ok_or_else(|| StoreError::Corrupt(format!("role {role:?}")))?;
    let kelurahan = kelurahan.as_deref().map(parse_code).transpose()?;
    let rts = sqlx::query_as::<_, (i64, i64)>(
        "SELECT rw, rt FROM account_rts WHERE account_id = ? ORDER BY rw, rt",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|(rw, rt)| RtRef {
        rw: rw as u16,
        rt: rt as u16,
    })
    .collect();
    Ok(Account {
        username: username.to_owned(),
        role,
        kelurahan,
        rts,
    })
}
