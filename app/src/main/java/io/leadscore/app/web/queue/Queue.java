package io.leadscore.app.web.queue;

import io.leadscore.batch.liveevents.SalesQueue;
import io.leadscore.batch.store.PolicyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The queue as the API and the page show it: the store's open MQLs under the policy in force, and their time left. */
@Component
class Queue {
    /** What sales gives as reasons to reject (DOMAIN.md; the funnel report groups rejections by them). */
    static final List<String> REJECTION_REASONS = List.of("bad_fit", "no_budget", "student", "competitor", "duplicate",
            "not_ready");

    private final SalesQueue queue;
    private final PolicyStore policies;
    private final Clock clock;

    Queue(SalesQueue queue, PolicyStore policies, Clock clock) {
        this.queue = queue;
        this.policies = policies;
        this.clock = clock;
    }

    List<SalesQueue.Entry> open(int limit, boolean overdue) {
        return queue.open(limit, overdue, policies.current(), clock.instant());
    }

    Instant now() {
        return clock.instant();
    }

    static Map<String, Object> json(SalesQueue.Entry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("lead_id", e.leadId());
        out.put("score", e.score());
        out.put("grade", e.grade());
        out.put("mql_at", e.mqlAt());
        out.put("due_at", e.dueAt());
        out.put("reasons", e.reasons());
        out.put("company", e.company());
        out.put("source", e.source());
        out.put("email", e.email());
        return out;
    }

    /** "3 h 05 min left", "overdue by 2 h 10 min". */
    static String timeLeft(Instant due, Instant now) {
        Duration left = Duration.between(now, due);
        String span = span(left.abs());
        return left.isNegative() ? "overdue by " + span : span + " left";
    }

    private static String span(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours + " h " + String.format("%02d", minutes % 60) + " min";
        }
        return (hours / 24) + " d " + (hours % 24) + " h";
    }
}
