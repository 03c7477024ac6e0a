/**
 * The SLA check job: the follow-up pledge of the SLA, enforced nightly. An MQL
 * not followed up by its due time becomes a breach, once per MQL time; an MQL
 * never followed up is recycled to nurture after the policy's recycle-after
 * days, with the move in the audit trail. Each lead's {@link
 * io.leadscore.batch.slacheck.SlaState} keeps settled MQLs out of later runs.
 */
package io.leadscore.batch.slacheck;
