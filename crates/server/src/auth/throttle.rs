//! Slowing down password guessing, counted before any password is hashed
//! (so a thousand guesses sent at once are counted as a thousand):
//!
//! - per username: 5 failures in a row are free, then each further try
//!   waits 30 s, 1 min, 2 min ... at most 15 min; a success forgets them;
//! - per client address: at most [`ADDRESS_FAILURES`] failed logins in
//!   [`ADDRESS_WINDOW_MS`], whatever the usernames.
//!
//! In memory and bounded: a username's entry is forgotten after an hour
//! without failures, an address's with its window, and when either map is
//! full a new name or address is refused (429) rather than memory grown.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::error::AppError;
use crate::throttle::{too_many, Wait, Window};

const FREE_ATTEMPTS: u32 = 5;
const FIRST_WAIT_MS: i64 = 30_000;
const MAX_WAIT_MS: i64 = 15 * 60_000;
/// A username's failures are forgotten after this long without one.
const FORGET_AFTER_MS: i64 = 60 * 60_000;
/// Failed logins one client address may make in [`ADDRESS_WINDOW_MS`] (an
/// office of volunteers behind one address mistyping now and then stays far
/// below it).
pub const ADDRESS_FAILURES: usize = 30;
pub const ADDRESS_WINDOW_MS: i64 = 10 * 60_000;
/// Most usernames and addresses remembered at once.
const CAPACITY: usize = 100_000;

pub struct LoginThrottle {
    /// username -> (failures in a row, time of the latest).
    failures: Mutex<HashMap<String, (u32, i64)>>,
    addresses: Window,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        Self {
            failures: Mutex::new(HashMap::new()),
            addresses: Window::new(ADDRESS_FAILURES, ADDRESS_WINDOW_MS, CAPACITY),
        }
    }
}

/// A counted login attempt: a failure unless [`LoginThrottle::succeeded`]
/// takes it back.
#[must_use]
pub struct Attempt {
    username: String,
    address: String,
    at_ms: i64,
}

impl LoginThrottle {
    /// Counts an attempt as a failure before the password is checked, or
    /// refuses it while the username or the address must wait.
    pub fn begin(&self, username: &str, address: &str, now_ms: i64) -> Result<Attempt, AppError> {
        {
            let mut failures = self.failures.lock().expect("throttle lock");
            if let Some(&(count, last_ms)) = failures.get(username) {
                let left = last_ms + wait_after(count) - now_ms;
                if left > 0 {
                    return Err(too_many(
                        Wait(((left + 999) / 1000) as u64),
                        "Terlalu banyak percobaan masuk yang gagal",
                        "Too many failed logins",
                    ));
                }
            } else if failures.len() >= CAPACITY {
                failures.retain(|_, &mut (_, last)| now_ms - last < FORGET_AFTER_MS);
                if failures.len() >= CAPACITY {
                    return Err(busy());
                }
            }
            self.addresses.take(address, now_ms).map_err(|wait| {
                too_many(
                    wait,
                    "Terlalu banyak percobaan masuk yang gagal dari alamat ini",
                    "Too many failed logins from this address",
                )
            })?;
            let entry = failures.entry(username.to_owned()).or_insert((0, now_ms));
            if now_ms - entry.1 >= FORGET_AFTER_MS {
                entry.0 = 0;
            }
            entry.0 += 1;
            entry.1 = now_ms;
        }
        Ok(Attempt {
            username: username.to_owned(),
            address: address.to_owned(),
            at_ms: now_ms,
        })
    }

    /// The password was right: the username's failures are forgotten and
    /// the attempt no longer counts against the address.
    pub fn succeeded(&self, attempt: Attempt) {
        self.failures
            .lock()
            .expect("throttle lock")
            .remove(&attempt.username);
        self.addresses.give_back(&attempt.address, attempt.at_ms);
    }

    /// The password was never checked (the server was too busy): the
    /// attempt counts against neither the username nor the address.
    pub fn abandon(&self, attempt: Attempt) {
        let mut failures = self.failures.lock().expect("throttle lock");
        if let Some(entry) = failures.get_mut(&attempt.username) {
            entry.0 = entry.0.saturating_sub(1);
            if entry.0 == 0 {
                failures.remove(&attempt.username);
            }
        }
        self.addresses.give_back(&attempt.address, attempt.at_ms);
    }

    /// Usernames and addresses held now (for tests of the bound).
    pub fn remembered(&self) -> (usize, usize) {
        let names = self.failures.lock().expect("throttle lock").len();
        (names, self.addresses.len())
    }
}

fn busy() -> AppError {
    too_many(
        Wait(1),
        "Server sedang sibuk melayani percobaan masuk",
        "The server is busy with logins",
    )
}

/// How long to wait after `count` failures in a row.
fn wait_after(count: u32) -> i64 {
    if count < FREE_ATTEMPTS {
        return 0;
    }
    let doublings = (count - FREE_ATTEMPTS).min(10);
    (FIRST_WAIT_MS << doublings).min(MAX_WAIT_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_are_free_then_the_wait_doubles_up_to_15_minutes() {
        assert_eq!(wait_after(4), 0);
        assert_eq!(wait_after(5), 30_000);
        assert_eq!(wait_after(6), 60_000);
        assert_eq!(wait_after(9), 480_000);
        assert_eq!(wait_after(10), MAX_WAIT_MS);
        assert_eq!(wait_after(50), MAX_WAIT_MS);
    }

    #[test]
    fn attempts_count_before_their_outcome_and_a_success_forgets_them() {
        let throttle = LoginThrottle::default();
        // Five begun at once, none finished: the sixth already waits.
        let attempts: Vec<Attempt> = (0..5)
            .map(|_| throttle.begin("relawan", "10.0.0.1", 1_000).unwrap())
            .collect();
        assert!(throttle.begin("relawan", "10.0.0.2", 1_000).is_err());
        assert!(throttle.begin("relawan", "10.0.0.2", 31_000).is_ok());
        assert!(throttle.begin("koordinator", "10.0.0.1", 2_000).is_ok());
        let mut attempts = attempts.into_iter();
        throttle.succeeded(attempts.next().unwrap());
        assert!(throttle.begin("relawan", "10.0.0.1", 2_000).is_ok());
    }

    #[test]
    fn an_attempt_never_checked_does_not_count() {
        let throttle = LoginThrottle::default();
        for _ in 0..10 {
            let attempt = throttle.begin("relawan", "10.0.0.1", 1_000).unwrap();
            throttle.abandon(attempt);
        }
        assert!(throttle.begin("relawan", "10.0.0.1", 1_000).is_ok());
        assert_eq!(throttle.remembered(), (1, 1));
    }

    #[test]
    fn one_address_is_limited_across_usernames() {
        let throttle = LoginThrottle::default();
        for i in 0..ADDRESS_FAILURES {
            let _ = throttle
                .begin(&format!("user{i}"), "10.0.0.9", 1_000)
                .unwrap();
        }
        assert!(throttle.begin("someone", "10.0.0.9", 1_000).is_err());
        assert!(throttle.begin("someone", "10.0.0.8", 1_000).is_ok());
        assert!(throttle
            .begin("someone-else", "10.0.0.9", 1_000 + ADDRESS_WINDOW_MS)
            .is_ok());
    }
}
