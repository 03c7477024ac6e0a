package io.leadscore.batch.store;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A lead's custom attributes as a flat JSON object of strings, e.g.
 * {@code {"budget_band":"high","tech_stack":"aws"}}: readable in SQL on both
 * stores (PostgreSQL can cast it to jsonb) and cheap to decode nightly.
 */
public final class CustomAttributes {
    private CustomAttributes() {
    }

    public static String encode(Map<String, String> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(16 * attributes.size());
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(out, e.getKey());
            out.append(':');
            quote(out, e.getValue());
        }
        return out.append('}').toString();
    }

    /** Decodes what {@link #encode} wrote; a malformed text is an {@link IllegalArgumentException} naming the position. */
    public static Map<String, String> decode(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new TreeMap<>();
        int[] pos = {skipSpace(json, 0)};
        expect(json, pos, '{');
        pos[0] = skipSpace(json, pos[0]);
        if (pos[0] < json.length() && json.charAt(pos[0]) == '}') {
            return Collections.unmodifiableMap(out);
        }
        while (true) {
            String key = string(json, pos);
            pos[0] = skipSpace(json, pos[0]);
            expect(json, pos, ':');
            pos[0] = skipSpace(json, pos[0]);
            out.put(key, string(json, pos));
            pos[0] = skipSpace(json, pos[0]);
            if (pos[0] < json.length() && json.charAt(pos[0]) == ',') {
                pos[0] = skipSpace(json, pos[0] + 1);
                continue;
            }
            expect(json, pos, '}');
            return Collections.unmodifiableMap(out);
        }
    }

    private static void quote(StringBuilder out, String value) {
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
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static String string(String json, int[] pos) {
        expect(json, pos, '"');
        StringBuilder out = new StringBuilder();
        int i = pos[0];
        while (i < json.length()) {
            char c = json.charAt(i++);
            if (c == '"') {
                pos[0] = i;
                return out.toString();
            }
            if (c == '\\') {
                if (i >= json.length()) {
                    break;
                }
                char e = json.charAt(i++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (i + 4 > json.length()) {
                            throw new IllegalArgumentException("Invalid custom attributes: truncated escape at " + i);
                        }
                        out.append((char) Integer.parseInt(json.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> out.append(e);
                }
            } else {
                out.append(c);
            }
        }
        throw new IllegalArgumentException("Invalid custom attributes: unterminated string at " + pos[0]);
    }

    private static void expect(String json, int[] pos, char c) {
        if (pos[0] >= json.length() || json.charAt(pos[0]) != c) {
            throw new IllegalArgumentException("Invalid custom attributes: expected '" + c + "' at " + pos[0]);
        }
        pos[0]++;
    }

    private static int skipSpace(String json, int i) {
        while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
            i++;
        }
        return i;
    }
}
