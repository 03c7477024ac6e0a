/**
 * The policy both teams sign up to: the MQL score threshold, the follow-up
 * SLA, when stale MQLs are recycled, and the horizons that define outcomes and
 * engagement decay. The batch jobs enforce the same object the simulator varies.
 */
package io.leadscore.scoring.policy;
