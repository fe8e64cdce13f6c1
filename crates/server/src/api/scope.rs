//! Who may look at and act on which kelurahan's records in the console:
//! coordinators their own, administrators any; everyone else is refused.

use rukun_core::account::{Account, Role};
use rukun_core::{AreaSelection, RegionCode, RegionLevel};

use crate::error::AppError;
use crate::sync::works_in;
use crate::AppState;

/// The kelurahan `account` may follow: a coordinator's own (asking for
/// another is a 403), any for an administrator (who must name one).
pub fn kelurahan_for(account: &Account, asked: Option<&str>) -> Result<RegionCode, AppError> {
    let asked = asked
        .map(|text| {
            RegionCode::parse(text)
                .ok()
                .filter(|code| code.level() == RegionLevel::Kelurahan)
                .ok_or_else(|| {
                    AppError::BadRequest(format!(
                        "Kode kelurahan {text:?} tidak valid. / Invalid kelurahan code {text:?}."
                    ))
                })
        })
        .transpose()?;
    match (account.role, account.kelurahan, asked) {
        (Role::Admin, _, Some(code)) => Ok(code),
        (Role::Admin, _, None) => Err(AppError::BadRequest(
            "Sebutkan kelurahan=KODE. / Give kelurahan=CODE.".into(),
        )),
        (Role::Coordinator, Some(own), None) => Ok(own),
        (Role::Coordinator, Some(own), Some(code)) if code == own => Ok(own),
        _ => Err(AppError::Forbidden(
            "Akun ini tidak melihat data kelurahan itu. / This account does not see that kelurahan's data.".into(),
        )),
    }
}

/// Only coordinators and administrators review, edit and export.
pub fn require_reviewer(account: &Account) -> Result<(), AppError> {
    if matches!(account.role, Role::Admin | Role::Coordinator) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "Hanya koordinator dan administrator yang meninjau data. / Only coordinators and administrators review records.".into(),
        ))
    }
}

/// The area of a stored record `account` may review: 404 for an unknown
/// record and, answered the same way, for another kelurahan's (the answer
/// says nothing about what exists elsewhere, nor where).
pub async fn reviewable_area(
    state: &AppState,
    account: &Account,
    record_id: &str,
) -> Result<AreaSelection, AppError> {
    require_reviewer(account)?;
    let not_found = || {
        AppError::NotFound("Data ini tidak ada di server. / No such record on the server.".into())
    };
    let area = state
        .store
        .record_area(record_id)
        .await?
        .ok_or_else(not_found)?;
    let area = AreaSelection::from_key(&area).ok_or_else(not_found)?;
    if !works_in(account, &area) {
        return Err(not_found());
    }
    Ok(area)
}
