/**
 * The shared vocabulary of marketing and sales: leads, their engagement
 * events, sales follow-ups, deals, stages and stage transitions, as value
 * records validated on construction. Field names and enum values follow the
 * import contract ({@code contracts/crm-csv.md}).
 */
package io.leadscore.scoring.domain;
