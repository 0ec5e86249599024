-- Hourly roll-ups: usage per organisation × project × meter × hour, the unit billing rates and explains with.
-- A roll-up recomputes every hour touched by events recorded since the organisation's last roll-up (minus a margin
-- for transactions still in flight then) from the events themselves, so rolling up twice changes nothing and late
-- events (tracked time ending in an earlier hour) land in the hour they belong to.

-- When the event reached the database (transaction start), as opposed to occurred_at, the instant it counts for.
ALTER TABLE usage_events ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX usage_events_by_recorded ON usage_events (recorded_at);

CREATE TABLE usage_hourly (
    org_id      uuid        NOT NULL REFERENCES organisations (org_id) ON DELETE CASCADE,
    meter       text        NOT NULL,
    hour        timestamptz NOT NULL CHECK (date_trunc('hour', hour AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' = hour),
    -- The nil UUID stands for usage that belongs to no project (a key cannot hold NULL).
    project_key uuid        NOT NULL,
    quantity    numeric     NOT NULL CHECK (quantity >= 0),
    events      bigint      NOT NULL,
    rolled_up_at timestamptz NOT NULL,
    PRIMARY KEY (org_id, meter, hour, project_key)
);

CREATE TABLE usage_rollup_state (
    org_id            uuid        NOT NULL REFERENCES organisations (org_id) ON DELETE CASCADE,
    rolled_up_through timestamptz NOT NULL,
    PRIMARY KEY (org_id)
);

ALTER TABLE usage_hourly ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_rollup_state ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON usage_hourly USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON usage_rollup_state USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());

-- Rolls up one organisation (p_org) or, with NULL, every organisation: the job looks across tenants through this
-- function only. Returns the number of hour rows written or changed. Recent events are found through the
-- recorded_at index from a constant bound: the organisation's mark (or, for the job, the oldest mark) minus a margin
-- that covers transactions which started before the previous roll-up but committed after it (ingest transactions
-- last milliseconds; the margin is minutes). The job marks every organisation, so the bound stays recent even for
-- organisations that went quiet.
CREATE FUNCTION roll_up_usage(p_org uuid, p_margin interval) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $$
DECLARE
    started timestamptz := clock_timestamp();
    since timestamptz;
    changed integer;
BEGIN
    IF p_org IS NULL THEN
        SELECT min(rolled_up_through) - p_margin INTO since FROM usage_rollup_state;
    ELSE
        SELECT rolled_up_through - p_margin INTO since FROM usage_rollup_state WHERE org_id = p_org;
    END IF;
    since := coalesce(since, '-infinity');

    WITH touched AS (
        SELECT DISTINCT e.org_id, e.meter,
               date_trunc('hour', e.occurred_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour
          FROM usage_events e
         WHERE e.recorded_at >= since AND (p_org IS NULL OR e.org_id = p_org)
    ), sums AS (
        SELECT e.org_id, e.meter, t.hour,
               coalesce(e.project_id, '00000000-0000-0000-0000-000000000000'::uuid) AS project_key,
               sum(e.quantity) AS quantity, count(*) AS events
          FROM touched t
          JOIN usage_events e ON e.org_id = t.org_id AND e.meter = t.meter
                             AND e.occurred_at >= t.hour AND e.occurred_at < t.hour + interval '1 hour'
         GROUP BY e.org_id, e.meter, t.hour, 4
    ), upserted AS (
        INSERT INTO usage_hourly (org_id, meter, hour, project_key, quantity, events, rolled_up_at)
        SELECT org_id, meter, hour, project_key, quantity, events, started FROM sums
        -- One lock order for every roll-up, so the job and a reader rolling up at once cannot deadlock.
        ORDER BY org_id, meter, hour, project_key
        ON CONFLICT (org_id, meter, hour, project_key) DO UPDATE
           SET quantity = excluded.quantity, events = excluded.events, rolled_up_at = excluded.rolled_up_at
         WHERE usage_hourly.quantity <> excluded.quantity OR usage_hourly.events <> excluded.events
        RETURNING 1
    ), marked AS (
        INSERT INTO usage_rollup_state (org_id, rolled_up_through)
        SELECT DISTINCT org_id, started FROM touched ORDER BY org_id
        ON CONFLICT (org_id) DO UPDATE SET rolled_up_through = excluded.rolled_up_through
        RETURNING 1
    )
    SELECT count(*) INTO changed FROM upserted;

    IF p_org IS NULL THEN
        UPDATE usage_rollup_state SET rolled_up_through = started WHERE rolled_up_through < started;
    END IF;
    RETURN changed;
END
$$;

-- Storage integration: per organisation × project, the bytes stored and the instant up to which they have been
-- integrated into STORAGE_BYTES usage (byte-seconds per hour).
CREATE TABLE storage_levels (
    org_id           uuid        NOT NULL REFERENCES organisations (org_id) ON DELETE CASCADE,
    project_key      uuid        NOT NULL,
    level_bytes      bigint      NOT NULL,
    integrated_until timestamptz NOT NULL,
    PRIMARY KEY (org_id, project_key)
);
ALTER TABLE storage_levels ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON storage_levels USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());

-- The integration job's cross-tenant question: which organisations have stored bytes or changes to integrate.
CREATE FUNCTION orgs_with_storage() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT DISTINCT org_id FROM storage_changes
$$;
