package io.leadscore.batch.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscore.batch.GeneratedHistory;
import io.leadscore.batch.TestStores;
import io.leadscore.batch.leadimport.CrmImport;
import io.leadscore.data.synthetic.World;
import io.leadscore.simulator.SimulationOptions;
import io.leadscore.simulator.calibration.DealPaths;
import io.leadscore.simulator.backtest.BacktestPeriod;
import io.leadscore.simulator.backtest.BacktestSeries;
import io.leadscore.simulator.backtest.MetricCheck;
import io.leadscore.simulator.backtest.MetricSummary;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rolling back-tests on a messy generated history (deals around the MQL
 * hand-off, skipped stages, missing follow-ups, a strong season, a team that
 * grows half-way), imported through the real import job into whichever store
 * the subclass names. No rescoring ran on it, as with any CRM history just
 * imported: the MQLs of its periods are unknown, its wins and revenue are not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreBacktestsTest {
    /** Three years of history: eight quarters with a year of history before each. */
    static final GeneratedHistory HISTORY = GeneratedHistory.of(10_000, 21, World.MESSY, 1_095);
    static final SimulationOptions OPTIONS = SimulationOptions.defaults().withTrials(600).withSeed(5);

    @Autowired
    StoreBacktests backtests;
    @Autowired
    StoreCalibration store;
    @Autowired
    CrmImport crmImport;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    void importHistory() {
        TestStores.clean(jdbc);
        assertThat(HISTORY.importInto(crmImport).completed()).isTrue();
    }

    @Test
    void backTestsEveryQuarterWithAYearOfHistoryBeforeItFromWhatWasKnownThen() {
        // the history runs 1,095 days to 2026-11-01: quarters back from its end while a year of leads lies before
        List<LocalDate[]> periods = backtests.periods(90, Instant.now());
        assertThat(periods).hasSize(8);
        assertThat(periods.get(7)[1]).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(periods.get(0)[0]).isEqualTo(LocalDate.of(2024, 11, 11));
        for (int i = 1; i < periods.size(); i++) {
            assertThat(periods.get(i)[0]).isEqualTo(periods.get(i - 1)[1]);
        }
        // rolling origin: the first period's calibration knows only the leads created before it
        Instant start = periods.get(0)[0].atStartOfDay(ZoneOffset.UTC).toInstant();
        Long before = jdbc.queryForObject("SELECT COUNT(*) FROM lead WHERE created_at < ?", Long.class,
                io.leadscore.batch.store.Instants.utc(start));
        assertThat(backtests.basis(start, 90).calibration().paths().leads()).isEqualTo(before);
    }

    @Test
    void reproducesTheWinsAndRevenueOfAMessyHistoryWithHonestSpreads() {
        BacktestSeries series = backtests.all(90, OPTIONS, Instant.now(), StoreBacktests.Progress.NONE);

        assertThat(series.periods()).hasSize(8);
        for (BacktestPeriod p : series.periods()) {
            MetricCheck mqls = p.result().check("mqls");
            assertThat(mqls.known()).as("no rescoring ran: no MQL history").isFalse();
            assertThat(mqls.note()).contains("no MQL history");
            assertThat(p.result().check("wins").known()).isTrue();
        }
        // Deals around the hand-off are part of the simulation: without them the simulated wins would be
        // about a third short (a textbook-only simulator put every quarter's actual wins above its P90).
        // With 10,000 leads over three years a quarter closes ~20 wins: the bias of the P50 stays within a quarter
        // of them, and at least half the actuals fall inside P10-P90 (eight periods; ~80% is the calibrated
        // expectation).
        for (String metric : List.of("wins", "revenue")) {
            MetricSummary s = series.summary(metric);
            double meanActual = series.periods().stream().mapToDouble(p -> p.result().check(metric).actual())
                    .average().orElseThrow();
            assertThat(s.periods()).isEqualTo(8);
            assertThat(Math.abs(s.meanErrorP50())).as(metric + " bias").isLessThan(0.25 * meanActual);
            assertThat(s.coverage()).as(metric + " coverage").isGreaterThanOrEqualTo(0.5);
        }
        assertThat(series.toJson()).contains("\"periods\"", "\"summary\"", "\"coverage_p10_p90\"");
    }

    @Test
    void aCustomersFurtherDealsOnTheSameLeadAreCalibratedFromTheStore() {
        Instant start = Instant.parse("2026-08-03T00:00:00Z");
        Object at = io.leadscore.batch.store.Instants.utc(start);
        Object windowStart = io.leadscore.batch.store.Instants.utc(start.minus(java.time.Duration.ofDays(365)));
        DealPaths paths = backtests.basis(start, 90).calibration().paths();

        // every deal of a lead after its first, opened in the calibration's window, is a further deal of the tables
        Long further = jdbc.queryForObject("SELECT COUNT(*) FROM deal d WHERE d.created_at < ? AND d.created_at >= ?"
                + " AND EXISTS (SELECT 1 FROM deal e WHERE e.lead_id = d.lead_id AND e.created_at < d.created_at)",
                Long.class, at, windowStart);
        assertThat(further).isPositive();
        assertThat(paths.furtherDeals(true).events() + paths.furtherDeals(false).events()).isEqualTo(further.doubleValue());
        // in this world customers buy again after a win, never after a loss
        assertThat(paths.furtherDeals(false).events()).isZero();
        assertThat(paths.furtherDealsPerDeal(true)).isBetween(0.2, 0.6);
        assertThat(paths.furtherBacklogByDay(true)).isNotEmpty();
        assertThat(paths.summary()).contains("further deals on the same lead after a win");
    }

    @Test
    void oneQuarterIsSimulatedFromTheStoresSuggestionThenAndComparedWithWhatTheReportCounts() {
        StoreBacktests.Checked q = backtests.one(LocalDate.of(2026, 8, 3), LocalDate.of(2026, 11, 1), OPTIONS);

        assertThat(q.simulated().scenario().periodDays()).isEqualTo(90);
        assertThat(q.simulated().scenario().start()).isEqualTo(LocalDate.of(2026, 8, 3));
        assertThat(q.simulated().winsAroundHandoff() + q.simulated().winsFromBacklog()).isPositive();
        Long won = jdbc.queryForObject("SELECT COUNT(*) FROM deal WHERE status = 'WON' AND closed_at >= ? AND closed_at < ?",
                Long.class, io.leadscore.batch.store.Instants.utc(Instant.parse("2026-08-03T00:00:00Z")),
                io.leadscore.batch.store.Instants.utc(Instant.parse("2026-11-01T00:00:00Z")));
        assertThat(q.actuals().wins()).isEqualTo(won);
        assertThat(q.check().check("wins").actual()).isEqualTo(won.doubleValue());
    }
}
