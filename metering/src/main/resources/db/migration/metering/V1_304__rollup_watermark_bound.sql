-- Roll-ups find recent events through the recorded_at index with a constant lower bound, instead of comparing each
-- event with its organisation's mark (which planned as a scan of every event). The job (p_org NULL) rolls up every
-- organisation, so afterwards every organisation's mark is the job's start and the next bound stays recent even for
-- organisations that went quiet.
CREATE OR REPLACE FUNCTION roll_up_usage(p_org uuid, p_margin interval) RETURNS integer
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
