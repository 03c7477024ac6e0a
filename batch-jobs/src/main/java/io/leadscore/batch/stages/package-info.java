/**
 * The stage engine: applies the shared stage rules to what an import brought
 * (follow-ups, deals) and records every move in the audit trail, so the
 * funnel is current as soon as an import ends.
 */
package io.leadscore.batch.stages;
