-- Issue 14: accounts that can be disabled and have their password reset,
-- sessions that can be listed and ended one by one.
ALTER TABLE accounts ADD COLUMN disabled_ms INTEGER;
ALTER TABLE accounts ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;

-- A session's public id: what the Akun screen and DELETE /api/sessions/{id}
-- name (never the token's hash).
ALTER TABLE sessions ADD COLUMN id INTEGER;
UPDATE sessions SET id = rowid;
CREATE UNIQUE INDEX sessions_by_id ON sessions (id);
-- Browser and system from the login's User-Agent, and the last request.
ALTER TABLE sessions ADD COLUMN device TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN last_seen_ms INTEGER;
-- Why it was revoked: 'logout' (its holder), 'password' (a password change
-- or reset), 'ended' (an administrator or coordinator ended it), 'disabled'
-- (its account was disabled). An ended or disabled session may still push
-- what its device holds for a while: its final push, flagged for review.
ALTER TABLE sessions ADD COLUMN revoked_reason TEXT;
UPDATE sessions SET revoked_reason = 'logout' WHERE revoked_ms IS NOT NULL;

-- Records that arrived through an ended session: the "sent after the
-- session was ended" flag, kept when the record's index row is rewritten.
CREATE TABLE late_records (
    record_id  TEXT PRIMARY KEY,
    ended_ms   INTEGER NOT NULL,
    arrived_ms INTEGER NOT NULL
);
