package io.leadscore.app.cli;

import io.leadscore.scoring.domain.Timestamps;
import java.time.Instant;

/** Dates and date-times on the command line, read as the import contract reads them. */
final class AsOf {
    private AsOf() {
    }

    static Instant parse(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Timestamps.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }
}
