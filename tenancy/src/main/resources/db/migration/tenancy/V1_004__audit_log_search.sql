-- The audit log is read newest first (audit_id descending) and filtered by action (exact, or a family by prefix),
-- by actor and by time. Each index leads with org_id, like every read, and ends with audit_id so a filtered page
-- is an index range in the order it is returned.
CREATE INDEX audit_log_by_action ON audit_log (org_id, action text_pattern_ops, audit_id);
CREATE INDEX audit_log_by_actor ON audit_log (org_id, actor_id, audit_id);
CREATE INDEX audit_log_by_time ON audit_log (org_id, at);
