//! The ceiling for sync ingest: the rows the server stored for the pushed
//! households, written again into an empty database of the same schema
//! with the server's settings (WAL, synchronous=FULL), committed in as many
//! transactions as the pushes were. No HTTP, JSON, rules or index
//! decisions: what SQLite takes for these rows on this machine, written by
//! a plain loop (one prepared INSERT per row, through sqlx as the server
//! does) and by SQLite alone (one INSERT ... SELECT per table and commit
//! from the attached source).

use std::path::Path;
use std::time::Instant;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{Column, Connection, Row, SqliteConnection, TypeInfo, ValueRef};

/// The tables a push writes a row (or several) per household in.
const TABLES: [&str; 6] = [
    "records",
    "record_index",
    "record_niks",
    "field_history",
    "mutation_outcomes",
    "audit_log",
];

/// A stored value, as it is bound again.
enum Cell {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

/// Households per second: (plain loop, SQLite alone).
pub async fn households_per_s(source: &Path, households: u64, batch: u64) -> (f64, f64) {
    let commits = households.div_ceil(batch) as usize;
    (
        plain_loop(source, households, commits).await,
        sqlite_alone(source, households, commits).await,
    )
}

/// An empty database of `source`'s schema beside it, opened as the server
/// opens its own.
async fn empty_copy(source: &Path, name: &str) -> SqliteConnection {
    let mut from = SqliteConnection::connect_with(&SqliteConnectOptions::new().filename(source))
        .await
        .unwrap();
    let mut to = SqliteConnection::connect_with(
        &SqliteConnectOptions::new()
            .filename(source.with_file_name(name))
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(false),
    )
    .await
    .unwrap();
    let schema: Vec<(String,)> = sqlx::query_as(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' \
         ORDER BY type != 'table'",
    )
    .fetch_all(&mut from)
    .await
    .unwrap();
    for (sql,) in schema {
        sqlx::raw_sql(&sql).execute(&mut to).await.unwrap();
    }
    to
}

async fn plain_loop(source: &Path, households: u64, commits: usize) -> f64 {
    let mut to = empty_copy(source, "ceiling-loop.db").await;
    let mut from = SqliteConnection::connect_with(&SqliteConnectOptions::new().filename(source))
        .await
        .unwrap();
    let mut tables = Vec::new();
    for table in TABLES {
        let rows = sqlx::query(&format!("SELECT * FROM {table}"))
            .fetch_all(&mut from)
            .await
            .unwrap();
        let Some(first) = rows.first() else { continue };
        let columns: Vec<String> = first
            .columns()
            .iter()
            .map(|c| c.name().to_owned())
            .collect();
        let insert = format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            columns.join(", "),
            vec!["?"; columns.len()].join(", ")
        );
        let rows: Vec<Vec<Cell>> = rows.iter().map(cells).collect();
        tables.push((insert, rows));
    }
    let started = Instant::now();
    for commit in 0..commits {
        let mut tx = to.begin().await.unwrap();
        for (insert, rows) in &tables {
            let per_commit = rows.len().div_ceil(commits);
            for row in rows.chunks(per_commit).nth(commit).unwrap_or_default() {
                let mut query = sqlx::query(insert);
                for cell in row {
                    query = match cell {
                        Cell::Null => query.bind(None::<i64>),
                        Cell::Integer(v) => query.bind(*v),
                        Cell::Real(v) => query.bind(*v),
                        Cell::Text(v) => query.bind(v.as_str()),
                        Cell::Blob(v) => query.bind(v.as_slice()),
                    };
                }
                query.execute(&mut *tx).await.unwrap();
            }
        }
        tx.commit().await.unwrap();
    }
    households as f64 / started.elapsed().as_secs_f64()
}

async fn sqlite_alone(source: &Path, households: u64, commits: usize) -> f64 {
    let mut to = empty_copy(source, "ceiling-sql.db").await;
    sqlx::query("ATTACH DATABASE ? AS source")
        .bind(source.display().to_string())
        .execute(&mut to)
        .await
        .unwrap();
    let mut tables = Vec::new();
    for table in TABLES {
        let (rows,): (i64,) = sqlx::query_as(&format!("SELECT count(*) FROM source.{table}"))
            .fetch_one(&mut to)
            .await
            .unwrap();
        tables.push((table, (rows as usize).div_ceil(commits)));
    }
    let started = Instant::now();
    for commit in 0..commits {
        let mut tx = to.begin().await.unwrap();
        for (table, per_commit) in &tables {
            sqlx::query(&format!(
                "INSERT INTO main.{table} SELECT * FROM source.{table} LIMIT ? OFFSET ?"
            ))
            .bind(*per_commit as i64)
            .bind((commit * per_commit) as i64)
            .execute(&mut *tx)
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
    }
    households as f64 / started.elapsed().as_secs_f64()
}

fn cells(row: &sqlx::sqlite::SqliteRow) -> Vec<Cell> {
    (0..row.len())
        .map(|i| {
            let raw = row.try_get_raw(i).unwrap();
            if raw.is_null() {
                return Cell::Null;
            }
            match raw.type_info().name() {
                "INTEGER" => Cell::Integer(row.get(i)),
                "REAL" => Cell::Real(row.get(i)),
                "BLOB" => Cell::Blob(row.get(i)),
                _ => Cell::Text(row.get(i)),
            }
        })
        .collect()
}
