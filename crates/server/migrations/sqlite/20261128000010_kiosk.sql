-- The kiosk (issue 6). The server's P-256 key pair that kiosks seal
-- submissions to (the secret scalar, 32 bytes); one current key.
CREATE TABLE server_keys (
    id         TEXT PRIMARY KEY NOT NULL,
    secret     BLOB NOT NULL,
    created_ms INTEGER NOT NULL
);

-- What residents submitted at a kiosk, opened by the server.
CREATE TABLE kiosk_submissions (
    receipt     TEXT PRIMARY KEY NOT NULL,
    kelurahan   TEXT NOT NULL,
    rw          INTEGER NOT NULL,
    rt          INTEGER NOT NULL,
    kiosk       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    -- SHA-256 of the sealed bytes: a replay of the same submission is
    -- answered again; another one under a taken receipt is refused.
    sealed_hash TEXT NOT NULL,
    -- The opened payload (JSON); personal data, never served publicly.
    payload     TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT 'received',
    received_ms INTEGER NOT NULL,
    decided_by  TEXT,
    decided_ms  INTEGER,
    note        TEXT
);
CREATE INDEX kiosk_submissions_by_kelurahan ON kiosk_submissions (kelurahan, state, received_ms);
