package io.leadscore.app.cli;

import io.leadscore.scoring.domain.CsvCells;
import io.leadscore.scoring.domain.Printable;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Results on stdout, in the format the user asked for. Only results go to
 * stdout, so {@code --format json} output can be piped into a script.
 */
public final class Output {
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final PrintStream out;
    private final OutputFormat format;

    public Output(PrintStream out, OutputFormat format) {
        this.out = out;
        this.format = format;
    }

    public OutputFormat format() {
        return format;
    }

    public PrintStream stream() {
        return out;
    }

    public void json(Object value) {
        out.println(JSON.writeValueAsString(value));
        out.flush();
    }

    /** A JSON document as Jackson's tree, to be joined with others before it is printed. */
    public static ObjectNode tree(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    public static String toJson(Object value) {
        return JSON.writeValueAsString(value);
    }

    public void line(String text) {
        out.println(text);
    }

    /** A table with aligned columns; numbers are right-aligned. */
    public void table(List<String> headers, List<List<?>> rows) {
        int[] widths = new int[headers.size()];
        List<List<String>> cells = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            widths[i] = headers.get(i).length();
        }
        boolean[] numeric = new boolean[headers.size()];
        java.util.Arrays.fill(numeric, true);
        for (List<?> row : rows) {
            List<String> text = new ArrayList<>(row.size());
            for (int i = 0; i < row.size(); i++) {
                Object value = row.get(i);
                String cell = cell(value);
                text.add(cell);
                widths[i] = Math.max(widths[i], cell.length());
                if (value != null && !(value instanceof Number)) {
                    numeric[i] = false;
                }
            }
            cells.add(text);
        }
        StringBuilder header = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < headers.size(); i++) {
            if (i > 0) {
                header.append("  ");
                rule.append("  ");
            }
            header.append(pad(headers.get(i), widths[i], numeric[i] && !rows.isEmpty()));
            rule.append("-".repeat(widths[i]));
        }
        out.println(header.toString().stripTrailing());
        out.println(rule);
        for (List<String> row : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    line.append("  ");
                }
                line.append(pad(row.get(i), widths[i], numeric[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    /** RFC 4180 CSV with a header row. */
    public void csv(List<String> headers, List<List<?>> rows) {
        out.println(csvLine(headers));
        for (List<?> row : rows) {
            out.println(csvLine(row));
        }
        out.flush();
    }

    public static String csvLine(List<?> values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            Object value = values.get(i);
            if (value instanceof Number n) {
                line.append(CsvCells.quoted(n instanceof Double d ? machineNumber(d) : n.toString()));
            } else {
                line.append(CsvCells.text(value == null ? null : value.toString()));
            }
        }
        return line.toString();
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return number(d);
        }
        if (value instanceof Long || value instanceof Integer) {
            return String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
        }
        // a lead id, a campaign or a reason came from a CRM: shown, never obeyed by the terminal
        return Printable.of(value.toString());
    }

    /**
     * A number in a CSV cell, for a program to read: no grouping, every digit the double holds, never an exponent
     * ({@code 527307.4}, {@code 0.000405}); empty for NaN.
     */
    static String machineNumber(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).toPlainString();
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%,.1f" : "%.4f", value);
    }

    private static String pad(String text, int width, boolean right) {
        if (text.length() >= width) {
            return text;
        }
        String spaces = " ".repeat(width - text.length());
        return right ? spaces + text : text + spaces;
    }
}
