package io.leadscore.batch.leadimport;

/**
 * One record of a CSV file.
 *
 * @param line      the physical line on which the record starts (the header is line 1)
 * @param fields    the fields as written, quotes removed
 * @param malformed why the quoting of the record is broken, or {@code null} when it is well formed
 * @param lastLine  the physical line on which the record ends: later than {@code line} when a quoted field
 *                  holds line breaks (or a quote left open took in the lines after it)
 * @param damaged   what in the record's bytes is not text (a NUL byte, bytes that are not UTF-8), or
 *                  {@code null} when it is all text
 * @param damagedField the 1-based field the first damage is in; 0 when the record is not damaged
 */
record CsvRecord(long line, String[] fields, String malformed, long lastLine, String damaged, int damagedField) {

    boolean spansLines() {
        return lastLine > line;
    }
}
