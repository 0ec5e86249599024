-- Tracked time can be corrected: when a client replaces a run's end time with an earlier one, the seconds billed past
-- the new end are withdrawn by a compensating event (negative quantity, its own event id), never by editing or
-- deleting the events already recorded. Only tracked time is ever withdrawn; every hour's sum stays >= 0 because a
-- withdrawal covers only time that an earlier event of the same run counted in that hour.
ALTER TABLE usage_events DROP CONSTRAINT usage_events_quantity_check;
ALTER TABLE usage_events ADD CONSTRAINT usage_events_quantity_check CHECK (quantity >= 0 OR meter = 'TRACKED_HOURS');
