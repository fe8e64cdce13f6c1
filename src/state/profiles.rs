//! Who is using the app: the profiles on this device and the unlocked one.
//!
//! A volunteer logs in once online, then sets a PIN. The profile's data key
//! (random, 32 bytes) is stored only wrapped: by a key derived from the PIN
//! and by the account's device key from the server. Unlocking offline
//! unwraps it with the PIN; a forgotten PIN is replaced by logging in
//! again. The key lives in memory only while unlocked (`storage::sealed`),
//! and reloading the app locks it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::account::{Account, Session};

use crate::platform::{clock, pin_key, random};
use crate::storage::{
    db_name_of, sealed, DeviceProfile, LocalDb, StorageError, StoredSession, DB_NAME,
};

/// Wrong PINs allowed before each try has to wait; the wait doubles.
const FREE_TRIES: u32 = 5;
const FIRST_WAIT_MS: f64 = 30_000.0;
const LONGEST_WAIT_MS: f64 = 15.0 * 60_000.0;
pub const PIN_DIGITS: usize = 6;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum UnlockError {
    #[error("wrong PIN")]
    WrongPin,
    #[error("wait {0} s")]
    Wait(u64),
    #[error("the PIN needs {PIN_DIGITS} digits")]
    BadPin,
    #[error("no such profile on this device")]
    Unknown,
    #[error("the device key does not open this profile")]
    DeviceKey,
    #[error("{0}")]
    Failed(String),
}

impl From<StorageError> for UnlockError {
    fn from(error: StorageError) -> Self {
        UnlockError::Failed(error.to_string())
    }
}

#[derive(Clone, Copy)]
pub struct Profiles {
    /// The profiles on this device (read once at start).
    pub known: RwSignal<Vec<DeviceProfile>>,
    pub loaded: RwSignal<bool>,
    /// The unlocked account.
    pub active: RwSignal<Option<Account>>,
    /// A login that still needs its PIN.
    pub enrolling: RwSignal<Option<Session>>,
}

impl Profiles {
    pub fn provide() -> Self {
        let this = Self {
            known: RwSignal::new(Vec::new()),
            loaded: RwSignal::new(false),
            active: RwSignal::new(None),
            enrolling: RwSignal::new(None),
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

    /// Opens `username`'s profile with `pin`. Wrong PINs are counted on the
    /// device, so a reload does not reset the wait.
    pub async fn unlock(self, username: &str, pin: &str) -> Result<(), UnlockError> {
        let device = LocalDb::open(DB_NAME).await?;
        let mut profile = device
            .profiles()
            .await?
            .into_iter()
            .find(|p| p.username() == username)
            .ok_or(UnlockError::Unknown)?;
        let now = clock::now_ms();
        if profile.wait_until_ms > now {
            return Err(UnlockError::Wait(
                ((profile.wait_until_ms - now) / 1000.0).ceil() as u64,
            ));
        }
        let pin_key = pin_key::derive(pin, &profile.salt, profile.iterations)
            .await
            .map_err(UnlockError::Failed)?;
        let Some(data_key) = sealed::open_with(&pin_key, &profile.key_by_pin) else {
            profile.failed_unlocks += 1;
            if profile.failed_unlocks >= FREE_TRIES {
                let doublings = (profile.failed_unlocks - FREE_TRIES).min(5);
                profile.wait_until_ms =
                    now + (FIRST_WAIT_MS * f64::from(1u32 << doublings)).min(LONGEST_WAIT_MS);
            }
            device.save_profile(&profile).await?;
            self.replace_known(profile);
            return Err(UnlockError::WrongPin);
        };
        profile.failed_unlocks = 0;
        profile.wait_until_ms = 0.0;
        device.save_profile(&profile).await?;
        self.activate(profile, &data_key)
    }

    /// After a login: keeps the profile (recovering its data key with the
    /// device key when it already exists here), sets its new PIN, stores
    /// the session in the profile's database and unlocks it.
    pub async fn enrol(self, session: &Session, pin: &str) -> Result<(), UnlockError> {
        if pin.len() != PIN_DIGITS || !pin.bytes().all(|b| b.is_ascii_digit()) {
            return Err(UnlockError::BadPin);
        }
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
        let salt = random::bytes::<16>().to_vec();
        let pin_key = pin_key::derive(pin, &salt, pin_key::ITERATIONS)
            .await
            .map_err(UnlockError::Failed)?;
        let profile = DeviceProfile {
            account: session.account.clone(),
            salt,
            iterations: pin_key::ITERATIONS,
            key_by_pin: sealed::seal_with(&pin_key, &data_key),
            key_by_device_key: sealed::seal_with(&device_key, &data_key),
            failed_unlocks: 0,
            wait_until_ms: 0.0,
        };
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
        self.active.set(None);
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
