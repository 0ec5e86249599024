-- Monthly usage budgets, the alerts they raised and the in-app notifications those produced.

CREATE TABLE budgets (
    org_id          uuid        NOT NULL REFERENCES organisations (org_id) ON DELETE CASCADE,
    budget_id       uuid        NOT NULL,
    name            text        NOT NULL,
    -- NULL: the whole organisation.
    project_id      uuid,
    -- A budget limits one meter's quantity (in its base unit) or the money value of all usage, never both.
    meter           text        CHECK (meter IN ('DATA_POINTS', 'TRACKED_HOURS', 'STORAGE_BYTES')),
    limit_quantity  numeric     CHECK (limit_quantity > 0),
    limit_amount    numeric     CHECK (limit_amount > 0),
    currency        text        CHECK (currency ~ '^[A-Z]{3}$'),
    thresholds      integer[]   NOT NULL,
    hard_cap        boolean     NOT NULL,
    webhook_url     text,
    webhook_secret  text,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (org_id, budget_id),
    CHECK ((meter IS NOT NULL AND limit_quantity IS NOT NULL AND limit_amount IS NULL AND currency IS NULL)
        OR (meter IS NULL AND limit_quantity IS NULL AND limit_amount IS NOT NULL AND currency IS NOT NULL)),
    CHECK (cardinality(thresholds) BETWEEN 1 AND 10 AND 0 < ALL (thresholds) AND 1000 >= ALL (thresholds)),
    CHECK ((webhook_url IS NULL) = (webhook_secret IS NULL))
);

-- One alert per budget, period and threshold: the primary key is what makes "once per period" true.
CREATE TABLE budget_alerts (
    org_id        uuid        NOT NULL,
    budget_id     uuid        NOT NULL,
    period_start  timestamptz NOT NULL,
    threshold     integer     NOT NULL,
    used          numeric     NOT NULL,
    limit_value   numeric     NOT NULL,
    crossed_at    timestamptz NOT NULL,
    email_status  text        NOT NULL DEFAULT 'PENDING',
    webhook_status text       NOT NULL DEFAULT 'NONE',
    PRIMARY KEY (org_id, budget_id, period_start, threshold),
    FOREIGN KEY (org_id, budget_id) REFERENCES budgets (org_id, budget_id) ON DELETE CASCADE
);

CREATE TABLE notifications (
    org_id          uuid        NOT NULL REFERENCES organisations (org_id) ON DELETE CASCADE,
    notification_id uuid        NOT NULL,
    kind            text        NOT NULL,
    title           text        NOT NULL,
    body            text        NOT NULL,
    created_at      timestamptz NOT NULL,
    read_at         timestamptz,
    PRIMARY KEY (org_id, notification_id)
);
CREATE INDEX notifications_by_time ON notifications (org_id, created_at DESC);

ALTER TABLE budgets ENABLE ROW LEVEL SECURITY;
ALTER TABLE budget_alerts ENABLE ROW LEVEL SECURITY;
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON budgets USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON budget_alerts USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON notifications USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());

-- The budget evaluation job's cross-tenant question, and nothing more.
CREATE FUNCTION orgs_with_budgets() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT DISTINCT org_id FROM budgets
$$;
