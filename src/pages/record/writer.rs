//! The form page's single writer: every draft save and the completion go
//! through one queue, in order, so a late draft write can never land on top
//! of a completion, and a burst of keystrokes becomes one write. Before the
//! app locks, [`Writer::flush`] waits for the queue to be written.

use std::sync::Arc;

use futures::channel::{mpsc, oneshot};
use futures::StreamExt;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::form::{Answers, FormDef, Issue};

use crate::platform::{clock, random};
use crate::records::{complete, record_id, summarize, with_draft};
use crate::state::Profiles;
use crate::storage::{StorageError, StoredRecord};

/// What the last write did.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    Idle,
    Saving,
    Saved,
    Failed(String),
}

enum Job {
    Draft(Answers),
    Complete(
        Answers,
        Vec<Issue>,
        oneshot::Sender<Result<(), StorageError>>,
    ),
    /// Answered once every earlier job is written.
    Flush(oneshot::Sender<()>),
}

#[derive(Clone)]
pub struct Writer {
    jobs: mpsc::UnboundedSender<Job>,
}

impl Writer {
    /// Starts the writer for one record.
    pub fn start(record: StoredRecord, form: Arc<FormDef>, state: RwSignal<SaveState>) -> Self {
        let (jobs, mut queue) = mpsc::unbounded::<Job>();
        let profiles = Profiles::use_context();
        spawn_local(async move {
            let mut record = record;
            let db = match profiles.db().await {
                Ok(db) => db,
                Err(e) => return state.set(SaveState::Failed(e.to_string())),
            };
            while let Some(first) = queue.next().await {
                let mut batch = vec![first];
                while let Ok(job) = queue.try_recv() {
                    batch.push(job);
                }
                // A draft followed by a later write is superseded by it.
                let last = batch
                    .iter()
                    .rposition(|job| !matches!(job, Job::Flush(_)))
                    .unwrap_or(0);
                for (n, job) in batch.into_iter().enumerate() {
                    match job {
                        Job::Flush(reply) => {
                            let _ = reply.send(());
                        }
                        Job::Draft(_) if n < last => {}
                        Job::Draft(answers) => {
                            state.set(SaveState::Saving);
                            let next = with_draft(record.clone(), answers.clone(), clock::now_ms());
                            let summary = summarize(&next, &form, &answers);
                            match db.save_draft(&next, &summary).await {
                                Ok(()) => {
                                    record = next;
                                    state.set(SaveState::Saved);
                                }
                                Err(e) => state.set(SaveState::Failed(e.to_string())),
                            }
                        }
                        Job::Complete(answers, issues, reply) => {
                            let now = clock::now_ms();
                            let (next, entry) = complete(
                                record.clone(),
                                &form,
                                &answers,
                                &issues,
                                now,
                                clock::today(),
                            );
                            let summary = summarize(&next, &form, &answers);
                            let client_id = record_id(now, random::bytes());
                            let result = db
                                .complete_record(&next, &summary, entry, &client_id)
                                .await
                                .map(|_| ());
                            if result.is_ok() {
                                record = next;
                            }
                            let _ = reply.send(result);
                        }
                    }
                }
            }
        });
        Self { jobs }
    }

    pub fn save_draft(&self, answers: Answers) {
        let _ = self.jobs.unbounded_send(Job::Draft(answers));
    }

    /// Resolves once every draft sent so far is committed (or failed);
    /// at once when the writer has stopped.
    pub async fn flush(&self) {
        let (reply, done) = oneshot::channel();
        if self.jobs.unbounded_send(Job::Flush(reply)).is_ok() {
            let _ = done.await;
        }
    }

    /// Completes the record after every earlier draft write.
    pub async fn complete(&self, answers: Answers, issues: Vec<Issue>) -> Result<(), StorageError> {
        let (reply, done) = oneshot::channel();
        self.jobs
            .unbounded_send(Job::Complete(answers, issues, reply))
            .map_err(|_| StorageError::Aborted)?;
        done.await.map_err(|_| StorageError::Aborted)?
    }
}
