//! Argon2id with the crate's defaults (19 MiB, 2 passes: OWASP's minimum),
//! on a fixed pool of threads with a bounded queue: at most `threads`
//! hashes run at once (so their memory is bounded, whatever arrives), and a
//! password that cannot even queue is refused with a 429 instead of waiting
//! for memory the server does not have. Requests never wait on a hash
//! anywhere but here, so a flood of logins never stalls other requests.

use std::sync::mpsc::{sync_channel, SyncSender, TrySendError};
use std::sync::{Arc, Mutex, OnceLock};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand_core::OsRng;
use tokio::sync::oneshot;

use crate::error::AppError;
use crate::throttle::{too_many, Wait};

type Job = Box<dyn FnOnce() + Send>;

/// Hashing threads and the queue in front of them.
#[derive(Clone)]
pub struct Hasher {
    queue: SyncSender<Job>,
}

impl Hasher {
    /// `threads` workers (at least one) and room for `queue` waiting jobs.
    pub fn new(threads: usize, queue: usize) -> Self {
        let (sender, receiver) = sync_channel::<Job>(queue);
        let receiver = Arc::new(Mutex::new(receiver));
        for n in 0..threads.max(1) {
            let receiver = Arc::clone(&receiver);
            std::thread::Builder::new()
                .name(format!("password-{n}"))
                .spawn(move || loop {
                    let job = match receiver.lock() {
                        Ok(receiver) => receiver.recv(),
                        Err(_) => return,
                    };
                    match job {
                        Ok(job) => job(),
                        Err(_) => return, // the server is gone
                    }
                })
                .expect("a password thread");
        }
        Self { queue: sender }
    }

    /// One thread per core, and a queue of 16 per thread.
    pub fn for_cores(threads: Option<usize>) -> Self {
        let threads = threads
            .unwrap_or_else(|| {
                std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get)
            })
            .max(1);
        Self::new(threads, threads * 16)
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let (done, result) = oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = done.send(work());
        });
        match self.queue.try_send(job) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                return Err(too_many(
                    Wait(2),
                    "Server sedang sibuk memeriksa kata sandi",
                    "The server is busy checking passwords",
                ))
            }
            Err(TrySendError::Disconnected(_)) => {
                return Err(AppError::Internal("the password threads stopped".into()))
            }
        }
        result
            .await
            .map_err(|_| AppError::Internal("a password check was dropped".into()))
    }

    /// A new Argon2id hash of `password`.
    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        self.run(move || hash_now(&password)).await?
    }

    /// Whether `password` matches `stored`; with no stored hash, checks
    /// against a throwaway one (same cost) and answers false.
    pub async fn verify(&self, password: String, stored: Option<String>) -> Result<bool, AppError> {
        self.run(move || {
            let known = stored.is_some();
            let stored = stored.unwrap_or_else(|| decoy().to_owned());
            let Ok(parsed) = PasswordHash::new(&stored) else {
                return false;
            };
            let matches = Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok();
            known && matches
        })
        .await
    }
}

fn hash_now(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(e.to_string()))
}

fn decoy() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash_now("decoy password, never matches").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_queue_is_refused_not_waited_for() {
        let hasher = Hasher::new(1, 1);
        let (release, hold) = std::sync::mpsc::channel::<()>();
        // One job holds the only thread, one fills the queue.
        let pause = || tokio::time::sleep(std::time::Duration::from_millis(50));
        let busy = tokio::spawn({
            let hasher = hasher.clone();
            async move { hasher.run(move || hold.recv().ok()).await }
        });
        pause().await;
        let queued = tokio::spawn({
            let hasher = hasher.clone();
            async move { hasher.run(|| ()).await }
        });
        pause().await;
        let refused = hasher.run(|| ()).await;
        assert!(matches!(refused, Err(AppError::TooManyRequests { .. })));
        release.send(()).unwrap();
        busy.await.unwrap().unwrap();
        queued.await.unwrap().unwrap();
    }

    #[tokio::test]
    async fn a_hash_verifies_and_a_wrong_password_does_not() {
        let hasher = Hasher::new(1, 4);
        let hash = hasher.hash("rahasia-1".into()).await.unwrap();
        assert!(hasher
            .verify("rahasia-1".into(), Some(hash.clone()))
            .await
            .unwrap());
        assert!(!hasher.verify("salah".into(), Some(hash)).await.unwrap());
        assert!(!hasher.verify("rahasia-1".into(), None).await.unwrap());
    }
}
