package io.leadscore.data.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A strict RFC 4180 reader for the tests and the {@link ExportMutator},
 * written from the contract rather than shared with the generator's writer,
 * so the two cannot agree on a mistake: optional byte-order mark, quoted fields with doubled quotes, commas
 * and line breaks, CRLF or LF. Fails on a stray quote or a ragged row.
 */
final class CsvTable {
    final List<String> header;
    final List<String[]> rows;
    final boolean byteOrderMark;
    final boolean crlf;

    private CsvTable(List<String> header, List<String[]> rows, boolean byteOrderMark, boolean crlf) {
        this.header = header;
        this.rows = rows;
        this.byteOrderMark = byteOrderMark;
        this.crlf = crlf;
    }

    static CsvTable read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean bom = text.startsWith("\uFEFF");
        if (bom) {
            text = text.substring(1);
        }
        List<String[]> records = parse(text, file);
        List<String> header = new ArrayList<>();
        for (String name : records.get(0)) {
            header.add(name.trim().toLowerCase(Locale.ROOT));
        }
        List<String[]> rows = records.subList(1, records.size());
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).length != header.size()) {
                throw new IllegalStateException(file + " record " + (i + 2) + " has " + rows.get(i).length
                        + " fields, header has " + header.size());
            }
        }
        int firstLineEnd = text.indexOf('\n');
        return new CsvTable(header, new ArrayList<>(rows), bom, firstLineEnd > 0 && text.charAt(firstLineEnd - 1) == '\r');
    }

    int column(String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalStateException("No column " + name + " in " + header);
        }
        return index;
    }

    /** The value, or null when the field is empty (the contract's "absent"). */
    static String value(String[] row, int column) {
        String v = row[column];
        return v.isEmpty() ? null : v;
    }

    private static List<String[]> parse(String text, Path file) {
        List<String[]> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = text.length();
        boolean atFieldStart = true;
        while (i < n) {
            char c = text.charAt(i);
            if (atFieldStart && c == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalStateException(file + ": unterminated quoted field");
                    }
                    char q = text.charAt(i);
                    if (q == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        field.append(q);
                        i++;
                    }
                }
                if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
                    throw new IllegalStateException(file + ": text after a closing quote at offset " + i);
                }
                atFieldStart = false;
                continue;
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                atFieldStart = true;
                i++;
            } else if (c == '\r' || c == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                records.add(fields.toArray(new String[0]));
                fields.clear();
                atFieldStart = true;
                i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
            } else {
                if (c == '"') {
                    throw new IllegalStateException(file + ": quote inside an unquoted field at offset " + i);
                }
                field.append(c);
                atFieldStart = false;
                i++;
            }
        }
        if (!atFieldStart || !fields.isEmpty()) {
            fields.add(field.toString());
            records.add(fields.toArray(new String[0]));
        }
        return records;
    }
}
