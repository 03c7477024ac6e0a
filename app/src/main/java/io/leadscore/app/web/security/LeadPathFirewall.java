package io.leadscore.app.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall everywhere, except that the path segment of a lead id
 * ({@code /leads/{id}}, {@code /api/leads/{id}/...}) may hold an encoded {@code /} (two in a row too), {@code %}, {@code ;} or
 * backslash: a CRM's lead id may contain any of them, and without them the lead could not be opened. The
 * servlet container passes such a segment on still encoded, so it stays one segment, and it is only ever a
 * value looked up with a bound parameter. A literal {@code ;} is still refused there: the container would
 * cut it off as a path parameter and show another lead.
 */
final class LeadPathFirewall implements HttpFirewall {
    private final StrictHttpFirewall strict = new StrictHttpFirewall();
    private final StrictHttpFirewall leadIds = new StrictHttpFirewall();

    LeadPathFirewall() {
        leadIds.setAllowUrlEncodedSlash(true);
        // an id shaped like an address (https://crm.example/lead/17) holds two slashes in a row
        leadIds.setAllowUrlEncodedDoubleSlash(true);
        leadIds.setAllowUrlEncodedPercent(true);
        leadIds.setAllowSemicolon(true);
        leadIds.setAllowBackSlash(true);
    }

    @Override
    public FirewalledRequest getFirewalledRequest(HttpServletRequest request) throws RequestRejectedException {
        String uri = request.getRequestURI();
        String path = uri == null ? "" : uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        boolean leadPath = path.startsWith("/leads/") || path.startsWith("/api/leads/");
        if (leadPath && path.indexOf(';') < 0) {
            return leadIds.getFirewalledRequest(request);
        }
        return strict.getFirewalledRequest(request);
    }

    @Override
    public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
        return strict.getFirewalledResponse(response);
    }
}
