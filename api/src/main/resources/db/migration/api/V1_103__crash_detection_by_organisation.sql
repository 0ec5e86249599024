-- The crash detector marks an organisation's silent runs CRASHED with one statement in that organisation's
-- transaction (reporting tracked time for the few that have any left to report), instead of a transaction per run:
-- across tenants it only asks which organisations have silent runs.
DROP FUNCTION silent_running_runs(timestamptz, int);
CREATE FUNCTION orgs_with_silent_runs(p_cutoff timestamptz)
    RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT DISTINCT r.org_id FROM runs r WHERE r.state = 'RUNNING' AND r.heartbeat_at < p_cutoff
$$;
