-- Survey records, field by field, with the versions that sync merges on.
CREATE TABLE records (
    id           TEXT PRIMARY KEY,
    form_id      TEXT NOT NULL,
    form_version INTEGER NOT NULL,
    -- kelurahan/RW/RT, e.g. 35.76.02.1010/01/03
    area         TEXT NOT NULL,
    version      INTEGER NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0,
    -- The global change sequence of the record's latest change (pull cursor).
    change_seq   INTEGER NOT NULL UNIQUE,
    created_ms   INTEGER NOT NULL,
    updated_ms   INTEGER NOT NULL
);
CREATE INDEX records_by_area ON records (area);

-- One row per answer path; a removed answer keeps its row with value NULL,
-- so a later edit made against an older version still conflicts with it.
CREATE TABLE record_fields (
    record_id TEXT NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    path      TEXT NOT NULL,
    value     TEXT,
    version   INTEGER NOT NULL,
    -- The device whose change this is (its own later edits never conflict with it).
    client_id TEXT NOT NULL,
    PRIMARY KEY (record_id, path)
) WITHOUT ROWID;

-- Named gap-free counters, incremented inside the writing transaction.
CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO counters (name, value) VALUES ('change_seq', 0);

-- Per device: the last mutation applied, and what became of each one (so a
-- replayed mutation gets its first answer again).
CREATE TABLE client_cursors (
    client_id TEXT PRIMARY KEY,
    last_seq  INTEGER NOT NULL
);
CREATE TABLE mutation_outcomes (
    client_id  TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    record_id  TEXT NOT NULL,
    author     TEXT NOT NULL,
    outcome    TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    PRIMARY KEY (client_id, seq)
);

-- Same-field edits that could not both win: for a coordinator to resolve.
CREATE TABLE conflicts (
    id           INTEGER PRIMARY KEY,
    record_id    TEXT NOT NULL,
    path         TEXT NOT NULL,
    base_version INTEGER NOT NULL,
    server_value TEXT,
    client_value TEXT,
    client_id    TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    author       TEXT NOT NULL,
    created_ms   INTEGER NOT NULL,
    resolved_ms  INTEGER
);
CREATE INDEX conflicts_open ON conflicts (record_id) WHERE resolved_ms IS NULL;
