-- Artifacts (api/artifacts): versioned, named collections of files in object storage, the plain files of runs
-- (MLflow style), aliases and lineage. The bytes live in the bucket under keys built from these rows
-- (orgs/{org}/artifacts/{artifact}/{version}/{path}); these rows say which bytes exist and which are visible.
-- Tenant-scoped like every table: org_id first in every key, RLS on every table.

-- An artifact: a name in a project with a type. kind RUN_FILES is the one artifact holding a run's plain files
-- (MLflow's artifact directory): a single version, files visible one by one as they are stored.
-- No foreign key to projects on purpose: deleting a project must not drop these rows while their objects still
-- exist; the collector treats artifacts of a deleted project as deleted and removes objects, then rows.
CREATE TABLE artifacts (
    org_id       uuid        NOT NULL,
    artifact_id  uuid        NOT NULL,
    project_id   uuid        NOT NULL,
    name         text        NOT NULL,
    type         text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('NAMED', 'RUN_FILES')),
    run_id       uuid,
    next_version integer     NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (org_id, artifact_id),
    UNIQUE (org_id, project_id, name),
    CHECK ((kind = 'RUN_FILES') = (run_id IS NOT NULL))
);
CREATE UNIQUE INDEX artifacts_run_files ON artifacts (org_id, run_id) WHERE kind = 'RUN_FILES';

-- A version is visible (COMMITTED) only after every file of it was stored and verified; PENDING versions are
-- drafts being uploaded, DELETED ones wait out the retention before the collector removes their objects.
CREATE TABLE artifact_versions (
    org_id       uuid        NOT NULL,
    artifact_id  uuid        NOT NULL,
    version      integer     NOT NULL CHECK (version >= 1),
    state        text        NOT NULL CHECK (state IN ('PENDING', 'COMMITTED', 'DELETED')),
    description  text        NOT NULL DEFAULT '',
    metadata     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    file_count   integer     NOT NULL DEFAULT 0,
    total_bytes  bigint      NOT NULL DEFAULT 0,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    committed_at timestamptz,
    deleted_at   timestamptz,
    PRIMARY KEY (org_id, artifact_id, version),
    FOREIGN KEY (org_id, artifact_id) REFERENCES artifacts (org_id, artifact_id)
);
CREATE INDEX artifact_versions_pending ON artifact_versions (created_at) WHERE state = 'PENDING';

-- One stored file. PENDING: claimed, bytes on their way (upload_started_at says since when; upload_id for a
-- presigned multipart upload with the size and SHA-256 the client declared). STORED: bytes verified. DELETED:
-- waiting for the collector; COLLECTING: the collector is removing its object. metered: its bytes were reported to
-- metering (when they became visible), so the collector reports their removal. Restrictive foreign key: a version
-- row cannot disappear while a file row (and so an object) of it exists.
CREATE TABLE artifact_files (
    org_id            uuid        NOT NULL,
    file_id           uuid        NOT NULL,
    artifact_id       uuid        NOT NULL,
    version           integer     NOT NULL,
    path              text        NOT NULL,
    state             text        NOT NULL CHECK (state IN ('PENDING', 'STORED', 'DELETED', 'COLLECTING')),
    size_bytes        bigint      CHECK (size_bytes >= 0),
    sha256            text        CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    upload_id         text,
    expected_size     bigint,
    expected_sha256   text,
    part_size         bigint,
    upload_started_at timestamptz,
    metered           boolean     NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL,
    stored_at         timestamptz,
    deleted_at        timestamptz,
    PRIMARY KEY (org_id, file_id),
    UNIQUE (org_id, artifact_id, version, path),
    FOREIGN KEY (org_id, artifact_id, version) REFERENCES artifact_versions (org_id, artifact_id, version)
);
CREATE INDEX artifact_files_to_collect ON artifact_files (deleted_at) WHERE state IN ('DELETED', 'COLLECTING');

-- Aliases (latest, best, custom) point at committed versions; `latest` follows the highest committed version.
CREATE TABLE artifact_aliases (
    org_id      uuid        NOT NULL,
    artifact_id uuid        NOT NULL,
    alias       text        NOT NULL,
    version     integer     NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (org_id, artifact_id, alias),
    FOREIGN KEY (org_id, artifact_id, version) REFERENCES artifact_versions (org_id, artifact_id, version)
        ON DELETE CASCADE
);

-- Lineage: a run produced (OUTPUT) or consumed (INPUT) an artifact version. At most one producer per version.
CREATE TABLE artifact_lineage (
    org_id      uuid        NOT NULL,
    artifact_id uuid        NOT NULL,
    version     integer     NOT NULL,
    run_id      uuid        NOT NULL,
    direction   text        NOT NULL CHECK (direction IN ('INPUT', 'OUTPUT')),
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (org_id, artifact_id, version, direction, run_id),
    FOREIGN KEY (org_id, artifact_id, version) REFERENCES artifact_versions (org_id, artifact_id, version)
        ON DELETE CASCADE,
    FOREIGN KEY (org_id, run_id) REFERENCES runs (org_id, run_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX artifact_lineage_one_producer ON artifact_lineage (org_id, artifact_id, version)
    WHERE direction = 'OUTPUT';
CREATE INDEX artifact_lineage_by_run ON artifact_lineage (org_id, run_id);

ALTER TABLE artifacts ENABLE ROW LEVEL SECURITY;
ALTER TABLE artifact_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE artifact_files ENABLE ROW LEVEL SECURITY;
ALTER TABLE artifact_aliases ENABLE ROW LEVEL SECURITY;
ALTER TABLE artifact_lineage ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON artifacts USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON artifact_versions USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON artifact_files USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON artifact_aliases USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON artifact_lineage USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());

-- The collector, across tenants, gets exactly what it needs. First, what becomes deleted without a request:
-- drafts abandoned before the cutoff, and every version of an artifact whose project was deleted. Their files are
-- marked DELETED at p_now, so they wait out the retention like any deleted file.
CREATE FUNCTION expire_artifact_versions(p_now timestamptz, p_abandoned_before timestamptz)
    RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $$
DECLARE
    expired integer;
BEGIN
    WITH gone AS (
        UPDATE artifact_versions v SET state = 'DELETED', deleted_at = p_now
          FROM artifacts a
         WHERE a.org_id = v.org_id AND a.artifact_id = v.artifact_id AND v.state <> 'DELETED'
           AND ((v.state = 'PENDING' AND v.created_at < p_abandoned_before)
                OR NOT EXISTS (SELECT 1 FROM projects p WHERE p.org_id = a.org_id AND p.project_id = a.project_id))
        RETURNING v.org_id, v.artifact_id, v.version
    )
    UPDATE artifact_files f SET state = 'DELETED', deleted_at = p_now
      FROM gone g
     WHERE f.org_id = g.org_id AND f.artifact_id = g.artifact_id AND f.version = g.version
       AND f.state IN ('PENDING', 'STORED');
    GET DIAGNOSTICS expired = ROW_COUNT;
    RETURN expired;
END
$$;

-- Then: files deleted before the retention cutoff (and ones a failed collection left half-done), oldest first.
CREATE FUNCTION artifact_files_to_collect(p_deleted_before timestamptz, p_limit int)
    RETURNS TABLE (org_id uuid, file_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT f.org_id, f.file_id FROM artifact_files f
     WHERE f.state IN ('DELETED', 'COLLECTING') AND f.deleted_at < p_deleted_before
     ORDER BY f.deleted_at
     LIMIT p_limit
$$;

-- Last: deleted versions left without files (drafts abandoned before any upload, or whose files are collected),
-- and artifacts of deleted projects left without versions, once past the retention cutoff.
CREATE FUNCTION remove_empty_artifact_versions(p_deleted_before timestamptz)
    RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $$
DECLARE
    removed integer;
BEGIN
    DELETE FROM artifact_versions v
     WHERE v.state = 'DELETED' AND v.deleted_at < p_deleted_before
       AND NOT EXISTS (SELECT 1 FROM artifact_files f
                        WHERE f.org_id = v.org_id AND f.artifact_id = v.artifact_id AND f.version = v.version);
    GET DIAGNOSTICS removed = ROW_COUNT;
    DELETE FROM artifacts a
     WHERE NOT EXISTS (SELECT 1 FROM projects p WHERE p.org_id = a.org_id AND p.project_id = a.project_id)
       AND NOT EXISTS (SELECT 1 FROM artifact_versions v WHERE v.org_id = a.org_id AND v.artifact_id = a.artifact_id);
    RETURN removed;
END
$$;
