-- Review by coordinators (issue 5): each record's review state, every
-- decision with its comments, and an audit log of who did what when.
ALTER TABLE records ADD COLUMN review_state TEXT NOT NULL DEFAULT 'submitted';

CREATE TABLE reviews (
    id             INTEGER PRIMARY KEY,
    record_id      TEXT NOT NULL REFERENCES records (id),
    action         TEXT NOT NULL,
    state_after    TEXT NOT NULL,
    comment        TEXT NOT NULL,
    -- JSON object: answer path -> comment
    field_comments TEXT NOT NULL,
    author         TEXT NOT NULL,
    at_ms          INTEGER NOT NULL
);
CREATE INDEX reviews_by_record ON reviews (record_id, id);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at_ms     INTEGER NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    record_id TEXT,
    detail    TEXT NOT NULL
);
