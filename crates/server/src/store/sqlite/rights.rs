//! Residents' rights in SQLite (issue 16): the privacy notice's versions,
//! and data requests with their owners and deadlines (an erasure's rule is
//! `records::erase`; it closes its request with [`close_open`]).

use async_trait::async_trait;
use rukun_core::consent::{DataRequest, NewNotice, Notice, RequestKind, RequestState};
use rukun_core::form::Text;
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

use super::super::{NewStoredRequest, Rights, StoreError};
use super::audit::audit_about;
use super::SqliteStore;

const REQUEST_COLUMNS: &str = "id, kind, state, kelurahan, record_id, source, kiosk_receipt, \
     detail, owner, created_ms, due_ms, closed_ms, closed_by, note";

#[async_trait]
impl Rights for SqliteStore {
    async fn notices(&self) -> Result<Vec<Notice>, StoreError> {
        let rows = sqlx::query(
            "SELECT version, text_id, text_en, published_ms, published_by FROM notices ORDER BY version",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|row| Notice {
                version: row.get::<i64, _>("version") as u32,
                text: Text::new(row.get("text_id"), row.get("text_en")),
                published_ms: row.get("published_ms"),
                published_by: row.get("published_by"),
            })
            .collect())
    }

    async fn publish_notice(
        &self,
        notice: &NewNotice,
        by: &str,
        audited: bool,
        now_ms: i64,
    ) -> Result<bool, StoreError> {
        let (_writer, mut tx) = self.begin_write().await?;
        let inserted = sqlx::query(
            "INSERT OR IGNORE INTO notices (version, text_id, text_en, published_ms, published_by) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(i64::from(notice.version))
        .bind(&notice.text.id)
        .bind(&notice.text.en)
        .bind(now_ms)
        .bind(by)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if inserted && audited {
            audit_about(
                &mut tx,
                now_ms,
                by,
                "notice_publish",
                None,
                &format!("version {}", notice.version),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(inserted)
    }

    async fn households_with_receipt(
        &self,
        receipt: &str,
        kelurahan: Option<&str>,
    ) -> Result<Vec<(String, String)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT record_id, kelurahan FROM record_index WHERE receipt = ?1 AND (?2 IS NULL OR kelurahan = ?2) \
             AND form_id = 'household' ORDER BY record_id",
        )
        .bind(receipt)
        .bind(kelurahan)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn create_request(&self, r: &NewStoredRequest) -> Result<DataRequest, StoreError> {
        let (_writer, mut tx) = self.begin_write().await?;
        let filed: Option<i64> = sqlx::query_scalar(
            "INSERT OR IGNORE INTO data_requests (kind, kelurahan, record_id, source, kiosk_receipt, detail, owner, created_ms, due_ms) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(r.kind.as_str())
        .bind(&r.kelurahan)
        .bind(&r.record_id)
        .bind(&r.source)
        .bind(&r.kiosk_receipt)
        .bind(&r.detail)
        .bind(&r.owner)
        .bind(r.created_ms)
        .bind(r.due_ms)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = filed else {
            // A kiosk's request sent again: the one filed the first time.
            let id: i64 =
                sqlx::query_scalar("SELECT id FROM data_requests WHERE kiosk_receipt = ?")
                    .bind(&r.kiosk_receipt)
                    .fetch_one(&mut *tx)
                    .await?;
            tx.commit().await?;
            return self
                .request(id, r.created_ms)
                .await?
                .ok_or_else(|| StoreError::Corrupt("a filed request is missing".into()));
        };
        audit_about(
            &mut tx,
            r.created_ms,
            &r.actor,
            "request_create",
            Some(&r.kelurahan),
            &format!("{} #{id}", r.kind.as_str()),
        )
        .await?;
        tx.commit().await?;
        self.request(id, r.created_ms)
            .await?
            .ok_or_else(|| StoreError::Corrupt("a request just stored is missing".into()))
    }

    async fn requests(
        &self,
        kelurahan: Option<&str>,
        state: Option<RequestState>,
        limit: u32,
        now_ms: i64,
    ) -> Result<Vec<DataRequest>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {REQUEST_COLUMNS} FROM data_requests \
             WHERE (?1 IS NULL OR kelurahan = ?1) AND (?2 IS NULL OR state = ?2) \
             ORDER BY state <> 'open', CASE WHEN state = 'open' THEN due_ms ELSE -closed_ms END, id LIMIT ?3"
        ))
        .bind(kelurahan)
        .bind(state.map(RequestState::as_str))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(|row| request_of(row, now_ms)).collect())
    }

    async fn request(&self, id: i64, now_ms: i64) -> Result<Option<DataRequest>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {REQUEST_COLUMNS} FROM data_requests WHERE id = ?"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(|row| request_of(row, now_ms)))
    }

    async fn take_request(&self, id: i64, owner: &str, now_ms: i64) -> Result<bool, StoreError> {
        let (_writer, mut tx) = self.begin_write().await?;
        let kelurahan: Option<String> = sqlx::query_scalar(
            "UPDATE data_requests SET owner = ? WHERE id = ? AND state = 'open' RETURNING kelurahan",
        )
        .bind(owner)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(kelurahan) = &kelurahan {
            let detail = format!("#{id}");
            audit_about(
                &mut tx,
                now_ms,
                owner,
                "request_take",
                Some(kelurahan),
                &detail,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(kelurahan.is_some())
    }

    async fn close_request(
        &self,
        id: i64,
        state: RequestState,
        actor: &str,
        note: &str,
        now_ms: i64,
    ) -> Result<bool, StoreError> {
        let (_writer, mut tx) = self.begin_write().await?;
        let closed = close_open(&mut tx, id, state, actor, note, now_ms).await?;
        tx.commit().await?;
        Ok(closed)
    }

    async fn purge_request_details(&self, closed_before_ms: i64) -> Result<u64, StoreError> {
        let _writer = self.write_lock.lock().await;
        Ok(sqlx::query(
            "UPDATE data_requests SET detail = '' WHERE state <> 'open' AND closed_ms < ? AND detail <> ''",
        )
        .bind(closed_before_ms)
        .execute(&self.pool)
        .await?
        .rows_affected())
    }
}

/// Closes an open request inside the caller's transaction, with the
/// kiosk submission it came from; `false` when it was not open.
pub(super) async fn close_open(
    tx: &mut sqlx::SqliteConnection,
    id: i64,
    state: RequestState,
    actor: &str,
    note: &str,
    now_ms: i64,
) -> Result<bool, StoreError> {
    let row: Option<(String, String, Option<String>)> = sqlx::query_as(
        "UPDATE data_requests SET state = ?, closed_ms = ?, closed_by = ?, note = ?, owner = COALESCE(owner, ?) \
         WHERE id = ? AND state = 'open' RETURNING kelurahan, kind, kiosk_receipt",
    )
    .bind(state.as_str())
    .bind(now_ms)
    .bind(actor)
    .bind(note)
    .bind(actor)
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((kelurahan, kind, kiosk_receipt)) = row else {
        return Ok(false);
    };
    if let Some(receipt) = kiosk_receipt {
        let kiosk_state = match state {
            RequestState::Declined => "declined",
            _ => "accepted",
        };
        sqlx::query(
            "UPDATE kiosk_submissions SET state = ?, decided_by = ?, decided_ms = ?, note = ? WHERE receipt = ? AND state = 'received'",
        )
        .bind(kiosk_state)
        .bind(actor)
        .bind(now_ms)
        .bind(note)
        .bind(receipt)
        .execute(&mut *tx)
        .await?;
    }
    audit_about(
        tx,
        now_ms,
        actor,
        &format!("request_{}", state.as_str()),
        Some(&kelurahan),
        &format!("{kind} #{id}"),
    )
    .await?;
    Ok(true)
}

fn request_of(row: &SqliteRow, now_ms: i64) -> DataRequest {
    let state = RequestState::parse(row.get("state")).unwrap_or(RequestState::Open);
    let due_ms: i64 = row.get("due_ms");
    DataRequest {
        id: row.get("id"),
        kind: RequestKind::parse(row.get("kind")).unwrap_or(RequestKind::Access),
        state,
        kelurahan: row.get("kelurahan"),
        record_id: row.get("record_id"),
        source: row.get("source"),
        kiosk_receipt: row.get("kiosk_receipt"),
        detail: row.get("detail"),
        owner: row.get("owner"),
        created_ms: row.get("created_ms"),
        due_ms,
        overdue: state == RequestState::Open && due_ms < now_ms,
        closed_ms: row.get("closed_ms"),
        closed_by: row.get("closed_by"),
        note: row.get("note"),
    }
}
