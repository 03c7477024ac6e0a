package io.leadscore.batch.store;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The activities' foreign key to their lead, {@code activity_lead_fk}, on
 * PostgreSQL: the server checks it for every row inserted with a query of its
 * own (an index lookup and a share lock on the lead's row), which costs about
 * as much server CPU as storing the row with its two indexes. The import
 * checks every activity's lead itself before writing it, and leads are never
 * deleted, so a load into an empty activity table drops the key and adds it
 * again after the rows: first as {@code NOT VALID} (at once: every row written
 * from then on is checked), then validated by one scan of the table, which
 * lets other writers go on meanwhile.
 *
 * <p>A load killed before it added the key back leaves the store without it
 * (or with it not yet validated); {@link #valid} tells, so that the next load
 * (a restart, or another import) goes on in the same way and restores it at
 * its end.
 */
public final class ActivityLeadKey {
    private static final String EXISTS = "SELECT COUNT(*) FROM pg_constraint"
            + " WHERE conname = 'activity_lead_fk' AND conrelid = CAST('activity' AS regclass)";

    private ActivityLeadKey() {
    }

    /** Whether the store has the key now, validated over every row. */
    public static boolean valid(JdbcTemplate jdbc) {
        Long count = jdbc.queryForObject(EXISTS + " AND convalidated", Long.class);
        return count != null && count > 0;
    }

    private static boolean present(JdbcTemplate jdbc) {
        Long count = jdbc.queryForObject(EXISTS, Long.class);
        return count != null && count > 0;
    }

    /** Drops the key, if the store has it. */
    public static void drop(JdbcTemplate jdbc) {
        if (present(jdbc)) {
            jdbc.execute("ALTER TABLE activity DROP CONSTRAINT activity_lead_fk");
        }
    }

    /**
     * Adds the key back (if it is missing) and validates it over the rows loaded without it.
     *
     * @throws org.springframework.dao.DataAccessException when an activity names no stored lead (the key is then
     *                                                     left not validated, and {@link #valid} says so)
     */
    public static void restore(JdbcTemplate jdbc) {
        if (!present(jdbc)) {
            jdbc.execute("ALTER TABLE activity ADD CONSTRAINT activity_lead_fk FOREIGN KEY (lead_id)"
                    + " REFERENCES lead (id) NOT VALID");
        }
        jdbc.execute("ALTER TABLE activity VALIDATE CONSTRAINT activity_lead_fk");
    }
}
