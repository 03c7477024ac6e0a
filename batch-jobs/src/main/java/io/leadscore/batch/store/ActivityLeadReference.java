package io.leadscore.batch.store;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The activities' foreign key to their leads, {@code activity_lead_fk}, on
 * PostgreSQL. PostgreSQL checks a foreign key row by row (a lookup and a lock
 * of the lead's row for every activity), which is most of what a COPY of
 * activities costs the server; checking it once for all the rows is a single
 * join. So a load into an empty activity table drops it and adds it back after
 * the rows ({@link #build}): first as not yet valid (new rows are checked from
 * then on), then validated in one pass, which lets other writers go on
 * meanwhile. The import's rows cannot break it (a row names a lead the store
 * holds, or it is rejected), and leads are never deleted.
 *
 * <p>A load killed before it added the key back leaves the store without it;
 * {@link #present} tells, so the next load (a restart, or another import)
 * goes on in the same way and adds it at its end. A key added but not
 * validated (a validation that failed or was killed) counts as absent, and
 * {@link #build} validates it.
 */
public final class ActivityLeadReference {
    private static final String NAME = "activity_lead_fk";

    private ActivityLeadReference() {
    }

    /** Whether the store has the key, validated. */
    public static boolean present(JdbcTemplate jdbc) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM pg_constraint WHERE conname = ? AND convalidated"
                + " AND conrelid = CAST('activity' AS regclass)", Long.class, NAME);
        return count != null && count > 0;
    }

    /** Drops the key, if the store has it (validated or not). */
    public static void drop(JdbcTemplate jdbc) {
        jdbc.execute("ALTER TABLE activity DROP CONSTRAINT IF EXISTS " + NAME);
    }

    /**
     * Adds the key back and validates it against every activity stored.
     *
     * @throws org.springframework.dao.DataAccessException when an activity names no stored lead (the server's
     *                                                      message names the key and the row)
     */
    public static void build(JdbcTemplate jdbc) {
        if (present(jdbc)) {
            return;
        }
        Long added = jdbc.queryForObject("SELECT COUNT(*) FROM pg_constraint WHERE conname = ?"
                + " AND conrelid = CAST('activity' AS regclass)", Long.class, NAME);
        if (added == null || added == 0) {
            jdbc.execute("ALTER TABLE activity ADD CONSTRAINT " + NAME + " FOREIGN KEY (lead_id) REFERENCES lead (id)"
                    + " NOT VALID");
        }
        jdbc.execute("ALTER TABLE activity VALIDATE CONSTRAINT " + NAME);
    }
}
