//! What `GET /api/forms` answers: every published form and its versions.
//! The definition documents themselves come one by one from
//! `GET /api/forms/{id}/versions/{n}`, so a phone downloads only the
//! versions it does not have.

use serde::{Deserialize, Serialize};

use super::Text;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FormIndex {
    pub forms: Vec<PublishedForm>,
}

/// One form: its newest title and every version, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishedForm {
    pub id: String,
    pub title: Text,
    pub versions: Vec<PublishedVersion>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishedVersion {
    pub version: u32,
    /// When it was published (ms since the epoch).
    pub published_ms: i64,
    /// Who published it (`system` for the built-in first versions).
    pub published_by: String,
}

impl FormIndex {
    /// The newest version of a form, if it is published.
    pub fn latest(&self, id: &str) -> Option<u32> {
        self.forms
            .iter()
            .find(|f| f.id == id)?
            .versions
            .iter()
            .map(|v| v.version)
            .max()
    }
}
