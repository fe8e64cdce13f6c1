//! Progress counts and targets in SQLite: a few GROUP BY queries over one
//! kelurahan (`records_by_area` keeps them to its rows).

use rukun_core::progress::{Counts, RtProgress, VolunteerProgress};
use rukun_core::RegionCode;
use sqlx::Row;

use super::super::StoreError;
use super::reviews::audit;
use super::SqliteStore;

impl SqliteStore {
    pub(super) async fn count_progress(
        &self,
        kelurahan: &RegionCode,
    ) -> Result<Counts, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let like = format!("{kelurahan}/%");
        let mut counts = Counts::default();
        let households = sqlx::query(
            "SELECT r.area, COALESCE(json_extract(f.value, '$.choice'), '') AS result, r.review_state, COUNT(*) AS n \
             FROM records r LEFT JOIN record_fields f ON f.record_id = r.id AND f.path = 'visit_result' \
             WHERE r.deleted = 0 AND r.form_id = 'household' AND r.area LIKE ? \
             GROUP BY r.area, result, r.review_state",
        )
        .bind(&like)
        .fetch_all(&mut *conn)
        .await?;
        for row in households {
            let n = row.get::<i64, _>("n") as u32;
            let rt: &mut RtProgress = counts.rts.entry(row.get("area")).or_default();
            rt.households += n;
            *rt.by_visit_result.entry(row.get("result")).or_default() += n;
            *rt.by_review.entry(row.get("review_state")).or_default() += n;
        }
        let reports = sqlx::query(
            "SELECT area, COUNT(*) AS n FROM records \
             WHERE deleted = 0 AND form_id = 'infrastructure' AND area LIKE ? GROUP BY area",
        )
        .bind(&like)
        .fetch_all(&mut *conn)
        .await?;
        for row in reports {
            counts
                .rts
                .entry(row.get("area"))
                .or_default()
                .infrastructure = row.get::<i64, _>("n") as u32;
        }
        counts.targets = sqlx::query("SELECT area, households FROM targets WHERE area LIKE ?")
            .bind(&like)
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .map(|row| (row.get("area"), row.get::<i64, _>("households") as u32))
            .collect();
        counts.volunteers = sqlx::query(
            "SELECT a.actor, COUNT(DISTINCT a.record_id) AS n FROM audit_log a JOIN records r ON r.id = a.record_id \
             WHERE a.action = 'create' AND r.deleted = 0 AND r.form_id = 'household' AND r.area LIKE ? \
             GROUP BY a.actor ORDER BY n DESC, a.actor",
        )
        .bind(&like)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|row| VolunteerProgress {
            username: row.get("actor"),
            households: row.get::<i64, _>("n") as u32,
        })
        .collect();
        Ok(counts)
    }

    pub(super) async fn store_target(
        &self,
        area: &str,
        households: u32,
        actor: &str,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
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
        audit(
            &mut tx,
            now_ms,
            actor,
            "target",
            None,
            &format!("{area}: {households}"),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
