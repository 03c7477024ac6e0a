package io.leadscore.batch.store;

import io.leadscore.scoring.domain.Lead;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads one stored lead as the jobs read it, for tests that recompute what a job did. */
public final class LeadRowsForTests {
    private final JdbcTemplate jdbc;

    public LeadRowsForTests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Lead lead(long id) {
        return jdbc.queryForObject("SELECT " + LeadRows.COLUMNS + " FROM lead l WHERE l.id = ?",
                (rs, i) -> LeadRows.read(rs, 1), id);
    }
}
