-- PostgreSQL only (db/vendor/postgresql; H2 keeps one table, see db/vendor/h2):
-- the score history becomes a table partitioned by run, one partition per
-- rescoring run, made by the run's first step (ScoreHistoryPartitions).
--
-- Why by run (docs/architecture.md, "Score history at 100M leads"): a run
-- writes one row per open lead — 100M rows a night at 100M leads — and is
-- read back by run (drift, calibration) or by lead across runs (the lead's
-- page). In one table the lead index takes each night's rows at random places
-- of a B-tree that grows by 100M entries a night, so its pages stop fitting in
-- memory and every insert becomes a random read; a run's own partition takes
-- them in lead order, at the right edge of a small index. Retention becomes
-- dropping a run's table, with no DELETE, bloat or VACUUM; a run's reads prune
-- to its partition. By month would share the first problem within a month,
-- and run ids are not dates.
--
-- The history written before this migration becomes the partition of every
-- run id below the next one (and of the negative run ids of the plain-JDBC
-- floor, bench rescore's baseline); its rows are not copied. A DEFAULT
-- partition takes a run whose partition was not made, so no write ever fails
-- for want of one.
ALTER TABLE score_history RENAME TO score_history_earlier;
ALTER TABLE score_history_earlier RENAME CONSTRAINT score_history_pkey TO score_history_earlier_pkey;
ALTER INDEX score_history_by_lead RENAME TO score_history_earlier_by_lead;

CREATE TABLE score_history (
    run_id  BIGINT NOT NULL,
    lead_id BIGINT NOT NULL,
    score   DOUBLE PRECISION NOT NULL,
    grade   CHAR(1) NOT NULL,
    PRIMARY KEY (run_id, lead_id)
) PARTITION BY RANGE (run_id);
CREATE INDEX score_history_by_lead ON score_history (lead_id);

DO $$
DECLARE
    next_run BIGINT;
BEGIN
    SELECT COALESCE(MAX(run_id), 0) + 1 INTO next_run FROM score_history_earlier;
    IF next_run < 1 THEN
        next_run := 1;
    END IF;
    EXECUTE format('ALTER TABLE score_history ATTACH PARTITION score_history_earlier FOR VALUES FROM (MINVALUE) TO (%s)',
                   next_run);
END $$;

CREATE TABLE score_history_unplanned PARTITION OF score_history DEFAULT;

-- A lead's current score and engagement state is rewritten by every run.
-- Pages left part empty let PostgreSQL put the new version beside the old
-- one (a HOT update: no new entry in the key's index, and the old version
-- pruned on the page) instead of growing the table and its index each night.
ALTER TABLE lead_score SET (fillfactor = 70);
