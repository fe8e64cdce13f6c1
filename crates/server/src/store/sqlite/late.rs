//! Records that arrived through an ended session (a device's final push):
//! remembered, and flagged in the record index for review.

use rukun_core::quality::Flag;

use super::super::StoreError;
use super::SqliteStore;

impl SqliteStore {
    pub(super) async fn flag_late(
        &self,
        record_ids: &[String],
        ended_ms: i64,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        let (_writer, mut tx) = self.begin_write().await?;
        for record_id in record_ids {
            sqlx::query(
                "INSERT INTO late_records (record_id, ended_ms, arrived_ms) VALUES (?, ?, ?) \
                 ON CONFLICT (record_id) DO UPDATE SET arrived_ms = excluded.arrived_ms",
            )
            .bind(record_id)
            .bind(ended_ms)
            .bind(now_ms)
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE record_index SET flags = flags | ? WHERE record_id = ?")
                .bind(Flag::SentAfterEnd.bit())
                .bind(record_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
