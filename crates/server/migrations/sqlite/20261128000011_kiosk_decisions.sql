-- A coordinator's acceptance of a kiosk submission points at the record it
-- made (a report) or returned to its volunteer (a household request).
ALTER TABLE kiosk_submissions ADD COLUMN record_id TEXT;
-- A report's category, so the console's list need not open the payload
-- (which carries the photo).
ALTER TABLE kiosk_submissions ADD COLUMN category TEXT;
UPDATE kiosk_submissions SET category = json_extract(payload, '$.category') WHERE kind = 'report';
