-- Tracked time: the instant up to which a run's RUNNING time has been reported to metering. Time is reported in
-- the transaction that moves this mark, so it is counted exactly once; reopening or reviving a run moves the mark to
-- the reopening instant, so the time it spent ended is never counted.
ALTER TABLE runs ADD COLUMN metered_until timestamptz;
-- Runs from before metering counted tracked time are treated as reported (no retroactive charge).
UPDATE runs SET metered_until = greatest(started_at, coalesce(ended_at, heartbeat_at));
ALTER TABLE runs ALTER COLUMN metered_until SET NOT NULL;

-- The tracked-time job's cross-tenant question: RUNNING runs whose heartbeat moved past what was reported.
CREATE FUNCTION runs_with_unreported_time(p_limit int)
    RETURNS TABLE (org_id uuid, run_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT r.org_id, r.run_id FROM runs r
     WHERE r.state = 'RUNNING' AND r.heartbeat_at > r.metered_until
     LIMIT p_limit
$$;

-- The crash detector now marks runs CRASHED inside each organisation's transaction, together with reporting their
-- time up to the last heartbeat; across tenants it only asks which runs went silent.
DROP FUNCTION mark_silent_runs_crashed(timestamptz);
CREATE FUNCTION silent_running_runs(p_cutoff timestamptz, p_limit int)
    RETURNS TABLE (org_id uuid, run_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT r.org_id, r.run_id FROM runs r
     WHERE r.state = 'RUNNING' AND r.heartbeat_at < p_cutoff
     LIMIT p_limit
$$;
