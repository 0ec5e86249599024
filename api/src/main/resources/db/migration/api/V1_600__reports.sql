-- Reports: a project's annotated, live charts. The current content sits on the report row (one read renders it);
-- every save also appends an immutable version row, so history, restore and optimistic concurrency need no diffing.
CREATE TABLE reports (
    org_id      uuid        NOT NULL,
    report_id   uuid        NOT NULL,
    project_id  uuid        NOT NULL,
    version     integer     NOT NULL CHECK (version >= 1),
    title       text        NOT NULL,
    description text        NOT NULL,
    blocks      jsonb       NOT NULL,
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_by  text        NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (org_id, report_id),
    FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, project_id) ON DELETE CASCADE
);
CREATE INDEX reports_by_project ON reports (org_id, project_id, updated_at DESC);

CREATE TABLE report_versions (
    org_id        uuid        NOT NULL,
    report_id     uuid        NOT NULL,
    version       integer     NOT NULL,
    title         text        NOT NULL,
    description   text        NOT NULL,
    blocks        jsonb       NOT NULL,
    saved_by      text        NOT NULL,
    saved_at      timestamptz NOT NULL,
    restored_from integer,
    PRIMARY KEY (org_id, report_id, version),
    FOREIGN KEY (org_id, report_id) REFERENCES reports (org_id, report_id) ON DELETE CASCADE
);

-- block_id null: a comment on the report as a whole.
CREATE TABLE report_comments (
    org_id     uuid        NOT NULL,
    comment_id uuid        NOT NULL,
    report_id  uuid        NOT NULL,
    block_id   text,
    body       text        NOT NULL,
    author     text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (org_id, comment_id),
    FOREIGN KEY (org_id, report_id) REFERENCES reports (org_id, report_id) ON DELETE CASCADE
);
CREATE INDEX report_comments_by_report ON report_comments (org_id, report_id, created_at);

-- Only a SHA-256 of each share token is kept (tokens carry 192 random bits, so a fast hash is enough, as for API
-- keys). A snapshot link keeps the report version and the rendered panel data (gzip'd JSON) of the
-- moment it was made, so what it shows can never change afterwards.
CREATE TABLE report_share_links (
    org_id           uuid        NOT NULL,
    link_id          uuid        NOT NULL,
    report_id        uuid        NOT NULL,
    token_hash       bytea       NOT NULL,
    token_prefix     text        NOT NULL,
    created_by       text        NOT NULL,
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz,
    revoked_at       timestamptz,
    revoked_by       text,
    view_count       bigint      NOT NULL DEFAULT 0,
    last_viewed_at   timestamptz,
    snapshot_at      timestamptz,
    snapshot_version integer,
    snapshot_data    bytea,
    PRIMARY KEY (org_id, link_id),
    FOREIGN KEY (org_id, report_id) REFERENCES reports (org_id, report_id) ON DELETE CASCADE
);
-- Not prefixed by org_id on purpose: a token is presented before its tenant is known.
CREATE UNIQUE INDEX report_share_links_by_hash ON report_share_links (token_hash);
CREATE INDEX report_share_links_by_report ON report_share_links (org_id, report_id, created_at DESC);

ALTER TABLE reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_comments ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_share_links ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON reports USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON report_versions USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON report_comments USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON report_share_links USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
-- Versions are history: never rewritten.
REVOKE UPDATE ON report_versions FROM ${app_role};

-- An anonymous reader presents a share token before any tenant is known. This SECURITY DEFINER function answers only
-- for the presented token's hash, and only with the ids needed to open that tenant's transaction; whether the link
-- is revoked or expired is decided inside it, against the application's clock.
CREATE FUNCTION report_share_link_for_token(p_hash bytea)
    RETURNS TABLE (org_id uuid, link_id uuid, report_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT l.org_id, l.link_id, l.report_id FROM report_share_links l WHERE l.token_hash = p_hash $$;
