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
 * <p>UTF-8 only, and strict about it, one record at a time: bytes that are
 * not UTF-8, or a NUL byte, damage the record they stand in (reported with
 * the field, never read as stand-in characters), and every other record is
 * read as usual, so one corrupted row in a CRM export loses only itself. (A
 * header so damaged rejects the file: see {@link CsvHeader}.) A leading
 * byte-order mark is ignored; records end at {@code \n}, {@code \r\n}
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
    /**
     * What the decoder puts in place of bytes that are not UTF-8: U+FFFF, a noncharacter that no exchanged text
     * holds, so that the parser can tell the record it stands in (a U+FFFF written in the file is taken as such
     * damage too).
     */
    static final char NOT_UTF8 = '\uFFFF';
    /** The two kinds of {@link CsvRecord#damaged()}. */
    static final String NUL_BYTE = "a NUL byte";
    static final String NOT_UTF8_BYTES = "bytes that are not UTF-8";
    static final String TOO_LONG = "a value of more than 1,000,000 characters";
    /**
     * What one field may grow to while being read: 500 times the longest value the contract keeps. A field
     * longer than that is not a value but a file read the wrong way (a quote left open in a file of millions of
     * lines, a file with no line breaks), and the parser keeps no more of it, so that such a file costs no more
     * memory than a good one.
     */
    static final int LONGEST_FIELD = 1_000_000;

    private final Reader reader;
    private char[] buffer = new char[BUFFER];
    private int length;
    private int position;
    private long line = 1;
    private boolean first = true;
    private final StringBuilder field = new StringBuilder(64);
    private final List<String> fields = new ArrayList<>(32);
    /** What damages the record being read (a NUL byte, bytes that are not UTF-8), or {@code null}. */
    private String damage;
    private int damagedField;

    CsvParser(Reader reader) {
        this.reader = reader;
    }

    /** A parser over UTF-8 bytes that marks malformed input in the record holding it. */
    static CsvParser utf8(InputStream in) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(String.valueOf(NOT_UTF8));
        return new CsvParser(new InputStreamReader(in, decoder));
    }

    /** The next record, or {@code null} at the end of the file. */
    CsvRecord next() throws IOException {
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

    private CsvRecord record(char firstChar) throws IOException {
        long start = line;
        fields.clear();
        field.setLength(0);
        damage = null;
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
                    if (raw != null && raw.length() > LONGEST_FIELD) {
                        // no value is that long: the quote is left open, and the lines it took in are rows
                        return unclosed(start, quoteLine, textLine, raw, cut, true);
                    }
                    int q = read();
                    if (q < 0) {
                        return unclosed(start, quoteLine, textLine, raw, cut, false);
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
                            keep('"');
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
                            keep('\r');
                            q = read();
                            raw.append('\n');
                        }
                    } else if (q == NUL || q == NOT_UTF8) {
                        damaged(q);
                    }
                    keep(q);
                }
                // after the closing quote: a delimiter, an end of line, or junk
                while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
                    if (malformed == null) {
                        malformed = "text after the closing quote of field " + (fields.size() + 1);
                    }
                    if (c == NUL || c == NOT_UTF8) {
                        damaged(c);
                    }
                    keep(c);
                    c = read();
                }
            } else {
                while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
                    if (c == NUL || c == NOT_UTF8) {
                        damaged(c);
                    }
                    keep(c);
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

    /** A character of the field being read, kept up to {@link #LONGEST_FIELD}; beyond, the field is damaged. */
    private void keep(int c) {
        if (field.length() < LONGEST_FIELD) {
            field.append((char) c);
        } else if (damage == null) {
            damage = TOO_LONG;
            damagedField = fields.size() + 1;
        }
    }

    /** The first damage of a record is the one reported, with the field it is in. */
    private void damaged(int c) {
        if (damage == null) {
            damage = c == NUL ? NUL_BYTE : NOT_UTF8_BYTES;
            damagedField = fields.size() + 1;
        }
    }

    /**
     * A quote opened on {@code quoteLine} and never closed (or not within {@link #LONGEST_FIELD} characters): the
     * record ends with the rest of that line as its last field, malformed, and the lines after it are read again
     * as records of their own.
     *
     * @param raw     what the quoted field read from its first line break on, as read; {@code null} when it never
     *                reached one (the quote opened on the file's last line)
     * @param cut     the length of the field when that line break came
     * @param tooLong whether reading stopped at {@link #LONGEST_FIELD}, before the end of the file
     */
    private CsvRecord unclosed(long start, long quoteLine, long textLine, StringBuilder raw, int cut, boolean tooLong) {
        String onItsLine = field.toString();
        if (raw != null) {
            onItsLine = onItsLine.substring(0, cut);
            int from = raw.charAt(0) == '\r' && raw.length() > 1 && raw.charAt(1) == '\n' ? 2 : 1;
            // read again: what the quote took in after its line, then what is left of the buffer
            String again = raw.substring(from) + new String(buffer, position, Math.max(0, length - position));
            buffer = again.length() > BUFFER ? again.toCharArray() : java.util.Arrays.copyOf(again.toCharArray(), BUFFER);
            length = again.length();
            position = 0;
            line = quoteLine + 1;
        }
        fields.add(onItsLine);
        field.setLength(0);
        String why = "a quote opened on line " + quoteLine + (tooLong
                ? " is not closed within " + String.format(java.util.Locale.ROOT, "%,d", LONGEST_FIELD)
                        + " characters (by line " + textLine + "), longer than any value"
                : " is never closed (it would take in every line to the end of the file, line " + textLine + ")")
                + ": this row is cut at the end of its line and not imported, and the lines after it are read as"
                + " rows of their own; close the quote, or double a quote meant as text (\"\")";
        return new CsvRecord(start, fields.toArray(new String[0]), why, quoteLine, damage, damagedField);
    }

    private CsvRecord finish(long start, int terminator, String malformed) throws IOException {
        long last = line;
        if (terminator == '\r') {
            skipLineFeed();
        }
        if (terminator >= 0) {
            line++;
        }
        return new CsvRecord(start, fields.toArray(new String[0]), malformed, last, damage, damagedField);
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
