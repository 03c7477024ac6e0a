package io.leadscore.app.web;

import io.leadscore.app.web.security.Area;
import io.leadscore.app.web.security.Role;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Who is looking at a page, and which parts of the console they may use: the
 * navigation shows only those, and pages leave out what the viewer may not see
 * (e-mail addresses, the policy form).
 *
 * @param name  the signed-in name, recorded as the actor of changes
 * @param roles the viewer's roles
 */
public record Viewer(String name, Set<Role> roles) {
    /** The name of nobody signed in. */
    public static final String ANONYMOUS = "anonymous";

    public Viewer {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public static Viewer of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return new Viewer(ANONYMOUS, Set.of());
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (var a : authentication.getAuthorities()) {
            for (Role r : Role.values()) {
                if (r.authority().equals(a.getAuthority())) {
                    roles.add(r);
                }
            }
        }
        return new Viewer(authentication.getName(), roles);
    }

    public boolean may(Area area) {
        for (Role r : roles) {
            if (area.roles().contains(r)) {
                return true;
            }
        }
        return false;
    }

    public boolean jobs() {
        return may(Area.JOBS);
    }

    public boolean whatIf() {
        return may(Area.WHAT_IF);
    }

    public boolean funnel() {
        return may(Area.FUNNEL);
    }

    public boolean models() {
        return may(Area.MODELS);
    }

    public boolean leads() {
        return may(Area.LEADS);
    }

    public boolean queue() {
        return may(Area.QUEUE);
    }

    public boolean email() {
        return may(Area.EMAIL);
    }

    /** Whether the viewer sees the e-mail addresses of the leads waiting in sales' queue (sales works them). */
    public boolean queueEmail() {
        return may(Area.QUEUE);
    }

    public boolean webhooks() {
        return may(Area.WEBHOOK_DELIVERIES);
    }

    public boolean webhookSubscribers() {
        return may(Area.WEBHOOK_SUBSCRIBERS);
    }

    public boolean policyChange() {
        return may(Area.POLICY_CHANGE);
    }

    public boolean signedIn() {
        return !roles.isEmpty();
    }

    /** Roles as configured, e.g. "data, ops". */
    public String roleNames() {
        return roles.stream().sorted().map(Role::wireName).collect(Collectors.joining(", "));
    }

    /** How changes made through the console or the API are attributed in the store's audit records. */
    public String actor() {
        return "web:" + name;
    }
}
