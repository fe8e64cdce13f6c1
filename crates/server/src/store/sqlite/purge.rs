//! What a deletion erases: a deleted record keeps no personal data
//! anywhere. Its answers go with the deletion itself; here go the values an
//! edit replaced, the values of its conflicts, the comments and answer
//! snapshots of its reviews, and its photos unless another record uses the
//! same one. The audit log keeps who deleted what and when, no answers.
//! An erasure on a resident's request forgets more ([`forget_erased`]).

use sqlx::SqliteConnection;

use super::super::StoreError;

pub(super) async fn purge_deleted_record(
    conn: &mut SqliteConnection,
    record_id: &str,
) -> Result<(), StoreError> {
    for statement in [
        "DELETE FROM field_history WHERE record_id = ?",
        "DELETE FROM conflicts WHERE record_id = ?",
        "UPDATE reviews SET comment = '', field_comments = '{}', answers = '{}' WHERE record_id = ?",
        "DELETE FROM attachment_uses WHERE record_id = ?",
        // Photos no other record uses.
        "DELETE FROM attachments WHERE record_id = ? AND NOT EXISTS \
         (SELECT 1 FROM attachment_uses u WHERE u.sha256 = attachments.sha256)",
        // Photos another record uses now belong to that one (its area
        // decides who may see them).
        "UPDATE attachments SET record_id = \
         (SELECT u.record_id FROM attachment_uses u WHERE u.sha256 = attachments.sha256 LIMIT 1) \
         WHERE record_id = ?",
    ] {
        sqlx::query(statement)
            .bind(record_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// What an erasure forgets beyond a deletion's purge: what the log said
/// about the record (an edit's reason may quote it), what residents sent
/// about it at a kiosk, its requests' texts; the record is marked erased.
pub(super) async fn forget_erased(
    conn: &mut SqliteConnection,
    record_id: &str,
) -> Result<(), StoreError> {
    for statement in [
        "UPDATE records SET erased = 1 WHERE id = ?",
        "UPDATE audit_log SET detail = '' WHERE record_id = ?",
        "UPDATE kiosk_submissions SET payload = '' WHERE record_id = ?",
        "UPDATE kiosk_submissions SET payload = '' WHERE receipt IN \
         (SELECT kiosk_receipt FROM data_requests WHERE record_id = ?)",
        "UPDATE data_requests SET detail = '' WHERE record_id = ?",
    ] {
        sqlx::query(statement)
            .bind(record_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// What a refusal forgets (UU 27/2022): the removed answers' earlier
/// values, their conflicts, and photos no remaining answer names (unless
/// another record uses them).
pub(super) async fn forget_refused(
    conn: &mut SqliteConnection,
    record_id: &str,
    paths: &[String],
    remaining: &rukun_core::form::Answers,
) -> Result<(), StoreError> {
    for path in paths {
        for statement in [
            "DELETE FROM field_history WHERE record_id = ? AND path = ?",
            "DELETE FROM conflicts WHERE record_id = ? AND path = ?",
        ] {
            sqlx::query(statement)
                .bind(record_id)
                .bind(path)
                .execute(&mut *conn)
                .await?;
        }
    }
    let named: Vec<&String> = remaining
        .values()
        .filter_map(|v| match v {
            rukun_core::form::Value::Photos(ids) => Some(ids),
            _ => None,
        })
        .flatten()
        .collect();
    let uses: Vec<String> =
        sqlx::query_scalar("SELECT sha256 FROM attachment_uses WHERE record_id = ?")
            .bind(record_id)
            .fetch_all(&mut *conn)
            .await?;
    for sha256 in uses.iter().filter(|s| !named.contains(s)) {
        sqlx::query("DELETE FROM attachment_uses WHERE record_id = ? AND sha256 = ?")
            .bind(record_id)
            .bind(sha256)
            .execute(&mut *conn)
            .await?;
        sqlx::query(
            "DELETE FROM attachments WHERE sha256 = ? AND NOT EXISTS \
             (SELECT 1 FROM attachment_uses u WHERE u.sha256 = attachments.sha256)",
        )
        .bind(sha256)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
