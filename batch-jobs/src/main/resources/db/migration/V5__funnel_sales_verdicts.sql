-- Sales acceptance counted over sales' verdicts: each time a follow-up decided
-- on a lead sales had not accepted yet (at LEAD, MQL or NURTURE) — accepted (to
-- SAL or SQL) or rejected (back to nurture) — and, of those, the verdicts on
-- leads that were MQLs at the time. funnel_report.accepted now counts the
-- accepted verdicts.
ALTER TABLE funnel_report ADD COLUMN decided BIGINT;
ALTER TABLE funnel_report ADD COLUMN mql_decided BIGINT;
ALTER TABLE funnel_report ADD COLUMN mql_accepted BIGINT;

-- Reports written before counted only followed-up MQLs and those accepted:
-- their figures are verdicts on MQLs, and the only verdicts they know.
UPDATE funnel_report SET decided = followed_up, mql_decided = followed_up, mql_accepted = accepted
 WHERE completed_at IS NOT NULL;
