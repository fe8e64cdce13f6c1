//! Kiosk submissions (issue 6): opened with the server's key, checked,
//! stored once under their receipt, throttled per kiosk.

mod decide;
mod seal;

use rukun_core::account::{Account, Role};
use rukun_core::kiosk::{
    is_receipt, KioskPayload, KioskPhoto, KioskState, ReceiptStatus, SealedSubmission,
    MAX_PHOTO_BYTES,
};
use rukun_core::photo::image_type;
use sha2::{Digest, Sha256};

pub use decide::{decide, record_id_of, return_to_volunteer, SERVER_MADE};
pub use seal::{generate as generate_key, seal, OpenError, ServerKey};

use crate::error::AppError;
use crate::store::{KioskPut, NewKioskSubmission};
use crate::throttle::{too_many, Window};
use crate::AppState;

/// Submissions one kiosk may send in [`WINDOW_MS`]: a resident takes a
/// minute or more, so this is generous for a queue draining after an
/// outage and stops a tablet sending hundreds a minute.
pub const MAX_PER_WINDOW: usize = 30;
pub const WINDOW_MS: i64 = 60_000;

/// Per-kiosk sliding window of submissions (in memory).
pub struct KioskThrottle(Window);

impl Default for KioskThrottle {
    fn default() -> Self {
        Self(Window::new(MAX_PER_WINDOW, WINDOW_MS, 10_000))
    }
}

impl KioskThrottle {
    /// Counts one submission, or refuses it while the window is full.
    pub fn take(&self, kiosk: &str, now_ms: i64) -> Result<(), AppError> {
        self.0.take(kiosk, now_ms).map_err(|wait| {
            too_many(
                wait,
                "Terlalu banyak kiriman dari kios ini",
                "Too many submissions from this kiosk",
            )
        })
    }
}

fn bad(id: &str, en: &str) -> AppError {
    AppError::BadRequest(format!("{id} / {en}"))
}

/// Opens, checks and stores a kiosk's sealed submission; the receipt's
/// status (`true` when it was new).
pub async fn submit(
    state: &AppState,
    kiosk: &Account,
    sealed: SealedSubmission,
    now_ms: i64,
) -> Result<(ReceiptStatus, bool), AppError> {
    let Some(kelurahan) = kiosk.kelurahan.filter(|_| kiosk.role == Role::Kiosk) else {
        return Err(AppError::Forbidden(
            "Hanya akun kios yang mengirim dari kios. / Only kiosk accounts submit from a kiosk."
                .into(),
        ));
    };
    // Every attempt counts, valid or not.
    state.kiosk_throttle.take(&kiosk.username, now_ms)?;
    if !is_receipt(&sealed.receipt) {
        return Err(bad(
            "Kode tanda terima tidak valid.",
            "Invalid receipt code.",
        ));
    }
    let plaintext = state.kiosk_key.open(&sealed).map_err(|error| match error {
        OpenError::UnknownKey => AppError::Store(crate::store::StoreError::Conflict(
            "Kunci server sudah berganti; ambil kunci baru lalu segel ulang. / The server key changed; fetch the new key and seal again.".into(),
        )),
        OpenError::Malformed(field) => bad(
            &format!("Kiriman rusak ({field})."),
            &format!("Malformed submission ({field})."),
        ),
        OpenError::Undecryptable => bad(
            "Kiriman tidak bisa dibuka dengan kunci server.",
            "The submission does not open with the server's key.",
        ),
    })?;
    // No parser detail in the reason: it can quote a value (a NIK), and
    // the kiosk shows the reason on its screen.
    let payload: KioskPayload = serde_json::from_slice(&plaintext)
        .map_err(|_| bad("Isi kiriman tidak dikenali.", "Unrecognised submission."))?;
    let forms = state.forms();
    let category_known = |code: &str| {
        forms
            .code("infrastructure", "infra_category", code)
            .is_some()
    };
    if let Some(why) = payload.problem(category_known) {
        return Err(bad(&why.id, &why.en));
    }
    if let KioskPayload::Report {
        photo: Some(photo), ..
    } = &payload
    {
        check_photo(photo)?;
    }
    // A data request's place is its household's: RW and RT 0 until matched.
    let (rw, rt) = payload.place().unwrap_or((0, 0));
    let known_rt = payload.place().is_none()
        || state
            .store
            .kelurahan(&kelurahan)
            .await?
            .is_some_and(|k| k.rw.iter().any(|r| r.number == rw && r.rt.contains(&rt)));
    if !known_rt {
        return Err(bad(
            &format!("RT {rt:02} / RW {rw:02} tidak ada di kelurahan ini."),
            &format!("RT {rt:02} / RW {rw:02} is not in this kelurahan."),
        ));
    }
    let sealed_hash: String = Sha256::digest(sealed.ciphertext.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let submission = NewKioskSubmission {
        receipt: sealed.receipt.clone(),
        kelurahan: kelurahan.to_string(),
        rw,
        rt,
        kiosk: kiosk.username.clone(),
        kind: payload.kind().to_owned(),
        category: match &payload {
            KioskPayload::Report { category, .. } => Some(category.clone()),
            KioskPayload::HouseholdUpdate { .. } | KioskPayload::DataRequest { .. } => None,
        },
        sealed_hash,
        payload: serde_json::to_string(&payload).map_err(|e| AppError::Internal(e.to_string()))?,
        received_ms: now_ms,
    };
    let new = match state.store.put_kiosk_submission(&submission).await? {
        KioskPut::New => true,
        KioskPut::Replayed => false,
        KioskPut::ReceiptTaken => {
            return Err(AppError::Store(crate::store::StoreError::Conflict(
                "Kode tanda terima sudah dipakai kiriman lain. / The receipt code belongs to another submission.".into(),
            )))
        }
    };
    // Filed as a data request too (once, even when sent again after a
    // lost answer).
    if let KioskPayload::DataRequest {
        request,
        household_receipt,
        nik,
        detail,
        ..
    } = &payload
    {
        let from = crate::rights::FromKiosk {
            kiosk: &kiosk.username,
            kelurahan: &submission.kelurahan,
            kiosk_receipt: &sealed.receipt,
            kind: *request,
            household_receipt,
            nik,
            detail,
        };
        crate::rights::file_from_kiosk(state, &from, now_ms).await?;
    }
    let status = state
        .store
        .receipt(&sealed.receipt)
        .await?
        .unwrap_or(ReceiptStatus {
            receipt: sealed.receipt,
            kind: submission.kind,
            state: KioskState::Received,
            received_ms: now_ms,
        });
    Ok((status, new))
}

/// A kiosk photo is what it says it is: an image no larger than the limit
/// whose bytes are of its declared type.
fn check_photo(photo: &KioskPhoto) -> Result<(), AppError> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(&photo.data)
        .map_err(|_| bad("Foto rusak.", "The photo is damaged."))?;
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(bad("Foto terlalu besar.", "The photo is too large."));
    }
    if image_type(&bytes) != Some(photo.content_type.as_str()) {
        return Err(bad(
            "Foto harus JPEG, PNG atau WebP.",
            "The photo must be a JPEG, PNG or WebP image.",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kiosk_is_throttled_within_the_window_only() {
        let throttle = KioskThrottle::default();
        for i in 0..MAX_PER_WINDOW as i64 {
            throttle.take("kiosk", i).unwrap();
        }
        assert!(matches!(
            throttle.take("kiosk", 1_000),
            Err(AppError::TooManyRequests { .. })
        ));
        throttle.take("other-kiosk", 1_000).unwrap();
        throttle.take("kiosk", WINDOW_MS + 1).unwrap();
    }
}
