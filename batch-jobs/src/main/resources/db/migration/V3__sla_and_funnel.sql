-- The SLA check and the funnel report. Same rules as V2: one script for H2 2.x
-- and PostgreSQL 15, instants as TIMESTAMP WITH TIME ZONE, money as NUMERIC.

-- Where each MQL stands with its SLA, for its current mql_at, so the nightly
-- check reads only the MQLs still in play (OPEN, OVERDUE) and never again the
-- settled ones (MET, LATE, RECYCLED, EXPIRED):
--   OPEN      the SLA clock runs, or has run out and no check has seen it yet
--   MET       first follow-up within the SLA
--   OVERDUE   breach recorded, no follow-up yet: watched for one, and recycled when stale
--   LATE      breach recorded, then followed up
--   RECYCLED  breach recorded, never followed up, returned to nurture
--   EXPIRED   breach recorded, never followed up, left MQL another way; no longer watched
-- Whoever makes a lead an MQL (the nightly rescoring) sets sla_state = 'OPEN'
-- in the same statement as mql_at. sla_mql_at is the mql_at the state was
-- decided for: a state left over from an earlier MQL time counts as OPEN.
ALTER TABLE lead ADD COLUMN sla_state VARCHAR(16);
ALTER TABLE lead ADD COLUMN sla_mql_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX lead_by_sla_state ON lead (sla_state);
UPDATE lead SET sla_state = 'OPEN' WHERE mql_at IS NOT NULL;

-- A breach's first follow-up, once there is one (late, after the due time),
-- and the SLA check run that recycled it.
ALTER TABLE sla_breach ADD COLUMN first_touch_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE sla_breach ADD COLUMN recycled_run_id BIGINT;
CREATE INDEX sla_breach_by_run ON sla_breach (run_id);
CREATE INDEX sla_breach_by_recycling_run ON sla_breach (recycled_run_id);

-- One row per SLA check run: the terms it applied (read from the policy when
-- the run started, kept for its restarts) and what it decided, counted in the
-- same transactions as the decisions.
CREATE TABLE sla_check_run (
    run_id               BIGINT NOT NULL PRIMARY KEY,   -- the job instance id
    as_of                TIMESTAMP WITH TIME ZONE NOT NULL,
    policy_version       INTEGER NOT NULL,
    sla_hours            DOUBLE PRECISION NOT NULL,
    recycle_after_days   INTEGER NOT NULL,
    met                  BIGINT NOT NULL,
    breached             BIGINT NOT NULL,               -- new breaches
    touched_after_breach BIGINT NOT NULL,               -- earlier breaches followed up since
    expired              BIGINT NOT NULL,
    recycled             BIGINT NOT NULL,
    started_at           TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Funnel reports, one per run, kept as history. The cohort is the leads
-- created in [cohort_from, cohort_to) (either bound may be absent) by as_of;
-- every figure counts only what happened by as_of.
CREATE TABLE funnel_report (
    run_id                BIGINT NOT NULL PRIMARY KEY,  -- the job instance id
    as_of                 TIMESTAMP WITH TIME ZONE NOT NULL,
    cohort_from           TIMESTAMP WITH TIME ZONE,
    cohort_to             TIMESTAMP WITH TIME ZONE,
    policy_version        INTEGER NOT NULL,
    sla_hours             DOUBLE PRECISION NOT NULL,
    leads                 BIGINT,
    mqls                  BIGINT,                       -- times a cohort lead became MQL
    sla_open              BIGINT,                       -- of those, SLA still running and no follow-up yet
    followed_up           BIGINT,
    within_sla            BIGINT,
    breaches              BIGINT,
    recycled              BIGINT,
    median_response_hours DOUBLE PRECISION,
    p90_response_hours    DOUBLE PRECISION,
    accepted              BIGINT,                       -- followed-up MQLs that sales accepted
    won_deals             BIGINT,
    revenue               NUMERIC(19, 4),
    started_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at          TIMESTAMP WITH TIME ZONE      -- NULL until every section is written
);
CREATE INDEX funnel_report_by_completion ON funnel_report (completed_at);

-- Per stage: the cohort leads at it as of as_of, and (main path only) how many reached it.
CREATE TABLE funnel_report_stage (
    run_id   BIGINT NOT NULL,
    stage    VARCHAR(16) NOT NULL,
    at_stage BIGINT NOT NULL,
    reached  BIGINT,
    PRIMARY KEY (run_id, stage),
    CONSTRAINT funnel_report_stage_report_fk FOREIGN KEY (run_id) REFERENCES funnel_report (run_id)
);

-- Why leads went back to marketing: FOLLOW_UP reasons are sales' rejections,
-- STAGE_CHANGE reasons are other moves to nurture (SLA recycling, a person).
CREATE TABLE funnel_report_rejection (
    run_id     BIGINT NOT NULL,
    origin     VARCHAR(16) NOT NULL,
    reason     VARCHAR NOT NULL,
    rejections BIGINT NOT NULL,
    PRIMARY KEY (run_id, origin, reason),
    CONSTRAINT funnel_report_rejection_report_fk FOREIGN KEY (run_id) REFERENCES funnel_report (run_id)
);

-- Per lead source and per campaign ('' for leads without one).
CREATE TABLE funnel_report_segment (
    run_id    BIGINT NOT NULL,
    dimension VARCHAR(16) NOT NULL,                     -- SOURCE or CAMPAIGN
    segment   VARCHAR NOT NULL,
    leads     BIGINT NOT NULL,
    mqls      BIGINT NOT NULL,
    won_deals BIGINT NOT NULL,
    revenue   NUMERIC(19, 4) NOT NULL,
    PRIMARY KEY (run_id, dimension, segment),
    CONSTRAINT funnel_report_segment_report_fk FOREIGN KEY (run_id) REFERENCES funnel_report (run_id)
);
