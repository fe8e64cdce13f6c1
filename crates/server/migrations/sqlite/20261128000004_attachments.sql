-- Photos, by the SHA-256 of their bytes (uploaded once, idempotently).
CREATE TABLE attachments (
    sha256       TEXT PRIMARY KEY,
    record_id    TEXT NOT NULL REFERENCES records (id),
    content_type TEXT NOT NULL,
    data         BLOB NOT NULL,
    created_ms   INTEGER NOT NULL
);
CREATE INDEX attachments_by_record ON attachments (record_id);
