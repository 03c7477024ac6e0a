package io.leadscore.batch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscore.batch.TestStores;
import io.leadscore.data.synthetic.LoadTestHistory;
import io.leadscore.scoring.domain.ActivityType;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/** A generated history loaded in bulk, as {@code bench rescore} loads its store. */
abstract class BulkLoadTest {
    private static final Instant END = Instant.parse("2026-12-01T00:00:00Z");

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void emptyStore() {
        TestStores.clean(jdbc);
    }

    long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    @Test
    void loadsEveryLeadAndActivityWithTheirStagesAndRebuildsTheEventKey() {
        LoadTestHistory history = new LoadTestHistory(3_000, 8, 11, END);
        long activities;
        try (BulkLoad load = BulkLoad.into(dataSource, END)) {
            history.leads(load::lead);
            activities = history.activities(load::activity);
            assertThat(load.activities()).isEqualTo(activities);
        }

        assertThat(count("SELECT COUNT(*) FROM lead")).isEqualTo(3_000);
        assertThat(count("SELECT COUNT(*) FROM activity")).isEqualTo(activities).isGreaterThan(20_000);
        assertThat(count("SELECT COUNT(*) FROM lead WHERE stage IN ('WON', 'LOST')")).isBetween(40L, 120L);
        assertThat(count("SELECT COUNT(*) FROM lead WHERE stage_changed_at <> created_at")).isZero();
        // lead number n is the n-th lead loaded: its activities are after its creation
        assertThat(count("SELECT COUNT(*) FROM activity a JOIN lead l ON l.id = a.lead_id WHERE a.occurred_at <= l.created_at"))
                .isZero();
        // the unique event key is back
        Long lead = jdbc.queryForObject("SELECT MIN(id) FROM lead", Long.class);
        jdbc.update("INSERT INTO activity (lead_id, occurred_at, type, detail, detail_hash) VALUES (?, ?, ?, NULL, 0)",
                lead, Instants.utc(END), (short) ActivityType.PAGE_VIEW.ordinal());
        assertThatThrownBy(() -> jdbc.update("INSERT INTO activity (lead_id, occurred_at, type, detail, detail_hash)"
                + " VALUES (?, ?, ?, NULL, 0)", lead, Instants.utc(END), (short) ActivityType.PAGE_VIEW.ordinal()))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aDayAddsItsLeadsAndActivityOnLeadsByNumber() {
        LoadTestHistory history = new LoadTestHistory(7_300, 5, 12, END);
        try (BulkLoad load = BulkLoad.into(dataSource, END)) {
            history.leads(load::lead);
            history.activities(load::activity);
        }
        long before = count("SELECT COUNT(*) FROM activity");
        Instant night = END.plus(Duration.ofDays(1));

        BulkLoad.Day day = BulkLoad.day(dataSource, night);
        long added = history.day(END, night, day::lead, day::activity);
        day.write();

        assertThat(count("SELECT COUNT(*) FROM lead")).isEqualTo(7_310);
        assertThat(count("SELECT COUNT(*) FROM lead WHERE lead_key LIKE 'N-%' AND stage = 'LEAD'")).isEqualTo(10);
        assertThat(count("SELECT COUNT(*) FROM activity")).isEqualTo(before + added);
        assertThat(count("SELECT COUNT(*) FROM activity WHERE occurred_at >= ?", Instants.utc(END))).isEqualTo(added);
    }

    @Test
    void refusesAStoreThatHoldsLeads() {
        try (BulkLoad load = BulkLoad.into(dataSource, END)) {
            new LoadTestHistory(1_000, 1, 1, END).leads(load::lead);
        }

        assertThatThrownBy(() -> BulkLoad.into(dataSource, END)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already holds 1000 leads");
    }
}
