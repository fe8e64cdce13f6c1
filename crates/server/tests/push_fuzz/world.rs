//! One server shared by the cases of
//! `push_of_arbitrary_mutations_stores_nothing_rejected`: each case pushes
//! a batch of arbitrary mutations as the demo volunteer, checks the answer,
//! pulls what changed as the administrator and as the volunteer, and hands
//! it to the `oracle`.

use std::collections::{BTreeMap, BTreeSet};

use proptest::test_runner::TestCaseError;
use reqwest::Client;
use rukun_core::form::Value;
use rukun_core::sync::{Mutation, Outcome, PushRequest, RecordState, PROTOCOL_VERSION};

use crate::fail;
use crate::http::{post_push, pull_all, well_formed, Answer};
use crate::mutations::Gen;
use crate::oracle;
use crate::support::{self, TestServer};

/// What the server holds, as the administrator pulls it, and what the
/// pushes so far were answered.
pub(super) struct World {
    pub(super) server: TestServer,
    client: Client,
    volunteer: String,
    admin: String,
    pub(super) case: u64,
    /// The administrator's pull cursor and every record it pulled.
    cursor: u64,
    pub(super) known: BTreeMap<String, RecordState>,
    /// Record ids some mutation of which was not rejected, ever.
    accepted: BTreeSet<String>,
    /// Outcomes so far: applied, conflict, rejected, refused with the push.
    pub(super) tally: [u64; 4],
}

impl World {
    /// A fresh server, with the demo volunteer and administrator logged in.
    pub(super) async fn start() -> Self {
        let server = TestServer::start().await;
        let volunteer = support::login_token(&server, "relawan", "rukun-demo").await;
        let admin = support::login_token(&server, "admin", "rukun-demo").await;
        World {
            server,
            client: Client::new(),
            volunteer,
            admin,
            case: 0,
            cursor: 0,
            known: BTreeMap::new(),
            accepted: BTreeSet::new(),
            tally: [0; 4],
        }
    }

    pub(super) async fn case(&mut self, gens: Vec<Gen>) -> Result<(), TestCaseError> {
        self.case += 1;
        let mutations: Vec<Mutation> = gens
            .iter()
            .enumerate()
            .map(|(i, g)| g.resolve(self.case, &self.known, i as u64 + 1))
            .collect();
        let outcomes = self.push(&mutations).await?;
        let expected = oracle::expected(&mutations, &outcomes);
        self.accepted.extend(expected.keys().cloned());

        // Every record that changed, as the administrator sees it: only
        // records some accepted mutation named may have changed.
        let (changed, cursor) =
            pull_all(&self.client, &self.server, &self.admin, self.cursor).await?;
        self.cursor = cursor;
        for record in changed {
            if !expected.contains_key(&record.record_id) {
                let seqs: Vec<u64> = mutations
                    .iter()
                    .filter(|m| m.record_id == record.record_id)
                    .map(|m| m.seq)
                    .collect();
                return Err(fail(format!(
                    "record {:?} changed, but its mutations (seqs {seqs:?}) were all rejected: {record:?}",
                    record.record_id
                )));
            }
            self.known.insert(record.record_id.clone(), record);
        }
        for record in self.known.values() {
            oracle::check_stored(record, &self.accepted)?;
        }
        oracle::check_applied(&expected, &self.known)?;

        // The volunteer's own pull from the start: the same records, as far
        // as its RTs go, and the same checks.
        let (pulled, _) = pull_all(&self.client, &self.server, &self.volunteer, 0).await?;
        oracle::check_volunteer_pull(&pulled, &self.known, &self.accepted)
    }

    /// Pushes `mutations` as one device of the volunteer's: their outcomes
    /// in order (none if the push was refused as a whole, as it must be
    /// when it holds a number JSON cannot carry), counted in the tally.
    async fn push(&mut self, mutations: &[Mutation]) -> Result<Vec<Outcome>, TestCaseError> {
        let request = PushRequest {
            protocol: PROTOCOL_VERSION,
            client_id: format!("fuzz-b-{}", self.case),
            mutations: mutations.to_vec(),
        };
        // JSON has no NaN or infinity: serde_json writes `null`, and the
        // push is refused as a whole.
        let unsendable = mutations.iter().any(|m| {
            m.changes.values().flatten().any(|v| match v {
                Value::Number(n) => !n.is_finite(),
                Value::Gps(p) => ![p.lat, p.lon, p.accuracy].iter().all(|n| n.is_finite()),
                _ => false,
            })
        });
        let response = post_push(&self.client, &self.server, &self.volunteer)
            .json(&request)
            .send()
            .await;
        let outcomes: Vec<Outcome> = match well_formed(response, "push").await? {
            Answer::Refused(..) if unsendable => Vec::new(),
            Answer::Refused(status, error) => {
                return Err(fail(format!("push refused as a whole: {status} {error:?}")))
            }
            Answer::Ok(response) if unsendable => {
                return Err(fail(format!(
                    "a push with a non-finite number was accepted: {response:?}"
                )))
            }
            Answer::Ok(response) => {
                let n = mutations.len() as u64;
                if response.last_seq != n {
                    return Err(fail(format!(
                        "last_seq {} after {n} mutations",
                        response.last_seq
                    )));
                }
                let seqs: Vec<u64> = response.results.iter().map(|r| r.seq).collect();
                if seqs != (1..=n).collect::<Vec<_>>() {
                    return Err(fail(format!(
                        "results for seqs {seqs:?}, not each of 1..={n} once"
                    )));
                }
                response.results.into_iter().map(|r| r.outcome).collect()
            }
        };
        if outcomes.is_empty() {
            self.tally[3] += mutations.len() as u64;
        }
        for outcome in &outcomes {
            self.tally[match outcome {
                Outcome::Applied { .. } => 0,
                Outcome::Conflict { .. } => 1,
                Outcome::Rejected { .. } => 2,
            }] += 1;
            if let Outcome::Rejected { reason } = outcome {
                if reason.id.is_empty() || reason.en.is_empty() {
                    return Err(fail(format!("a rejection without a reason: {outcome:?}")));
                }
            }
        }
        Ok(outcomes)
    }
}
