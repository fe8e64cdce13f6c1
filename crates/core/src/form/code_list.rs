//! Code lists: official codes with labels in both languages.

use serde::{Deserialize, Serialize};

use super::Text;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeList {
    pub id: String,
    pub items: Vec<Code>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Code {
    pub code: String,
    pub label: Text,
}

impl CodeList {
    pub fn get(&self, code: &str) -> Option<&Code> {
        self.items.iter().find(|c| c.code == code)
    }

    /// Items whose code or label (either language) contains every word of
    /// `query`, ignoring case: the occupation picker's search.
    pub fn search(&self, query: &str) -> Vec<&Code> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        self.items
            .iter()
            .filter(|item| {
                let haystack =
                    format!("{} {} {}", item.code, item.label.id, item.label.en).to_lowercase();
                words.iter().all(|w| haystack.contains(w.as_str()))
            })
            .collect()
    }
}
