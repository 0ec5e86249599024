-- Whether a run's client sends heartbeats. Native SDK runs do (and crash when silent for the heartbeat timeout);
-- MLflow clients never do, so their runs are only "quiet" when silent, until the much longer abandonment timeout.
ALTER TABLE runs ADD COLUMN sends_heartbeats boolean NOT NULL DEFAULT true;

-- The start of the run's current (or last) charged stretch: creation, reopening, or new activity after a silence.
-- A second end time corrects the billed interval of this stretch, never of earlier ones.
ALTER TABLE runs ADD COLUMN running_since timestamptz;
-- Existing runs: their billed time is kept as it is (a later end correction only adds or withdraws time past it).
UPDATE runs SET running_since = metered_until;
ALTER TABLE runs ALTER COLUMN running_since SET NOT NULL;

-- Bumped by every withdrawal of billed time, so the usage event ids of time billed again afterwards are new ones.
ALTER TABLE runs ADD COLUMN metered_revision int NOT NULL DEFAULT 0;

-- The crash detector asks which organisations have silent runs, with one timeout for runs that heartbeat and a
-- longer one (abandonment) for runs that never do.
DROP FUNCTION orgs_with_silent_runs(timestamptz);
CREATE FUNCTION orgs_with_silent_runs(p_heartbeat_cutoff timestamptz, p_abandon_cutoff timestamptz)
    RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT DISTINCT r.org_id FROM runs r
     WHERE r.state = 'RUNNING' AND r.heartbeat_at < p_heartbeat_cutoff
       AND (r.sends_heartbeats OR r.heartbeat_at < p_abandon_cutoff)
$$;
