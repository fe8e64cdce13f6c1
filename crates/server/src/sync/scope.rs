//! Who may write and read which records (sync.md guarantee 6), enforced on
//! every push and pull.

use rukun_core::account::{Account, Role};
use rukun_core::sync::{Mutation, Op};
use rukun_core::AreaSelection;

use crate::error::AppError;
use crate::store::PullScope;

/// Why `account` may not make this change, or `None` when it may.
pub fn write_refusal(account: &Account, mutation: &Mutation) -> Option<String> {
    let Some(area) = AreaSelection::from_key(&mutation.area) else {
        return Some(format!(
            "Wilayah {:?} tidak valid. / Invalid area.",
            mutation.area
        ));
    };
    let in_kelurahan = account.kelurahan == Some(area.kelurahan);
    let allowed = match account.role {
        Role::Admin => true,
        Role::Coordinator => in_kelurahan,
        Role::Volunteer => {
            in_kelurahan
                && account
                    .rts
                    .iter()
                    .any(|r| r.rw == area.rw && r.rt == area.rt)
        }
        // A kiosk submits new reports; it never edits or deletes.
        Role::Kiosk => in_kelurahan && mutation.base_version == 0 && mutation.op == Op::Upsert,
    };
    (!allowed).then(|| {
        format!(
            "Akun {} tidak boleh mengubah data {}. / Account {} may not change records of {}.",
            account.username,
            area.rt_rw_label(),
            account.username,
            mutation.area
        )
    })
}

/// The records a pull by `account` may return.
pub fn pull_scope(account: &Account) -> Result<PullScope, AppError> {
    match (account.role, account.kelurahan) {
        (Role::Admin, _) => Ok(PullScope::All),
        (Role::Coordinator, Some(code)) => Ok(PullScope::Kelurahan(code)),
        (Role::Volunteer, Some(code)) => Ok(PullScope::Areas(
            account
                .rts
                .iter()
                .map(|r| {
                    AreaSelection {
                        kelurahan: code,
                        rw: r.rw,
                        rt: r.rt,
                    }
                    .key()
                })
                .collect(),
        )),
        _ => Err(AppError::Forbidden(
            "Akun ini tidak boleh membaca data. / This account may not read records.".into(),
        )),
    }
}
