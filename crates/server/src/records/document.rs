//! A record as stored: its place, versions and one answers document, with
//! each answer's stamp (the version that last set it and the device that
//! did). A removed answer keeps its stamp and no value, so a later edit
//! made against an older version still conflicts with it.

use std::collections::BTreeMap;

use rukun_core::form::{Answers, Value};
use rukun_core::sync::FieldState;

use crate::store::StoreError;

#[derive(Debug, Clone, PartialEq)]
pub struct StoredRecord {
    pub id: String,
    pub form_id: String,
    pub form_version: u32,
    /// `kelurahan/RW/RT`; never changes.
    pub area: String,
    pub version: u64,
    pub deleted: bool,
    pub review_state: String,
    pub change_seq: u64,
    pub updated_ms: i64,
    /// Every path ever answered, live or removed.
    pub fields: BTreeMap<String, FieldState>,
}

impl StoredRecord {
    /// A record as its two documents hold it (`answers`: path -> value;
    /// `stamps`: `[[version, client_id, [path, ...]], ...]`).
    #[allow(clippy::too_many_arguments)]
    pub fn from_documents(
        id: String,
        form_id: String,
        form_version: u32,
        area: String,
        version: u64,
        deleted: bool,
        review_state: String,
        change_seq: u64,
        updated_ms: i64,
        answers: &str,
        stamps: &str,
    ) -> Result<Self, StoreError> {
        let mut answers = parse_answers(&id, answers)?;
        let stamps: Vec<(u64, String, Vec<String>)> =
            serde_json::from_str(stamps).map_err(|e| corrupt("stamps", &id, &e))?;
        let mut fields = BTreeMap::new();
        for (version, client_id, paths) in stamps {
            for path in paths {
                let value = answers.remove(&path);
                let state = FieldState {
                    value,
                    version,
                    client_id: client_id.clone(),
                };
                fields.insert(path, state);
            }
        }
        if let Some(path) = answers.keys().next() {
            return Err(StoreError::Corrupt(format!(
                "record {id}: answer {path} has no stamp"
            )));
        }
        Ok(Self {
            id,
            form_id,
            form_version,
            area,
            version,
            deleted,
            review_state,
            change_seq,
            updated_ms,
            fields,
        })
    }

    /// The live answers.
    pub fn answers(&self) -> Answers {
        self.fields
            .iter()
            .filter_map(|(path, f)| Some((path.clone(), f.value.clone()?)))
            .collect()
    }

    /// The live answers with `changes` applied (`None`: removed).
    pub fn answers_with(&self, changes: &BTreeMap<String, Option<Value>>) -> Answers {
        let mut answers = self.answers();
        for (path, value) in changes {
            match value {
                Some(v) => answers.insert(path.clone(), v.clone()),
                None => answers.remove(path),
            };
        }
        answers
    }

    /// The `answers` document.
    pub fn answers_json(&self) -> String {
        let live: BTreeMap<&str, &Value> = self
            .fields
            .iter()
            .filter_map(|(path, f)| Some((path.as_str(), f.value.as_ref()?)))
            .collect();
        serde_json::to_string(&live).expect("answers serialize")
    }

    /// The `stamps` document: paths grouped by (version, device).
    pub fn stamps_json(&self) -> String {
        let mut groups: BTreeMap<(u64, &str), Vec<&str>> = BTreeMap::new();
        for (path, f) in &self.fields {
            groups
                .entry((f.version, f.client_id.as_str()))
                .or_default()
                .push(path);
        }
        let list: Vec<(u64, &str, Vec<&str>)> = groups
            .into_iter()
            .map(|((version, client), paths)| (version, client, paths))
            .collect();
        serde_json::to_string(&list).expect("stamps serialize")
    }

    /// Sets or removes answers at `version` for `client_id`.
    pub fn set(
        &mut self,
        changes: &BTreeMap<String, Option<Value>>,
        version: u64,
        client_id: &str,
    ) {
        for (path, value) in changes {
            self.fields.insert(
                path.clone(),
                FieldState {
                    value: value.clone(),
                    version,
                    client_id: client_id.to_owned(),
                },
            );
        }
    }
}

/// A stored `answers` document.
pub fn parse_answers(record_id: &str, document: &str) -> Result<Answers, StoreError> {
    serde_json::from_str(document).map_err(|e| corrupt("answers", record_id, &e))
}

/// Says where a stored document is broken, never what it holds: serde's
/// own message may quote a value (a NIK), and this one is logged.
fn corrupt(what: &str, record_id: &str, e: &serde_json::Error) -> StoreError {
    StoreError::Corrupt(format!(
        "{what} of record {record_id}: {:?} error at line {} column {}",
        e.classify(),
        e.line(),
        e.column()
    ))
}

/// The JSON of one answer, as history and conflict rows keep it.
pub(super) fn value_json(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(answers: &str, stamps: &str) -> Result<StoredRecord, StoreError> {
        StoredRecord::from_documents(
            "r1".into(),
            "household".into(),
            1,
            "35.76.02.1010/01/01".into(),
            2,
            false,
            "submitted".into(),
            7,
            0,
            answers,
            stamps,
        )
    }

    #[test]
    fn documents_round_trip_with_removed_answers_keeping_their_stamp() {
        let answers = r#"{"address":{"text":"Jl. Mawar 3"},"members/0/name":{"text":"Siti"}}"#;
        let stamps = r#"[[1,"phone-a",["address","members/0/name"]],[2,"phone-b",["phone"]]]"#;
        let r = record(answers, stamps).unwrap();
        assert_eq!(r.fields["phone"].value, None);
        assert_eq!(r.fields["phone"].client_id, "phone-b");
        assert_eq!(r.answers().len(), 2);
        let again = record(&r.answers_json(), &r.stamps_json()).unwrap();
        assert_eq!(again, r);
    }

    #[test]
    fn a_broken_document_is_reported_without_its_values() {
        let nik = "3576014403910003";
        let broken = format!(r#"{{"members/r1/nik":{{"text":"{nik}"}},"x":"{nik}"}}"#);
        let Err(StoreError::Corrupt(message)) = record(&broken, "[]") else {
            panic!("accepted");
        };
        assert!(!message.contains(nik), "{message}");
        assert!(message.contains("line 1"), "{message}");
    }

    #[test]
    fn an_answer_without_a_stamp_is_corrupt() {
        assert!(record(r#"{"address":{"text":"x"}}"#, "[]").is_err());
        assert!(record("not json", "[]").is_err());
    }
}
