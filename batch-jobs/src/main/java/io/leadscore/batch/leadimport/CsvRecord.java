package io.leadscore.batch.leadimport;

/**
 * One record of a CSV file.
 *
 * @param line      the physical line on which the record starts (the header is line 1)
 * @param fields    the fields as written, quotes removed
 * @param malformed why the quoting of the record is broken, or {@code null} when it is well formed
 */
record CsvRecord(long line, String[] fields, String malformed) {
}
