//! The kiosk at the kelurahan office (issue 6), client side: how this
//! tablet was set up as a kiosk (kept in localStorage: nothing in it is
//! about a resident) and sealing a resident's submission to the server's
//! key. The queue is `storage::KioskQueue`, sending is `state::Kiosk`, the
//! screens are `pages::kiosk`.

mod seal;

use gloo_storage::{LocalStorage, Storage};
use rukun_core::kiosk::KioskKey;
use rukun_core::Kelurahan;
use serde::{Deserialize, Serialize};

pub use seal::seal;

const SETUP_KEY: &str = "rukun.kiosk";
/// Seconds without a touch before the kiosk clears itself, unless the
/// coordinator chose otherwise.
pub const DEFAULT_IDLE_SECONDS: u32 = 90;
pub const MIN_IDLE_SECONDS: u32 = 15;
pub const MAX_IDLE_SECONDS: u32 = 600;

/// This tablet as a kiosk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KioskSetup {
    /// The kiosk account and its token (it may only submit).
    pub username: String,
    pub token: String,
    /// The kelurahan the kiosk serves, with its RWs and RTs.
    pub kelurahan: Kelurahan,
    /// The coordinator who set it up: their PIN leaves kiosk mode.
    pub coordinator: String,
    /// The server's key submissions are sealed to.
    pub key: KioskKey,
    pub idle_seconds: u32,
}

/// The setup, if this tablet is a kiosk.
pub fn load() -> Option<KioskSetup> {
    LocalStorage::get(SETUP_KEY).ok()
}

pub fn save(setup: &KioskSetup) -> Result<(), String> {
    LocalStorage::set(SETUP_KEY, setup).map_err(|e| e.to_string())
}

pub fn forget() {
    LocalStorage::delete(SETUP_KEY);
}

/// A kiosk token whose revocation the server has not confirmed yet (the
/// tablet left kiosk mode offline); revoked at the next chance.
const REVOKE_KEY: &str = "rukun.kiosk.revoke";

pub fn remember_revocation(token: &str) {
    let _ = LocalStorage::set(REVOKE_KEY, token);
}

pub fn pending_revocation() -> Option<String> {
    LocalStorage::get(REVOKE_KEY).ok()
}

pub fn revocation_done() {
    LocalStorage::delete(REVOKE_KEY);
}
