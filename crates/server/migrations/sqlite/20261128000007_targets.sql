-- Households each RT should survey (issue 5: progress against targets).
CREATE TABLE targets (
    -- kelurahan/RW/RT
    area        TEXT PRIMARY KEY,
    households  INTEGER NOT NULL,
    updated_by  TEXT NOT NULL,
    updated_ms  INTEGER NOT NULL
);
