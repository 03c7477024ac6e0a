package io.leadscore.simulator.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Columns of text aligned for a terminal. By default the first column is
 * left-aligned and the others (numbers) right-aligned; {@link #align(String)}
 * sets each column's alignment.
 */
public final class TextTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private boolean[] left;

    public TextTable(String... header) {
        if (header.length == 0) {
            throw new IllegalArgumentException("Invalid table: no columns, expected at least one");
        }
        this.header = List.of(header);
        this.left = new boolean[header.length];
        this.left[0] = true;
    }

    /** One letter per column: 'l' for left-aligned, 'r' for right-aligned. */
    public TextTable align(String spec) {
        if (spec.length() != header.size() || !spec.matches("[lr]+")) {
            throw new IllegalArgumentException("Invalid alignment: \"" + spec + "\", expected " + header.size() + " letters l or r");
        }
        for (int c = 0; c < spec.length(); c++) {
            left[c] = spec.charAt(c) == 'l';
        }
        return this;
    }

    public TextTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("Invalid table row: " + cells.length + " cells, expected " + header.size());
        }
        List<String> row = new ArrayList<>(cells.length);
        for (String c : cells) {
            row.add(Objects.requireNonNullElse(c, ""));
        }
        rows.add(row);
        return this;
    }

    /** The table, one line per row, with a rule under the header, each line ending in a newline. */
    public String render() {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> r : rows) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, width, left);
        int total = 0;
        for (int w : width) {
            total += w;
        }
        out.append("-".repeat(total + 2 * (width.length - 1))).append('\n');
        for (List<String> r : rows) {
            line(out, r, width, left);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] width, boolean[] left) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            if (c > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(width[c] - cell.length());
            if (left[c]) {
                line.append(cell).append(pad);
            } else {
                line.append(pad).append(cell);
            }
        }
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        out.append(line, 0, end).append('\n');
    }
}
