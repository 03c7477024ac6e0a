-- Rescoring's memory per lead, beyond the engagement state itself: events at
-- or after a run's as-of time are not in the state yet; pending_from is the
-- smallest id among them, so the next run offers them again.
ALTER TABLE lead_score ADD COLUMN pending_from BIGINT;

-- A run records the range of leads it covered and the grid it ran with.
ALTER TABLE scoring_run ADD COLUMN grid_size INTEGER;
ALTER TABLE scoring_run ADD COLUMN leads_skipped BIGINT;
