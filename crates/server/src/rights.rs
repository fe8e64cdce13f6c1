//! Residents' rights under UU 27/2022 (issue 16): the privacy notice's
//! versions, and requests about a household's data. A resident proves a
//! household is theirs with its receipt code and the NIK of the head of
//! the family; the NIK is compared and never stored. A request has an
//! owner, a state and a deadline; honouring an erasure erases the
//! household everywhere (`records::erase`).

use rukun_core::account::{Account, Role};
use rukun_core::consent::{
    head_nik, DataRequest, NewNotice, NewRequest, RequestAction, RequestKind, RequestState,
    RequestStep, MAX_REQUEST_TEXT,
};
use rukun_core::form::Text;
use rukun_core::identity::Nik;
use rukun_core::kiosk::{is_receipt, normalise_receipt};

use crate::config::Config;
use crate::error::AppError;
use crate::store::{NewStoredRequest, Store, StoreError};
use crate::AppState;

/// How long each kind of request may take, in milliseconds.
#[derive(Debug, Clone, Copy)]
pub struct Deadlines {
    pub access_ms: i64,
    pub correction_ms: i64,
    pub erasure_ms: i64,
}

impl From<&Config> for Deadlines {
    fn from(config: &Config) -> Self {
        let ms = |hours: u32| i64::from(hours) * 3_600_000;
        Self {
            access_ms: ms(config.access_deadline_hours),
            correction_ms: ms(config.correction_deadline_hours),
            erasure_ms: ms(config.erasure_deadline_hours),
        }
    }
}

impl Deadlines {
    pub fn due(&self, kind: RequestKind, from_ms: i64) -> i64 {
        from_ms
            + match kind {
                RequestKind::Access => self.access_ms,
                RequestKind::Correction => self.correction_ms,
                RequestKind::Erasure => self.erasure_ms,
            }
    }
}

/// Publishes the first notice into a database that has none.
pub async fn publish_built_in_notice(store: &dyn Store) -> Result<(), StoreError> {
    if store.notices().await?.is_empty() {
        store
            .publish_notice(
                &rukun_core::consent::built_in_notice(),
                "system",
                false,
                crate::auth::now_ms(),
            )
            .await?;
    }
    Ok(())
}

/// Publishes an administrator's next notice version.
pub async fn publish_notice(
    state: &AppState,
    account: &Account,
    notice: &NewNotice,
    now_ms: i64,
) -> Result<(), AppError> {
    require_notice_publisher(account)?;
    let latest = state.store.notices().await?.last().map_or(0, |n| n.version);
    if notice.version <= latest {
        return Err(conflict(
            &format!("Versi {} sudah terbit.", notice.version),
            &format!("Version {} is already published.", notice.version),
        ));
    }
    if let Some(problem) = notice.problem(latest) {
        return Err(bad(&problem));
    }
    if !state
        .store
        .publish_notice(notice, &account.username, true, now_ms)
        .await?
    {
        return Err(conflict(
            &format!("Versi {} sudah terbit.", notice.version),
            &format!("Version {} is already published.", notice.version),
        ));
    }
    Ok(())
}

/// Only administrators publish the privacy notice.
pub fn require_notice_publisher(account: &Account) -> Result<(), AppError> {
    if account.role == Role::Admin {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "Hanya administrator yang menerbitkan pemberitahuan privasi. / Only administrators publish the privacy notice.".into(),
        ))
    }
}

/// The live household (and its kelurahan) whose receipt is
/// `typed_receipt` and whose head of family has `nik`, within `kelurahan`
/// (`None`: the city), if there is one.
pub async fn matching_household(
    state: &AppState,
    typed_receipt: &str,
    nik: &str,
    kelurahan: Option<&str>,
) -> Result<Option<(String, String)>, AppError> {
    let receipt = normalise_receipt(typed_receipt);
    if !is_receipt(&receipt) {
        return Ok(None);
    }
    let Ok(nik) = Nik::parse(nik) else {
        return Ok(None);
    };
    for (record_id, kelurahan) in state
        .store
        .households_with_receipt(&receipt, kelurahan)
        .await?
    {
        let Some(detail) = state.store.record_detail(&record_id).await? else {
            continue;
        };
        if head_nik(&detail.answers).and_then(|n| Nik::parse(n).ok()) == Some(nik.clone()) {
            return Ok(Some((record_id, kelurahan)));
        }
    }
    Ok(None)
}

/// A request a coordinator (or administrator) records at the office.
pub async fn create(
    state: &AppState,
    account: &Account,
    new: &NewRequest,
    now_ms: i64,
) -> Result<DataRequest, AppError> {
    let own = reviewer_kelurahan(account)?;
    check_new(new)?;
    let (record_id, kelurahan) = matching_household(state, &new.receipt, &new.nik, own.as_deref())
        .await?
        .ok_or_else(no_household)?;
    store_new(state, account, new, kelurahan, record_id, now_ms).await
}

async fn store_new(
    state: &AppState,
    account: &Account,
    new: &NewRequest,
    kelurahan: String,
    record_id: String,
    now_ms: i64,
) -> Result<DataRequest, AppError> {
    Ok(state
        .store
        .create_request(&NewStoredRequest {
            kind: new.kind,
            kelurahan,
            record_id: Some(record_id),
            source: "console".into(),
            kiosk_receipt: None,
            detail: new.detail.trim().to_owned(),
            owner: Some(account.username.clone()),
            actor: account.username.clone(),
            created_ms: now_ms,
            due_ms: state.deadlines.due(new.kind, now_ms),
        })
        .await?)
}

fn check_new(new: &NewRequest) -> Result<(), AppError> {
    if Nik::parse(&new.nik).is_err() {
        return Err(bad(&Text::new(
            "NIK kepala keluarga harus 16 angka sesuai KTP.",
            "The head of the family's NIK is the 16 digits on the ID card.",
        )));
    }
    if new.kind == RequestKind::Correction && new.detail.trim().chars().count() < 5 {
        return Err(bad(&Text::new(
            "Tuliskan apa yang perlu diperbaiki.",
            "Say what should be corrected.",
        )));
    }
    if new.detail.chars().count() > MAX_REQUEST_TEXT || new.receipt.chars().count() > 64 {
        return Err(bad(&Text::new(
            "Tulisan terlalu panjang (paling banyak 1.000 huruf).",
            "Too long (at most 1,000 characters).",
        )));
    }
    Ok(())
}

/// A kiosk's data request, opened: filed in the kiosk's kelurahan, matched
/// to a household when its receipt and head's NIK fit one there.
pub struct FromKiosk<'a> {
    pub kiosk: &'a str,
    pub kelurahan: &'a str,
    pub kiosk_receipt: &'a str,
    pub kind: RequestKind,
    pub household_receipt: &'a str,
    pub nik: &'a str,
    pub detail: &'a str,
}

pub async fn file_from_kiosk(
    state: &AppState,
    from: &FromKiosk<'_>,
    now_ms: i64,
) -> Result<(), AppError> {
    let record_id = matching_household(
        state,
        from.household_receipt,
        from.nik,
        Some(from.kelurahan),
    )
    .await?
    .map(|(record_id, _)| record_id);
    state
        .store
        .create_request(&NewStoredRequest {
            kind: from.kind,
            kelurahan: from.kelurahan.to_owned(),
            record_id,
            source: "kiosk".into(),
            kiosk_receipt: Some(from.kiosk_receipt.to_owned()),
            detail: from.detail.trim().to_owned(),
            owner: None,
            actor: from.kiosk.to_owned(),
            created_ms: now_ms,
            due_ms: state.deadlines.due(from.kind, now_ms),
        })
        .await?;
    Ok(())
}

/// A request `account` may see: in its kelurahan (administrators: any);
/// another kelurahan's answers 404 like a missing one.
pub async fn visible(
    state: &AppState,
    account: &Account,
    id: i64,
    now_ms: i64,
) -> Result<DataRequest, AppError> {
    let own = reviewer_kelurahan(account)?;
    state
        .store
        .request(id, now_ms)
        .await?
        .filter(|r| own.as_ref().is_none_or(|k| *k == r.kelurahan))
        .ok_or_else(|| AppError::NotFound("Permintaan ini tidak ada. / No such request.".into()))
}

/// One step on a request (see [`RequestStep`]).
pub async fn act(
    state: &AppState,
    account: &Account,
    id: i64,
    action: &RequestAction,
    now_ms: i64,
) -> Result<DataRequest, AppError> {
    let request = visible(state, account, id, now_ms).await?;
    if request.state != RequestState::Open {
        return Err(conflict(
            "Permintaan ini sudah selesai.",
            "This request is already closed.",
        ));
    }
    let note = action.note.trim();
    if note.chars().count() > MAX_REQUEST_TEXT {
        return Err(bad(&Text::new(
            "Catatan terlalu panjang (paling banyak 1.000 huruf).",
            "The note is too long (at most 1,000 characters).",
        )));
    }
    let household = || {
        request.record_id.clone().ok_or_else(|| {
            conflict(
                "Tidak ada keluarga yang cocok dengan kode dan NIK ini: tolak dengan alasan.",
                "No household matches this receipt and NIK: decline it with a reason.",
            )
        })
    };
    let user = &account.username;
    let closed = match (action.step, request.kind) {
        (RequestStep::Take, _) => state.store.take_request(id, user, now_ms).await?,
        (RequestStep::Decline, _) => {
            if note.is_empty() {
                return Err(bad(&Text::new(
                    "Tuliskan alasan penolakan (warga berhak mengetahuinya).",
                    "Give the reason for declining (the resident has a right to know it).",
                )));
            }
            close(state, id, RequestState::Declined, user, note, now_ms).await?
        }
        (RequestStep::Handed, RequestKind::Access) => {
            household()?;
            close(state, id, RequestState::Done, user, note, now_ms).await?
        }
        (RequestStep::ReturnToVolunteer, RequestKind::Correction) => {
            let record_id = household()?;
            let comment = format!(
                "Permintaan perbaikan dari warga (#{id}): {}{}",
                request.detail.trim(),
                if note.is_empty() {
                    String::new()
                } else {
                    format!(" Catatan koordinator: {note}")
                }
            );
            crate::kiosk::return_to_volunteer(state, account, &record_id, comment, now_ms).await?;
            close(state, id, RequestState::Done, user, note, now_ms).await?
        }
        (RequestStep::Erase, RequestKind::Erasure) => {
            let record_id = household()?;
            crate::records::erase(&*state.store, id, &record_id, user, now_ms).await?
        }
        _ => {
            return Err(conflict(
                "Langkah ini tidak sesuai dengan jenis permintaan.",
                "This step does not fit the kind of request.",
            ))
        }
    };
    if !closed {
        return Err(conflict(
            "Permintaan ini sudah selesai.",
            "This request is already closed.",
        ));
    }
    // The resident's receipt check and the office board show it at once.
    if let Some(receipt) = &request.kiosk_receipt {
        state.receipt_cache.remove(receipt);
        state.board_cache.remove(&request.kelurahan);
    }
    visible(state, account, id, now_ms).await
}

async fn close(
    state: &AppState,
    id: i64,
    to: RequestState,
    actor: &str,
    note: &str,
    now_ms: i64,
) -> Result<bool, AppError> {
    Ok(state
        .store
        .close_request(id, to, actor, note, now_ms)
        .await?)
}

/// A coordinator's own kelurahan (`None` for an administrator, who sees
/// every one); everyone else is refused.
pub fn reviewer_kelurahan(account: &Account) -> Result<Option<String>, AppError> {
    match (account.role, &account.kelurahan) {
        (Role::Admin, _) => Ok(None),
        (Role::Coordinator, Some(code)) => Ok(Some(code.to_string())),
        _ => Err(AppError::Forbidden(
            "Hanya koordinator dan administrator yang menangani permintaan data warga. / Only coordinators and administrators handle residents' data requests.".into(),
        )),
    }
}

fn no_household() -> AppError {
    AppError::NotFound(
        "Tidak ada keluarga dengan kode tanda terima dan NIK kepala keluarga itu di wilayah Anda. / No household in your area has that receipt code and head of family's NIK.".into(),
    )
}

fn bad(text: &Text) -> AppError {
    AppError::BadRequest(format!("{} / {}", text.id, text.en))
}

fn conflict(id: &str, en: &str) -> AppError {
    AppError::Store(StoreError::Conflict(format!("{id} / {en}")))
}
