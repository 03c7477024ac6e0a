/**
 * The shared vocabulary of marketing and sales: leads, their engagement
 * events, sales follow-ups, deals and stages, as value records validated on
 * construction (the rules that move a lead between stages are in
 * {@code io.leadscore.scoring.stages}). Field names and enum values follow the
 * import contract ({@code docs/crm-csv.md}).
 */
package io.leadscore.scoring.domain;
