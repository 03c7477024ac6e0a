package io.leadscore.app.web.policy;

import io.leadscore.app.web.ConflictException;
import io.leadscore.app.web.Viewer;
import io.leadscore.batch.store.PolicyStore;
import io.leadscore.batch.store.StoredPolicy;
import io.leadscore.scoring.domain.InvalidInputException;
import io.leadscore.scoring.policy.Policy;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The policy's versions, and writing a new one: the jobs read the highest
 * version, so a change is an insert, never an update, and the history is the
 * audit trail (who, when, why).
 */
@Service
class Policies {
    static final int NOTE_LIMIT = 1_000;
    private static final Logger log = LoggerFactory.getLogger(Policies.class);

    private final PolicyStore store;
    private final Clock clock;

    Policies(PolicyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    PolicyVersion current() {
        return PolicyVersion.of(store.latest());
    }

    /** Every version, newest first. */
    List<PolicyVersion> history() {
        return store.history().stream().map(PolicyVersion::of).toList();
    }

    /**
     * Writes the next version.
     *
     * @throws InvalidInputException when the note is missing, the values break a rule of the policy, or nothing changes
     * @throws ConflictException        when another change was written at the same time
     */
    PolicyVersion change(PolicyChange change, Viewer viewer) {
        if (change == null || change.note() == null || change.note().isBlank()) {
            throw new InvalidInputException("Missing note: say why the policy changes; it is kept with the new version");
        }
        String note = change.note().strip();
        if (note.length() > NOTE_LIMIT) {
            throw new InvalidInputException("Invalid note: " + note.length() + " characters, expected at most " + NOTE_LIMIT);
        }
        StoredPolicy current = store.latest();
        Policy p = current.policy();
        Policy next;
        try {
            next = new Policy(
                    change.mqlThreshold() == null ? p.mqlThreshold() : change.mqlThreshold(),
                    change.slaHours() == null ? p.slaHours() : change.slaHours(),
                    change.recycleAfterDays() == null ? p.recycleAfterDays() : change.recycleAfterDays(),
                    change.labelHorizonDays() == null ? p.labelHorizonDays() : change.labelHorizonDays(),
                    change.engagementHalfLifeDays() == null ? p.engagementHalfLifeDays() : change.engagementHalfLifeDays());
        } catch (IllegalArgumentException e) {
            // the values the request gave break a rule of the policy (its record says which)
            throw new InvalidInputException(e.getMessage());
        }
        if (next.equals(p)) {
            throw new InvalidInputException("Nothing changes: the values are those of version " + current.version());
        }
        StoredPolicy written;
        try {
            written = store.writeAfter(current, next, viewer.actor(), note, clock.instant());
        } catch (PolicyStore.VersionTakenException e) {
            throw new ConflictException(e.getMessage() + "; reload it and make the change again");
        }
        int version = written.version();
        log.info("Policy version {} written by {}: threshold {}, SLA {} h, recycle after {} d", version, viewer.actor(),
                next.mqlThreshold(), next.slaHours(), next.recycleAfterDays());
        return PolicyVersion.of(written);
    }
}
