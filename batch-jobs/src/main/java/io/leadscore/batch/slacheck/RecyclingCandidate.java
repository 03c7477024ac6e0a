package io.leadscore.batch.slacheck;

import java.time.Instant;
import java.util.Objects;

/** An overdue MQL never followed up and past its recycling time. */
record RecyclingCandidate(long leadId, String leadKey, Instant mqlAt) {
    RecyclingCandidate {
        Objects.requireNonNull(leadKey, "leadKey");
        Objects.requireNonNull(mqlAt, "mqlAt");
    }
}
