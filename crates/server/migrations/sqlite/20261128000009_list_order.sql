-- The review list orders by (updated_ms DESC, record_id DESC): indexes in
-- exactly that order let SQLite read a page straight off the index instead
-- of sorting (an administrator's city-wide list of 1,000,000 records: see
-- BENCHMARKS.md).
DROP INDEX record_index_recent;
DROP INDEX record_index_recent_all;
CREATE INDEX record_index_recent ON record_index (kelurahan, updated_ms DESC, record_id DESC);
CREATE INDEX record_index_recent_all ON record_index (updated_ms DESC, record_id DESC);
