-- Every unit of billable usage, recorded in the same transaction as the data it counts. The event id makes
-- recording idempotent in the database: a retried batch records the same id and changes nothing.
CREATE TABLE usage_events (
    org_id      uuid        NOT NULL REFERENCES organisations (org_id) ON DELETE CASCADE,
    event_id    text        NOT NULL,
    meter       text        NOT NULL CHECK (meter IN ('DATA_POINTS', 'TRACKED_HOURS', 'STORAGE_BYTES')),
    project_id  uuid,
    run_id      uuid,
    quantity    numeric     NOT NULL CHECK (quantity >= 0),
    occurred_at timestamptz NOT NULL,
    PRIMARY KEY (org_id, event_id)
);
CREATE INDEX usage_events_by_meter_time ON usage_events (org_id, meter, occurred_at);

ALTER TABLE usage_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON usage_events USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
