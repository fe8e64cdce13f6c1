//! The device's side of sync.md: push the outbox in order, record what the
//! server made of each change, then pull the area's records page by page.
//! Every step is safe to repeat: a lost answer means the same request again,
//! which the server answers as a replay. Form versions the device lacks are
//! downloaded before the pull (`forms`), and a pulled record is stored even
//! when its version cannot be read: nothing is skipped.

pub mod forms;

use crate::platform::url::encode;
use rukun_core::account::Role;
use rukun_core::form::Catalog;
use rukun_core::sync::{Mutation, Op, PullResponse, PushRequest, PushResponse, PROTOCOL_VERSION};

use crate::platform::{clock, http};
use crate::records::from_server;
use crate::storage::{LocalDb, MutationOp, OutboxEntry, StorageError, StoredSession};

/// Changes a push sends: as many as the server takes in one.
const BATCH: u32 = rukun_core::sync::MAX_BATCH as u32;
/// The error code of a 401 for a session that was ended by someone else.
const SESSION_ENDED_CODE: &str = "session_ended";
const TIMEOUT_MS: i32 = 30_000;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SyncError {
    #[error("the server cannot be reached")]
    Offline,
    #[error("the session is no longer valid")]
    LoggedOut,
    /// An administrator or coordinator ended the session (or disabled the
    /// account): send what is left, then erase the account here.
    #[error("the session was ended by a coordinator or administrator")]
    SessionEnded,
    #[error("{0}")]
    Server(String),
    #[error("{0}")]
    Storage(#[from] StorageError),
}

impl From<http::HttpError> for SyncError {
    fn from(error: http::HttpError) -> Self {
        match error {
            http::HttpError::Unreachable => SyncError::Offline,
            http::HttpError::Status(401, Some(body)) if body.error == SESSION_ENDED_CODE => {
                SyncError::SessionEnded
            }
            http::HttpError::Status(401, _) => SyncError::LoggedOut,
            http::HttpError::Status(status, body) => {
                SyncError::Server(body.map_or_else(|| format!("HTTP {status}"), |b| b.message))
            }
            http::HttpError::Decode(why) => SyncError::Server(why),
        }
    }
}

/// The wire form of an outbox entry.
pub fn mutation_of(entry: &OutboxEntry) -> Mutation {
    Mutation {
        seq: entry.seq,
        record_id: entry.record_id.clone(),
        form_id: entry.form_id.clone(),
        form_version: entry.form_version,
        area: entry.area.clone(),
        base_version: entry.base_version,
        op: match entry.op {
            MutationOp::Upsert => Op::Upsert,
            MutationOp::Delete => Op::Delete,
        },
        changes: entry.changes.clone(),
    }
}

/// One full round: push everything waiting, upload photos, then pull what
/// changed.
pub async fn sync_once(
    db: &LocalDb,
    session: &StoredSession,
    catalog: &Catalog,
) -> Result<(), SyncError> {
    push_outbox(db, session).await?;
    upload_photos(db, session).await?;
    if session.account.role != Role::Kiosk {
        pull_changes(db, session, catalog).await?;
    }
    Ok(())
}

/// Pushes the outbox a batch at a time, in order. While the server stores
/// one batch, the device settles its answer to the batch before and reads
/// the next one, so neither side waits for the other.
async fn push_outbox(db: &LocalDb, session: &StoredSession) -> Result<(), SyncError> {
    let mut batch = db.outbox_batch(0, BATCH).await?;
    let mut answered: Option<(PushResponse, Vec<OutboxEntry>)> = None;
    while let Some(first) = batch.first() {
        let last_sent = batch.last().map_or(0, |e| e.seq);
        let request = PushRequest {
            protocol: PROTOCOL_VERSION,
            client_id: first.client_id.clone(),
            mutations: batch.iter().map(mutation_of).collect(),
        };
        let settle = async {
            match &answered {
                Some((response, sent)) => db.apply_push(response, sent).await,
                None => Ok(()),
            }
        };
        let (response, settled, next) = futures::join!(
            http::request_json::<_, PushResponse>(
                "POST",
                "/api/sync/push",
                Some(&request),
                Some(&session.token),
                TIMEOUT_MS,
            ),
            settle,
            db.outbox_batch(last_sent, BATCH),
        );
        settled?;
        let response = response?;
        if response.last_seq < last_sent {
            // The server stopped at a gap it is waiting for; try again later.
            db.apply_push(&response, &batch).await?;
            return Err(SyncError::Server(format!(
                "the server stopped at change {}",
                response.last_seq
            )));
        }
        answered = Some((response, batch));
        batch = next?;
    }
    if let Some((response, sent)) = answered {
        db.apply_push(&response, &sent).await?;
    }
    Ok(())
}

/// Uploads each photo the server lacks, one by one: a photo that fails
/// (its record not there yet, a bad file) waits for the next round and never
/// holds back the others or the records.
async fn upload_photos(db: &LocalDb, session: &StoredSession) -> Result<(), SyncError> {
    for (sha256, record_id, blob) in db.photos_to_upload().await? {
        let path = format!(
            "/api/attachments/{}?record={}",
            encode(&sha256),
            encode(&record_id)
        );
        match http::put_blob(&path, &blob, &session.token, TIMEOUT_MS).await {
            Ok(()) => db.note_photo_upload(&sha256, Ok(())).await?,
            Err(http::HttpError::Unreachable) => return Err(SyncError::Offline),
            Err(error @ http::HttpError::Status(401, _)) => return Err(error.into()),
            // Its record was deleted: the server keeps no photo of it, and
            // there is nothing left to send.
            Err(http::HttpError::Status(410, _)) => db.note_photo_upload(&sha256, Ok(())).await?,
            Err(http::HttpError::Status(status, body)) => {
                let message = body.map(|b| b.message).unwrap_or_default();
                db.note_photo_upload(&sha256, Err((status, message)))
                    .await?
            }
            Err(http::HttpError::Decode(why)) => {
                db.note_photo_upload(&sha256, Err((0, why))).await?
            }
        }
    }
    Ok(())
}

/// Pulls the area's changes page by page; each page is stored while the
/// next one is on its way.
async fn pull_changes(
    db: &LocalDb,
    session: &StoredSession,
    catalog: &Catalog,
) -> Result<(), SyncError> {
    let mut page = pull_page(session, db.pull_cursor().await?).await?;
    loop {
        let more = page.has_more.then_some(page.next_cursor);
        let stored = store_page(db, catalog, page);
        let Some(cursor) = more else {
            return stored.await;
        };
        let (stored, next) = futures::join!(stored, pull_page(session, cursor));
        stored?;
        page = next?;
    }
}

async fn pull_page(session: &StoredSession, cursor: u64) -> Result<PullResponse, SyncError> {
    let path = format!("/api/sync/pull?protocol={PROTOCOL_VERSION}&cursor={cursor}");
    Ok(http::request_json::<(), _>("GET", &path, None, Some(&session.token), TIMEOUT_MS).await?)
}

/// Stores one page with its cursor.
async fn store_page(db: &LocalDb, catalog: &Catalog, page: PullResponse) -> Result<(), SyncError> {
    let now = clock::now_ms();
    let (mut unrendered, mut erased) = (Vec::new(), Vec::new());
    let records = page
        .records
        .into_iter()
        .map(|state| {
            let form = catalog.form(&state.form_id, state.form_version);
            if form.is_none() && !state.deleted {
                unrendered.push(state.record_id.clone());
            }
            if state.erased {
                erased.push(state.record_id.clone());
            }
            from_server(state, form, now)
        })
        .collect();
    db.apply_pull(records, &unrendered, &erased, page.next_cursor)
        .await?;
    Ok(())
}
