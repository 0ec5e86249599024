-- Tracking: runs, their params/config, tags, metric series (with summaries) and the chunked point store.
-- Every table is tenant-scoped like the rest of the schema: org_id first in every key, RLS on every table.

CREATE TABLE runs (
    org_id       uuid        NOT NULL,
    run_id       uuid        NOT NULL,
    project_id   uuid        NOT NULL,
    name         text        NOT NULL,
    state        text        NOT NULL CHECK (state IN ('RUNNING', 'FINISHED', 'FAILED', 'KILLED', 'CRASHED')),
    created_by   text        NOT NULL,
    run_group    text,
    notes        text        NOT NULL DEFAULT '',
    config       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    started_at   timestamptz NOT NULL,
    ended_at     timestamptz,
    heartbeat_at timestamptz NOT NULL,
    deleted_at   timestamptz,
    PRIMARY KEY (org_id, run_id),
    FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, project_id) ON DELETE CASCADE
);
CREATE INDEX runs_by_project_started ON runs (org_id, project_id, started_at DESC, run_id);
CREATE INDEX runs_by_project_name ON runs (org_id, project_id, name);
-- For the crash detector, which looks across tenants for RUNNING runs whose heartbeat stopped.
CREATE INDEX runs_running_by_heartbeat ON runs (heartbeat_at) WHERE state = 'RUNNING';

-- Params and flattened config (dotted keys), write-once per key. value_num is the value when it reads as a finite
-- number, so that searches can compare numerically.
CREATE TABLE run_params (
    org_id     uuid             NOT NULL,
    project_id uuid             NOT NULL,
    run_id     uuid             NOT NULL,
    key        text             NOT NULL,
    value      text             NOT NULL,
    value_num  double precision,
    PRIMARY KEY (org_id, run_id, key),
    FOREIGN KEY (org_id, run_id) REFERENCES runs (org_id, run_id) ON DELETE CASCADE
);
CREATE INDEX run_params_by_text ON run_params (org_id, project_id, key, value);
CREATE INDEX run_params_by_number ON run_params (org_id, project_id, key, value_num) WHERE value_num IS NOT NULL;

CREATE TABLE run_tags (
    org_id     uuid NOT NULL,
    project_id uuid NOT NULL,
    run_id     uuid NOT NULL,
    key        text NOT NULL,
    value      text NOT NULL,
    PRIMARY KEY (org_id, run_id, key),
    FOREIGN KEY (org_id, run_id) REFERENCES runs (org_id, run_id) ON DELETE CASCADE
);
CREATE INDEX run_tags_by_value ON run_tags (org_id, project_id, key, value);

-- One row per (run, metric key): the series' identity, its summary (what the runs table shows and search sorts on)
-- and its display key (the key after aliases; raw points keep the raw key).
CREATE TABLE metric_series (
    org_id       uuid             NOT NULL,
    project_id   uuid             NOT NULL,
    run_id       uuid             NOT NULL,
    series_id    bigint           NOT NULL GENERATED ALWAYS AS IDENTITY,
    key          text             NOT NULL,
    display_key  text             NOT NULL,
    point_count  bigint           NOT NULL DEFAULT 0,
    first_step   bigint,
    max_step     bigint,
    last_step    bigint,
    last_ts      bigint,
    last_value   double precision,
    min_value    double precision,
    max_value    double precision,
    small_chunks integer          NOT NULL DEFAULT 0,
    change_seq   bigint           NOT NULL DEFAULT 0,
    PRIMARY KEY (org_id, series_id),
    UNIQUE (org_id, run_id, key),
    FOREIGN KEY (org_id, run_id) REFERENCES runs (org_id, run_id) ON DELETE CASCADE
);
CREATE INDEX metric_series_by_display_key ON metric_series (org_id, run_id, display_key);
CREATE INDEX metric_series_by_last_value ON metric_series (org_id, project_id, display_key, last_value);
CREATE INDEX metric_series_by_min_value ON metric_series (org_id, project_id, display_key, min_value);
CREATE INDEX metric_series_by_max_value ON metric_series (org_id, project_id, display_key, max_value);
CREATE INDEX metric_series_compaction ON metric_series (small_chunks) WHERE small_chunks >= 8;

-- Bumped on every write to a series, so followers can ask cheaply "what changed since N".
CREATE SEQUENCE metric_change_seq;

-- Points, as compressed column chunks (see tracking/README.md for the encoding). Chunks of one series may overlap
-- in steps (out-of-order writes); compaction merges small or overlapping chunks into sorted, disjoint ones.
CREATE TABLE metric_chunks (
    org_id      uuid             NOT NULL,
    series_id   bigint           NOT NULL,
    chunk_id    bigint           NOT NULL GENERATED ALWAYS AS IDENTITY,
    first_step  bigint           NOT NULL,
    last_step   bigint           NOT NULL,
    first_ts    bigint           NOT NULL,
    last_ts     bigint           NOT NULL,
    point_count integer          NOT NULL,
    min_value   double precision,
    max_value   double precision,
    data        bytea            NOT NULL,
    PRIMARY KEY (org_id, series_id, first_step, chunk_id),
    FOREIGN KEY (org_id, series_id) REFERENCES metric_series (org_id, series_id) ON DELETE CASCADE
);
-- Encoded chunks do not compress further; skip PostgreSQL's attempt.
ALTER TABLE metric_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

-- Idempotency of ingestion: a batch id is applied once per run, enforced here, not in code.
CREATE TABLE ingest_batches (
    org_id      uuid        NOT NULL,
    run_id      uuid        NOT NULL,
    batch_id    text        NOT NULL,
    received_at timestamptz NOT NULL,
    points      bigint      NOT NULL,
    PRIMARY KEY (org_id, run_id, batch_id),
    FOREIGN KEY (org_id, run_id) REFERENCES runs (org_id, run_id) ON DELETE CASCADE
);

-- Renames of metric keys after the fact, for a whole project or a set of runs. Raw data is never rewritten; the
-- display keys in metric_series follow these.
CREATE TABLE metric_aliases (
    org_id     uuid        NOT NULL,
    alias_id   uuid        NOT NULL,
    project_id uuid        NOT NULL,
    run_ids    uuid[],
    source_key text        NOT NULL,
    alias_key  text        NOT NULL,
    created_at timestamptz NOT NULL,
    created_by text        NOT NULL,
    PRIMARY KEY (org_id, alias_id),
    FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, project_id) ON DELETE CASCADE
);
CREATE INDEX metric_aliases_by_project ON metric_aliases (org_id, project_id);

ALTER TABLE runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE run_params ENABLE ROW LEVEL SECURITY;
ALTER TABLE run_tags ENABLE ROW LEVEL SECURITY;
ALTER TABLE metric_series ENABLE ROW LEVEL SECURITY;
ALTER TABLE metric_chunks ENABLE ROW LEVEL SECURITY;
ALTER TABLE ingest_batches ENABLE ROW LEVEL SECURITY;
ALTER TABLE metric_aliases ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON runs USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON run_params USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON run_tags USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON metric_series USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON metric_chunks USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON ingest_batches USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON metric_aliases USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());

-- Background jobs that must look across tenants get exactly what they need and nothing more.
-- The crash detector: RUNNING runs whose heartbeat is older than the cutoff become CRASHED, ending at their last
-- heartbeat. Returns what it changed so the caller can publish events.
CREATE FUNCTION mark_silent_runs_crashed(p_cutoff timestamptz)
    RETURNS TABLE (org_id uuid, run_id uuid, project_id uuid, started_at timestamptz, ended_at timestamptz)
    LANGUAGE sql SECURITY DEFINER SET search_path = public
AS $$
    UPDATE runs r SET state = 'CRASHED', ended_at = r.heartbeat_at
     WHERE r.state = 'RUNNING' AND r.heartbeat_at < p_cutoff
    RETURNING r.org_id, r.run_id, r.project_id, r.started_at, r.ended_at
$$;

-- The compactor: which series have enough small chunks to be worth merging.
CREATE FUNCTION series_needing_compaction(p_min_small_chunks int, p_limit int)
    RETURNS TABLE (org_id uuid, series_id bigint)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT s.org_id, s.series_id FROM metric_series s
     WHERE s.small_chunks >= p_min_small_chunks
     ORDER BY s.small_chunks DESC
     LIMIT p_limit
$$;
