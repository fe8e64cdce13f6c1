//! Messages of the HTTP API that both sides decode.

use serde::{Deserialize, Serialize};

/// The JSON body of every API error: a stable machine code and a reason a
/// person can read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Stable code, e.g. `not_found`, `bad_request`.
    pub error: String,
    pub message: String,
    /// Every problem of a refused form definition (`invalid_definition`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<crate::form::DefinitionProblem>,
}

/// `GET /api/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// `ok` when the server and its database answer.
    pub status: String,
    /// The server's version (its crate version).
    pub version: String,
}

/// Query of `GET /api/regions`: the whole tree, or one kecamatan or
/// kelurahan (with its ancestors) when `area` is given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionsQuery {
    pub area: Option<crate::RegionCode>,
}
