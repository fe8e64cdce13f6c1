-- A device's client_id belongs to the account that first pushed with it:
-- another account reusing it is refused (its cursor and outcomes are that
-- device's history, not theirs).
ALTER TABLE client_cursors ADD COLUMN username TEXT;
UPDATE client_cursors SET username = (
    SELECT author FROM mutation_outcomes m
    WHERE m.client_id = client_cursors.client_id ORDER BY seq LIMIT 1
);

-- Every record that uses a photo, by upload or by naming it in an answer
-- (the same bytes can belong to two records): a deletion erases a photo
-- only when no other record uses it.
CREATE TABLE attachment_uses (
    sha256    TEXT NOT NULL,
    record_id TEXT NOT NULL,
    PRIMARY KEY (sha256, record_id)
) WITHOUT ROWID;
CREATE INDEX attachment_uses_by_record ON attachment_uses (record_id);
INSERT INTO attachment_uses (sha256, record_id) SELECT sha256, record_id FROM attachments;
INSERT OR IGNORE INTO attachment_uses (sha256, record_id)
    SELECT photo.value, f.record_id FROM record_fields f, json_each(f.value, '$.photos') photo
    WHERE f.value LIKE '{"photos":%';
