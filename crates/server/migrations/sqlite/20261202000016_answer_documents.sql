-- Issue 17: a record's answers are one document instead of a row per
-- answer (a household of 4 was about 86 rows), so a push writes a record in
-- one row and a pull reads it without a query per record.
--
-- `answers`: the live answers, JSON path -> value (`form::Value`).
-- `stamps`:  who set each path and at which version, grouped:
--            [[version, client_id, [path, ...]], ...]. A removed answer
--            keeps its stamp (and no value), so a later edit made against
--            an older version still conflicts with it.
ALTER TABLE records ADD COLUMN answers TEXT NOT NULL DEFAULT '{}';
ALTER TABLE records ADD COLUMN stamps TEXT NOT NULL DEFAULT '[]';

CREATE TABLE stamp_groups_16 AS
    SELECT record_id, version, client_id, json_group_array(path) AS paths
    FROM record_fields GROUP BY record_id, version, client_id;
CREATE INDEX stamp_groups_16_by_record ON stamp_groups_16 (record_id);

UPDATE records SET
    answers = COALESCE((SELECT json_group_object(f.path, json(f.value)) FROM record_fields f
                        WHERE f.record_id = records.id AND f.value IS NOT NULL), '{}'),
    stamps = COALESCE((SELECT json_group_array(json_array(g.version, g.client_id, json(g.paths)))
                       FROM stamp_groups_16 g WHERE g.record_id = records.id), '[]');

DROP TABLE stamp_groups_16;
DROP TABLE record_fields;
