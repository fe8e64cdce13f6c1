//! Slowing down repeated failed logins, per username: after 5 failures in a
//! row the account can be tried again only after a wait that doubles with
//! each further failure (30 s, 1 min, 2 min ... at most 15 min). In memory:
//! a restart forgets, which costs an attacker a restart they cannot cause.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::error::AppError;

const FREE_ATTEMPTS: u32 = 5;
const FIRST_WAIT_MS: i64 = 30_000;
const MAX_WAIT_MS: i64 = 15 * 60_000;

#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, (u32, i64)>>,
}

impl LoginThrottle {
    /// Refuses while the username must wait.
    pub fn check(&self, username: &str, now_ms: i64) -> Result<(), AppError> {
        let failures = self.failures.lock().expect("throttle lock");
        let Some(&(count, last_ms)) = failures.get(username) else {
            return Ok(());
        };
        let wait = wait_after(count);
        let left = last_ms + wait - now_ms;
        if left > 0 {
            let seconds = (left + 999) / 1000;
            return Err(AppError::TooManyRequests {
                retry_after_s: seconds as u64,
                message: format!(
                    "Terlalu banyak percobaan masuk yang gagal; coba lagi dalam {seconds} detik. / Too many failed logins; try again in {seconds} s."
                ),
            });
        }
        Ok(())
    }

    pub fn failed(&self, username: &str, now_ms: i64) {
        let mut failures = self.failures.lock().expect("throttle lock");
        let entry = failures.entry(username.to_owned()).or_insert((0, now_ms));
        entry.0 += 1;
        entry.1 = now_ms;
    }

    pub fn succeeded(&self, username: &str) {
        self.failures
            .lock()
            .expect("throttle lock")
            .remove(username);
    }
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
    fn a_success_forgets_the_failures() {
        let throttle = LoginThrottle::default();
        for _ in 0..5 {
            throttle.failed("relawan", 1_000);
        }
        assert!(throttle.check("relawan", 2_000).is_err());
        assert!(throttle.check("relawan", 31_000).is_ok());
        assert!(throttle.check("koordinator", 2_000).is_ok());
        throttle.succeeded("relawan");
        assert!(throttle.check("relawan", 2_000).is_ok());
    }
}
