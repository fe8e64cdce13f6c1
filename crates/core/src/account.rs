//! Accounts, roles and the login messages both sides decode.

use serde::{Deserialize, Serialize};

use crate::RegionCode;

/// What an account may do and see (domain.md section 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Everything, in every kelurahan.
    Admin,
    /// One kelurahan: review, accounts of its volunteers and kiosks.
    Coordinator,
    /// The RTs assigned to it.
    Volunteer,
    /// A kiosk tablet of one kelurahan: may submit, may read nothing.
    Kiosk,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coordinator => "coordinator",
            Role::Volunteer => "volunteer",
            Role::Kiosk => "kiosk",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Role::Admin, Role::Coordinator, Role::Volunteer, Role::Kiosk]
            .into_iter()
            .find(|r| r.as_str() == text)
    }
}

/// One RT inside the account's kelurahan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RtRef {
    pub rw: u16,
    pub rt: u16,
}

/// An account as the API shows it (never its password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub username: String,
    pub role: Role,
    /// Required for every role but admin.
    pub kelurahan: Option<RegionCode>,
    /// A volunteer's assigned RTs (empty for other roles).
    pub rts: Vec<RtRef>,
}

/// `POST /api/auth/login`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// A session: send `token` as `Authorization: Bearer TOKEN`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub token: String,
    /// Milliseconds since the epoch.
    pub expires_at_ms: i64,
    /// The account's device key (64 hex digits): the PWA wraps its local
    /// data key with it too, so a forgotten PIN is recovered by logging in.
    #[serde(default)]
    pub device_key: String,
    pub account: Account,
    /// The password was reset by an administrator or coordinator: until
    /// the holder chooses a new one (`POST /api/auth/password`), this
    /// session may only do that, log out or ask who it is.
    #[serde(default)]
    pub must_change_password: bool,
}

/// The response header that tells a device its session was ended by an
/// administrator or coordinator (or its account disabled), not merely
/// expired: the device sends what it still holds, then erases the account.
pub const SESSION_HEADER: &str = "rukun-session";
/// [`SESSION_HEADER`]'s value for an ended session.
pub const SESSION_ENDED: &str = "ended";

/// An account as the Akun screen lists it: on the wire the account's
/// fields and these two side by side (through [`FlatAccountInfo`]: serde's
/// `flatten` costs the PWA kilobytes of buffering code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "FlatAccountInfo", into = "FlatAccountInfo")]
pub struct AccountInfo {
    pub account: Account,
    /// A disabled account cannot log in and its sessions answer 401.
    pub active: bool,
    /// Its password was reset and not yet replaced by its holder.
    pub must_change_password: bool,
}

/// [`AccountInfo`] as JSON.
#[derive(Clone, Serialize, Deserialize)]
struct FlatAccountInfo {
    username: String,
    role: Role,
    kelurahan: Option<RegionCode>,
    rts: Vec<RtRef>,
    active: bool,
    must_change_password: bool,
}

impl From<FlatAccountInfo> for AccountInfo {
    fn from(flat: FlatAccountInfo) -> Self {
        let FlatAccountInfo {
            username,
            role,
            kelurahan,
            rts,
            active,
            must_change_password,
        } = flat;
        Self {
            account: Account {
                username,
                role,
                kelurahan,
                rts,
            },
            active,
            must_change_password,
        }
    }
}

impl From<AccountInfo> for FlatAccountInfo {
    fn from(info: AccountInfo) -> Self {
        let Account {
            username,
            role,
            kelurahan,
            rts,
        } = info.account;
        Self {
            username,
            role,
            kelurahan,
            rts,
            active: info.active,
            must_change_password: info.must_change_password,
        }
    }
}

/// `PATCH /api/accounts/{username}`: any of the three.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountChange {
    /// `false` disables the account (and ends its sessions), `true` enables it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// A volunteer's new RTs (replaces the old list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rts: Option<Vec<RtRef>>,
    /// `true`: a new one-time password, shown once; the holder must choose
    /// their own at the next login. Ends the account's sessions.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub password_reset: bool,
}

/// The answer to a [`AccountChange`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountChanged {
    pub account: AccountInfo,
    /// Only after `password_reset`: give it to the holder; it is not stored
    /// anywhere readable and cannot be shown again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub one_time_password: Option<String>,
}

/// One session of an account (`GET /api/accounts/{username}/sessions`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// End it with `DELETE /api/sessions/{id}`.
    pub id: i64,
    /// Browser and system, from the login's User-Agent (e.g. "Chrome 131 · Android").
    pub device: String,
    pub created_ms: i64,
    pub last_seen_ms: i64,
    pub expires_at_ms: i64,
    /// The session making this request.
    pub current: bool,
}

/// `POST /api/auth/password`: the holder changes their own password.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PasswordChange {
    pub current: String,
    pub new: String,
}

/// Whether `password` is an acceptable new password: the same rule as for
/// a new account.
pub fn password_problem(password: &str) -> Option<&'static str> {
    let chars = password.chars().count();
    (!(MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&chars))
        .then_some("Kata sandi 8-128 karakter. / Password: 8-128 characters.")
}

/// `POST /api/accounts`: an administrator or coordinator creates an account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewAccount {
    pub username: String,
    pub password: String,
    pub role: Role,
    pub kelurahan: Option<RegionCode>,
    #[serde(default)]
    pub rts: Vec<RtRef>,
}

/// Limits every password meets (NIST 800-63B: length, not composition).
pub const MIN_PASSWORD_CHARS: usize = 8;
pub const MAX_PASSWORD_CHARS: usize = 128;

impl NewAccount {
    /// Why the account cannot be created as asked, in Bahasa Indonesia and
    /// English, or `None`.
    pub fn problem(&self) -> Option<&'static str> {
        let name_ok = (3..=40).contains(&self.username.len())
            && self.username.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_' || c == '-'
            });
        if !name_ok {
            Some("Nama pengguna 3-40 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung. / Username: 3-40 lower-case letters, digits, '.', '_' or '-'.")
        } else if let Some(problem) = password_problem(&self.password) {
            Some(problem)
        } else if self.role != Role::Admin
            && self
                .kelurahan
                .as_ref()
                .is_none_or(|k| k.level() != crate::RegionLevel::Kelurahan)
        {
            Some("Akun selain administrator harus punya kelurahan. / Every account but an administrator needs a kelurahan.")
        } else if self.role == Role::Admin && self.kelurahan.is_some() {
            Some("Administrator bekerja untuk seluruh kota, tanpa kelurahan. / An administrator works for the whole city, with no kelurahan.")
        } else if self.role != Role::Volunteer && !self.rts.is_empty() {
            Some("Hanya relawan yang ditugaskan ke RT. / Only volunteers are assigned RTs.")
        } else if self.role == Role::Volunteer && self.rts.is_empty() {
            Some("Relawan harus ditugaskan ke paling sedikit satu RT. / A volunteer needs at least one RT.")
        } else {
            None
        }
    }
}
