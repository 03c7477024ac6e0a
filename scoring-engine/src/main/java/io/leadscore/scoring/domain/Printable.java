package io.leadscore.scoring.domain;

/**
 * Text that came from outside (a CSV cell, a file name, a request), made safe
 * to show on a terminal, in a log line or on one line of a report: control
 * characters are written as {@code \\u001B} and the like instead of being
 * passed on. A terminal would otherwise obey an escape sequence hidden in a
 * CRM field (move the cursor, rewrite the screen, set the window title), a
 * line break would forge a line of its own, and a bidirectional override
 * would show the text in another order than it is stored in.
 */
public final class Printable {
    private Printable() {
    }

    /** {@code text} with every control and bidirectional-formatting character escaped; {@code null} stays null. */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        out.append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unsafe(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (unsafe(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * C0 controls (tab included: it moves the cursor as well), DEL, C1 controls (0x9B alone starts an escape
     * sequence on some terminals), and the Unicode bidirectional embeddings, overrides and isolates.
     */
    static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F' || c == '\u061C';
    }
}
