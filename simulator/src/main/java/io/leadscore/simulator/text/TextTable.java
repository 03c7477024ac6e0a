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
    /** Per column, the widest a cell may be before it wraps onto the next lines (0: no limit). */
    private final int[] wrapAt;

    public TextTable(String... header) {
        if (header.length == 0) {
            throw new IllegalArgumentException("Invalid table: no columns, expected at least one");
        }
        this.header = List.of(header);
        this.left = new boolean[header.length];
        this.left[0] = true;
        this.wrapAt = new int[header.length];
    }

    /**
     * Wraps the cells of {@code column} wider than {@code width} characters at spaces onto continuation lines
     * (a word longer than the width is cut), so one long note does not stretch every line of the table.
     */
    public TextTable wrap(int column, int width) {
        if (column < 0 || column >= header.size()) {
            throw new IllegalArgumentException("Invalid column: " + column + ", expected 0 to " + (header.size() - 1));
        }
        if (width < 10) {
            throw new IllegalArgumentException("Invalid wrap width: " + width + ", expected at least 10 characters");
        }
        wrapAt[column] = width;
        return this;
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

    /** The table, one line per row (more for wrapped cells), with a rule under the header, each line ending in a newline. */
    public String render() {
        List<List<String>> lines = new ArrayList<>();
        for (List<String> r : rows) {
            lines.addAll(wrapped(r));
        }
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> r : lines) {
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
        for (List<String> r : lines) {
            line(out, r, width, left);
        }
        return out.toString();
    }

    /** A row as the lines it takes: the first with every cell, then continuations of the wrapped cells. */
    private List<List<String>> wrapped(List<String> row) {
        List<List<String>> pieces = new ArrayList<>();
        int height = 1;
        for (int c = 0; c < row.size(); c++) {
            List<String> parts = wrapAt[c] > 0 ? split(row.get(c), wrapAt[c]) : List.of(row.get(c));
            pieces.add(parts);
            height = Math.max(height, parts.size());
        }
        List<List<String>> lines = new ArrayList<>(height);
        for (int i = 0; i < height; i++) {
            List<String> line = new ArrayList<>(row.size());
            for (List<String> parts : pieces) {
                line.add(i < parts.size() ? parts.get(i) : "");
            }
            lines.add(line);
        }
        return lines;
    }

    private static List<String> split(String text, int width) {
        List<String> parts = new ArrayList<>();
        String rest = text;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            if (cut <= 0) {
                cut = width;
            }
            parts.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
        }
        parts.add(rest);
        return parts;
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
