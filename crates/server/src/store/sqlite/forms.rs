//! Published form versions in SQLite: written once and never changed (the
//! table's triggers refuse it), and the codes that stored answers use,
//! which a new version must keep.

use std::collections::{BTreeMap, BTreeSet};

use async_trait::async_trait;
use sqlx::Row;

use super::super::{Forms, StoreError, StoredFormVersion};
use super::audit::audit_about;
use super::SqliteStore;

#[async_trait]
impl Forms for SqliteStore {
    async fn form_versions(&self) -> Result<Vec<StoredFormVersion>, StoreError> {
        let rows = sqlx::query(
            "SELECT form_id, version, definition, published_ms, published_by FROM form_versions \
             ORDER BY form_id, version",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                let version: i64 = row.get("version");
                Ok(StoredFormVersion {
                    form_id: row.get("form_id"),
                    version: u32::try_from(version)
                        .map_err(|_| StoreError::Corrupt(format!("form version {version}")))?,
                    definition: row.get("definition"),
                    published_ms: row.get("published_ms"),
                    published_by: row.get("published_by"),
                })
            })
            .collect()
    }

    async fn form_definition(
        &self,
        form_id: &str,
        version: u32,
    ) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT definition FROM form_versions WHERE form_id = ? AND version = ?",
        )
        .bind(form_id)
        .bind(i64::from(version))
        .fetch_optional(&self.pool)
        .await?)
    }

    /// The version and its audit entry in one transaction; nothing is
    /// written when the (form, version) is already taken.
    async fn publish_form(
        &self,
        published: &StoredFormVersion,
        audit: bool,
    ) -> Result<bool, StoreError> {
        let (_writer, mut tx) = self.begin_write().await?;
        let done = sqlx::query(
            "INSERT INTO form_versions (form_id, version, definition, published_ms, published_by) \
             VALUES (?, ?, ?, ?, ?) ON CONFLICT (form_id, version) DO NOTHING",
        )
        .bind(&published.form_id)
        .bind(i64::from(published.version))
        .bind(&published.definition)
        .bind(published.published_ms)
        .bind(&published.published_by)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        if audit {
            audit_about(
                &mut tx,
                published.published_ms,
                &published.published_by,
                "form_publish",
                None,
                &format!("{} v{}", published.form_id, published.version),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Single and multiple choices alike; a row answer
    /// `members/<row>/sex` counts for `members/sex`. Computed in SQL: only
    /// the (path, code) pairs leave the database.
    async fn codes_in_use(
        &self,
        form_id: &str,
    ) -> Result<BTreeMap<String, BTreeSet<String>>, StoreError> {
        // Values are the JSON of `form::Value`: `{"choice":"1"}` and
        // `{"choices":["a","b"]}`; every other kind is skipped by the LIKE.
        let rows: Vec<(String, String)> = sqlx::query_as(
            "WITH coded AS ( \
                 SELECT f.key AS path, f.value, substr(f.key, instr(f.key, '/') + 1) AS rest \
                 FROM records r, json_each(r.answers) AS f \
                 WHERE r.form_id = ?1 AND f.type = 'object' AND f.value LIKE '{\"choice%' \
             ), fields AS ( \
                 SELECT CASE WHEN instr(path, '/') = 0 THEN path \
                        ELSE substr(path, 1, instr(path, '/')) || substr(rest, instr(rest, '/') + 1) \
                        END AS field, value FROM coded \
             ) \
             SELECT field, json_extract(value, '$.choice') FROM fields \
             WHERE json_type(value, '$.choice') = 'text' \
             UNION \
             SELECT field, c.value FROM fields, json_each(fields.value, '$.choices') AS c \
             WHERE c.type = 'text'",
        )
        .bind(form_id)
        .fetch_all(&self.pool)
        .await?;
        let mut codes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (field, code) in rows {
            codes.entry(field).or_default().insert(code);
        }
        Ok(codes)
    }
}
