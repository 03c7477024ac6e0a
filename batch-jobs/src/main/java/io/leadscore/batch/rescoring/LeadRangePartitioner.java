package io.leadscore.batch.rescoring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Splits the open leads into id ranges holding about the same number of leads
 * each (not the same span of ids: open leads cluster among the recent ones).
 * Each partition's context carries its range as {@code from} (exclusive) and
 * {@code to} (inclusive). On a restart Spring Batch reuses the ranges of the
 * first execution.
 */
class LeadRangePartitioner implements Partitioner {
    static final String FROM = "from";
    static final String TO = "to";
    private static final String OPEN = OpenLeadReader.scored("");

    private final JdbcTemplate jdbc;

    LeadRangePartitioner(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Long open = jdbc.queryForObject("SELECT COUNT(*) FROM lead WHERE " + OPEN, Long.class);
        Long max = jdbc.queryForObject("SELECT MAX(id) FROM lead WHERE " + OPEN, Long.class);
        Map<String, ExecutionContext> partitions = new HashMap<>();
        if (open == null || open == 0 || max == null) {
            partitions.put("partition0", range(0, 0));
            return partitions;
        }
        int grid = (int) Math.max(1, Math.min(gridSize, open));
        long from = 0;
        for (int p = 0; p < grid; p++) {
            long to;
            if (p == grid - 1) {
                to = max;
            } else {
                long offset = open * (p + 1) / grid - 1;
                List<Long> ids = jdbc.queryForList("SELECT id FROM lead WHERE " + OPEN
                        + " ORDER BY id OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY", Long.class, offset);
                to = ids.get(0);
            }
            partitions.put("partition" + p, range(from, to));
            from = to;
        }
        return partitions;
    }

    private static ExecutionContext range(long fromExclusive, long toInclusive) {
        ExecutionContext context = new ExecutionContext();
        context.putLong(FROM, fromExclusive);
        context.putLong(TO, toInclusive);
        return context;
    }
}
