//! Kiosk submissions and the server's kiosk key in SQLite.

use async_trait::async_trait;
use rukun_core::kiosk::{KioskCounts, KioskItem, KioskState, ReceiptStatus};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

use super::super::{Kiosk, KioskDecided, KioskPut, NewKioskSubmission, StoreError, StoredKiosk};
use super::audit::audit_about;
use super::SqliteStore;

#[async_trait]
impl Kiosk for SqliteStore {
    async fn kiosk_key_secret(&self, candidate: &[u8], now_ms: i64) -> Result<Vec<u8>, StoreError> {
        let (_writer, mut tx) = self.begin_write().await?;
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

    async fn put_kiosk_submission(&self, s: &NewKioskSubmission) -> Result<KioskPut, StoreError> {
        let (_writer, mut tx) = self.begin_write().await?;
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
            "INSERT INTO kiosk_submissions (receipt, kelurahan, rw, rt, kiosk, kind, category, sealed_hash, payload, received_ms) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&s.receipt)
        .bind(&s.kelurahan)
        .bind(i64::from(s.rw))
        .bind(i64::from(s.rt))
        .bind(&s.kiosk)
        .bind(&s.kind)
        .bind(&s.category)
        .bind(&s.sealed_hash)
        .bind(&s.payload)
        .bind(s.received_ms)
        .execute(&mut *tx)
        .await?;
        audit_about(
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

    async fn receipt(&self, code: &str) -> Result<Option<ReceiptStatus>, StoreError> {
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

    /// The list's rows: no payload (it carries the photo).
    async fn kiosk_submissions(
        &self,
        kelurahan: &str,
        state: Option<KioskState>,
        limit: u32,
    ) -> Result<Vec<KioskItem>, StoreError> {
        let rows = sqlx::query(
            "SELECT receipt, kind, category, rw, rt, state, received_ms FROM kiosk_submissions \
             WHERE kelurahan = ? AND (? IS NULL OR state = ?) ORDER BY received_ms DESC LIMIT ?",
        )
        .bind(kelurahan)
        .bind(state.map(KioskState::as_str))
        .bind(state.map(KioskState::as_str))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(item).collect())
    }

    async fn kiosk_submission(&self, receipt: &str) -> Result<Option<StoredKiosk>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM kiosk_submissions WHERE receipt = ?"
        ))
        .bind(receipt)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(stored))
    }

    async fn purge_kiosk_payloads(&self, decided_before_ms: i64) -> Result<u64, StoreError> {
        let _writer = self.write_lock.lock().await;
        let done = sqlx::query(
            "UPDATE kiosk_submissions SET payload = '' \
             WHERE decided_ms IS NOT NULL AND decided_ms <= ? AND payload != ''",
        )
        .bind(decided_before_ms)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    async fn decide_kiosk(&self, d: &KioskDecided) -> Result<bool, StoreError> {
        let (_writer, mut tx) = self.begin_write().await?;
        let changed = sqlx::query(
            "UPDATE kiosk_submissions SET state = ?, decided_by = ?, decided_ms = ?, note = ?, record_id = ? \
             WHERE receipt = ? AND state = 'received'",
        )
        .bind(d.state.as_str())
        .bind(&d.actor)
        .bind(d.now_ms)
        .bind(&d.note)
        .bind(&d.record_id)
        .bind(&d.receipt)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if changed {
            audit_about(
                &mut tx,
                d.now_ms,
                &d.actor,
                &format!("kiosk:{}", d.state.as_str()),
                Some(&d.kelurahan),
                &format!("{} {}", d.receipt, d.note),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(changed)
    }

    async fn kiosk_counts(&self, kelurahan: &str) -> Result<KioskCounts, StoreError> {
        let rows = sqlx::query(
            "SELECT state, COUNT(*) AS n FROM kiosk_submissions WHERE kelurahan = ? GROUP BY state",
        )
        .bind(kelurahan)
        .fetch_all(&self.pool)
        .await?;
        let mut counts = KioskCounts::default();
        for row in rows {
            let n = u32::try_from(row.get::<i64, _>("n")).unwrap_or(u32::MAX);
            match KioskState::parse(row.get("state")) {
                Some(KioskState::Received) => counts.received = n,
                Some(KioskState::Accepted) => counts.accepted = n,
                Some(KioskState::Declined) => counts.declined = n,
                None => {}
            }
        }
        Ok(counts)
    }
}

const COLUMNS: &str = "receipt, kelurahan, rw, rt, kind, category, payload, state, received_ms, decided_by, decided_ms, note, record_id";

fn stored(row: &SqliteRow) -> StoredKiosk {
    StoredKiosk {
        receipt: row.get("receipt"),
        kelurahan: row.get("kelurahan"),
        rw: row.get::<i64, _>("rw") as u16,
        rt: row.get::<i64, _>("rt") as u16,
        kind: row.get("kind"),
        category: row.get("category"),
        payload: row.get("payload"),
        state: KioskState::parse(row.get("state")).unwrap_or(KioskState::Received),
        received_ms: row.get("received_ms"),
        decided_by: row.get("decided_by"),
        decided_ms: row.get("decided_ms"),
        note: row.get("note"),
        record_id: row.get("record_id"),
    }
}

fn item(row: &SqliteRow) -> KioskItem {
    KioskItem {
        receipt: row.get("receipt"),
        kind: row.get("kind"),
        rw: row.get::<i64, _>("rw") as u16,
        rt: row.get::<i64, _>("rt") as u16,
        state: KioskState::parse(row.get("state")).unwrap_or(KioskState::Received),
        received_ms: row.get("received_ms"),
        category: row.get("category"),
    }
}
