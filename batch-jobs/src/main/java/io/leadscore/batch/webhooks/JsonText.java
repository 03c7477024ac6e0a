package io.leadscore.batch.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Writes one flat JSON object (RFC 8259): strings escaped, numbers finite,
 * instants as ISO-8601 strings, lists of strings. The outbox fixes each event's
 * body with it once; its bytes are what every retry signs.
 */
final class JsonText {
    private final StringBuilder out = new StringBuilder(256).append('{');
    private boolean first = true;

    JsonText string(String name, String value) {
        key(name);
        quote(value);
        return this;
    }

    JsonText instant(String name, Instant value) {
        return string(name, value == null ? null : value.toString());
    }

    JsonText number(String name, Double value) {
        key(name);
        if (value == null || !Double.isFinite(value)) {
            out.append("null");
        } else {
            out.append(Double.toString(value));
        }
        return this;
    }

    JsonText strings(String name, List<String> values) {
        key(name);
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            quote(values.get(i));
        }
        out.append(']');
        return this;
    }

    String end() {
        return out.append('}').toString();
    }

    private void key(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        quote(name);
        out.append(':');
    }

    private void quote(String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // controls, and the two separators JavaScript reads as line ends
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
