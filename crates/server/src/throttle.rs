//! A sliding-window limit per key (a kiosk, a client address), in memory
//! and bounded: entries expire with their window, and when `capacity` keys
//! are live at once a new key is refused rather than memory grown.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use crate::error::AppError;

pub struct Window {
    max: usize,
    window_ms: i64,
    capacity: usize,
    recent: Mutex<HashMap<String, VecDeque<i64>>>,
}

/// Why a key may not go on now: how long until it may, in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wait(pub u64);

impl Window {
    /// At most `max` events per key in any `window_ms`, for at most
    /// `capacity` keys at once.
    pub fn new(max: usize, window_ms: i64, capacity: usize) -> Self {
        Self {
            max,
            window_ms,
            capacity,
            recent: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one event for `key`, or says how long to wait.
    pub fn take(&self, key: &str, now_ms: i64) -> Result<(), Wait> {
        let mut recent = self.recent.lock().expect("window lock");
        if !recent.contains_key(key) && recent.len() >= self.capacity {
            let horizon = now_ms - self.window_ms;
            recent.retain(|_, times| times.back().is_some_and(|&t| t > horizon));
            if recent.len() >= self.capacity {
                return Err(Wait(1));
            }
        }
        let times = recent.entry(key.to_owned()).or_default();
        while times.front().is_some_and(|&t| t <= now_ms - self.window_ms) {
            times.pop_front();
        }
        if times.len() >= self.max {
            let wait_ms = times
                .front()
                .map_or(self.window_ms, |&t| t + self.window_ms - now_ms);
            return Err(Wait(((wait_ms.max(0) + 999) / 1000) as u64));
        }
        times.push_back(now_ms);
        Ok(())
    }

    /// Takes back one event counted at `at_ms` (an attempt that turned out
    /// well and should not count against the key).
    pub fn give_back(&self, key: &str, at_ms: i64) {
        let mut recent = self.recent.lock().expect("window lock");
        if let Some(times) = recent.get_mut(key) {
            if let Some(i) = times.iter().rposition(|&t| t == at_ms) {
                times.remove(i);
            }
            if times.is_empty() {
                recent.remove(key);
            }
        }
    }

    /// How many keys are held now.
    pub fn len(&self) -> usize {
        self.recent.lock().expect("window lock").len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A 429 with `Retry-After` and a reason in both languages.
pub fn too_many(wait: Wait, what_id: &str, what_en: &str) -> AppError {
    let seconds = wait.0.max(1);
    AppError::TooManyRequests {
        retry_after_s: seconds,
        message: format!(
            "{what_id}; coba lagi dalam {seconds} detik. / {what_en}; try again in {seconds} s."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_limited_within_its_window_only() {
        let window = Window::new(3, 1_000, 10);
        for t in 0..3 {
            window.take("a", t).unwrap();
        }
        assert_eq!(window.take("a", 500), Err(Wait(1)));
        window.take("b", 500).unwrap();
        window.take("a", 1_001).unwrap();
    }

    #[test]
    fn a_given_back_event_does_not_count() {
        let window = Window::new(1, 1_000, 10);
        window.take("a", 5).unwrap();
        window.give_back("a", 5);
        window.take("a", 6).unwrap();
        assert!(window.take("a", 7).is_err());
    }

    #[test]
    fn memory_is_bounded_and_expired_keys_make_room() {
        let window = Window::new(5, 1_000, 100);
        for i in 0..100 {
            window.take(&format!("k{i}"), 0).unwrap();
        }
        assert!(window.take("new", 10).is_err(), "full within the window");
        window.take("new", 2_000).unwrap();
        assert_eq!(window.len(), 1, "expired keys were dropped");
    }
}
