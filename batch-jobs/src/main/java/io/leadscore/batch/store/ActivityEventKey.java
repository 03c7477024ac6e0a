package io.leadscore.batch.store;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The activities' unique event key, {@code activity_event_unique} (lead,
 * time, type, detail hash): what makes an event listed twice one event, and
 * the (lead, time) index the rescoring reads histories by. Maintaining it row
 * by row is most of what loading activities into H2 costs, so a load into an
 * empty activity table drops it and builds it once after the rows
 * ({@link BulkLoad}, the import's first load on H2). Building it removes the
 * events that are there twice, keeping the one loaded first, as the key would
 * have refused the later one.
 *
 * <p>A load killed before it built the key leaves the store without it;
 * {@link #present} tells, so that the next load (a restart, or another
 * import) goes on in the same way and builds it at its end.
 */
public final class ActivityEventKey {
    private static final String ADD = "ALTER TABLE activity ADD CONSTRAINT activity_event_unique"
            + " UNIQUE (lead_id, occurred_at, type, detail_hash)";

    private ActivityEventKey() {
    }

    /** Whether the store has the key now. */
    public static boolean present(JdbcTemplate jdbc) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS"
                + " WHERE UPPER(CONSTRAINT_NAME) = 'ACTIVITY_EVENT_UNIQUE'", Long.class);
        return count != null && count > 0;
    }

    /** Drops the key, if the store has it. */
    public static void drop(JdbcTemplate jdbc) {
        if (present(jdbc)) {
            jdbc.execute("ALTER TABLE activity DROP CONSTRAINT activity_event_unique");
        }
    }

    /**
     * Builds the key over the rows loaded, first removing every event that is there twice (all but the one of the
     * lowest id, the first loaded).
     *
     * @return the events removed as repeats
     */
    public static long build(JdbcTemplate jdbc) {
        if (present(jdbc)) {
            return 0;
        }
        try {
            jdbc.execute(ADD);
            return 0;
        } catch (DataIntegrityViolationException repeated) {
            // rare (an export listing an event twice): find the repeats through a plain index on the same columns
            jdbc.execute("CREATE INDEX activity_event_repeats ON activity (lead_id, occurred_at, type, detail_hash)");
            int removed = jdbc.update("DELETE FROM activity WHERE EXISTS (SELECT 1 FROM activity b"
                    + " WHERE b.lead_id = activity.lead_id AND b.occurred_at = activity.occurred_at"
                    + " AND b.type = activity.type AND b.detail_hash = activity.detail_hash AND b.id < activity.id)");
            jdbc.execute("DROP INDEX activity_event_repeats");
            jdbc.execute(ADD);
            return removed;
        }
    }
}
