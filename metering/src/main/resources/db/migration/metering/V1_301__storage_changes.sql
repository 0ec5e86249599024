-- Changes to the bytes an organisation keeps in object storage, recorded by storage in the transaction that makes
-- the bytes visible (positive) or removes them for good (negative). Metering integrates the level over time into
-- byte-seconds (STORAGE_BYTES usage). The event id makes a retried change a no-op.
CREATE TABLE storage_changes (
    org_id      uuid        NOT NULL REFERENCES organisations (org_id) ON DELETE CASCADE,
    event_id    text        NOT NULL,
    project_id  uuid,
    delta_bytes bigint      NOT NULL CHECK (delta_bytes <> 0),
    occurred_at timestamptz NOT NULL,
    PRIMARY KEY (org_id, event_id)
);
CREATE INDEX storage_changes_by_time ON storage_changes (org_id, occurred_at);

ALTER TABLE storage_changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON storage_changes USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
