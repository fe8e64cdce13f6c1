-- Issue 15: forms as versioned data. Every published version of every
-- form, as the canonical JSON of its parsed definition (served byte for
-- byte by GET /api/forms/{id}/versions/{n}). A record names the version it
-- was made with, so a version is never changed or removed once published.
CREATE TABLE form_versions (
    form_id      TEXT NOT NULL,
    version      INTEGER NOT NULL,
    definition   TEXT NOT NULL,
    published_ms INTEGER NOT NULL,
    -- The administrator's username, or `system` for the built-in versions.
    published_by TEXT NOT NULL,
    PRIMARY KEY (form_id, version)
) WITHOUT ROWID;

CREATE TRIGGER form_versions_never_change BEFORE UPDATE ON form_versions
BEGIN
    SELECT RAISE(ABORT, 'a published form version never changes');
END;
CREATE TRIGGER form_versions_never_go BEFORE DELETE ON form_versions
BEGIN
    SELECT RAISE(ABORT, 'a published form version is never removed');
END;
