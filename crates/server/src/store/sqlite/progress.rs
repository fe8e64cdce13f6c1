//! Progress counts and targets in SQLite: a few GROUP BY queries over one
//! kelurahan's rows of the record index.

use async_trait::async_trait;
use rukun_core::progress::{Counts, RtProgress, VolunteerProgress};
use rukun_core::RegionCode;
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

use super::super::{Progress, StoreError};
use super::audit::audit_about;
use super::SqliteStore;

#[async_trait]
impl Progress for SqliteStore {
    async fn progress_counts(&self, kelurahan: &RegionCode) -> Result<Counts, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let code = kelurahan.to_string();
        let area = |row: &SqliteRow| {
            format!(
                "{code}/{:02}/{:02}",
                row.get::<i64, _>("rw"),
                row.get::<i64, _>("rt")
            )
        };
        let mut counts = Counts::default();
        let households = sqlx::query(
            "SELECT rw, rt, COALESCE(visit_result, '') AS result, review_state, COUNT(*) AS n \
             FROM record_index WHERE kelurahan = ? AND form_id = 'household' \
             GROUP BY rw, rt, result, review_state",
        )
        .bind(&code)
        .fetch_all(&mut *conn)
        .await?;
        for row in households {
            let n = row.get::<i64, _>("n") as u32;
            let rt: &mut RtProgress = counts.rts.entry(area(&row)).or_default();
            rt.households += n;
            *rt.by_visit_result.entry(row.get("result")).or_default() += n;
            *rt.by_review.entry(row.get("review_state")).or_default() += n;
        }
        let reports = sqlx::query(
            "SELECT rw, rt, COALESCE(category, '') AS category, COALESCE(condition, '') AS condition, COUNT(*) AS n \
             FROM record_index WHERE kelurahan = ? AND form_id = 'infrastructure' \
             GROUP BY rw, rt, category, condition",
        )
        .bind(&code)
        .fetch_all(&mut *conn)
        .await?;
        for row in reports {
            let n = row.get::<i64, _>("n") as u32;
            counts.rts.entry(area(&row)).or_default().infrastructure += n;
            *counts
                .infrastructure
                .entry(row.get("category"))
                .or_default()
                .entry(row.get("condition"))
                .or_default() += n;
        }
        counts.targets = sqlx::query("SELECT area, households FROM targets WHERE area LIKE ?")
            .bind(format!("{code}/%"))
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .map(|row| (row.get("area"), row.get::<i64, _>("households") as u32))
            .collect();
        counts.volunteers = sqlx::query(
            "SELECT volunteer, COUNT(*) AS n FROM record_index \
             WHERE kelurahan = ? AND form_id = 'household' \
             GROUP BY volunteer ORDER BY n DESC, volunteer",
        )
        .bind(&code)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|row| VolunteerProgress {
            username: row.get("volunteer"),
            households: row.get::<i64, _>("n") as u32,
        })
        .collect();
        Ok(counts)
    }

    async fn set_target(
        &self,
        area: &str,
        households: u32,
        actor: &str,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        let (_writer, mut tx) = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO targets (area, households, updated_by, updated_ms) VALUES (?, ?, ?, ?) \
             ON CONFLICT (area) DO UPDATE SET households = excluded.households, \
             updated_by = excluded.updated_by, updated_ms = excluded.updated_ms",
        )
        .bind(area)
        .bind(i64::from(households))
        .bind(actor)
        .bind(now_ms)
        .execute(&mut *tx)
        .await?;
        audit_about(
            &mut tx,
            now_ms,
            actor,
            "target",
            area.split('/').next(),
            &format!("{area}: {households}"),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
