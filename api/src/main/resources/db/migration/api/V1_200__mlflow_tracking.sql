-- The MLflow-compatible API (api/mlflow). Experiments are projects; these tables hold only what MLflow has and our
-- projects and runs do not: free-text experiment names, lifecycle, artifact location, experiment tags, the
-- organisation's default experiment "0", and dataset inputs of runs. Tenant-scoped like every table: org_id first in
-- every key, RLS on every table.

-- One row per project that MLflow clients have seen (created through MLflow, or lazily for native projects).
CREATE TABLE mlflow_experiments (
    org_id            uuid        NOT NULL,
    project_id        uuid        NOT NULL,
    name              text        NOT NULL,
    lifecycle_stage   text        NOT NULL DEFAULT 'active' CHECK (lifecycle_stage IN ('active', 'deleted')),
    -- NULL: the default, mlflow-artifacts:/<experiment_id>
    artifact_location text,
    created_at        timestamptz NOT NULL,
    -- last_update_time; also the instant of deletion while deleted (restore brings back the runs deleted with it)
    updated_at        timestamptz NOT NULL,
    PRIMARY KEY (org_id, project_id),
    UNIQUE (org_id, name),
    FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, project_id) ON DELETE CASCADE
);
CREATE INDEX mlflow_experiments_by_created ON mlflow_experiments (org_id, created_at DESC, project_id);

CREATE TABLE mlflow_experiment_tags (
    org_id     uuid NOT NULL,
    project_id uuid NOT NULL,
    key        text NOT NULL,
    value      text NOT NULL,
    PRIMARY KEY (org_id, project_id, key),
    FOREIGN KEY (org_id, project_id) REFERENCES mlflow_experiments (org_id, project_id) ON DELETE CASCADE
);

-- The organisation's experiment "0", created on first use. The primary key makes concurrent first uses agree.
CREATE TABLE mlflow_default_experiments (
    org_id     uuid NOT NULL,
    project_id uuid NOT NULL,
    PRIMARY KEY (org_id),
    FOREIGN KEY (org_id, project_id) REFERENCES mlflow_experiments (org_id, project_id) ON DELETE CASCADE
);

-- Datasets logged with runs/log-inputs, deduplicated per experiment by (name, digest) as MLflow does.
CREATE TABLE mlflow_datasets (
    org_id      uuid        NOT NULL,
    dataset_id  uuid        NOT NULL,
    project_id  uuid        NOT NULL,
    name        text        NOT NULL,
    digest      text        NOT NULL,
    source_type text        NOT NULL,
    source      text        NOT NULL,
    schema      text,
    profile     text,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (org_id, dataset_id),
    UNIQUE (org_id, project_id, name, digest),
    FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, project_id) ON DELETE CASCADE
);

-- Which datasets a run used, with the input tags (e.g. mlflow.data.context) as a JSON array of {key, value}.
CREATE TABLE mlflow_run_inputs (
    org_id     uuid        NOT NULL,
    run_id     uuid        NOT NULL,
    dataset_id uuid        NOT NULL,
    tags       jsonb       NOT NULL DEFAULT '[]'::jsonb,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (org_id, run_id, dataset_id),
    FOREIGN KEY (org_id, run_id) REFERENCES runs (org_id, run_id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, dataset_id) REFERENCES mlflow_datasets (org_id, dataset_id) ON DELETE CASCADE
);

ALTER TABLE mlflow_experiments ENABLE ROW LEVEL SECURITY;
ALTER TABLE mlflow_experiment_tags ENABLE ROW LEVEL SECURITY;
ALTER TABLE mlflow_default_experiments ENABLE ROW LEVEL SECURITY;
ALTER TABLE mlflow_datasets ENABLE ROW LEVEL SECURITY;
ALTER TABLE mlflow_run_inputs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mlflow_experiments USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON mlflow_experiment_tags USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON mlflow_default_experiments USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON mlflow_datasets USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON mlflow_run_inputs USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
