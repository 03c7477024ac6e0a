package io.leadscore.scoring.features;

/**
 * The one normalisation of free-text categories (industry, department, source,
 * custom fields): trimmed, lower case, runs of inner whitespace collapsed to one
 * space. {@link #normalisedEquals} applies the same rule character by character,
 * so the nightly path compares a raw field with a learned level without
 * building a normalised copy of it.
 */
final class Text {
    private Text() {
    }

    /** The normalised form, or {@code null} when the text is absent or blank. */
    static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(raw.length());
        boolean pendingSpace = false;
        int i = 0;
        int n = raw.length();
        while (i < n) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            if (isSpace(cp)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            // Character.toLowerCase is locale-independent, unlike String.toLowerCase() without a locale,
            // and maps code point to code point, so normalisedEquals can mirror it exactly.
            out.appendCodePoint(lower(cp));
        }
        return out.length() == 0 ? null : out.toString();
    }

    /** Whether {@code normalise(raw)} equals {@code normalised}, without allocating. */
    static boolean normalisedEquals(String raw, String normalised) {
        if (raw == null) {
            return normalised == null;
        }
        int m = normalised.length();
        int j = 0;
        boolean pendingSpace = false;
        int i = 0;
        int n = raw.length();
        while (i < n) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            if (isSpace(cp)) {
                pendingSpace = j > 0;
                continue;
            }
            if (pendingSpace) {
                if (j >= m || normalised.charAt(j) != ' ') {
                    return false;
                }
                j++;
                pendingSpace = false;
            }
            if (j >= m) {
                return false;
            }
            int expected = normalised.codePointAt(j);
            if (expected != lower(cp)) {
                return false;
            }
            j += Character.charCount(expected);
        }
        return j == m;
    }

    /**
     * {@code normalise(raw).hashCode()} without building the normalised string (0 for blank text, as for
     * the empty string), so a raw value is compared with many levels by hash first.
     */
    static int normalisedHash(String raw) {
        int h = 0;
        boolean started = false;
        boolean pendingSpace = false;
        int i = 0;
        int n = raw.length();
        while (i < n) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            if (isSpace(cp)) {
                pendingSpace = started;
                continue;
            }
            if (pendingSpace) {
                h = 31 * h + ' ';
                pendingSpace = false;
            }
            started = true;
            int lower = lower(cp);
            if (Character.isBmpCodePoint(lower)) {
                h = 31 * h + lower;
            } else {
                h = 31 * (31 * h + Character.highSurrogate(lower)) + Character.lowSurrogate(lower);
            }
        }
        return h;
    }

    /** Whether the text is absent or only whitespace. */
    static boolean isBlank(String raw) {
        if (raw == null) {
            return true;
        }
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            if (!isSpace(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /**
     * A plain decimal number ({@code 42}, {@code -3.5}, {@code .5}, {@code 1e6}), or NaN. Stricter than
     * {@link Double#parseDouble}, which also takes {@code NaN}, {@code Infinity}, hexadecimal and a
     * trailing {@code d} or {@code f}: none of those is a number in a CRM field.
     */
    static double parseNumber(String raw) {
        if (raw == null) {
            return Double.NaN;
        }
        int start = 0;
        int end = raw.length();
        while (start < end && isSpace(raw.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(raw.charAt(end - 1))) {
            end--;
        }
        if (!isPlainNumber(raw, start, end)) {
            return Double.NaN;
        }
        double value = fastPath(raw, start, end);
        if (Double.isNaN(value)) {
            value = Double.parseDouble(raw.substring(start, end));
        }
        return Double.isFinite(value) ? value : Double.NaN;
    }

    private static final double[] POWERS_OF_TEN = {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
            1e19, 1e20, 1e21, 1e22};

    /**
     * A plain number without an exponent whose digits fit in 2^53, parsed without allocating; NaN when it
     * needs {@link Double#parseDouble}. The digits and 10^k (k &le; 22) are exact doubles, so one
     * division rounds correctly and gives the same double as {@code parseDouble} (Clinger, "How to read
     * floating point numbers accurately", PLDI 1990, the fast path).
     */
    private static double fastPath(String s, int start, int end) {
        int i = start;
        boolean negative = false;
        if (s.charAt(i) == '+' || s.charAt(i) == '-') {
            negative = s.charAt(i) == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < end; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                fraction = 0;
                continue;
            }
            if (!isDigit(c)) {
                return Double.NaN;
            }
            mantissa = mantissa * 10 + (c - '0');
            if (mantissa != 0) {
                digits++;
            }
            if (fraction >= 0) {
                fraction++;
            }
            if (digits > 15 || fraction > 22) {
                return Double.NaN;
            }
        }
        double value = fraction > 0 ? mantissa / POWERS_OF_TEN[fraction] : mantissa;
        return negative ? -value : value;
    }

    private static boolean isPlainNumber(String s, int start, int end) {
        int i = start;
        if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < end && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < end && s.charAt(i) == '.') {
            i++;
            while (i < end && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < end && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < end && isDigit(s.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == end;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Whitespace including the no-break spaces that spreadsheets leave in cells. */
    static boolean isSpace(int cp) {
        if (cp < 128) {
            return cp == ' ' || cp >= '\t' && cp <= '\r' || cp >= 0x1C && cp <= 0x1F;
        }
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    /** {@link Character#toLowerCase(int)}, with the ASCII case done without a table lookup. */
    private static int lower(int cp) {
        if (cp < 128) {
            return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
        }
        return Character.toLowerCase(cp);
    }
}
