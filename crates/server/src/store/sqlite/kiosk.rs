//! Kiosk submissions and the server's kiosk key in SQLite.

use rukun_core::kiosk::{KioskState, ReceiptStatus};
use sqlx::Row;

use super::super::{KioskPut, NewKioskSubmission, StoreError};
use super::SqliteStore;

impl SqliteStore {
    pub(super) async fn read_or_store_kiosk_key(
        &self,
        candidate: &[u8],
        now_ms: i64,
    ) -> Result<Vec<u8>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let stored: Option<Vec<u8>> =
            sqlx::query_scalar("SELECT secret FROM server_keys ORDER BY created_ms DESC LIMIT 1")
                .fetch_optional(&mut *tx)
                .await?;
        let secret = match stored {
            Some(secret) => secret,
            None => {
                sqlx::query(
                    "INSERT INTO server_keys (id, secret, created_ms) VALUES ('kiosk', ?, ?)",
                )
                .bind(candidate)
                .bind(now_ms)
                .execute(&mut *tx)
                .await?;
                candidate.to_vec()
            }
        };
        tx.commit().await?;
        Ok(secret)
    }

    pub(super) async fn insert_kiosk_submission(
        &self,
        s: &NewKioskSubmission,
    ) -> Result<KioskPut, StoreError> {
        let _writer = self.write_lock.lock().await;
        let mut tx = self.pool.begin().await?;
        let existing: Option<String> =
            sqlx::query_scalar("SELECT sealed_hash FROM kiosk_submissions WHERE receipt = ?")
                .bind(&s.receipt)
                .fetch_optional(&mut *tx)
                .await?;
        if let Some(hash) = existing {
            return Ok(if hash == s.sealed_hash {
                KioskPut::Replayed
            } else {
                KioskPut::ReceiptTaken
            });
        }
        sqlx::query(
            "INSERT INTO kiosk_submissions (receipt, kelurahan, rw, rt, kiosk, kind, sealed_hash, payload, received_ms) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&s.receipt)
        .bind(&s.kelurahan)
        .bind(i64::from(s.rw))
        .bind(i64::from(s.rt))
        .bind(&s.kiosk)
        .bind(&s.kind)
        .bind(&s.sealed_hash)
        .bind(&s.payload)
        .bind(s.received_ms)
        .execute(&mut *tx)
        .await?;
        super::reviews::audit_about(
            &mut tx,
            s.received_ms,
            &s.kiosk,
            "kiosk_submission",
            Some(&s.kelurahan),
            &format!("{} {}", s.kind, s.receipt),
        )
        .await?;
        tx.commit().await?;
        Ok(KioskPut::New)
    }

    pub(super) async fn read_receipt(
        &self,
        code: &str,
    ) -> Result<Option<ReceiptStatus>, StoreError> {
        let row = sqlx::query(
            "SELECT receipt, kind, state, received_ms FROM kiosk_submissions WHERE receipt = ?",
        )
        .bind(code)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|row| ReceiptStatus {
            receipt: row.get("receipt"),
            kind: row.get("kind"),
            state: KioskState::parse(row.get("state")).unwrap_or(KioskState::Received),
            received_ms: row.get("received_ms"),
        }))
    }
}
