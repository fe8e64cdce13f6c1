//! Photos in SQLite, keyed by their SHA-256.

use async_trait::async_trait;
use sqlx::Row;

use super::super::{Attachments, StoreError, StoredAttachment};
use super::SqliteStore;

const NOT_YET: &str = "Data foto ini belum ada di server; kirim datanya dulu. / The photo's record is not on the server yet; send it first.";
const DELETED: &str = "Data foto ini sudah dihapus; fotonya tidak disimpan. / The photo's record was deleted; the photo is not kept.";

#[async_trait]
impl Attachments for SqliteStore {
    async fn put_attachment(
        &self,
        sha256: &str,
        record_id: &str,
        content_type: &str,
        data: &[u8],
        now_ms: i64,
    ) -> Result<bool, StoreError> {
        let (_writer, mut tx) = self.begin_write().await?;
        // Checked under the write lock, so no deletion lands in between: a
        // deleted record's photo is not kept (its purge already ran).
        let deleted: Option<i64> = sqlx::query_scalar("SELECT deleted FROM records WHERE id = ?")
            .bind(record_id)
            .fetch_optional(&mut *tx)
            .await?;
        match deleted {
            None => return Err(StoreError::Conflict(NOT_YET.into())),
            Some(0) => {}
            Some(_) => return Err(StoreError::Gone(DELETED.into())),
        }
        let done = sqlx::query(
            "INSERT INTO attachments (sha256, record_id, content_type, data, created_ms) VALUES (?, ?, ?, ?, ?) \
             ON CONFLICT (sha256) DO NOTHING",
        )
        .bind(sha256)
        .bind(record_id)
        .bind(content_type)
        .bind(data)
        .bind(now_ms)
        .execute(&mut *tx)
        .await?;
        sqlx::query("INSERT OR IGNORE INTO attachment_uses (sha256, record_id) VALUES (?, ?)")
            .bind(sha256)
            .bind(record_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    async fn attachment(&self, sha256: &str) -> Result<Option<StoredAttachment>, StoreError> {
        let row =
            sqlx::query("SELECT record_id, content_type, data FROM attachments WHERE sha256 = ?")
                .bind(sha256)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|row| StoredAttachment {
            record_id: row.get("record_id"),
            content_type: row.get("content_type"),
            data: row.get("data"),
        }))
    }
}
