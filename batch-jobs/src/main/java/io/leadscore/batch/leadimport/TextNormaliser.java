package io.leadscore.batch.leadimport;

import java.util.Locale;

/**
 * Free-text vocabulary fields (industry, department, source) arrive as
 * "Software", " software" and "SOFTWARE": the importer stores one form —
 * trimmed, lower case, inner whitespace collapsed to one space.
 */
final class TextNormaliser {
    private TextNormaliser() {
    }

    static String vocabulary(String value) {
        if (value == null) {
            return null;
        }
        String lower = value.strip().toLowerCase(Locale.ROOT);
        StringBuilder out = null;
        boolean space = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isWhitespace(c)) {
                if (out == null) {
                    out = new StringBuilder(lower.length());
                    out.append(lower, 0, i);
                }
                space = true;
                continue;
            }
            if (out != null) {
                if (space) {
                    out.append(' ');
                }
                out.append(c);
            }
            space = false;
        }
        String result = out == null ? lower : out.toString();
        return result.isEmpty() ? null : result;
    }
}
