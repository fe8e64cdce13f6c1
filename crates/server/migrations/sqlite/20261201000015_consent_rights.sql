-- Issue 16: consent and residents' rights (UU 27/2022).

-- The privacy notice, versioned: what a household was read before it
-- consented. Like form versions, never changed or removed.
CREATE TABLE notices (
    version      INTEGER PRIMARY KEY NOT NULL,
    text_id      TEXT NOT NULL,
    text_en      TEXT NOT NULL,
    published_ms INTEGER NOT NULL,
    published_by TEXT NOT NULL
);
CREATE TRIGGER notices_never_change BEFORE UPDATE ON notices
BEGIN
    SELECT RAISE(ABORT, 'a published notice never changes');
END;
CREATE TRIGGER notices_never_go BEFORE DELETE ON notices
BEGIN
    SELECT RAISE(ABORT, 'a published notice is never removed');
END;

-- A household's receipt code (its `_receipt` answer), to find it by.
ALTER TABLE record_index ADD COLUMN receipt TEXT;
CREATE INDEX record_index_by_receipt ON record_index (receipt) WHERE receipt IS NOT NULL;

-- Erased on a resident's request: devices remove every trace of it.
ALTER TABLE records ADD COLUMN erased INTEGER NOT NULL DEFAULT 0;

-- Requests about a household's data: see it, correct it, erase it.
CREATE TABLE data_requests (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('access', 'correction', 'erasure')),
    state         TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'declined')),
    kelurahan     TEXT NOT NULL,
    -- The household the receipt and the head's NIK matched (NULL: none).
    record_id     TEXT,
    source        TEXT NOT NULL CHECK (source IN ('console', 'kiosk')),
    kiosk_receipt TEXT,
    -- The resident's words; emptied on erasure and after retention.
    detail        TEXT NOT NULL DEFAULT '',
    owner         TEXT,
    created_ms    INTEGER NOT NULL,
    due_ms        INTEGER NOT NULL,
    closed_ms     INTEGER,
    closed_by     TEXT,
    note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX data_requests_by_kelurahan ON data_requests (kelurahan, state, due_ms);
-- A kiosk's request is filed once, however often the tablet sends it.
CREATE UNIQUE INDEX data_requests_by_kiosk_receipt ON data_requests (kiosk_receipt) WHERE kiosk_receipt IS NOT NULL;
