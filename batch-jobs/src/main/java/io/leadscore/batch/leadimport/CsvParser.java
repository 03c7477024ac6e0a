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
 * breaks. Blank lines are not records. A quote left open at the end of the file
 * is a {@link CsvFormatException}: everything after it would be one field.
 * Text after a closing quote (e.g. {@code "a"b}) makes that record malformed,
 * reported on the record, and reading goes on.
 */
final class CsvParser implements Closeable {
    private static final int BUFFER = 1 << 16;
    private static final char NUL = '\0';

    private final Reader reader;
    private final char[] buffer = new char[BUFFER];
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
                // quoted field
                while (true) {
                    int q = read();
                    if (q < 0) {
                        throw new CsvFormatException(quoteLine, "a quote opened on line " + quoteLine
                                + " is never closed: it takes in every line from there to the end of the file (line "
                                + textLine + "); close it, or double a quote meant as text (\"\")");
                    }
                    if (q != '\n' && q != '\r') {
                        textLine = line;
                    }
                    if (q == '"') {
                        int after = read();
                        if (after == '"') {
                            field.append('"');
                            continue;
                        }
                        c = after;
                        break;
                    }
                    if (q == '\n') {
                        line++;
                    } else if (q == '\r') {
                        int lf = peek();
                        line++;
                        if (lf == '\n') {
                            field.append('\r');
                            q = read();
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
            n = reader.read(buffer, 0, BUFFER);
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
