//! A coordinator's decision on a kiosk submission. Accepting a report makes
//! an infrastructure record of it in its RT (category, point, photo, date,
//! the description as a note) and returns it to the RT's volunteers to
//! check on the spot and complete; accepting a household request returns
//! the household surveyed with that NIK to its volunteers with the request
//! as the comment. Declining needs a reason. Each step can be repeated, so
//! a decision interrupted half-way is finished by trying again.

use std::collections::BTreeMap;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use rukun_core::account::Account;
use rukun_core::form::{Answers, GpsPoint, Value};
use rukun_core::kiosk::{display_receipt, KioskDecision, KioskPayload, KioskPhoto, KioskState};
use rukun_core::review::{ReviewAction, ReviewRequest, ReviewState};
use rukun_core::sync::{shape_problem, Mutation, Op, Outcome};
use rukun_core::AreaSelection;
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::store::{Checked, KioskDecided, StoredKiosk};
use crate::sync::facts_allowing_gaps;
use crate::AppState;

fn conflict(id: &str, en: &str) -> AppError {
    AppError::Store(crate::store::StoreError::Conflict(format!("{id} / {en}")))
}

/// Applies `decision` to `stored` (already checked to be in the account's
/// kelurahan); the record it made or returned, if any.
pub async fn decide(
    state: &AppState,
    account: &Account,
    stored: &StoredKiosk,
    decision: &KioskDecision,
    now_ms: i64,
) -> Result<Option<String>, AppError> {
    if stored.state != KioskState::Received {
        return Err(conflict(
            "Kiriman ini sudah diputuskan.",
            "This submission has already been decided.",
        ));
    }
    let note = decision.note.trim();
    if !decision.accept && note.is_empty() {
        return Err(AppError::BadRequest(
            "Tuliskan alasan penolakan (warga bisa menanyakannya). / Give the reason for declining (the resident may ask).".into(),
        ));
    }
    if note.chars().count() > rukun_core::kiosk::MAX_TEXT {
        return Err(AppError::BadRequest(
            "Catatan terlalu panjang (paling banyak 1.000 huruf). / The note is too long (at most 1,000 characters).".into(),
        ));
    }
    let record_id = if decision.accept {
        let payload: KioskPayload = serde_json::from_str(&stored.payload).map_err(|e| {
            AppError::Internal(format!(
                "stored kiosk payload unreadable at line {} column {}",
                e.line(),
                e.column()
            ))
        })?;
        let deciding = Deciding {
            state,
            account,
            stored,
            note,
            now_ms,
        };
        Some(match &payload {
            KioskPayload::Report {
                category,
                description,
                point,
                photo,
                ..
            } => {
                report_to_record(
                    &deciding,
                    category,
                    description,
                    point.as_ref(),
                    photo.as_ref(),
                )
                .await?
            }
            KioskPayload::HouseholdUpdate {
                nik,
                change,
                reason,
                ..
            } => return_household(&deciding, nik, change, reason).await?,
            KioskPayload::DataRequest { .. } => {
                return Err(conflict(
                    "Permintaan data warga ditangani di Permintaan data.",
                    "A resident's data request is handled under Data requests.",
                ))
            }
        })
    } else {
        None
    };
    let decided = KioskDecided {
        receipt: stored.receipt.clone(),
        kelurahan: stored.kelurahan.clone(),
        state: if decision.accept {
            KioskState::Accepted
        } else {
            KioskState::Declined
        },
        actor: account.username.clone(),
        note: note.to_owned(),
        record_id: record_id.clone(),
        now_ms,
    };
    if !state.store.decide_kiosk(&decided).await? {
        return Err(conflict(
            "Kiriman ini sudah diputuskan.",
            "This submission has already been decided.",
        ));
    }
    Ok(record_id)
}

/// The id of the record a report becomes (the same on every try).
pub fn record_id_of(receipt: &str) -> String {
    format!("{SERVER_MADE}{}", receipt.to_ascii_lowercase())
}

/// Record ids and client ids the server makes for kiosk decisions begin
/// with this; devices may not use it (a volunteer could otherwise take a
/// receipt's id first and make its acceptance impossible).
pub const SERVER_MADE: &str = "kiosk-";

/// The infrastructure form's note holds at most this many characters; a
/// resident's 1,000-character description with the receipt before it is
/// cut to fit rather than refused.
const NOTE_CHARS: usize = 1_000;

fn fitted(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

/// Who decides what, and when.
struct Deciding<'a> {
    state: &'a AppState,
    account: &'a Account,
    stored: &'a StoredKiosk,
    note: &'a str,
    now_ms: i64,
}

async fn report_to_record(
    d: &Deciding<'_>,
    category: &str,
    description: &str,
    point: Option<&GpsPoint>,
    photo: Option<&KioskPhoto>,
) -> Result<String, AppError> {
    let Deciding {
        state,
        account,
        stored,
        note,
        now_ms,
    } = *d;
    let record_id = record_id_of(&stored.receipt);
    let mut changes: BTreeMap<String, Option<Value>> = BTreeMap::new();
    changes.insert("category".into(), Some(Value::Choice(category.to_owned())));
    changes.insert(
        "observed_date".into(),
        Some(Value::Date(wib_date(stored.received_ms))),
    );
    let report_note = format!(
        "Laporan warga dari kios ({}): {}",
        display_receipt(&stored.receipt),
        description.trim()
    );
    changes.insert(
        "note".into(),
        Some(Value::Text(fitted(&report_note, NOTE_CHARS))),
    );
    if let Some(point) = point {
        changes.insert("gps".into(), Some(Value::Gps(point.clone())));
    }
    let mut photo_bytes = None;
    if let Some(photo) = photo {
        let bytes = STANDARD
            .decode(&photo.data)
            .map_err(|_| AppError::Internal("stored kiosk photo is not base64".into()))?;
        let sha256: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        changes.insert("photos".into(), Some(Value::Photos(vec![sha256.clone()])));
        photo_bytes = Some((sha256, bytes));
    }
    let area = AreaSelection {
        kelurahan: rukun_core::RegionCode::parse(&stored.kelurahan)
            .map_err(|e| AppError::Internal(format!("stored kelurahan: {e}")))?,
        rw: stored.rw,
        rt: stored.rt,
    };
    let forms = state.forms();
    // The newest version that has every answer made here (a later one may
    // have dropped an optional field such as the note).
    let form_version = forms
        .versions("infrastructure")
        .into_iter()
        .rev()
        .find(|form| shape_problem(form, &changes).is_none())
        .map(|form| form.version)
        .ok_or_else(|| {
            AppError::Internal("no infrastructure version takes a kiosk report".into())
        })?;
    let mutation = Mutation {
        seq: 1,
        record_id: record_id.clone(),
        form_id: "infrastructure".into(),
        form_version,
        area: area.key(),
        base_version: 0,
        op: Op::Upsert,
        changes,
    };
    let lenient = |form_id: &str, version: u32, answers: &Answers| {
        facts_allowing_gaps(&forms, form_id, version, answers)
    };
    // Its own client id per receipt: a second try is a replay, not a copy.
    let pushed = crate::records::push(
        &*state.store,
        &format!("{SERVER_MADE}{}", stored.receipt),
        &account.username,
        vec![Checked {
            mutation,
            refused: None,
        }],
        &lenient,
        now_ms,
    )
    .await?;
    if let Some(Outcome::Rejected { reason }) = pushed.results.first().map(|r| r.outcome.clone()) {
        return Err(AppError::BadRequest(format!(
            "{} / {}",
            reason.id, reason.en
        )));
    }
    // After the record: a photo belongs to a stored record.
    if let (Some((sha256, bytes)), Some(photo)) = (photo_bytes, photo) {
        state
            .store
            .put_attachment(&sha256, &record_id, &photo.content_type, &bytes, now_ms)
            .await?;
    }
    let comment = format!(
        "Laporan warga dari kios ({}). Periksa di lapangan, lengkapi kondisi, lokasi, foto dan isian lain, lalu kirim.{}",
        display_receipt(&stored.receipt),
        with_note(note)
    );
    return_to_volunteer(state, account, &record_id, comment, now_ms).await?;
    Ok(record_id)
}

async fn return_household(
    d: &Deciding<'_>,
    nik: &str,
    change: &str,
    reason: &str,
) -> Result<String, AppError> {
    let Deciding {
        state,
        account,
        stored,
        note,
        now_ms,
    } = *d;
    let Some(record_id) = state
        .store
        .records_with_nik(nik, &stored.kelurahan)
        .await?
        .into_iter()
        .next()
    else {
        return Err(conflict(
            "Belum ada rumah tangga terdata dengan NIK ini di kelurahan ini. Tolak dengan alasan, atau minta relawan RT mendatanya lebih dulu.",
            "No household with this NIK has been surveyed in this kelurahan. Decline with a reason, or have the RT's volunteer survey it first.",
        ));
    };
    let comment = format!(
        "Permintaan warga dari kios ({}): {} Alasan: {}. Periksa dan perbaiki data ini.{}",
        display_receipt(&stored.receipt),
        change.trim(),
        reason.trim(),
        with_note(note)
    );
    return_to_volunteer(state, account, &record_id, comment, now_ms).await?;
    Ok(record_id)
}

fn with_note(note: &str) -> String {
    if note.is_empty() {
        String::new()
    } else {
        format!(" Catatan koordinator: {note}")
    }
}

/// Returns the record to its volunteers with `comment`, reopening a
/// decided one first.
pub async fn return_to_volunteer(
    state: &AppState,
    account: &Account,
    record_id: &str,
    comment: String,
    now_ms: i64,
) -> Result<(), AppError> {
    let detail = state
        .store
        .record_detail(record_id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("record {record_id} vanished")))?;
    let request = |action| ReviewRequest {
        action,
        comment: comment.clone(),
        field_comments: BTreeMap::new(),
    };
    if detail.item.review_state != ReviewState::Submitted {
        crate::records::review(
            &*state.store,
            record_id,
            &request(ReviewAction::Reopen),
            &account.username,
            now_ms,
        )
        .await?;
    }
    crate::records::review(
        &*state.store,
        record_id,
        &request(ReviewAction::Return),
        &account.username,
        now_ms,
    )
    .await?;
    Ok(())
}

/// `YYYY-MM-DD` in WIB (UTC+7).
fn wib_date(ms: i64) -> String {
    let time = crate::export::wib_time(ms);
    time.split(' ').next().unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_is_dated_by_its_day_in_mojokerto() {
        // 2026-11-28 18:30 UTC is already the 29th in WIB.
        assert_eq!(wib_date(1_795_890_600_000), "2026-11-29");
        assert_eq!(record_id_of("7K3QX9M2PA"), "kiosk-7k3qx9m2pa");
    }
}
