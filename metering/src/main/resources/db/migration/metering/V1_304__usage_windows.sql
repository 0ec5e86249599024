-- Every usage record says which time window it counts: an instant for stored points, the stretch of running time
-- for tracked time, the hour for stored bytes. occurred_at is the window's start (and what roll-ups bucket by).
ALTER TABLE usage_events ADD COLUMN window_end timestamptz;
UPDATE usage_events SET window_end = occurred_at;
ALTER TABLE usage_events ALTER COLUMN window_end SET NOT NULL;
ALTER TABLE usage_events ADD CONSTRAINT usage_window_is_ordered CHECK (window_end >= occurred_at);
