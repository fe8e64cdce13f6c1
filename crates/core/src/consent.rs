//! Consent and residents' rights (UU 27/2022): the privacy notice as
//! versioned data, what a household record keeps of its consent, the
//! receipt left at the door, what a refusal may keep, and the requests a
//! resident makes with that receipt.
//!
//! A record's consent and receipt travel as three reserved answers beside
//! the form's own (form ids start with a letter, so `_` never clashes):
//! they sync, seal and erase like every answer, whatever the form version.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::form::{Answers, FieldKind, FormDef, Text, Value};
use crate::kiosk::is_receipt;

/// The notice version the respondent was read (a whole number ≥ 1).
pub const NOTICE_VERSION: &str = "_notice_version";
/// When the consent question was answered (ms since the epoch).
pub const CONSENT_AT: &str = "_consent_at_ms";
/// The household's receipt code (as [`crate::kiosk::receipt_from`] makes it).
pub const RECEIPT: &str = "_receipt";
/// The consent question (a core field of the household form).
pub const CONSENT_FIELD: &str = "consent";
/// The visit result (a core field) and its code for "Responden menolak".
pub const VISIT_RESULT: &str = "visit_result";
pub const REFUSED: &str = "4";
/// The longest notice text, per language, in characters.
pub const MAX_NOTICE_CHARS: usize = 10_000;
/// The longest text of a request (the resident's words, a note).
pub const MAX_REQUEST_TEXT: usize = 1_000;

/// Whether `path` is one of the reserved consent answers.
pub fn is_meta_path(path: &str) -> bool {
    matches!(path, NOTICE_VERSION | CONSENT_AT | RECEIPT)
}

/// The problem of a reserved answer's value ((Indonesian, English)), or
/// `None` when it is well formed.
pub fn meta_problem(path: &str, value: &Value) -> Option<(String, String)> {
    let ok = match (path, value) {
        (NOTICE_VERSION, Value::Number(n)) => n.fract() == 0.0 && (1.0..=1e6).contains(n),
        (CONSENT_AT, Value::Number(n)) => n.fract() == 0.0 && (0.0..=1e14).contains(n),
        (RECEIPT, Value::Text(code)) => is_receipt(code),
        _ => false,
    };
    (!ok).then(|| {
        (
            "catatan persetujuan atau tanda terima tidak valid.".to_owned(),
            "invalid consent record or receipt.".to_owned(),
        )
    })
}

/// A record that refused: the respondent declined (visit result 4) or
/// answered no to the consent question.
pub fn is_refusal(answers: &Answers) -> bool {
    matches!(answers.get(VISIT_RESULT), Some(Value::Choice(c)) if c == REFUSED)
        || answers.get(CONSENT_FIELD) == Some(&Value::Bool(false))
}

/// What a refusal keeps: the visit result and the place (the non-personal,
/// non-photo questions of the section asking the visit result) and the
/// consent answer with its notice and time. No name, NIK, contact, photo
/// or receipt.
pub fn refusal_keeps(form: &FormDef) -> BTreeSet<String> {
    let mut keep: BTreeSet<String> = [NOTICE_VERSION, CONSENT_AT, CONSENT_FIELD]
        .into_iter()
        .map(String::from)
        .collect();
    if let Some(section) = form
        .sections
        .iter()
        .find(|s| s.fields.iter().any(|f| f.id == VISIT_RESULT))
    {
        keep.extend(
            section
                .fields
                .iter()
                .filter(|f| !f.personal)
                .filter(|f| !matches!(f.kind, FieldKind::Photo { .. } | FieldKind::Group { .. }))
                .map(|f| f.id.clone()),
        );
    }
    keep
}

/// The answers a refusal must not keep (every path when `answers` is not a
/// refusal: none).
pub fn refused_paths(form: &FormDef, answers: &Answers) -> Vec<String> {
    if !is_refusal(answers) {
        return vec![];
    }
    let keep = refusal_keeps(form);
    answers
        .keys()
        .filter(|path| !keep.contains(path.as_str()))
        .cloned()
        .collect()
}

/// The NIK of the head of the family (the member whose relationship is
/// code 1), as typed.
pub fn head_nik(answers: &Answers) -> Option<&str> {
    crate::form::rows(answers, "members")
        .iter()
        .find_map(|row| {
            let at = |field| answers.get(&crate::form::row_path("members", row, field));
            match (at("relationship"), at("nik")) {
                (Some(Value::Choice(rel)), Some(Value::Text(nik))) if rel == "1" => {
                    Some(nik.as_str())
                }
                _ => None,
            }
        })
}

/// The household's receipt code, if it has one.
pub fn receipt_of(answers: &Answers) -> Option<&str> {
    match answers.get(RECEIPT) {
        Some(Value::Text(code)) => Some(code),
        _ => None,
    }
}

/// One published version of the privacy notice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notice {
    pub version: u32,
    pub text: Text,
    pub published_ms: i64,
    pub published_by: String,
}

/// `GET /api/notices`: every version, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoticeList {
    pub notices: Vec<Notice>,
}

/// `POST /api/notices`: the next version's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewNotice {
    pub version: u32,
    pub text: Text,
}

impl NewNotice {
    /// Why it cannot be published after `latest`, or `None`.
    pub fn problem(&self, latest: u32) -> Option<Text> {
        let chars = |s: &str| s.trim().chars().count();
        if self.version != latest + 1 {
            Some(Text::new(
                &format!("Versi berikutnya adalah {}.", latest + 1),
                &format!("The next version is {}.", latest + 1),
            ))
        } else if chars(&self.text.id) < 20 || chars(&self.text.en) < 20 {
            Some(Text::new(
                "Tulis pemberitahuan lengkap dalam kedua bahasa (minimal 20 karakter).",
                "Write the whole notice in both languages (at least 20 characters).",
            ))
        } else if chars(&self.text.id) > MAX_NOTICE_CHARS || chars(&self.text.en) > MAX_NOTICE_CHARS
        {
            Some(Text::new(
                &format!("Pemberitahuan terlalu panjang (maksimal {MAX_NOTICE_CHARS} karakter)."),
                &format!("The notice is too long (at most {MAX_NOTICE_CHARS} characters)."),
            ))
        } else {
            None
        }
    }
}

/// The first notice: the server publishes it as `system` into a database
/// with none, and a phone that has not yet downloaded any reads it (the text
/// the consent question's hint carried before notices were data).
pub fn built_in_notice() -> NewNotice {
    NewNotice {
        version: 1,
        text: Text::new(
            "Pemerintah Kota Mojokerto mendata keluarga di setiap RT untuk merencanakan dan \
             menyalurkan layanan kota. Yang dicatat: alamat dan lokasi rumah, nomor KK, nama, NIK, \
             jenis kelamin, tanggal lahir dan hubungan setiap anggota keluarga, keadaan rumah, \
             bantuan yang diterima dan aset. Data hanya dilihat relawan RT ini, koordinator \
             kelurahan dan administrator kota, dijaga kerahasiaannya dan tidak ditampilkan ke \
             publik kecuali sebagai rekap. Ikut didata itu sukarela: Anda boleh menolak. Dengan \
             kode tanda terima yang diberikan petugas dan NIK kepala keluarga, Anda dapat melihat, \
             memperbaiki, atau menarik persetujuan dan meminta data keluarga dihapus, di kantor \
             kelurahan atau di kios; permintaan dijawab paling lambat 3 × 24 jam.",
            "The City of Mojokerto surveys the families of every RT to plan and deliver city \
             services. It records: the home's address and location, the family card (KK) number, \
             each member's name, NIK, sex, date of birth and relationship, the state of the home, \
             assistance received and assets. Only this RT's volunteers, the kelurahan's \
             coordinators and the city's administrators see the data; it is kept confidential and \
             published only as totals. Taking part is voluntary: you may refuse. With the receipt \
             code the volunteer gives you and the NIK of the head of the family you can see, \
             correct, or withdraw consent and have the family's data erased, at the kelurahan \
             office or its kiosk; requests are answered within 3 × 24 hours.",
        ),
    }
}

/// What a resident asks about their household's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// See what is held (handed over by a coordinator, never on a kiosk).
    Access,
    /// Correct it: becomes a return to the volunteer.
    Correction,
    /// Withdraw consent and erase the household's data.
    Erasure,
}

impl RequestKind {
    pub const ALL: [RequestKind; 3] = [Self::Access, Self::Correction, Self::Erasure];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Access => "access",
            Self::Correction => "correction",
            Self::Erasure => "erasure",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestState {
    Open,
    Done,
    Declined,
}

impl RequestState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Done => "done",
            Self::Declined => "declined",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Open, Self::Done, Self::Declined]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

/// `POST /api/requests`: a request a coordinator takes at the office.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewRequest {
    pub kind: RequestKind,
    /// The household's receipt code, as typed.
    pub receipt: String,
    /// The NIK of the head of the family (checked, never stored).
    pub nik: String,
    /// What the resident asks for (needed for a correction).
    #[serde(default)]
    pub detail: String,
}

/// One request as the console lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataRequest {
    pub id: i64,
    pub kind: RequestKind,
    pub state: RequestState,
    pub kelurahan: String,
    /// The household it is about (none once a kiosk's receipt and NIK
    /// matched nothing).
    pub record_id: Option<String>,
    /// `console` or `kiosk`.
    pub source: String,
    /// The kiosk submission's own receipt, for a kiosk request.
    pub kiosk_receipt: Option<String>,
    /// The resident's words (emptied when the household is erased or the
    /// request's retention ends).
    pub detail: String,
    pub owner: Option<String>,
    pub created_ms: i64,
    pub due_ms: i64,
    pub overdue: bool,
    pub closed_ms: Option<i64>,
    pub closed_by: Option<String>,
    pub note: String,
}

/// `GET /api/requests`: open ones first, the most overdue first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestList {
    pub items: Vec<DataRequest>,
}

/// `POST /api/requests/{id}/action`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStep {
    /// Become its owner.
    Take,
    /// An access request: the data was handed over.
    Handed,
    /// A correction: return the household to its volunteer.
    ReturnToVolunteer,
    /// An erasure: erase the household everywhere.
    Erase,
    /// Refuse, with the reason in `note`.
    Decline,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestAction {
    pub step: RequestStep,
    #[serde(default)]
    pub note: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    #[test]
    fn a_refusal_keeps_only_the_visit_and_the_consent() {
        let form = crate::forms::household();
        let mut answers = fixtures::household_answers(1, 3);
        assert!(refused_paths(&form, &answers).is_empty());
        answers.insert(CONSENT_FIELD.into(), Value::Bool(false));
        answers.insert(RECEIPT.into(), Value::Text("7K3QX9M2PA".into()));
        answers.insert(NOTICE_VERSION.into(), Value::Number(1.0));
        let gone = refused_paths(&form, &answers);
        for path in ["respondent", "head_name", "no_kk", "members", RECEIPT] {
            assert!(gone.iter().any(|p| p == path), "{path} is kept");
        }
        assert!(gone.iter().any(|p| p.ends_with("/nik")));
        for path in ["visit_result", "visit_date", CONSENT_FIELD, NOTICE_VERSION] {
            assert!(!gone.iter().any(|p| p == path), "{path} is dropped");
        }
    }

    #[test]
    fn visit_result_four_is_a_refusal_even_before_the_consent_question() {
        let mut answers = Answers::new();
        answers.insert(VISIT_RESULT.into(), Value::Choice(REFUSED.into()));
        answers.insert("respondent".into(), Value::Text("Siti".into()));
        assert!(is_refusal(&answers));
        let form = crate::forms::household();
        assert_eq!(
            refused_paths(&form, &answers),
            vec!["respondent".to_string()]
        );
    }

    #[test]
    fn the_head_of_the_family_is_found_by_relationship() {
        let answers = fixtures::household_answers(1, 3);
        let head = head_nik(&answers).unwrap();
        let first = crate::form::rows(&answers, "members")[0].clone();
        assert_eq!(
            answers.get(&crate::form::row_path("members", &first, "nik")),
            Some(&Value::Text(head.into()))
        );
    }

    #[test]
    fn reserved_answers_are_checked() {
        assert!(meta_problem(NOTICE_VERSION, &Value::Number(2.0)).is_none());
        assert!(meta_problem(NOTICE_VERSION, &Value::Number(0.5)).is_some());
        assert!(meta_problem(RECEIPT, &Value::Text("7K3QX9M2PA".into())).is_none());
        assert!(meta_problem(RECEIPT, &Value::Text("../../x".into())).is_some());
        assert!(meta_problem(CONSENT_AT, &Value::Text("now".into())).is_some());
    }

    #[test]
    fn a_notice_is_the_next_version_in_both_languages() {
        let text = Text::new(
            "Data dipakai Pemkot Mojokerto untuk perencanaan.",
            "Data is used by the city of Mojokerto for planning.",
        );
        let notice = NewNotice { version: 2, text };
        assert!(notice.problem(1).is_none());
        assert!(notice.problem(2).is_some());
        let short = NewNotice {
            version: 2,
            text: Text::new("ok", "ok"),
        };
        assert!(short.problem(1).is_some());
    }
}
