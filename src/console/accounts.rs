//! The account calls of issue 14, one function per route: the Akun
//! screen's (list, change, sessions) and everyone's own (change password).
//! Errors come back as one sentence in the user's language.

use rukun_core::account::{
    AccountChange, AccountChanged, AccountInfo, PasswordChange, SessionInfo,
};

use super::{encode, message};
use crate::i18n::*;
use crate::platform::http::{self, HttpError};

/// Account calls are small and quick; a laptop on a slow line still answers.
const TIMEOUT_MS: i32 = 20_000;

/// The server writes its reasons as "Bahasa Indonesia. / English."; the
/// half in the current language, or the whole text when it has no halves.
pub fn in_language(i18n: I18n, text: &str) -> String {
    match (halves(text), i18n.get_locale()) {
        (Some((id, _)), Locale::id) => id,
        (Some((_, en)), Locale::en) => en.to_owned(),
        (None, _) => text.to_owned(),
    }
}

/// The Indonesian and English halves of "Kalimat. / Sentence.": split at
/// the first sentence end, as an RT label ("RT 01 / RW 02") may hold " / ".
fn halves(text: &str) -> Option<(String, &str)> {
    let (id, en) = text.split_once(". / ")?;
    Some((format!("{id}."), en))
}

fn explain(i18n: I18n, error: HttpError) -> String {
    in_language(i18n, &message(i18n, error))
}

/// `GET /api/accounts`: what the signed-in administrator or coordinator sees.
pub async fn list(i18n: I18n, token: &str) -> Result<Vec<AccountInfo>, String> {
    http::request_json::<(), _>("GET", "/api/accounts", None, Some(token), TIMEOUT_MS)
        .await
        .map_err(|e| explain(i18n, e))
}

/// `PATCH /api/accounts/{username}`.
pub async fn change(
    i18n: I18n,
    token: Result<String, String>,
    username: &str,
    change: &AccountChange,
) -> Result<AccountChanged, String> {
    let path = format!("/api/accounts/{}", encode(username));
    http::request_json("PATCH", &path, Some(change), Some(&token?), TIMEOUT_MS)
        .await
        .map_err(|e| explain(i18n, e))
}

/// `GET /api/accounts/{username}/sessions`: the account's live sessions.
pub async fn sessions(
    i18n: I18n,
    token: Result<String, String>,
    username: &str,
) -> Result<Vec<SessionInfo>, String> {
    let path = format!("/api/accounts/{}/sessions", encode(username));
    http::request_json::<(), _>("GET", &path, None, Some(&token?), TIMEOUT_MS)
        .await
        .map_err(|e| explain(i18n, e))
}

/// `DELETE /api/sessions/{id}`.
pub async fn end_session(i18n: I18n, token: Result<String, String>, id: i64) -> Result<(), String> {
    let path = format!("/api/sessions/{id}");
    http::request_empty::<()>("DELETE", &path, None, Some(&token?), TIMEOUT_MS)
        .await
        .map_err(|e| explain(i18n, e))
}

/// `POST /api/auth/password`: the session's holder changes their password;
/// the server ends the account's other sessions and keeps this one.
pub async fn change_password(
    i18n: I18n,
    token: &str,
    change: &PasswordChange,
) -> Result<(), String> {
    http::request_empty(
        "POST",
        "/api/auth/password",
        Some(change),
        Some(token),
        TIMEOUT_MS,
    )
    .await
    .map_err(|e| explain(i18n, e))
}

#[cfg(test)]
mod tests {
    use super::halves;

    #[test]
    fn splits_at_the_sentence_between_the_languages() {
        let text = "RT 01 / RW 02 tidak ada di Wates. / No such RT in Wates.";
        assert_eq!(
            halves(text),
            Some((
                "RT 01 / RW 02 tidak ada di Wates.".to_owned(),
                "No such RT in Wates."
            ))
        );
        assert_eq!(halves("Perangkat tak dikenal / Unknown device"), None);
    }
}
