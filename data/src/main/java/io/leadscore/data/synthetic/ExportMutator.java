package io.leadscore.data.synthetic;

import io.leadscore.scoring.domain.Timestamps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Damages a generated CRM export the way careless exports and hostile users
 * do, and says exactly what an importer that keeps the contract must make of
 * the result. A seeded, reproducible source of every failure mode the import
 * meets, for fuzz tests.
 *
 * <p>Each call copies the four files of an export, gives every lead and deal
 * id a prefix (so that many mutated copies can go into one store), and applies
 * a few seeded mutations:
 * <ul>
 *   <li>harmless ones, which a valid file may show: columns in another order, CRLF line ends, a byte-order
 *       mark, enumeration values in upper case with spaces around them, free text with commas, quotes, line
 *       breaks and terminal escapes, timestamps with an equivalent offset, ids with {@code / ; = +}, an extra
 *       column, amounts with trailing zeros;</li>
 *   <li>row damage, each breaking one row the contract names: timestamps outside 1970–2199 or impossible,
 *       missing or overlong ids, negative or non-numeric numbers, unknown enumeration values, amounts with more
 *       decimal places than kept, a close before the open, an unknown lead, a repeated lead, a stray field, and
 *       a quote left open that takes in the rows after it — and, through them, the rows of the other files
 *       that refer to a lead that is no longer there;</li>
 *   <li>a quote opened in a file's last row and never closed, which rejects that row alone;</li>
 *   <li>a NUL byte or bytes that are not UTF-8 in one row, which reject that row alone, at its field;</li>
 *   <li>file damage, which rejects the whole import: a required column missing, a header that is not UTF-8
 *       text (as a spreadsheet or a UTF-16 file has).</li>
 * </ul>
 * The {@link Outcome} lists, per file, every bad row's line and the columns at fault, how many rows are good,
 * and the lead and deal values the store must then hold.
 */
public final class ExportMutator {
    public static final List<String> FILES = List.of("leads.csv", "activities.csv", "deals.csv", "followups.csv");
    /** What a row-level problem (no one column) is recorded as in {@link FileOutcome#badLines()}. */
    public static final String WHOLE_ROW = "";

    private static final Map<String, List<String>> REQUIRED = Map.of(
            "leads.csv", List.of("lead_id", "created_at"),
            "activities.csv", List.of("lead_id", "occurred_at", "type"),
            "deals.csv", List.of("deal_id", "lead_id", "created_at", "status", "amount"),
            "followups.csv", List.of("lead_id", "occurred_at", "outcome"));
    private static final List<String> BAD_TIMESTAMPS = List.of("+999999999-12-31T23:59:59Z", "1900-01-01",
            "2200-01-01T00:00:00Z", "yesterday", "2026-02-30", "2026-13-01T00:00:00Z", "20\u001B[2J26-01-01",
            "-0001-01-01T00:00:00Z");

    private ExportMutator() {
    }

    /**
     * What became of one file.
     *
     * @param rows        data rows in the file as written (a row swallowed by an open quote counts as a row)
     * @param badLines    the line of every row the importer must reject, with the columns at fault
     *                    ({@link #WHOLE_ROW} for a problem of the row as a whole)
     * @param swallowedTo for a row whose quote was left open: the last line it takes in
     * @param goodRows    rows the importer must store (as imported, updated or unchanged)
     */
    public record FileOutcome(int rows, Map<Long, Set<String>> badLines, Map<Long, Long> swallowedTo, int goodRows) {
    }

    /**
     * What an importer keeping the contract must make of a mutated export.
     *
     * @param directory     where the mutated files are
     * @param files         per file name
     * @param rejectedFile  the file whose damage must reject the whole import (nothing written), or {@code null}
     * @param leads         every lead that must be stored, by id, with its created_at
     * @param dealAmounts   every deal that must be stored, by id, with its amount
     * @param mutations     what was done, for messages
     */
    public record Outcome(Path directory, Map<String, FileOutcome> files, String rejectedFile, Map<String, Instant> leads,
                          Map<String, BigDecimal> dealAmounts, List<String> mutations) {
        public Path file(String name) {
            return directory.resolve(name);
        }
    }

    /** A row being mutated. */
    private static final class Row {
        String[] fields;
        final String leadRef;
        final Set<String> badColumns = new TreeSet<>();
        boolean wholeRow;
        boolean swallowed;
        Row closer;
        boolean opener;
        boolean extraField;
        boolean unclosedAtEnd;
        boolean nulByte;
        boolean notUtf8;
        /** A row repeated, or the row it repeats: damaging either would change which of them is bad. */
        boolean duplicated;
        long line;

        Row(String[] fields, String leadRef) {
            this.fields = fields;
            this.leadRef = leadRef;
        }

        boolean bad() {
            return wholeRow || !badColumns.isEmpty() || swallowed;
        }
    }

    /** A file being mutated. */
    private static final class Table {
        final String name;
        final List<String> header;
        final List<Row> rows;
        boolean byteOrderMark;
        boolean crlf;
        /** The header ends in bytes that are not UTF-8: the file is not text, and rejected whole. */
        boolean headerNotUtf8;

        Table(String name, List<String> header, List<Row> rows, boolean byteOrderMark, boolean crlf) {
            this.name = name;
            this.header = new ArrayList<>(header);
            this.rows = rows;
            this.byteOrderMark = byteOrderMark;
            this.crlf = crlf;
        }

        int column(String name) {
            return header.indexOf(name);
        }

        String get(Row row, String column) {
            int i = column(column);
            return i < 0 ? null : row.fields[i];
        }

        void set(Row row, String column, String value) {
            row.fields[column(column)] = value;
        }
    }

    /**
     * Mutates the export in {@code source} into {@code target}.
     *
     * @param prefix put before every lead and deal id (at most 20 characters)
     * @param seed   the same seed gives the same files and the same outcome
     */
    public static Outcome mutate(Path source, Path target, String prefix, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Table> tables = new LinkedHashMap<>();
        for (String name : FILES) {
            tables.put(name, read(source.resolve(name), name, prefix));
        }
        List<String> done = new ArrayList<>();
        harmless(tables, random, done);
        int damages = 1 + random.nextInt(4);
        for (int i = 0; i < damages; i++) {
            damageARow(tables, random, done);
        }
        String rejected = random.nextInt(10) == 0 ? damageAFile(tables, random, done) : null;
        if (rejected == null) {
            cascade(tables);
        }
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, FileOutcome> files = new LinkedHashMap<>();
        for (Table table : tables.values()) {
            files.put(table.name, write(table, target.resolve(table.name)));
        }
        Map<String, Instant> leads = new HashMap<>();
        Map<String, BigDecimal> deals = new HashMap<>();
        if (rejected == null) {
            Table leadTable = tables.get("leads.csv");
            for (Row row : leadTable.rows) {
                if (!row.bad()) {
                    leads.put(leadTable.get(row, "lead_id").strip(), Timestamps.parse(leadTable.get(row, "created_at")));
                }
            }
            Table dealTable = tables.get("deals.csv");
            for (Row row : dealTable.rows) {
                if (!row.bad()) {
                    deals.put(dealTable.get(row, "deal_id").strip(), new BigDecimal(dealTable.get(row, "amount").strip()));
                }
            }
        }
        return new Outcome(target, files, rejected, leads, deals, done);
    }

    private static Table read(Path file, String name, String prefix) {
        CsvTable csv = CsvTable.read(file);
        int lead = csv.header.indexOf("lead_id");
        int deal = csv.header.indexOf("deal_id");
        List<Row> rows = new ArrayList<>();
        for (String[] fields : csv.rows) {
            String[] copy = fields.clone();
            copy[lead] = prefix + copy[lead];
            if (deal >= 0) {
                copy[deal] = prefix + copy[deal];
            }
            rows.add(new Row(copy, copy[lead]));
        }
        return new Table(name, csv.header, rows, csv.byteOrderMark, csv.crlf);
    }

    // ------------------------------------------------------------------ harmless changes

    private static void harmless(Map<String, Table> tables, SplittableRandom random, List<String> done) {
        for (Table t : tables.values()) {
            if (random.nextInt(4) == 0) {
                shuffleColumns(t, random);
                done.add(t.name + ": columns in another order");
            }
            if (random.nextInt(3) == 0) {
                t.crlf = !t.crlf;
                t.byteOrderMark = !t.byteOrderMark;
                done.add(t.name + ": other line ends and byte-order mark");
            }
            if (random.nextInt(4) == 0 && !t.name.equals("leads.csv")) {
                t.header.add("note");
                for (Row row : t.rows) {
                    row.fields = append(row.fields, "n" + random.nextInt(100));
                }
                done.add(t.name + ": an extra column");
            }
            for (Row row : t.rows) {
                if (random.nextInt(8) == 0) {
                    harmlessValue(t, row, random);
                }
            }
        }
        done.add("harmless values here and there");
    }

    private static void shuffleColumns(Table t, SplittableRandom random) {
        int n = t.header.size();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        for (int i = n - 1; i > 0; i--) {
            Collections.swap(order, i, random.nextInt(i + 1));
        }
        List<String> header = new ArrayList<>();
        for (int i : order) {
            header.add(t.header.get(i));
        }
        for (Row row : t.rows) {
            String[] fields = new String[n];
            for (int i = 0; i < n; i++) {
                fields[i] = row.fields[order.get(i)];
            }
            row.fields = fields;
        }
        t.header.clear();
        t.header.addAll(header);
    }

    private static void harmlessValue(Table t, Row row, SplittableRandom random) {
        switch (t.name) {
            case "leads.csv" -> {
                switch (random.nextInt(4)) {
                    case 0 -> t.set(row, "company", "Acme, \"Inc.\"\r\nsecond line");
                    case 1 -> t.set(row, "company", "Esc\u001B]0;title\u0007 \u202Eevil Corp");
                    case 2 -> t.set(row, "created_at", equivalentOffset(t.get(row, "created_at"), random));
                    default -> {
                        String s = t.get(row, "seniority");
                        if (s != null && !s.isEmpty()) {
                            t.set(row, "seniority", "  " + s.toUpperCase(Locale.ROOT) + " ");
                        }
                    }
                }
            }
            case "activities.csv" -> {
                if (random.nextBoolean()) {
                    t.set(row, "type", " " + t.get(row, "type").toUpperCase(Locale.ROOT));
                } else {
                    t.set(row, "detail", "=cmd|' /C calc'!A0, \"quoted\"\nnext");
                }
            }
            case "deals.csv" -> {
                if (random.nextBoolean()) {
                    t.set(row, "amount", new BigDecimal(t.get(row, "amount")).setScale(4).toPlainString());
                } else {
                    t.set(row, "status", t.get(row, "status").toUpperCase(Locale.ROOT));
                }
            }
            default -> t.set(row, "outcome", " " + t.get(row, "outcome").toUpperCase(Locale.ROOT) + " ");
        }
    }

    /** The same instant written with another offset. */
    private static String equivalentOffset(String timestamp, SplittableRandom random) {
        Instant t = Timestamps.parse(timestamp);
        int hours = random.nextInt(-11, 14);
        return t.atOffset(ZoneOffset.ofHours(hours)).toString();
    }

    // ------------------------------------------------------------------ row damage

    private static void damageARow(Map<String, Table> tables, SplittableRandom random, List<String> done) {
        String name = FILES.get(random.nextInt(FILES.size()));
        Table t = tables.get(name);
        if (t.rows.isEmpty()) {
            return;
        }
        Row row = t.rows.get(random.nextInt(t.rows.size()));
        if (row.swallowed || row.opener || row.duplicated || row.bad()) {
            // one damage per row: a second one could read a value the first already broke
            return;
        }
        switch (name) {
            case "leads.csv" -> damageLead(t, row, random, done);
            case "activities.csv" -> damageActivity(t, row, random, done);
            case "deals.csv" -> damageDeal(t, row, random, done);
            default -> damageFollowUp(t, row, random, done);
        }
    }

    private static void bad(Table t, Row row, String column, String value, List<String> done) {
        t.set(row, column, value);
        row.badColumns.add(column);
        done.add(t.name + ": " + column + " = '" + value.replace("\u001B", "\\e") + "'");
    }

    private static void damageLead(Table t, Row row, SplittableRandom random, List<String> done) {
        switch (random.nextInt(10)) {
            case 0, 1 -> bad(t, row, "created_at", BAD_TIMESTAMPS.get(random.nextInt(BAD_TIMESTAMPS.size())), done);
            case 2 -> bad(t, row, "lead_id", random.nextBoolean() ? "" : "L".repeat(65), done);
            case 3 -> bad(t, row, "employees", List.of("-3", "12.5", "many").get(random.nextInt(3)), done);
            case 4 -> bad(t, row, "seniority", "wizard", done);
            case 5 -> bad(t, row, "country", "Germany", done);
            case 6 -> bad(t, row, "annual_revenue", random.nextBoolean() ? "-10" : "lots", done);
            case 7 -> {
                if (row.wholeRow || row.badColumns.contains("lead_id")) {
                    // a row whose id is not read cannot be repeated
                    bad(t, row, "created_at", "yesterday", done);
                    return;
                }
                Row copy = new Row(row.fields.clone(), row.leadRef);
                copy.badColumns.addAll(row.badColumns);
                copy.badColumns.add("lead_id");
                copy.duplicated = true;
                row.duplicated = true;
                t.rows.add(t.rows.indexOf(row) + 1, copy);
                done.add(t.name + ": lead " + row.leadRef + " twice");
            }
            case 8 -> strayField(t, row, done);
            default -> openQuote(t, row, random, done);
        }
    }

    private static void damageActivity(Table t, Row row, SplittableRandom random, List<String> done) {
        switch (random.nextInt(4)) {
            case 0 -> bad(t, row, "type", "phone_call", done);
            case 1 -> bad(t, row, "occurred_at", BAD_TIMESTAMPS.get(random.nextInt(BAD_TIMESTAMPS.size())), done);
            case 2 -> bad(t, row, "lead_id", "nobody-" + random.nextInt(1000), done);
            default -> strayField(t, row, done);
        }
    }

    private static void damageDeal(Table t, Row row, SplittableRandom random, List<String> done) {
        String status = t.get(row, "status").strip().toLowerCase(Locale.ROOT);
        switch (random.nextInt(5)) {
            case 0 -> bad(t, row, "amount", List.of("12.34567", "-5", "", "1e-7").get(random.nextInt(4)), done);
            case 1 -> bad(t, row, "status", "pending", done);
            case 2 -> {
                if (!status.equals("open")) {
                    Instant created = Timestamps.parse(t.get(row, "created_at"));
                    bad(t, row, "closed_at", Timestamps.format(created.minus(Duration.ofDays(1))), done);
                } else {
                    bad(t, row, "created_at", "1900-01-01", done);
                }
            }
            case 3 -> bad(t, row, "created_at", BAD_TIMESTAMPS.get(random.nextInt(BAD_TIMESTAMPS.size())), done);
            default -> strayField(t, row, done);
        }
    }

    private static void damageFollowUp(Table t, Row row, SplittableRandom random, List<String> done) {
        switch (random.nextInt(3)) {
            case 0 -> bad(t, row, "outcome", "maybe", done);
            case 1 -> bad(t, row, "channel", "pigeon", done);
            default -> bad(t, row, "occurred_at", BAD_TIMESTAMPS.get(random.nextInt(BAD_TIMESTAMPS.size())), done);
        }
    }

    /** One field too many: the row is refused as a whole, whatever else is wrong with it. */
    private static void strayField(Table t, Row row, List<String> done) {
        row.extraField = true;
        row.wholeRow = true;
        done.add(t.name + ": a stray field in the row of " + row.leadRef);
    }

    /**
     * A quote opened in the company field and left open: the rows after it are read into that field up to the
     * next quote, which the row {@code k} rows further down has at the start of its company field.
     */
    private static void openQuote(Table t, Row row, SplittableRandom random, List<String> done) {
        int at = t.rows.indexOf(row);
        int k = 1 + random.nextInt(3);
        if (at + k >= t.rows.size()) {
            strayField(t, row, done);
            return;
        }
        for (int i = at; i <= at + k; i++) {
            Row r = t.rows.get(i);
            if (r.opener || r.swallowed || r.closer != null || r.extraField || r.duplicated) {
                strayField(t, row, done);
                return;
            }
        }
        row.opener = true;
        row.wholeRow = true;
        sanitise(row);
        t.set(row, "company", "Open quote");
        for (int i = at + 1; i <= at + k; i++) {
            Row r = t.rows.get(i);
            r.swallowed = true;
            sanitise(r);
        }
        Row closer = t.rows.get(at + k);
        t.set(closer, "company", "Swallow, Inc.");
        row.closer = closer;
        done.add(t.name + ": a quote left open in the row of " + row.leadRef + ", taking in " + k + " row(s)");
    }

    /** No quote, comma, line break or space at either end: every field of the row is written as it is. */
    private static void sanitise(Row row) {
        for (int i = 0; i < row.fields.length; i++) {
            row.fields[i] = row.fields[i].replaceAll("[\",\r\n]", " ").strip();
        }
    }

    // ------------------------------------------------------------------ file damage

    private static String damageAFile(Map<String, Table> tables, SplittableRandom random, List<String> done) {
        Table t = tables.get(FILES.get(random.nextInt(FILES.size())));
        switch (random.nextInt(5)) {
            case 0 -> {
                List<String> required = REQUIRED.get(t.name);
                String column = required.get(random.nextInt(required.size()));
                int index = t.column(column);
                t.header.remove(index);
                for (Row row : t.rows) {
                    row.fields = remove(row.fields, index);
                }
                done.add(t.name + ": the required column " + column + " left out");
            }
            case 1 -> {
                if (t.rows.isEmpty()) {
                    return damageAFile(tables, random, done);
                }
                // not the file's damage but its last row's: the row is rejected, every other row is read
                Row last = t.rows.get(t.rows.size() - 1);
                sanitise(last);
                last.unclosedAtEnd = true;
                last.wholeRow = true;
                done.add(t.name + ": a quote opened in the last row and never closed");
                return null;
            }
            case 2, 3 -> {
                // not the file's damage but one row's: that row is rejected at its field, every other row is read
                Row row = plainRow(t, random);
                if (row == null) {
                    return damageAFile(tables, random, done);
                }
                sanitise(row);
                boolean nul = random.nextBoolean();
                row.nulByte = nul;
                row.notUtf8 = !nul;
                row.badColumns.add(t.header.get(t.header.size() - 1).strip());
                done.add(t.name + ": " + (nul ? "a NUL byte" : "bytes that are not UTF-8") + " in the row of "
                        + row.leadRef);
                return null;
            }
            default -> {
                t.headerNotUtf8 = true;
                done.add(t.name + ": a header that is not UTF-8 text");
            }
        }
        return t.name;
    }

    /** A row no other mutation touched, from a random place on; {@code null} when there is none. */
    private static Row plainRow(Table t, SplittableRandom random) {
        int n = t.rows.size();
        int from = n == 0 ? 0 : random.nextInt(n);
        for (int i = 0; i < n; i++) {
            Row r = t.rows.get((from + i) % n);
            if (!r.bad() && !r.opener && !r.swallowed && r.closer == null && !r.duplicated && !r.extraField
                    && !r.unclosedAtEnd && !isCloser(t, r)) {
                return r;
            }
        }
        return null;
    }

    private static boolean isCloser(Table t, Row row) {
        return t.rows.stream().anyMatch(r -> r.closer == row);
    }

    // ------------------------------------------------------------------ consequences

    /** Rows of the other files that refer to a lead the import will not have are bad for it. */
    private static void cascade(Map<String, Table> tables) {
        Table leads = tables.get("leads.csv");
        Set<String> stored = new HashSet<>();
        for (Row row : leads.rows) {
            if (!row.bad()) {
                stored.add(leads.get(row, "lead_id").strip());
            }
        }
        for (String name : FILES.subList(1, FILES.size())) {
            Table t = tables.get(name);
            for (Row row : t.rows) {
                String lead = t.get(row, "lead_id");
                if (!row.wholeRow && !row.swallowed && lead != null && !stored.contains(lead.strip())) {
                    row.badColumns.add("lead_id");
                }
            }
        }
    }

    // ------------------------------------------------------------------ writing

    private static FileOutcome write(Table t, Path file) {
        String lineEnd = t.crlf ? "\r\n" : "\n";
        StringBuilder text = new StringBuilder();
        if (t.byteOrderMark) {
            text.append('\uFEFF');
        }
        long line = 1;
        String[] header = t.header.toArray(new String[0]);
        if (t.headerNotUtf8) {
            header[header.length - 1] += "\uFFFF";
        }
        line += appendRecord(text, header, lineEnd);
        Map<Long, Set<String>> bad = new TreeMap<>();
        Map<Long, Long> swallowedTo = new TreeMap<>();
        int good = 0;
        for (Row row : t.rows) {
            row.line = line;
            if (row.opener) {
                line += appendOpener(text, t, row, lineEnd);
            } else if (row.unclosedAtEnd) {
                String[] fields = row.fields.clone();
                fields[fields.length - 1] = "\"" + fields[fields.length - 1];
                text.append(String.join(",", fields)).append(lineEnd);
                line++;
            } else if (row.nulByte || row.notUtf8) {
                text.append(String.join(",", row.fields)).append(row.nulByte ? "\u0000" : "\uFFFF").append(lineEnd);
                line++;
            } else {
                String[] fields = row.extraField ? append(row.fields, "stray") : row.fields;
                line += appendRecord(text, fields, lineEnd);
            }
        }
        for (Row row : t.rows) {
            if (row.opener) {
                bad.put(row.line, Set.of(WHOLE_ROW));
                swallowedTo.put(row.line, row.closer.line);
            } else if (row.wholeRow) {
                bad.put(row.line, Set.of(WHOLE_ROW));
            } else if (!row.badColumns.isEmpty() && !row.swallowed) {
                bad.put(row.line, Set.copyOf(row.badColumns));
            } else if (!row.bad()) {
                good++;
            }
        }
        byte[] out = replaceNotUtf8(text.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Files.write(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FileOutcome(t.rows.size(), bad, swallowedTo, good);
    }

    /** The opening row: the company field opens a quote that the closing row's company field closes. */
    private static long appendOpener(StringBuilder text, Table t, Row row, String lineEnd) {
        int company = t.column("company");
        String[] fields = row.fields.clone();
        fields[company] = "\"" + fields[company];
        text.append(String.join(",", fields)).append(lineEnd);
        return 1;
    }

    /** Appends one record, quoting as RFC 4180 asks; returns the lines it takes. */
    private static long appendRecord(StringBuilder text, String[] fields, String lineEnd) {
        long lines = 1;
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            String v = fields[i] == null ? "" : fields[i];
            boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
                    || !v.isEmpty() && (v.charAt(0) == ' ' || v.charAt(v.length() - 1) == ' ');
            if (quote) {
                text.append('"').append(v.replace("\"", "\"\"")).append('"');
                lines += countLineBreaks(v);
            } else {
                text.append(v);
            }
        }
        text.append(lineEnd);
        return lines;
    }

    /** Line breaks as a reader counts them: CRLF, LF and a lone CR each end one line. */
    private static long countLineBreaks(String v) {
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 >= v.length() || v.charAt(i + 1) != '\n')) {
                n++;
            }
        }
        return n;
    }

    /** U+FFFF stands for bytes that are not UTF-8: its three bytes become one 0xFF. */
    private static byte[] replaceNotUtf8(byte[] in) {
        byte[] marker = "\uFFFF".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (i + marker.length <= in.length && in[i] == marker[0] && in[i + 1] == marker[1] && in[i + 2] == marker[2]) {
                out.write(0xFF);
                i += marker.length - 1;
            } else {
                out.write(in[i]);
            }
        }
        return out.toByteArray();
    }

    private static String[] append(String[] fields, String value) {
        String[] out = java.util.Arrays.copyOf(fields, fields.length + 1);
        out[fields.length] = value;
        return out;
    }

    private static String[] remove(String[] fields, int index) {
        String[] out = new String[fields.length - 1];
        System.arraycopy(fields, 0, out, 0, index);
        System.arraycopy(fields, index + 1, out, index, fields.length - index - 1);
        return out;
    }
}
