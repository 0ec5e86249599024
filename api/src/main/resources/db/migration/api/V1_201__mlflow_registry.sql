-- MLflow's model registry for the MLflow-compatible API: registered models, their versions, tags and aliases.
-- Tenant-scoped like every table: org_id first in every key, RLS on every table.

CREATE TABLE mlflow_registered_models (
    org_id       uuid        NOT NULL,
    model_id     uuid        NOT NULL,
    name         text        NOT NULL,
    description  text        NOT NULL DEFAULT '',
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    -- The highest version number ever given out: deleted versions' numbers are never reused, as in MLflow.
    last_version bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (org_id, model_id),
    UNIQUE (org_id, name)
);

CREATE TABLE mlflow_registered_model_tags (
    org_id   uuid NOT NULL,
    model_id uuid NOT NULL,
    key      text NOT NULL,
    value    text NOT NULL,
    PRIMARY KEY (org_id, model_id, key),
    FOREIGN KEY (org_id, model_id) REFERENCES mlflow_registered_models (org_id, model_id) ON DELETE CASCADE
);

CREATE TABLE mlflow_model_versions (
    org_id         uuid        NOT NULL,
    model_id       uuid        NOT NULL,
    version        bigint      NOT NULL,
    description    text        NOT NULL DEFAULT '',
    source         text        NOT NULL,
    -- As MLflow clients send it (32 hex digits for our runs); not a foreign key, as in MLflow.
    run_id         text,
    run_link       text,
    status         text        NOT NULL DEFAULT 'READY',
    status_message text,
    current_stage  text        NOT NULL DEFAULT 'None'
        CHECK (current_stage IN ('None', 'Staging', 'Production', 'Archived')),
    created_by     text        NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    PRIMARY KEY (org_id, model_id, version),
    FOREIGN KEY (org_id, model_id) REFERENCES mlflow_registered_models (org_id, model_id) ON DELETE CASCADE
);
CREATE INDEX mlflow_model_versions_by_run ON mlflow_model_versions (org_id, run_id);

CREATE TABLE mlflow_model_version_tags (
    org_id   uuid   NOT NULL,
    model_id uuid   NOT NULL,
    version  bigint NOT NULL,
    key      text   NOT NULL,
    value    text   NOT NULL,
    PRIMARY KEY (org_id, model_id, version, key),
    FOREIGN KEY (org_id, model_id, version) REFERENCES mlflow_model_versions (org_id, model_id, version)
        ON DELETE CASCADE
);

CREATE TABLE mlflow_registered_model_aliases (
    org_id   uuid   NOT NULL,
    model_id uuid   NOT NULL,
    alias    text   NOT NULL,
    version  bigint NOT NULL,
    PRIMARY KEY (org_id, model_id, alias),
    FOREIGN KEY (org_id, model_id, version) REFERENCES mlflow_model_versions (org_id, model_id, version)
        ON DELETE CASCADE
);

ALTER TABLE mlflow_registered_models ENABLE ROW LEVEL SECURITY;
ALTER TABLE mlflow_registered_model_tags ENABLE ROW LEVEL SECURITY;
ALTER TABLE mlflow_model_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE mlflow_model_version_tags ENABLE ROW LEVEL SECURITY;
ALTER TABLE mlflow_registered_model_aliases ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mlflow_registered_models USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON mlflow_registered_model_tags USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON mlflow_model_versions USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON mlflow_model_version_tags USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON mlflow_registered_model_aliases USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
