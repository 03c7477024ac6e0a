package io.leadscore.scoring.domain;

/**
 * Text cells of the CSV files leadscore writes for people (exports, reports):
 * quoted as RFC 4180 asks, and safe to open in a spreadsheet. A cell that
 * begins with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage
 * return is read by spreadsheet programs as a formula, and a lead id such as
 * {@code =HYPERLINK(...)} from a CRM would run as one; such a cell gets a
 * leading apostrophe and quotes, as the OWASP guidance on CSV injection
 * advises. A value that begins with an apostrophe itself gets one more, so
 * that the rule reads back: a program drops one leading apostrophe of a text
 * cell and has the value as stored ({@code =1+1} and {@code '=1+1} stay two
 * ids). Numbers are not text cells: a negative number stays a number.
 */
public final class CsvCells {
    private CsvCells() {
    }

    /** The cell for a text value; {@code null} is an empty cell. */
    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                || first == '\'';
        return formula ? '"' + ("'" + value).replace("\"", "\"\"") + '"' : quoted(value);
    }

    /** A cell as written, quoted when it holds a comma, a quote or a line break (numbers, formatted figures). */
    public static String quoted(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
