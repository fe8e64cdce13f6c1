-- Accounts, their RTs and their sessions.
CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    -- Argon2id in PHC string form (algorithm, parameters, salt and hash).
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'volunteer', 'kiosk')),
    kelurahan     TEXT REFERENCES kelurahan (code),
    created_ms    INTEGER NOT NULL,
    CHECK ((role = 'admin') = (kelurahan IS NULL))
);

-- A volunteer's assigned RTs, inside the account's kelurahan.
CREATE TABLE account_rts (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    rw         INTEGER NOT NULL,
    rt         INTEGER NOT NULL,
    PRIMARY KEY (account_id, rw, rt)
);

-- Sessions by the SHA-256 of their token: a copy of the database does not
-- hand out working tokens.
CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_ms  INTEGER NOT NULL,
    expires_ms  INTEGER NOT NULL,
    revoked_ms  INTEGER
);
CREATE INDEX sessions_by_account ON sessions (account_id);
