//! Migration 16 moves every record's answers from a row per answer into
//! one document, keeping each answer's stamp (version and device) and the
//! removed answers' stamps: what a database written before it held is what
//! the record rules and a pull read after it.

use rukun_core::form::Value;
use rukun_core::sync::Op;
use rukun_server::store::{Lifecycle, PullScope, Records, SqliteStore};
use sqlx::sqlite::SqlitePoolOptions;

#[tokio::test]
async fn answers_stored_as_rows_become_one_document_with_their_stamps() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("rukun.db").display());
    let before = SqlitePoolOptions::new()
        .connect_with(
            url.parse::<sqlx::sqlite::SqliteConnectOptions>()
                .unwrap()
                .create_if_missing(true),
        )
        .await
        .unwrap();
    let mut up_to_15 = sqlx::migrate!("./migrations/sqlite");
    let first: Vec<_> = up_to_15
        .migrations
        .iter()
        .filter(|m| m.version < 20261202000016)
        .cloned()
        .collect();
    assert_eq!(first.len(), 15);
    up_to_15.migrations = first.into();
    up_to_15.run(&before).await.unwrap();
    for sql in [
        "INSERT INTO records (id, form_id, form_version, area, version, change_seq, created_ms, updated_ms) \
         VALUES ('h1', 'household', 1, '35.76.02.1010/01/01', 2, 1, 0, 0), \
                ('h2', 'household', 1, '35.76.02.1010/01/01', 1, 2, 0, 0)",
        "INSERT INTO record_fields (record_id, path, value, version, client_id) VALUES \
         ('h1', 'address', '{\"text\":\"Jl. Mawar 3\"}', 1, 'phone-a'), \
         ('h1', 'members', '{\"rows\":[\"r1\"]}', 1, 'phone-a'), \
         ('h1', 'members/r1/sex', '{\"choice\":\"2\"}', 2, 'phone-b'), \
         ('h1', 'phone', NULL, 2, 'phone-b')",
        "UPDATE counters SET value = 2 WHERE name = 'change_seq'",
    ] {
        sqlx::query(sql).execute(&before).await.unwrap();
    }
    before.close().await;

    let store = SqliteStore::connect(&url).await.unwrap();
    store.migrate().await.unwrap();

    let mut tx = store.begin_records().await.unwrap();
    let records = tx
        .records(&["h1".to_owned(), "h2".to_owned()])
        .await
        .unwrap();
    drop(tx);
    let h1 = records.iter().find(|r| r.id == "h1").unwrap();
    assert_eq!(h1.fields.len(), 4);
    assert_eq!(
        h1.fields["address"].value,
        Some(Value::Text("Jl. Mawar 3".into()))
    );
    assert_eq!(
        (
            h1.fields["members/r1/sex"].version,
            h1.fields["members/r1/sex"].client_id.as_str()
        ),
        (2, "phone-b")
    );
    // The removed answer is remembered, with no value.
    assert_eq!(h1.fields["phone"].value, None);
    assert_eq!(h1.fields["phone"].version, 2);
    let h2 = records.iter().find(|r| r.id == "h2").unwrap();
    assert!(h2.fields.is_empty());

    let page = store.pull(&PullScope::All, 0, 10).await.unwrap();
    assert_eq!(page.records.len(), 2);
    assert_eq!(page.records[0].answers.len(), 3);
    assert!(page.records[1].answers.is_empty());

    // The rules go on from the migrated stamps: phone-a's edit made against
    // version 1 conflicts with phone-b's later answer.
    let edit = rukun_core::sync::Mutation {
        seq: 1,
        record_id: "h1".into(),
        form_id: "household".into(),
        form_version: 1,
        area: "35.76.02.1010/01/01".into(),
        base_version: 1,
        op: Op::Upsert,
        changes: [("members/r1/sex".to_owned(), Some(Value::Choice("1".into())))].into(),
    };
    let validate = |_: &str, _: u32, _: &rukun_core::form::Answers| Ok(Default::default());
    let pushed = rukun_server::records::push(
        &store,
        "phone-a",
        "relawan",
        vec![rukun_server::store::Checked {
            mutation: edit,
            refused: None,
        }],
        &validate,
        5,
    )
    .await
    .unwrap();
    assert!(
        matches!(&pushed.results[0].outcome, rukun_core::sync::Outcome::Conflict { fields, .. } if fields == &["members/r1/sex"]),
        "{pushed:?}"
    );
}
