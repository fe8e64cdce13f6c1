//! Unsaved input that must reach IndexedDB before the app locks: an open
//! screen registers a saver (the record form: "commit what was typed") and
//! forgets it when it closes; locking awaits every saver first, since after
//! the lock the data key is gone and nothing can be written.

use std::cell::RefCell;

use futures::future::{join_all, LocalBoxFuture};

type Saver = Box<dyn Fn() -> LocalBoxFuture<'static, ()>>;

thread_local! {
    static SAVERS: RefCell<Vec<(u64, Saver)>> = const { RefCell::new(Vec::new()) };
    static NEXT: RefCell<u64> = const { RefCell::new(0) };
}

/// Registers `save`, which resolves once what it saves is committed.
/// Returns the id for [`forget`].
pub fn register(save: impl Fn() -> LocalBoxFuture<'static, ()> + 'static) -> u64 {
    let id = NEXT.with(|n| {
        let mut n = n.borrow_mut();
        *n += 1;
        *n
    });
    SAVERS.with(|s| s.borrow_mut().push((id, Box::new(save))));
    id
}

pub fn forget(id: u64) {
    SAVERS.with(|s| s.borrow_mut().retain(|(i, _)| *i != id));
}

/// Runs every saver and waits for all of them.
pub async fn save_all() {
    let pending: Vec<_> = SAVERS.with(|s| s.borrow().iter().map(|(_, save)| save()).collect());
    join_all(pending).await;
}
