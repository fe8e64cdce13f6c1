//! Building API URLs from data: every value a record, a receipt or a
//! server answer supplies is percent-encoded before it becomes part of a
//! path or query, so a value can never reach another route.

/// `text` made safe for a URL's path segment or query value.
pub fn encode(text: &str) -> String {
    js_sys::encode_uri_component(text).into()
}

/// `path?name=value&...` with the non-empty values, encoded.
pub fn with_query(path: &str, pairs: &[(&str, String)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .map(|(name, value)| format!("{name}={}", encode(value.trim())))
        .collect();
    format!("{path}?{}", parts.join("&"))
}
