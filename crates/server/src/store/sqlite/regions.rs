//! The place tree in SQLite: one table per level, written once at seeding.

use std::collections::BTreeMap;

use async_trait::async_trait;
use rukun_core::{Kecamatan, Kelurahan, Kota, RegionCode, RegionTree, Rw};

use super::super::{Regions, StoreError};
use super::SqliteStore;

#[async_trait]
impl Regions for SqliteStore {
    async fn seed_regions_if_empty(&self, tree: &RegionTree) -> Result<bool, StoreError> {
        let (_writer, mut tx) = self.begin_write().await?;
        let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM kota")
            .fetch_one(&mut *tx)
            .await?;
        if count > 0 {
            return Ok(false);
        }
        sqlx::query("INSERT INTO kota (code, name) VALUES (?, ?)")
            .bind(tree.kota.code.to_string())
            .bind(&tree.kota.name)
            .execute(&mut *tx)
            .await?;
        for kecamatan in &tree.kecamatan {
            sqlx::query("INSERT INTO kecamatan (code, kota_code, name) VALUES (?, ?, ?)")
                .bind(kecamatan.code.to_string())
                .bind(tree.kota.code.to_string())
                .bind(&kecamatan.name)
                .execute(&mut *tx)
                .await?;
            for kelurahan in &kecamatan.kelurahan {
                sqlx::query("INSERT INTO kelurahan (code, kecamatan_code, name) VALUES (?, ?, ?)")
                    .bind(kelurahan.code.to_string())
                    .bind(kecamatan.code.to_string())
                    .bind(&kelurahan.name)
                    .execute(&mut *tx)
                    .await?;
                for rw in &kelurahan.rw {
                    let rw_id: i64 = sqlx::query_scalar(
                        "INSERT INTO rw (kelurahan_code, number) VALUES (?, ?) RETURNING id",
                    )
                    .bind(kelurahan.code.to_string())
                    .bind(rw.number)
                    .fetch_one(&mut *tx)
                    .await?;
                    for rt in &rw.rt {
                        sqlx::query("INSERT INTO rt (rw_id, number) VALUES (?, ?)")
                            .bind(rw_id)
                            .bind(rt)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
            }
        }
        tx.commit().await?;
        Ok(true)
    }

    async fn kelurahan(&self, code: &RegionCode) -> Result<Option<Kelurahan>, StoreError> {
        let Some(name): Option<String> =
            sqlx::query_scalar("SELECT name FROM kelurahan WHERE code = ?")
                .bind(code.to_string())
                .fetch_optional(&self.pool)
                .await?
        else {
            return Ok(None);
        };
        let rows: Vec<(u16, Option<u16>)> = sqlx::query_as(
            "SELECT rw.number, rt.number FROM rw LEFT JOIN rt ON rt.rw_id = rw.id \
             WHERE rw.kelurahan_code = ? ORDER BY rw.number, rt.number",
        )
        .bind(code.to_string())
        .fetch_all(&self.pool)
        .await?;
        let mut rw: Vec<Rw> = Vec::new();
        for (rw_number, rt_number) in rows {
            push_rt(&mut rw, rw_number, rt_number);
        }
        Ok(Some(Kelurahan {
            code: *code,
            name,
            rw,
        }))
    }

    async fn region_tree(&self) -> Result<Option<RegionTree>, StoreError> {
        let Some((kota_code, kota_name)): Option<(String, String)> =
            sqlx::query_as("SELECT code, name FROM kota LIMIT 1")
                .fetch_optional(&self.pool)
                .await?
        else {
            return Ok(None);
        };
        let kecamatan_rows: Vec<(String, String)> =
            sqlx::query_as("SELECT code, name FROM kecamatan ORDER BY code")
                .fetch_all(&self.pool)
                .await?;
        let kelurahan_rows: Vec<(String, String, String)> =
            sqlx::query_as("SELECT code, kecamatan_code, name FROM kelurahan ORDER BY code")
                .fetch_all(&self.pool)
                .await?;
        let rt_rows: Vec<(String, u16, Option<u16>)> = sqlx::query_as(
            "SELECT rw.kelurahan_code, rw.number, rt.number FROM rw \
             LEFT JOIN rt ON rt.rw_id = rw.id ORDER BY rw.kelurahan_code, rw.number, rt.number",
        )
        .fetch_all(&self.pool)
        .await?;

        let mut rws: BTreeMap<String, Vec<Rw>> = BTreeMap::new();
        for (kelurahan_code, rw_number, rt_number) in rt_rows {
            push_rt(rws.entry(kelurahan_code).or_default(), rw_number, rt_number);
        }
        let mut kelurahan_by_kecamatan: BTreeMap<String, Vec<Kelurahan>> = BTreeMap::new();
        for (code, kecamatan_code, name) in kelurahan_rows {
            let rw = rws.remove(&code).unwrap_or_default();
            kelurahan_by_kecamatan
                .entry(kecamatan_code)
                .or_default()
                .push(Kelurahan {
                    code: parse_code(&code)?,
                    name,
                    rw,
                });
        }
        let kecamatan = kecamatan_rows
            .into_iter()
            .map(|(code, name)| {
                Ok(Kecamatan {
                    kelurahan: kelurahan_by_kecamatan.remove(&code).unwrap_or_default(),
                    code: parse_code(&code)?,
                    name,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(Some(RegionTree {
            kota: Kota {
                code: parse_code(&kota_code)?,
                name: kota_name,
            },
            kecamatan,
        }))
    }
}

/// Adds an RT (rows ordered by RW then RT; `None`: an RW without RTs).
fn push_rt(list: &mut Vec<Rw>, rw_number: u16, rt_number: Option<u16>) {
    if list.last().is_none_or(|rw| rw.number != rw_number) {
        list.push(Rw {
            number: rw_number,
            rt: Vec::new(),
        });
    }
    list.last_mut().expect("pushed above").rt.extend(rt_number);
}

/// A stored region code; one that does not parse is `Corrupt`.
pub(super) fn parse_code(text: &str) -> Result<RegionCode, StoreError> {
    RegionCode::parse(text).map_err(|e| StoreError::Corrupt(format!("region code {text:?}: {e}")))
}
