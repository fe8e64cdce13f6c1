//! Who is using the app: the profiles on this device and the unlocked one.
//!
//! A volunteer logs in once online, then sets a PIN (coordinators and
//! administrators a passphrase: `crate::secret`). The profile's data key
//! (random, 32 bytes) is stored only wrapped: by a key derived from the PIN
//! (Argon2id, `platform::pin_key`) and by the account's device key from the
//! server. Unlocking offline unwraps it with the PIN; a forgotten PIN is
//! replaced by logging in again. The key lives in memory only while unlocked (`storage::sealed`),
//! and reloading the app locks it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::account::{Account, Session};

use super::savers;
use super::unlocking::{self, UnlockError};
use crate::platform::{clock, random};
use crate::secret::SecretKind;
use crate::storage::{
    db_name_of, sealed, DeviceProfile, LocalDb, StorageError, StoredSession, DB_NAME,
};

#[derive(Clone, Copy)]
pub struct Profiles {
    /// The profiles on this device (read once at start).
    pub known: RwSignal<Vec<DeviceProfile>>,
    pub loaded: RwSignal<bool>,
    /// The unlocked account.
    pub active: RwSignal<Option<Account>>,
    /// A login that still needs its PIN.
    pub enrolling: RwSignal<Option<Session>>,
    /// A coordinator's or administrator's profile its old PIN opened, which
    /// waits for a passphrase (its data key in `pending_key` meanwhile).
    pub needs_passphrase: RwSignal<Option<DeviceProfile>>,
    pending_key: StoredValue<Option<[u8; 32]>>,
}

impl Profiles {
    pub fn provide() -> Self {
        let this = Self {
            known: RwSignal::new(Vec::new()),
            loaded: RwSignal::new(false),
            active: RwSignal::new(None),
            enrolling: RwSignal::new(None),
            needs_passphrase: RwSignal::new(None),
            pending_key: StoredValue::new(None),
        };
        provide_context(this);
        spawn_local(async move {
            match device_profiles().await {
                Ok(known) => this.known.set(known),
                Err(e) => leptos::logging::error!("could not read the device's profiles: {e}"),
            }
            this.loaded.set(true);
        });
        this
    }

    pub fn use_context() -> Self {
        expect_context()
    }

    /// The unlocked profile's database.
    pub async fn db(self) -> Result<LocalDb, StorageError> {
        let username = self
            .active
            .with_untracked(|a| a.as_ref().map(|a| a.username.clone()))
            .filter(|_| sealed::is_unlocked())
            .ok_or(StorageError::Locked)?;
        LocalDb::open(&db_name_of(&username)).await
    }

    /// Opens `username`'s profile with its PIN or passphrase (see
    /// [`unlocking::open`]). A coordinator whose profile still has a PIN
    /// is not let in yet: `needs_passphrase` asks for one first.
    pub async fn unlock(self, username: &str, secret: &str) -> Result<(), UnlockError> {
        let device = LocalDb::open(DB_NAME).await?;
        let opened = match unlocking::open(&device, username, secret, clock::now_ms()).await {
            Ok(opened) => opened,
            Err(error) => {
                // The wrong try was counted: show the stored count.
                if let Ok(known) = device.profiles().await {
                    self.known.set(known);
                }
                return Err(error);
            }
        };
        if opened.needs_passphrase {
            self.pending_key.set_value(Some(opened.data_key));
            self.replace_known(opened.profile.clone());
            self.needs_passphrase.set(Some(opened.profile));
            return Ok(());
        }
        self.activate(opened.profile, &opened.data_key)
    }

    /// The passphrase a coordinator chose after their old PIN opened the
    /// profile: the same data key, wrapped under it; then unlocked.
    pub async fn replace_pin(self, passphrase: &str) -> Result<(), UnlockError> {
        let (Some(mut profile), Some(data_key)) = (
            self.needs_passphrase.get_untracked(),
            self.pending_key.get_value(),
        ) else {
            return Err(UnlockError::Unknown);
        };
        unlocking::wrap(&mut profile, passphrase, SecretKind::Passphrase, &data_key).await?;
        LocalDb::open(DB_NAME).await?.save_profile(&profile).await?;
        self.pending_key.set_value(None);
        self.needs_passphrase.set(None);
        self.activate(profile, &data_key)
    }

    /// After a login: keeps the profile (recovering its data key with the
    /// device key when it already exists here), sets its new PIN (or
    /// passphrase, by role), stores the session in the profile's database
    /// and unlocks it.
    pub async fn enrol(self, session: &Session, secret: &str) -> Result<(), UnlockError> {
        let kind = SecretKind::required_for(session.account.role);
        kind.check(secret).map_err(UnlockError::BadSecret)?;
        let device_key = parse_key(&session.device_key).ok_or(UnlockError::DeviceKey)?;
        let device = LocalDb::open(DB_NAME).await?;
        let existing = device
            .profiles()
            .await?
            .into_iter()
            .find(|p| p.account.username == session.account.username);
        let data_key: [u8; 32] = match &existing {
            Some(profile) => sealed::open_with(&device_key, &profile.key_by_device_key)
                .and_then(|key| key.try_into().ok())
                .ok_or(UnlockError::DeviceKey)?,
            None => random::bytes::<32>(),
        };
        let mut profile = DeviceProfile {
            account: session.account.clone(),
            salt: Vec::new(),
            kdf: crate::platform::pin_key::Kdf::CURRENT,
            secret: kind,
            key_by_pin: Vec::new(),
            key_by_device_key: sealed::seal_with(&device_key, &data_key),
            failed_unlocks: 0,
            wait_until_ms: 0.0,
        };
        unlocking::wrap(&mut profile, secret, kind, &data_key).await?;
        sealed::unlock(&data_key);
        let stored = StoredSession {
            token: session.token.clone(),
            expires_at_ms: session.expires_at_ms as f64,
            account: session.account.clone(),
        };
        let saved = async {
            LocalDb::open(&profile.db_name())
                .await?
                .save_session(&stored)
                .await?;
            device.save_profile(&profile).await
        }
        .await;
        if let Err(error) = saved {
            sealed::lock();
            return Err(error.into());
        }
        self.activate(profile, &data_key)?;
        self.enrolling.set(None);
        Ok(())
    }

    /// Forgets the key: the app shows the unlock screen.
    pub fn lock(self) {
        sealed::lock();
        self.pending_key.set_value(None);
        self.needs_passphrase.set(None);
        self.active.set(None);
    }

    /// Locks after every open screen's unsaved input is committed to
    /// IndexedDB (a draft being typed; see [`savers`]).
    pub async fn lock_after_saving(self) {
        savers::save_all().await;
        self.lock();
    }

    fn activate(self, profile: DeviceProfile, data_key: &[u8]) -> Result<(), UnlockError> {
        let key: &[u8; 32] = data_key
            .try_into()
            .map_err(|_| UnlockError::Failed("bad data key".into()))?;
        sealed::unlock(key);
        let account = profile.account.clone();
        self.replace_known(profile);
        self.active.set(Some(account));
        Ok(())
    }

    fn replace_known(self, profile: DeviceProfile) {
        self.known.update(|known| {
            known.retain(|p| p.username() != profile.username());
            known.push(profile);
            known.sort_by(|a, b| a.username().cmp(b.username()));
        });
    }
}

async fn device_profiles() -> Result<Vec<DeviceProfile>, StorageError> {
    LocalDb::open(DB_NAME).await?.profiles().await
}

/// 64 hex digits as 32 bytes.
fn parse_key(hex: &str) -> Option<[u8; 32]> {
    let digits = hex.as_bytes();
    if digits.len() != 64 {
        return None;
    }
    let mut key = [0u8; 32];
    for (byte, pair) in key.iter_mut().zip(digits.chunks(2)) {
        *byte = u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()?;
    }
    Some(key)
}
