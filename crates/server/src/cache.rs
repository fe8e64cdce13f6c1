//! A small in-memory cache of recent answers with a time to live, for the
//! public routes: the office board and receipt look-ups are asked often and
//! change slowly. Bounded: at `capacity` entries expired ones are dropped,
//! and if none has expired nothing new is kept.

use std::collections::HashMap;
use std::sync::Mutex;

pub struct TtlCache<V> {
    ttl_ms: i64,
    capacity: usize,
    entries: Mutex<HashMap<String, (i64, V)>>,
}

impl<V: Clone> TtlCache<V> {
    pub fn new(ttl_ms: i64, capacity: usize) -> Self {
        Self {
            ttl_ms,
            capacity,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// The value kept for `key`, if it is younger than the time to live.
    pub fn get(&self, key: &str, now_ms: i64) -> Option<V> {
        let entries = self.entries.lock().expect("cache lock");
        entries
            .get(key)
            .filter(|(at, _)| now_ms - at < self.ttl_ms)
            .map(|(_, value)| value.clone())
    }

    pub fn put(&self, key: &str, value: V, now_ms: i64) {
        let mut entries = self.entries.lock().expect("cache lock");
        if entries.len() >= self.capacity && !entries.contains_key(key) {
            entries.retain(|_, (at, _)| now_ms - *at < self.ttl_ms);
            if entries.len() >= self.capacity {
                return;
            }
        }
        entries.insert(key.to_owned(), (now_ms, value));
    }
}

impl<V> TtlCache<V> {
    /// Forgets `key` (its value changed).
    pub fn remove(&self, key: &str) {
        self.entries.lock().expect("cache lock").remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_live_for_their_time_and_the_size_is_bounded() {
        let cache = TtlCache::new(1_000, 2);
        cache.put("a", 1, 0);
        assert_eq!(cache.get("a", 999), Some(1));
        assert_eq!(cache.get("a", 1_000), None);
        cache.put("b", 2, 0);
        cache.put("c", 3, 10);
        assert_eq!(cache.get("c", 20), None, "full: not kept");
        cache.put("c", 3, 1_500);
        assert_eq!(cache.get("c", 1_600), Some(3), "expired entries made room");
    }
}
