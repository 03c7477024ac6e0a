package io.leadscore.batch.leadimport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader that knows on which line each record starts.
 *
 * <p>UTF-8 only, and strict about it: bytes that are not UTF-8 make the file
 * unreadable rather than silently turning into replacement characters. A
 * leading byte-order mark is ignored; records end at {@code \n}, {@code \r\n}
 * or a lone {@code \r}; quoted fields may hold commas, doubled quotes and line
 * breaks. Blank lines are not records. A quote left open to the end of the
 * file makes its record malformed, cut at the end of the line the quote opened
 * on, and reading goes on from the next line, so the rows after it are read as
 * rows, not lost in one field. Text after a closing quote (e.g. {@code "a"b})
 * makes that record malformed, reported on the record, and reading goes on.
 */
final class CsvParser implements Closeable {
    private static final int BUFFER = 1 << 16;
    private static final char NUL = '\0';

    private final Reader reader;
    private char[] buffer = new char[BUFFER];
    private int length;
    private int position;
    private long line = 1;
    private boolean first = true;
    private final StringBuilder field = new StringBuilder(64);
    private final List<String> fields = new ArrayList<>(32);

    CsvParser(Reader reader) {
        this.reader = reader;
    }

    /** A parser over UTF-8 bytes that refuses malformed input. */
    static CsvParser utf8(InputStream in) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new CsvParser(new InputStreamReader(in, decoder));
    }

    /** The next record, or {@code null} at the end of the file. */
    CsvRecord next() throws IOException, CsvFormatException {
        while (true) {
            int c = read();
            if (c < 0) {
                return null;
            }
            if (first) {
                first = false;
                if (c == '\uFEFF') {
                    continue;
                }
            }
            if (c == '\n') {
                line++;
                continue;
            }
            if (c == '\r') {
                skipLineFeed();
                line++;
                continue;
            }
            return record((char) c);
        }
    }

    /** The line the parser has reached: the line after the last record read. */
    long line() {
        return line;
    }

    private CsvRecord record(char firstChar) throws IOException, CsvFormatException {
        long start = line;
        fields.clear();
        field.setLength(0);
        String malformed = null;
        int c = firstChar;
        boolean atFieldStart = true;
        while (true) {
            if (atFieldStart && c == '"') {
                long quoteLine = line;
                long textLine = line;
                // quoted field; its text as read is kept while it spans lines, to be read again should it never close
                StringBuilder raw = null;
                int cut = -1;
                while (true) {
                    int q = read();
                    if (q < 0) {
                        return unclosed(start, quoteLine, textLine, raw, cut);
                    }
                    if (q != '\n' && q != '\r') {
                        textLine = line;
                    }
                    if (raw != null) {
                        raw.append((char) q);
                    }
                    if (q == '"') {
                        int after = read();
                        if (after == '"') {
                            if (raw != null) {
                                raw.append('"');
                            }
                            field.append('"');
                            continue;
                        }
                        c = after;
                        break;
                    }
                    if (q == '\n') {
                        line++;
                        if (raw == null) {
                            raw = new StringBuilder("\n");
                            cut = field.length();
                        }
                    } else if (q == '\r') {
                        int lf = peek();
                        line++;
                        if (raw == null) {
                            raw = new StringBuilder("\r");
                            cut = field.length();
                        }
                        if (lf == '\n') {
                            field.append('\r');
                            q = read();
                            raw.append('\n');
                        }
                    } else if (q == NUL) {
                        throw new CsvFormatException(line, "the file holds a NUL byte on line " + line + ": it is not a text file");
                    }
                    field.append((char) q);
                }
                // after the closing quote: a delimiter, an end of line, or junk
                while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
                    if (malformed == null) {
                        malformed = "text after the closing quote of field " + (fields.size() + 1);
                    }
                    field.append((char) c);
                    c = read();
                }
            } else {
                while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
                    if (c == NUL) {
                        throw new CsvFormatException(line, "the file holds a NUL byte on line " + line + ": it is not a text file");
                    }
                    field.append((char) c);
                    c = read();
                }
            }
            fields.add(field.toString());
            field.setLength(0);
            if (c == ',') {
                c = read();
                atFieldStart = true;
                if (c < 0 || c == '\n' || c == '\r') {
                    fields.add("");
                    return finish(start, c, malformed);
                }
                continue;
            }
            return finish(start, c, malformed);
        }
    }

    /**
     * A quote opened on {@code quoteLine} and never closed: the record ends with the rest of that line as its last
     * field, malformed, and the lines after it are read again as records of their own.
     *
     * @param raw what the quoted field read from its first line break on, as read; {@code null} when it never
     *            reached one (the quote opened on the file's last line)
     * @param cut the length of the field when that line break came
     */
    private CsvRecord unclosed(long start, long quoteLine, long textLine, StringBuilder raw, int cut) {
        String onItsLine = field.toString();
        if (raw != null) {
            onItsLine = onItsLine.substring(0, cut);
            int from = raw.charAt(0) == '\r' && raw.length() > 1 && raw.charAt(1) == '\n' ? 2 : 1;
            if (raw.length() > from) {
                // the reader is at its end: what follows the quote's line is all that is left to read
                buffer = raw.substring(from).toCharArray();
                length = buffer.length;
                position = 0;
            }
            line = quoteLine + 1;
        }
        fields.add(onItsLine);
        field.setLength(0);
        String why = "a quote opened on line " + quoteLine + " is never closed (it would take in every line to the end"
                + " of the file, line " + textLine + "): this row is cut at the end of its line and not imported, and"
                + " the lines after it are read as rows of their own; close the quote, or double a quote meant as"
                + " text (\"\")";
        return new CsvRecord(start, fields.toArray(new String[0]), why, quoteLine);
    }

    private CsvRecord finish(long start, int terminator, String malformed) throws IOException {
        long last = line;
        if (terminator == '\r') {
            skipLineFeed();
        }
        if (terminator >= 0) {
            line++;
        }
        return new CsvRecord(start, fields.toArray(new String[0]), malformed, last);
    }

    private void skipLineFeed() throws IOException {
        if (peek() == '\n') {
            position++;
        }
    }

    private int read() throws IOException {
        if (position >= length && !fill()) {
            return -1;
        }
        return buffer[position++];
    }

    private int peek() throws IOException {
        if (position >= length && !fill()) {
            return -1;
        }
        return buffer[position];
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = reader.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            length = 0;
            position = 0;
            return false;
        }
        length = n;
        position = 0;
        return true;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
