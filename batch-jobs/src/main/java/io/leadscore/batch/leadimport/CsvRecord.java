package io.leadscore.batch.leadimport;

/**
 * One record of a CSV file.
 *
 * @param line      the physical line on which the record starts (the header is line 1)
 * @param fields    the fields as written, quotes removed
 * @param malformed why the quoting of the record is broken, or {@code null} when it is well formed
 * @param lastLine  the physical line on which the record ends: later than {@code line} when a quoted field
 *                  holds line breaks (or a quote left open took in the lines after it)
 */
record CsvRecord(long line, String[] fields, String malformed, long lastLine) {
    boolean spansLines() {
        return lastLine > line;
    }
}
