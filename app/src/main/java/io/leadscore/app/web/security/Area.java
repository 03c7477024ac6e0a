package io.leadscore.app.web.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * The parts of the console and the API, and the roles each one is open to:
 * the one place that says who may do what. The security filter chains and the
 * pages (which links to show, whether to show e-mail addresses) both read it.
 */
public enum Area {
    /** Job runs: list, start, restart. */
    JOBS(Role.OPS, Role.ADMIN),
    /** Simulation, plan and levers. */
    WHAT_IF(Role.LEADERSHIP, Role.ADMIN),
    /** The funnel report. */
    FUNNEL(Role.LEADERSHIP, Role.ADMIN),
    /** The model registry: read, promote, roll back. */
    MODELS(Role.DATA, Role.ADMIN),
    /** Lead search and a lead's history and reasons. */
    LEADS(Role.DATA, Role.ADMIN),
    /** E-mail addresses of leads: personal data. */
    EMAIL(Role.DATA, Role.ADMIN),
    /** Writing a new version of the policy. */
    POLICY_CHANGE(Role.ADMIN),
    /** Metrics of the running application. */
    METRICS(Role.OPS, Role.ADMIN),
    /** Webhook deliveries: list, send again. */
    WEBHOOK_DELIVERIES(Role.OPS, Role.ADMIN),
    /** Webhook subscribers: add, list, remove (their secrets sign what leaves the server). */
    WEBHOOK_SUBSCRIBERS(Role.ADMIN),
    /** Pushing leads, activities, follow-ups and deals as they happen. */
    EVENTS(Role.INGEST, Role.ADMIN),
    /** Sales' queue of open MQLs, reading one of its leads, and answering them (follow-ups). */
    QUEUE(Role.SALES, Role.ADMIN),
    /** Console users: creating accounts (e.g. for sales reps). */
    USERS(Role.ADMIN);

    private final Set<Role> roles;

    Area(Role first, Role... rest) {
        this.roles = EnumSet.of(first, rest);
    }

    public Set<Role> roles() {
        return EnumSet.copyOf(roles);
    }

    /** Role names for {@code hasAnyRole(...)}: OPS, ADMIN, … */
    public String[] roleNames() {
        return roles.stream().map(Role::name).toArray(String[]::new);
    }
}
