-- Bulk actions on runs: a bulk delete stamps the runs it deleted with the call's operation id, so that its undo
-- restores exactly those runs (also when the delete was "every run matching a filter" and the filter now matches
-- others). A single-run delete or restore clears the stamp.
ALTER TABLE runs ADD COLUMN deleted_by_operation uuid;
CREATE INDEX runs_by_delete_operation ON runs (org_id, deleted_by_operation) WHERE deleted_by_operation IS NOT NULL;
