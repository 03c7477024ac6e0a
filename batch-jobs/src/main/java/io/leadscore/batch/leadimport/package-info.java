/**
 * The CRM import job: reads the four CSV files of the import contract row by
 * row, records each bad row (file, line, column, reason) through the step's
 * skip policy, and upserts every good row, leads first.
 */
package io.leadscore.batch.leadimport;
