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

const BATCH: usize = 50;
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

async fn push_outbox(db: &LocalDb, session: &StoredSession) -> Result<(), SyncError> {
    loop {
        let entries = db.outbox().await?;
        let Some(first) = entries.first() else {
            return Ok(());
        };
        let mutations: Vec<Mutation> = entries.iter().take(BATCH).map(mutation_of).collect();
        let last_sent = mutations.last().map_or(0, |m| m.seq);
        let request = PushRequest {
            protocol: PROTOCOL_VERSION,
            client_id: first.client_id.clone(),
            mutations,
        };
        let response: PushResponse = http::request_json(
            "POST",
            "/api/sync/push",
            Some(&request),
            Some(&session.token),
            TIMEOUT_MS,
        )
        .await?;
        db.apply_push(&response).await?;
        if response.last_seq < last_sent {
            // The server stopped at a gap it is waiting for; try again later.
            return Err(SyncError::Server(format!(
                "the server stopped at change {}",
                response.last_seq
            )));
        }
    }
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

async fn pull_changes(
    db: &LocalDb,
    session: &StoredSession,
    catalog: &Catalog,
) -> Result<(), SyncError> {
    loop {
        let cursor = db.pull_cursor().await?;
        let path = format!("/api/sync/pull?protocol={PROTOCOL_VERSION}&cursor={cursor}");
        let page: PullResponse =
            http::request_json::<(), _>("GET", &path, None, Some(&session.token), TIMEOUT_MS)
                .await?;
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
        if !page.has_more {
            return Ok(());
        }
    }
}
