//! What unlocks a profile on this device: a 6-digit PIN for volunteers and
//! kiosk staff, a passphrase of at least [`PASSPHRASE_MIN`] characters for
//! coordinators and administrators, whose accounts see a whole kelurahan.
//! Plain rules, the same for the set, unlock and kiosk screens.

use rukun_core::account::Role;
use serde::{Deserialize, Serialize};

pub const PIN_DIGITS: usize = 6;
pub const PASSPHRASE_MIN: usize = 8;

/// The kind of secret a profile was wrapped with (profiles stored before
/// issue 14 have none recorded: they all used a PIN).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SecretKind {
    #[default]
    Pin,
    Passphrase,
}

/// Why a typed secret is not acceptable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SecretProblem {
    #[error("the PIN needs {PIN_DIGITS} digits")]
    NotSixDigits,
    #[error("the passphrase needs at least {PASSPHRASE_MIN} characters")]
    TooShort,
}

impl SecretKind {
    /// What an account of `role` must unlock with.
    pub fn required_for(role: Role) -> Self {
        match role {
            Role::Admin | Role::Coordinator => SecretKind::Passphrase,
            Role::Volunteer | Role::Kiosk => SecretKind::Pin,
        }
    }

    /// Whether `secret` has this kind's shape (characters, not bytes: a
    /// passphrase may be in any script).
    pub fn check(self, secret: &str) -> Result<(), SecretProblem> {
        match self {
            SecretKind::Pin
                if secret.len() == PIN_DIGITS && secret.bytes().all(|b| b.is_ascii_digit()) =>
            {
                Ok(())
            }
            SecretKind::Pin => Err(SecretProblem::NotSixDigits),
            SecretKind::Passphrase if secret.chars().count() >= PASSPHRASE_MIN => Ok(()),
            SecretKind::Passphrase => Err(SecretProblem::TooShort),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_who_see_a_kelurahan_need_a_passphrase() {
        assert_eq!(
            SecretKind::required_for(Role::Coordinator),
            SecretKind::Passphrase
        );
        assert_eq!(
            SecretKind::required_for(Role::Admin),
            SecretKind::Passphrase
        );
        assert_eq!(SecretKind::required_for(Role::Volunteer), SecretKind::Pin);
        assert_eq!(SecretKind::required_for(Role::Kiosk), SecretKind::Pin);
    }

    #[test]
    fn a_pin_is_six_digits_and_a_passphrase_eight_characters() {
        assert_eq!(SecretKind::Pin.check("123456"), Ok(()));
        for bad in ["12345", "1234567", "12345a", "١٢٣٤٥٦"] {
            assert_eq!(SecretKind::Pin.check(bad), Err(SecretProblem::NotSixDigits));
        }
        assert_eq!(SecretKind::Passphrase.check("kopi tubruk"), Ok(()));
        assert_eq!(SecretKind::Passphrase.check("rukun-rw"), Ok(()));
        assert_eq!(SecretKind::Passphrase.check("éééééééé"), Ok(()));
        for bad in ["123456", "1234567", ""] {
            assert_eq!(
                SecretKind::Passphrase.check(bad),
                Err(SecretProblem::TooShort)
            );
        }
    }
}
