-- What coordinators filter, count and map by (issue 5), one row per live
-- record, written in the same transaction as the record's answers. Flags
-- are a bit set (rukun_core::quality::Flag::bit).
CREATE TABLE record_index (
    record_id    TEXT PRIMARY KEY NOT NULL REFERENCES records (id),
    form_id      TEXT NOT NULL,
    kelurahan    TEXT NOT NULL,
    rw           INTEGER NOT NULL,
    rt           INTEGER NOT NULL,
    -- Who created the record.
    volunteer    TEXT NOT NULL,
    review_state TEXT NOT NULL,
    updated_ms   INTEGER NOT NULL,
    visit_result TEXT,
    category     TEXT,
    condition    TEXT,
    title        TEXT NOT NULL,
    members      INTEGER NOT NULL,
    lat          REAL,
    lon          REAL,
    accuracy     REAL,
    flags        INTEGER NOT NULL
);
CREATE INDEX record_index_recent ON record_index (kelurahan, updated_ms DESC, record_id);
CREATE INDEX record_index_place ON record_index (kelurahan, rw, rt);
-- An administrator's list of the whole city.
CREATE INDEX record_index_recent_all ON record_index (updated_ms DESC, record_id);

-- Members' NIKs by their SHA-256, for "the same NIK in another household
-- anywhere in the city" without a second plain copy of every NIK.
CREATE TABLE record_niks (
    nik_hash  TEXT NOT NULL,
    record_id TEXT NOT NULL,
    PRIMARY KEY (nik_hash, record_id)
) WITHOUT ROWID;
CREATE INDEX record_niks_by_record ON record_niks (record_id);

-- The answers as the coordinator saw them when deciding (JSON path -> value),
-- so a resubmission can be shown as a diff against them.
ALTER TABLE reviews ADD COLUMN answers TEXT NOT NULL DEFAULT '{}';

-- Values that an edit replaced, with the version they had: a conflict's
-- base value (the one both sides started from) is read back from here.
CREATE TABLE field_history (
    record_id TEXT NOT NULL,
    path      TEXT NOT NULL,
    version   INTEGER NOT NULL,
    value     TEXT,
    client_id TEXT NOT NULL,
    PRIMARY KEY (record_id, path, version)
) WITHOUT ROWID;

-- Audit entries about no single record (exports, targets) are scoped by
-- the kelurahan they concern (NULL: the whole city).
ALTER TABLE audit_log ADD COLUMN kelurahan TEXT;
