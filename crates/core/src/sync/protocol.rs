//! Push and pull messages. Every request carries [`PROTOCOL_VERSION`]; new
//! fields are additive and optional.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::form::{Answers, Text, Value};
use crate::review::{ReviewNote, ReviewState};

/// The protocol this build speaks.
pub const PROTOCOL_VERSION: u32 = 1;
/// Most mutations one push may carry.
pub const MAX_BATCH: usize = 200;
/// Most changes one pull page may return.
pub const MAX_PULL: u32 = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Upsert,
    Delete,
}

/// One local change, as the device's outbox holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mutation {
    /// The device's counter: 1, 2, 3... with no gaps.
    pub seq: u64,
    pub record_id: String,
    pub form_id: String,
    pub form_version: u32,
    /// `kelurahan/RW/RT` ([`crate::AreaSelection::key`]).
    pub area: String,
    /// The server version the change was made against (0: a new record).
    pub base_version: u64,
    pub op: Op,
    /// Changed paths and their new values (`None`: removed).
    #[serde(default)]
    pub changes: BTreeMap<String, Option<Value>>,
}

/// `POST /api/sync/push`: mutations in `seq` order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushRequest {
    pub protocol: u32,
    pub client_id: String,
    pub mutations: Vec<Mutation>,
}

/// What became of one mutation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Every change applied; the record is now at `version`.
    Applied { version: u64 },
    /// Some fields were changed on the server since `base_version`: those
    /// keep the server's value and wait for a coordinator; the rest applied.
    Conflict { version: u64, fields: Vec<String> },
    /// Refused, with a reason the volunteer can read (in both UI
    /// languages); never retried.
    Rejected { reason: Text },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MutationResult {
    pub seq: u64,
    pub outcome: Outcome,
}

/// The answer to a push. The device drops outbox rows up to `last_seq`;
/// results cover the mutations handled now and replays of earlier ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushResponse {
    pub last_seq: u64,
    pub results: Vec<MutationResult>,
}

/// One record as the server holds it now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordState {
    pub change_seq: u64,
    pub record_id: String,
    pub form_id: String,
    pub form_version: u32,
    pub area: String,
    pub version: u64,
    pub deleted: bool,
    /// Erased on a resident's request (UU 27/2022): a device removes every
    /// trace of it, unsent changes and photos included.
    #[serde(default)]
    pub erased: bool,
    pub answers: Answers,
    /// Where the record is in a coordinator's review, and the latest
    /// decision (with its comments) if there was one.
    #[serde(default)]
    pub review_state: ReviewState,
    #[serde(default)]
    pub review: Option<ReviewNote>,
}

/// `GET /api/sync/pull?protocol=1&cursor=N&limit=M`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullQuery {
    pub protocol: u32,
    #[serde(default)]
    pub cursor: u64,
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullResponse {
    pub records: Vec<RecordState>,
    pub next_cursor: u64,
    pub has_more: bool,
}
