-- Saved views: a named runs-table view of a project (filter, columns, sort, grouping, chart settings), shared with
-- everyone in the project. The layout is one jsonb document because only the UI interprets it; the name is a column
-- because it is unique per project (a second "baseline" is a 409, and the list pages by it).
CREATE TABLE saved_views (
    org_id     uuid        NOT NULL,
    view_id    uuid        NOT NULL,
    project_id uuid        NOT NULL,
    name       text        NOT NULL,
    state      jsonb       NOT NULL,
    created_by text        NOT NULL,
    created_at timestamptz NOT NULL,
    updated_by text        NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (org_id, view_id),
    UNIQUE (org_id, project_id, name),
    FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, project_id) ON DELETE CASCADE
);

ALTER TABLE saved_views ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON saved_views USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
