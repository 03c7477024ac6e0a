package io.leadscore.app.web.queue;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.leadscore.batch.liveevents.SalesQueue;
import io.leadscore.batch.store.PolicyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    /** An open MQL in the queue, as the API answers it: soonest due first. */
    record OpenMql(@JsonProperty("lead_id") String leadId,
                   Double score,
                   String grade,
                   @JsonProperty("mql_at") Instant mqlAt,
                   @JsonProperty("due_at") Instant dueAt,
                   List<String> reasons,
                   String company,
                   String source,
                   String email) {
        OpenMql {
            reasons = List.copyOf(reasons);
        }

        static OpenMql of(SalesQueue.Entry e) {
            return new OpenMql(e.leadId(), e.score(), e.grade(), e.mqlAt(), e.dueAt(), e.reasons(), e.company(),
                    e.source(), e.email());
        }
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
