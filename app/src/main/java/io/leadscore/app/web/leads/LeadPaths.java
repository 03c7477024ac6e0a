package io.leadscore.app.web.leads;

import java.nio.charset.StandardCharsets;

/**
 * The console's address of a lead. A lead id is whatever the CRM calls it
 * ({@code ACME/2026/17}, {@code a;b}, {@code 50%}): every byte outside the
 * unreserved characters of RFC 3986 is percent-encoded, so that a {@code /}
 * stays inside its path segment and a {@code ;} is not taken for a path
 * parameter. The server lets such encoded characters through on the lead
 * paths only ({@code LeadPathFirewall}).
 */
public final class LeadPaths {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private LeadPaths() {
    }

    /** {@code /leads/} and the encoded id. */
    public static String of(String leadId) {
        return "/leads/" + segment(leadId);
    }

    /** The id as one path segment: unreserved characters as they are, every other byte as %XX. */
    public static String segment(String leadId) {
        StringBuilder out = new StringBuilder(leadId.length() + 8);
        for (byte b : leadId.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
