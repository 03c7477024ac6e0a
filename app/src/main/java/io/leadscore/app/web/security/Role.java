package io.leadscore.app.web.security;

import java.util.Arrays;
import java.util.Locale;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a console user may do. Each role opens the pages and endpoints of one
 * team; {@link #ADMIN} opens all of them and is the only role that may change
 * the policy.
 */
public enum Role {
    /** Job runs: start, watch, restart. */
    OPS,
    /** Quota what-ifs, the plan and the funnel report. */
    LEADERSHIP,
    /** Models and leads, e-mail addresses included. */
    DATA,
    /** Machines that push events (a CRM, a form handler): {@code POST /api/events} and nothing else. */
    INGEST,
    /** Sales reps: the queue of open MQLs, a lead, follow-ups; e-mail addresses of the leads in the queue. */
    SALES,
    /** Everything, and policy changes. */
    ADMIN;

    /** The Spring Security authority, e.g. {@code ROLE_OPS}. */
    public String authority() {
        return "ROLE_" + name();
    }

    public GrantedAuthority grantedAuthority() {
        return new SimpleGrantedAuthority(authority());
    }

    /** The name used in configuration, e.g. {@code ops}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a configured role name, ignoring case and surrounding spaces.
     *
     * @throws IllegalArgumentException naming the value and the roles there are
     */
    public static Role fromWire(String text) {
        String value = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (Role role : values()) {
            if (role.name().equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("Invalid role: '" + text + "', expected one of "
                + Arrays.stream(values()).map(Role::wireName).toList());
    }
}
