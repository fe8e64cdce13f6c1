//! Who may write and read which records (sync.md guarantee 6), enforced on
//! every push and pull.

use rukun_core::account::{Account, Role};
use rukun_core::form::Text;
use rukun_core::sync::Mutation;
use rukun_core::AreaSelection;

use crate::error::AppError;
use crate::store::PullScope;

/// Whether `account` works with the records of `area`: a volunteer in
/// their RTs, a coordinator in their kelurahan, an administrator anywhere.
/// A kiosk works with no records: it only sends sealed submissions.
pub fn works_in(account: &Account, area: &AreaSelection) -> bool {
    let in_kelurahan = account.kelurahan == Some(area.kelurahan);
    match account.role {
        Role::Admin => true,
        Role::Kiosk => false,
        Role::Coordinator => in_kelurahan,
        Role::Volunteer => {
            in_kelurahan
                && account
                    .rts
                    .iter()
                    .any(|r| r.rw == area.rw && r.rt == area.rt)
        }
    }
}

/// Why `account` may not make this change, or `None` when it may.
pub fn write_refusal(account: &Account, mutation: &Mutation) -> Option<Text> {
    let Some(area) = AreaSelection::from_key(&mutation.area) else {
        return Some(Text::new(
            &format!("Wilayah {:?} tidak valid.", mutation.area),
            &format!("Invalid area {:?}.", mutation.area),
        ));
    };
    (!works_in(account, &area)).then(|| {
        Text::new(
            &format!(
                "Akun {} tidak boleh mengubah data {}.",
                account.username,
                area.rt_rw_label()
            ),
            &format!(
                "Account {} may not change records of {}.",
                account.username,
                area.rt_rw_label()
            ),
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
