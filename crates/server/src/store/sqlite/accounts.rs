//! Accounts and sessions in SQLite.

use rukun_core::account::{Account, Role, RtRef};
use rukun_core::RegionCode;
use sqlx::{Row, SqliteConnection};

use super::super::{StoreError, StoredLogin};
use super::{parse_code, SqliteStore};

impl SqliteStore {
    pub(super) async fn insert_account(
        &self,
        account: &Account,
        password_hash: &str,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
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
        for rt in &account.rts {
            sqlx::query("INSERT OR IGNORE INTO account_rts (account_id, rw, rt) VALUES (?, ?, ?)")
                .bind(id)
                .bind(rt.rw)
                .bind(rt.rt)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub(super) async fn find_login(
        &self,
        username: &str,
    ) -> Result<Option<StoredLogin>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let row = sqlx::query(
            "SELECT id, password_hash, role, kelurahan, device_key FROM accounts WHERE username = ?",
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
            account,
        }))
    }

    pub(super) async fn insert_session(
        &self,
        token_hash: &str,
        account_id: i64,
        now_ms: i64,
        expires_ms: i64,
    ) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO sessions (token_hash, account_id, created_ms, expires_ms) VALUES (?, ?, ?, ?)")
            .bind(token_hash)
            .bind(account_id)
            .bind(now_ms)
            .bind(expires_ms)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub(super) async fn find_session(
        &self,
        token_hash: &str,
        now_ms: i64,
    ) -> Result<Option<Account>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let row = sqlx::query(
            "SELECT a.id, a.username, a.role, a.kelurahan FROM sessions s JOIN accounts a ON a.id = s.account_id \
             WHERE s.token_hash = ? AND s.revoked_ms IS NULL AND s.expires_ms > ?",
        )
        .bind(token_hash)
        .bind(now_ms)
        .fetch_optional(&mut *conn)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let account = account_of(
            &mut conn,
            row.get("id"),
            row.get::<&str, _>("username"),
            row.get("role"),
            row.get("kelurahan"),
        )
        .await?;
        Ok(Some(account))
    }

    pub(super) async fn end_session(
        &self,
        token_hash: &str,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE sessions SET revoked_ms = ? WHERE token_hash = ? AND revoked_ms IS NULL",
        )
        .bind(now_ms)
        .bind(token_hash)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub(super) async fn list_accounts(
        &self,
        kelurahan: Option<&RegionCode>,
    ) -> Result<Vec<Account>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let rows = sqlx::query(
            "SELECT id, username, role, kelurahan FROM accounts WHERE ?1 IS NULL OR kelurahan = ?1 ORDER BY username",
        )
        .bind(kelurahan.map(|k| k.to_string()))
        .fetch_all(&mut *conn)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            out.push(
                account_of(
                    &mut conn,
                    row.get("id"),
                    row.get::<&str, _>("username"),
                    row.get("role"),
                    row.get("kelurahan"),
                )
                .await?,
            );
        }
        Ok(out)
    }
}

async fn account_of(
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
