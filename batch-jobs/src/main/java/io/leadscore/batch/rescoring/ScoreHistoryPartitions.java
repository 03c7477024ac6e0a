package io.leadscore.batch.rescoring;

import io.leadscore.batch.store.StoreDialect;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On PostgreSQL the score history is partitioned by run (migration V40 of
 * db/vendor/postgresql, and docs/architecture.md for why): each run gets its
 * own partition before it writes, so its rows go into a small table of their
 * own, in lead order, and the run can later be dropped whole. On H2 the
 * history is one table and there is nothing to make.
 */
final class ScoreHistoryPartitions {
    private ScoreHistoryPartitions() {
    }

    /** Makes the run's partition if it is not there yet (a restarted run has it). Negative runs are the floor's. */
    static void ensure(JdbcTemplate jdbc, StoreDialect dialect, long runId) {
        if (dialect != StoreDialect.POSTGRESQL || runId < 1) {
            return;
        }
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + name(runId) + " PARTITION OF score_history"
                + " FOR VALUES FROM (" + runId + ") TO (" + (runId + 1) + ")");
    }

    /** The partition of a run. */
    static String name(long runId) {
        return "score_history_run_" + runId;
    }
}
