package io.leadscore.batch.leadimport;

import io.leadscore.scoring.domain.Quoted;

import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.domain.Timestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed, validated access to the fields of one row. Every problem found is
 * collected, so a row is reported with all that is wrong with it; values in
 * messages are quoted so that a stray space is visible. The email column is
 * never validated, so its value never reaches a message.
 */
final class RowFields {
    /** Decimal places the store keeps of a money amount. */
    static final int AMOUNT_SCALE = 4;

    private final CsvHeader header;
    private final CsvRecord record;
    private final List<RowProblem> problems = new ArrayList<>(2);

    RowFields(CsvHeader header, CsvRecord record) {
        this.header = header;
        this.record = record;
        if (record.malformed() != null) {
            problems.add(new RowProblem(null, "malformed quoting: " + record.malformed() + swallowed(record)));
        } else if (record.damaged() != null) {
            int index = record.damagedField() - 1;
            problems.add(new RowProblem(index < header.size() ? header.name(index) : null, "the row holds "
                    + record.damaged() + " in field " + record.damagedField() + (record.damaged().equals(CsvParser.NOT_UTF8_BYTES)
                            ? " (was the file saved in another encoding, such as Windows-1252? export it as UTF-8)"
                            : "")));
        } else if (record.fields().length != header.size()) {
            problems.add(new RowProblem(null, "the row has " + record.fields().length + " fields but the header has "
                    + header.size() + (record.spansLines() ? swallowed(record) : " (an unquoted comma or line break?)")));
        }
    }

    /** The longest value any field takes: every field of the contract is short text, a name or a reason. */
    static final int MAX_TEXT = 2_000;

    long line() {
        return record.line();
    }

    /**
     * For a broken record that runs over several lines: which lines it took in. A quote left open reads every
     * line up to the next quote as one field, so the rows on those lines were not read as rows at all.
     */
    private static String swallowed(CsvRecord record) {
        if (!record.spansLines()) {
            return "";
        }
        long first = record.line() + 1;
        return "; the row runs from line " + record.line() + " to line " + record.lastLine()
                + ": a quote opened on line " + record.line() + " seems never to be closed where meant, and took in "
                + (first == record.lastLine() ? "line " + first : "lines " + first + " to " + record.lastLine())
                + " (not imported: close the quote and import the file again)";
    }

    /** Whether the row's shape lets its fields be read at all. */
    boolean readable() {
        return problems.isEmpty();
    }

    /** The trimmed value of a column, or {@code null} when the column is absent or the value empty. */
    String text(String column) {
        int index = header.indexOf(column);
        return index < 0 ? null : value(index);
    }

    String value(int index) {
        String raw = record.fields()[index];
        if (raw.isEmpty()) {
            return null;
        }
        String trimmed = raw.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    String requiredText(String column) {
        String value = text(column);
        if (value == null) {
            problem(column, "missing value (the column is required)");
        }
        return value;
    }

    /**
     * A required id of at most {@link Lead#MAX_ID_LENGTH} characters, without control or text-direction characters (a line break or
     * an escape in an id is a damaged export, no page or path could name it, and a direction override would show it
     * as another id), and not {@code .} or {@code ..},
     * which a web address reads as a step in its path rather than as a name.
     */
    String id(String column) {
        String value = requiredText(column);
        if (value != null && value.length() > Lead.MAX_ID_LENGTH) {
            problem(column, "id of " + value.length() + " characters, at most " + Lead.MAX_ID_LENGTH + " allowed");
            return null;
        }
        if (value != null) {
            String printable = io.leadscore.scoring.domain.Printable.of(value);
            if (!printable.equals(value)) {
                problem(column, "id " + io.leadscore.scoring.domain.Quoted.value(printable) + " holds a control or"
                        + " text-direction character (shown escaped); ids are printable text");
                return null;
            }
            int invisible = value.codePoints().filter(RowFields::invisible).findFirst().orElse(-1);
            if (invisible >= 0) {
                // two ids that look alike would name two leads: one with a zero-width space, one without
                problem(column, String.format(java.util.Locale.ROOT, "id %s holds an invisible character (U+%04X)"
                        + " that makes it look like another id; ids are printable text",
                        io.leadscore.scoring.domain.Quoted.value(value.replaceAll("[" + INVISIBLE + "]", "")),
                        invisible));
                return null;
            }
            if (value.equals(".") || value.equals("..")) {
                problem(column, "id '" + value + "' is a step in a web address, not a name: choose another id");
                return null;
            }
        }
        return value;
    }

    /** Zero-width space and non-joiner, word joiner, a byte-order mark inside text: characters no one sees. */
    private static final String INVISIBLE = "\u200B\u200C\u2060\uFEFF";

    private static boolean invisible(int c) {
        return INVISIBLE.indexOf(c) >= 0;
    }

    Instant timestamp(String column, boolean required) {
        String value = required ? requiredText(column) : text(column);
        if (value == null) {
            return null;
        }
        try {
            return Timestamps.parse(value);
        } catch (IllegalArgumentException e) {
            problem(column, e.getMessage());
            return null;
        }
    }

    Long nonNegativeInteger(String column) {
        String value = text(column);
        if (value == null) {
            return null;
        }
        if (value.matches("-0+")) {
            return 0L;
        }
        int start = value.charAt(0) == '+' ? 1 : 0;
        boolean digits = value.length() > start;
        for (int i = start; i < value.length() && digits; i++) {
            char c = value.charAt(i);
            digits = c >= '0' && c <= '9';
        }
        int significant = start;
        while (digits && significant < value.length() - 1 && value.charAt(significant) == '0') {
            significant++;
        }
        if (digits && value.length() - significant > 18) {
            problem(column, Quoted.value(value) + " is too large, expected an integer from 0 to 999999999999999999");
            return null;
        }
        if (!digits && WHOLE_DECIMAL.matcher(value).matches()) {
            // a whole number written as a decimal ("12.0", "1e3": a JSON client's float, a spreadsheet's number)
            BigDecimal d = new BigDecimal(value);
            if (d.compareTo(LARGEST_WHOLE) > 0) {
                problem(column, Quoted.value(value) + " is too large, expected an integer from 0 to 999999999999999999");
                return null;
            }
            if (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0) {
                return d.longValueExact();
            }
        }
        if (!digits) {
            if (value.startsWith("-") && isNumber(value)) {
                problem(column, "negative value " + Quoted.value(value) + ", expected an integer >= 0");
            } else {
                problem(column, Quoted.value(value) + " is not a whole number, expected an integer >= 0");
            }
            return null;
        }
        return Long.parseLong(value.substring(significant));
    }

    /**
     * A money amount: a decimal &ge; 0 with at most {@link #AMOUNT_SCALE} decimal places, as the store keeps it
     * ({@code NUMERIC(19, 4)}). More places would be rounded on the way in, silently changing the figure the
     * file states, so the row is refused instead.
     */
    BigDecimal amount(String column, boolean required) {
        BigDecimal number = nonNegativeDecimal(column, required);
        if (number != null && number.stripTrailingZeros().scale() > AMOUNT_SCALE) {
            problem(column, Quoted.value(text(column)) + " has " + number.stripTrailingZeros().scale()
                    + " decimal places; amounts are kept with at most " + AMOUNT_SCALE
                    + " (round it in the export, or it would be changed on the way in)");
            return null;
        }
        return number;
    }

    BigDecimal nonNegativeDecimal(String column, boolean required) {
        String value = required ? requiredText(column) : text(column);
        if (value == null) {
            return null;
        }
        BigDecimal number;
        try {
            // ASCII digits only: the number parser also reads other scripts' digits (full-width １２３)
            if (!DECIMAL.matcher(value).matches()) {
                throw new NumberFormatException(value);
            }
            number = new BigDecimal(value);
        } catch (NumberFormatException e) {
            problem(column, Quoted.value(value) + " is not a number, expected a decimal >= 0 such as 1250.50");
            return null;
        }
        if (number.signum() < 0) {
            problem(column, "negative value " + Quoted.value(value) + ", expected a decimal >= 0");
            return null;
        }
        if ((long) number.precision() - number.scale() > 15) {
            problem(column, Quoted.value(value) + " is too large (more than 15 digits before the decimal point)");
            return null;
        }
        return number;
    }

    /** An optional value of one of a fixed set of wire names, matched ignoring case. */
    <E> E oneOf(String column, Function<String, Optional<E>> parser, String allowed, boolean required) {
        String value = required ? requiredText(column) : text(column);
        if (value == null) {
            return null;
        }
        Optional<E> parsed = parser.apply(value);
        if (parsed.isEmpty()) {
            problem(column, "unknown value " + Quoted.value(value) + ", expected one of " + allowed);
            return null;
        }
        return parsed.get();
    }

    private boolean reported(String column) {
        return problems.stream().anyMatch(p -> column.equals(p.column()));
    }

    void problem(String column, String reason) {
        int index = column == null ? -1 : header.indexOf(column);
        problems.add(new RowProblem(index < 0 ? column : header.name(index), reason));
    }

    /**
     * @throws RowRejectedException when any problem was found, a value over {@link #MAX_TEXT} characters in a column
     *                              whose own checks found nothing wrong included (an id or a number says more of its
     *                              own overlong value)
     */
    void rejectIfProblems() {
        if (readable()) {
            String[] fields = record.fields();
            for (int i = 0; i < fields.length; i++) {
                // (a column the import ignores is not read, however long its value)
                // characters as people count them: an emoji is one, not the two UTF-16 units Java counts
                if (fields[i].length() > MAX_TEXT && characters(fields[i].strip()) > MAX_TEXT && !reported(header.name(i))
                        && !header.ignored(i)) {
                    problems.add(new RowProblem(header.name(i), "value of " + characters(fields[i].strip())
                            + " characters, at most " + MAX_TEXT + " allowed (a company, a reason, a detail is"
                            + " short text; a longer one is a damaged export or a paste gone wrong)"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RowRejectedException(record.line(), problems, header.indexOf("lead_id") < 0
                    || header.indexOf("lead_id") >= record.fields().length ? null : text("lead_id"));
        }
    }

    private static int characters(String value) {
        return value.codePointCount(0, value.length());
    }

    /** A decimal as an export writes it, in ASCII digits: sign, digits, point, exponent. */
    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");


    /** A non-negative decimal in ASCII digits, with a point or an exponent. */
    private static final java.util.regex.Pattern WHOLE_DECIMAL =
            java.util.regex.Pattern.compile("\\+?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]{1,3})?");
    private static final BigDecimal LARGEST_WHOLE = new BigDecimal("999999999999999999");

    private static boolean isNumber(String value) {
        try {
            new BigDecimal(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
