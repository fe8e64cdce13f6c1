-- A coordinator's acceptance of a kiosk submission points at the record it
-- made (a report) or returned to its volunteer (a household request).
ALTER TABLE kiosk_submissions ADD COLUMN record_id TEXT;
