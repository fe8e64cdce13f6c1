//! The embedded SQLite backend (the default: one file in the data directory).

mod accounts;
mod attachments;
mod console;
mod forms;
mod index;
mod kiosk;
mod late;
mod progress;
mod purge;
mod records;
mod reviews;
mod rights;
mod sessions;
mod sync;

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use async_trait::async_trait;
use rukun_core::{Kecamatan, Kelurahan, Kota, RegionCode, RegionTree, Rw};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use rukun_core::account::{Account, AccountInfo, RtRef};

use rukun_core::progress::Counts;
use rukun_core::review::{AuditEntry, ReviewRequest, ReviewState};
use rukun_core::sync::PullResponse;

use crate::records::RecordTx;

use rukun_core::console::{ListItem, MapPoint, RecordDetail};

use rukun_core::kiosk::{KioskCounts, KioskItem, KioskState, ReceiptStatus};

use rukun_core::consent::{DataRequest, NewNotice, Notice, RequestState};

use super::{
    ExportSink, KioskDecided, KioskPut, ListFilter, NewKioskSubmission, NewStoredRequest,
    PullScope, Store, StoreError, StoredAttachment, StoredFormVersion, StoredKiosk, StoredLogin,
    StoredSession, Validator,
};

pub struct SqliteStore {
    pool: SqlitePool,
    /// One writer at a time for pushes: a read-then-write transaction must
    /// not race another one into SQLITE_BUSY.
    write_lock: std::sync::Arc<tokio::sync::Mutex<()>>,
}

impl SqliteStore {
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        // WAL with synchronous=FULL: a commit the server acknowledged
        // survives a crash or power cut, and readers never block the writer.
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            // Deleted and purged personal data is zeroed inside the pages
            // SQLite writes anyway. `fast`, not `on`: `on` also rewrites
            // whole freed pages and cut sync ingest from 623 to 461
            // mutations/s (`cargo bench --bench sync`); a freed page keeps
            // its old bytes until reused (or `VACUUM`), the WAL until its
            // next checkpoint.
            .pragma("secure_delete", "fast")
            .busy_timeout(std::time::Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        Ok(Self {
            pool,
            write_lock: Default::default(),
        })
    }
}

/// Adds an RT (rows ordered by RW then RT; `None`: an RW without RTs).
fn push_rt(list: &mut Vec<Rw>, rw_number: u16, rt_number: Option<u16>) {
    if list.last().is_none_or(|rw| rw.number != rw_number) {
        list.push(Rw {
            number: rw_number,
            rt: Vec::new(),
        });
    }
    list.last_mut().expect("pushed above").rt.extend(rt_number);
}

fn parse_code(text: &str) -> Result<RegionCode, StoreError> {
    RegionCode::parse(text).map_err(|e| StoreError::Corrupt(format!("region code {text:?}: {e}")))
}

#[async_trait]
impl Store for SqliteStore {
    async fn record_area(&self, record_id: &str) -> Result<Option<String>, StoreError> {
        self.area_of(record_id).await
    }

    async fn progress_counts(&self, kelurahan: &RegionCode) -> Result<Counts, StoreError> {
        self.count_progress(kelurahan).await
    }

    async fn set_target(
        &self,
        area: &str,
        households: u32,
        actor: &str,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        self.store_target(area, households, actor, now_ms).await
    }

    async fn audit_log(
        &self,
        kelurahan: Option<&RegionCode>,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        self.read_audit_log(kelurahan, before, limit).await
    }

    async fn review(
        &self,
        record_id: &str,
        request: &ReviewRequest,
        author: &str,
        now_ms: i64,
    ) -> Result<Option<ReviewState>, StoreError> {
        self.apply_review(record_id, request, author, now_ms).await
    }

    async fn list_records(&self, filter: &ListFilter) -> Result<Vec<ListItem>, StoreError> {
        self.query_list(filter).await
    }

    async fn map_points(&self, kelurahan: &str) -> Result<Vec<MapPoint>, StoreError> {
        self.read_map_points(kelurahan).await
    }

    async fn record_detail(&self, record_id: &str) -> Result<Option<RecordDetail>, StoreError> {
        self.read_record_detail(record_id).await
    }

    async fn export_records(
        &self,
        filter: &ListFilter,
        sink: ExportSink<'_>,
    ) -> Result<u64, StoreError> {
        self.read_export(filter, sink).await
    }

    async fn audit_event(
        &self,
        actor: &str,
        action: &str,
        kelurahan: Option<&str>,
        detail: &str,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await?;
        reviews::audit_about(&mut conn, now_ms, actor, action, kelurahan, detail).await
    }

    async fn kiosk_key_secret(&self, candidate: &[u8], now_ms: i64) -> Result<Vec<u8>, StoreError> {
        self.read_or_store_kiosk_key(candidate, now_ms).await
    }

    async fn put_kiosk_submission(
        &self,
        submission: &NewKioskSubmission,
    ) -> Result<KioskPut, StoreError> {
        self.insert_kiosk_submission(submission).await
    }

    async fn receipt(&self, code: &str) -> Result<Option<ReceiptStatus>, StoreError> {
        self.read_receipt(code).await
    }

    async fn kiosk_submissions(
        &self,
        kelurahan: &str,
        state: Option<KioskState>,
        limit: u32,
    ) -> Result<Vec<KioskItem>, StoreError> {
        self.read_kiosk_submissions(kelurahan, state, limit).await
    }

    async fn kiosk_submission(&self, receipt: &str) -> Result<Option<StoredKiosk>, StoreError> {
        self.read_kiosk_submission(receipt).await
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

    async fn decide_kiosk(&self, decision: &KioskDecided) -> Result<bool, StoreError> {
        self.write_kiosk_decision(decision).await
    }

    async fn kiosk_counts(&self, kelurahan: &str) -> Result<KioskCounts, StoreError> {
        self.read_kiosk_counts(kelurahan).await
    }

    async fn records_with_nik(
        &self,
        nik: &str,
        kelurahan: &str,
    ) -> Result<Vec<String>, StoreError> {
        self.read_records_with_nik(nik, kelurahan).await
    }

    async fn put_attachment(
        &self,
        sha256: &str,
        record_id: &str,
        content_type: &str,
        data: &[u8],
        now_ms: i64,
    ) -> Result<bool, StoreError> {
        self.insert_attachment(sha256, record_id, content_type, data, now_ms)
            .await
    }

    async fn attachment(&self, sha256: &str) -> Result<Option<StoredAttachment>, StoreError> {
        self.find_attachment(sha256).await
    }

    async fn form_versions(&self) -> Result<Vec<StoredFormVersion>, StoreError> {
        self.read_form_versions().await
    }

    async fn form_definition(
        &self,
        form_id: &str,
        version: u32,
    ) -> Result<Option<String>, StoreError> {
        self.read_form_definition(form_id, version).await
    }

    async fn publish_form(
        &self,
        published: &StoredFormVersion,
        audit: bool,
    ) -> Result<bool, StoreError> {
        self.insert_form_version(published, audit).await
    }

    async fn codes_in_use(
        &self,
        form_id: &str,
    ) -> Result<BTreeMap<String, BTreeSet<String>>, StoreError> {
        self.read_codes_in_use(form_id).await
    }

    async fn notices(&self) -> Result<Vec<Notice>, StoreError> {
        self.read_notices().await
    }

    async fn publish_notice(
        &self,
        notice: &NewNotice,
        by: &str,
        audited: bool,
        now_ms: i64,
    ) -> Result<bool, StoreError> {
        self.insert_notice(notice, by, audited, now_ms).await
    }

    async fn households_with_receipt(
        &self,
        receipt: &str,
        kelurahan: Option<&str>,
    ) -> Result<Vec<(String, String)>, StoreError> {
        self.read_households_with_receipt(receipt, kelurahan).await
    }

    async fn create_request(&self, request: &NewStoredRequest) -> Result<DataRequest, StoreError> {
        self.insert_request(request).await
    }

    async fn requests(
        &self,
        kelurahan: Option<&str>,
        state: Option<RequestState>,
        limit: u32,
        now_ms: i64,
    ) -> Result<Vec<DataRequest>, StoreError> {
        self.read_requests(kelurahan, state, limit, now_ms).await
    }

    async fn request(&self, id: i64, now_ms: i64) -> Result<Option<DataRequest>, StoreError> {
        self.read_request(id, now_ms).await
    }

    async fn take_request(&self, id: i64, owner: &str, now_ms: i64) -> Result<bool, StoreError> {
        self.write_request_owner(id, owner, now_ms).await
    }

    async fn close_request(
        &self,
        id: i64,
        state: RequestState,
        actor: &str,
        note: &str,
        now_ms: i64,
    ) -> Result<bool, StoreError> {
        self.write_request_closed(id, state, actor, note, now_ms)
            .await
    }

    async fn erase_household(
        &self,
        request_id: i64,
        record_id: &str,
        actor: &str,
        now_ms: i64,
    ) -> Result<bool, StoreError> {
        self.erase_for_request(request_id, record_id, actor, now_ms)
            .await
    }

    async fn purge_request_details(&self, closed_before_ms: i64) -> Result<u64, StoreError> {
        self.purge_old_request_details(closed_before_ms).await
    }

    async fn begin_records(&self) -> Result<Box<dyn RecordTx + '_>, StoreError> {
        Ok(Box::new(self.begin_record_tx().await?))
    }

    async fn index_missing(&self, validate: Validator<'_>) -> Result<u64, StoreError> {
        self.index_unindexed(validate).await
    }

    async fn pull(
        &self,
        scope: &PullScope,
        cursor: u64,
        limit: u32,
    ) -> Result<PullResponse, StoreError> {
        self.pull_page(scope, cursor, limit).await
    }

    async fn create_account(
        &self,
        account: &Account,
        password_hash: &str,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        self.insert_account(account, password_hash, now_ms).await
    }

    async fn login_of(&self, username: &str) -> Result<Option<StoredLogin>, StoreError> {
        self.find_login(username).await
    }

    async fn create_session(
        &self,
        token_hash: &str,
        account_id: i64,
        device: &str,
        now_ms: i64,
        expires_ms: i64,
    ) -> Result<(), StoreError> {
        self.insert_session(token_hash, account_id, device, now_ms, expires_ms)
            .await
    }

    async fn session(&self, token_hash: &str) -> Result<Option<StoredSession>, StoreError> {
        self.find_session(token_hash).await
    }

    async fn session_by_id(&self, id: i64) -> Result<Option<StoredSession>, StoreError> {
        self.find_session_by_id(id).await
    }

    async fn live_sessions(
        &self,
        username: &str,
        now_ms: i64,
    ) -> Result<Vec<StoredSession>, StoreError> {
        self.live_sessions_of(username, now_ms).await
    }

    async fn touch_session(&self, id: i64, now_ms: i64) -> Result<(), StoreError> {
        self.seen_session(id, now_ms).await
    }

    async fn revoke_session(&self, token_hash: &str, now_ms: i64) -> Result<(), StoreError> {
        self.revoke_by_token(token_hash, now_ms).await
    }

    async fn end_session(&self, id: i64, now_ms: i64) -> Result<bool, StoreError> {
        self.revoke_by_id(id, "ended", now_ms).await
    }

    async fn accounts(
        &self,
        kelurahan: Option<&RegionCode>,
    ) -> Result<Vec<AccountInfo>, StoreError> {
        self.list_accounts(kelurahan).await
    }

    async fn account(&self, username: &str) -> Result<Option<AccountInfo>, StoreError> {
        self.find_account(username).await
    }

    async fn set_active(
        &self,
        username: &str,
        active: bool,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        self.update_active(username, active, now_ms).await
    }

    async fn set_rts(&self, username: &str, rts: &[RtRef]) -> Result<(), StoreError> {
        self.update_rts(username, rts).await
    }

    async fn set_password(
        &self,
        username: &str,
        password_hash: &str,
        must_change: bool,
        keep_session: Option<i64>,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        self.update_password(username, password_hash, must_change, keep_session, now_ms)
            .await
    }

    async fn mark_sent_after_end(
        &self,
        record_ids: &[String],
        ended_ms: i64,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        self.flag_late(record_ids, ended_ms, now_ms).await
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        sqlx::migrate!("./migrations/sqlite")
            .run(&self.pool)
            .await?;
        Ok(())
    }

    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn seed_regions_if_empty(&self, tree: &RegionTree) -> Result<bool, StoreError> {
        let (_writer, mut tx) = self.begin_write().await?;
        let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM kota")
            .fetch_one(&mut *tx)
            .await?;
        if count > 0 {
            return Ok(false);
        }
        sqlx::query("INSERT INTO kota (code, name) VALUES (?, ?)")
            .bind(tree.kota.code.to_string())
            .bind(&tree.kota.name)
            .execute(&mut *tx)
            .await?;
        for kecamatan in &tree.kecamatan {
            sqlx::query("INSERT INTO kecamatan (code, kota_code, name) VALUES (?, ?, ?)")
                .bind(kecamatan.code.to_string())
                .bind(tree.kota.code.to_string())
                .bind(&kecamatan.name)
                .execute(&mut *tx)
                .await?;
            for kelurahan in &kecamatan.kelurahan {
                sqlx::query("INSERT INTO kelurahan (code, kecamatan_code, name) VALUES (?, ?, ?)")
                    .bind(kelurahan.code.to_string())
                    .bind(kecamatan.code.to_string())
                    .bind(&kelurahan.name)
                    .execute(&mut *tx)
                    .await?;
                for rw in &kelurahan.rw {
                    let rw_id: i64 = sqlx::query_scalar(
                        "INSERT INTO rw (kelurahan_code, number) VALUES (?, ?) RETURNING id",
                    )
                    .bind(kelurahan.code.to_string())
                    .bind(rw.number)
                    .fetch_one(&mut *tx)
                    .await?;
                    for rt in &rw.rt {
                        sqlx::query("INSERT INTO rt (rw_id, number) VALUES (?, ?)")
                            .bind(rw_id)
                            .bind(rt)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
            }
        }
        tx.commit().await?;
        Ok(true)
    }

    async fn kelurahan(&self, code: &RegionCode) -> Result<Option<Kelurahan>, StoreError> {
        let Some(name): Option<String> =
            sqlx::query_scalar("SELECT name FROM kelurahan WHERE code = ?")
                .bind(code.to_string())
                .fetch_optional(&self.pool)
                .await?
        else {
            return Ok(None);
        };
        let rows: Vec<(u16, Option<u16>)> = sqlx::query_as(
            "SELECT rw.number, rt.number FROM rw LEFT JOIN rt ON rt.rw_id = rw.id \
             WHERE rw.kelurahan_code = ? ORDER BY rw.number, rt.number",
        )
        .bind(code.to_string())
        .fetch_all(&self.pool)
        .await?;
        let mut rw: Vec<Rw> = Vec::new();
        for (rw_number, rt_number) in rows {
            push_rt(&mut rw, rw_number, rt_number);
        }
        Ok(Some(Kelurahan {
            code: *code,
            name,
            rw,
        }))
    }

    async fn region_tree(&self) -> Result<Option<RegionTree>, StoreError> {
        let Some((kota_code, kota_name)): Option<(String, String)> =
            sqlx::query_as("SELECT code, name FROM kota LIMIT 1")
                .fetch_optional(&self.pool)
                .await?
        else {
            return Ok(None);
        };
        let kecamatan_rows: Vec<(String, String)> =
            sqlx::query_as("SELECT code, name FROM kecamatan ORDER BY code")
                .fetch_all(&self.pool)
                .await?;
        let kelurahan_rows: Vec<(String, String, String)> =
            sqlx::query_as("SELECT code, kecamatan_code, name FROM kelurahan ORDER BY code")
                .fetch_all(&self.pool)
                .await?;
        let rt_rows: Vec<(String, u16, Option<u16>)> = sqlx::query_as(
            "SELECT rw.kelurahan_code, rw.number, rt.number FROM rw \
             LEFT JOIN rt ON rt.rw_id = rw.id ORDER BY rw.kelurahan_code, rw.number, rt.number",
        )
        .fetch_all(&self.pool)
        .await?;

        let mut rws: BTreeMap<String, Vec<Rw>> = BTreeMap::new();
        for (kelurahan_code, rw_number, rt_number) in rt_rows {
            push_rt(rws.entry(kelurahan_code).or_default(), rw_number, rt_number);
        }
        let mut kelurahan_by_kecamatan: BTreeMap<String, Vec<Kelurahan>> = BTreeMap::new();
        for (code, kecamatan_code, name) in kelurahan_rows {
            let rw = rws.remove(&code).unwrap_or_default();
            kelurahan_by_kecamatan
                .entry(kecamatan_code)
                .or_default()
                .push(Kelurahan {
                    code: parse_code(&code)?,
                    name,
                    rw,
                });
        }
        let kecamatan = kecamatan_rows
            .into_iter()
            .map(|(code, name)| {
                Ok(Kecamatan {
                    kelurahan: kelurahan_by_kecamatan.remove(&code).unwrap_or_default(),
                    code: parse_code(&code)?,
                    name,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(Some(RegionTree {
            kota: Kota {
                code: parse_code(&kota_code)?,
                name: kota_name,
            },
            kecamatan,
        }))
    }
}
