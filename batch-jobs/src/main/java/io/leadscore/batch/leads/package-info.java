/**
 * The store's leads as people look them up: search, one lead's whole record
 * (fields, stage and SLA state, current score and its history, stage moves,
 * follow-ups, deals, activities) and stage counts, read-only and with bound
 * parameters only. E-mail addresses are read and searched only when asked for.
 */
package io.leadscore.batch.leads;
