//! The key handling behind [`super::Profiles`], without signals (so the
//! browser tests call it directly): open a profile with its secret,
//! counting wrong tries; wrap a data key under a new secret; move an old
//! profile to the current KDF on a successful unlock.

use crate::platform::pin_key::{self, Kdf};
use crate::platform::random;
use crate::secret::{SecretKind, SecretProblem};
use crate::storage::{sealed, DeviceProfile, LocalDb, StorageError};

/// Wrong secrets allowed before each try has to wait; the wait doubles.
const FREE_TRIES: u32 = 5;
const FIRST_WAIT_MS: f64 = 30_000.0;
const LONGEST_WAIT_MS: f64 = 15.0 * 60_000.0;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum UnlockError {
    #[error("wrong PIN or passphrase")]
    WrongSecret,
    #[error("wait {0} s")]
    Wait(u64),
    #[error("{0}")]
    BadSecret(SecretProblem),
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

/// A profile its secret opened.
#[derive(Debug)]
pub struct Opened {
    /// As saved after this unlock (counters reset, current KDF).
    pub profile: DeviceProfile,
    pub data_key: [u8; 32],
    /// The account's role now needs a passphrase and the profile still has
    /// a PIN: the user must choose one before going on.
    pub needs_passphrase: bool,
}

/// Opens `username`'s profile in the device database with `secret` at
/// `now_ms`. A wrong secret is counted in the database (a reload does not
/// reset the wait); a right one resets the count and, when the profile's
/// KDF is not [`Kdf::CURRENT`], wraps the data key again under it with a
/// fresh salt before saving.
pub async fn open(
    device: &LocalDb,
    username: &str,
    secret: &str,
    now_ms: f64,
) -> Result<Opened, UnlockError> {
    let mut profile = device
        .profiles()
        .await?
        .into_iter()
        .find(|p| p.username() == username)
        .ok_or(UnlockError::Unknown)?;
    if profile.wait_until_ms > now_ms {
        return Err(UnlockError::Wait(
            ((profile.wait_until_ms - now_ms) / 1000.0).ceil() as u64,
        ));
    }
    let key = pin_key::derive(secret, &profile.salt, profile.kdf)
        .await
        .map_err(UnlockError::Failed)?;
    let opened = sealed::open_with(&key, &profile.key_by_pin).and_then(|k| k.try_into().ok());
    let Some(data_key) = opened else {
        profile.failed_unlocks += 1;
        if profile.failed_unlocks >= FREE_TRIES {
            let doublings = (profile.failed_unlocks - FREE_TRIES).min(5);
            profile.wait_until_ms =
                now_ms + (FIRST_WAIT_MS * f64::from(1u32 << doublings)).min(LONGEST_WAIT_MS);
        }
        device.save_profile(&profile).await?;
        return Err(UnlockError::WrongSecret);
    };
    profile.failed_unlocks = 0;
    profile.wait_until_ms = 0.0;
    if profile.kdf.is_outdated() {
        let kind = profile.secret;
        wrap(&mut profile, secret, kind, &data_key).await?;
    }
    device.save_profile(&profile).await?;
    let needs_passphrase = SecretKind::required_for(profile.account.role) == SecretKind::Passphrase
        && profile.secret == SecretKind::Pin;
    Ok(Opened {
        profile,
        data_key,
        needs_passphrase,
    })
}

/// Wraps `data_key` in `profile` under `secret` of `kind`: a fresh salt and
/// [`Kdf::CURRENT`]. Saving is the caller's.
pub async fn wrap(
    profile: &mut DeviceProfile,
    secret: &str,
    kind: SecretKind,
    data_key: &[u8; 32],
) -> Result<(), UnlockError> {
    kind.check(secret).map_err(UnlockError::BadSecret)?;
    let salt = random::bytes::<16>().to_vec();
    let key = pin_key::derive(secret, &salt, Kdf::CURRENT)
        .await
        .map_err(UnlockError::Failed)?;
    profile.salt = salt;
    profile.kdf = Kdf::CURRENT;
    profile.secret = kind;
    profile.key_by_pin = sealed::seal_with(&key, data_key);
    Ok(())
}
