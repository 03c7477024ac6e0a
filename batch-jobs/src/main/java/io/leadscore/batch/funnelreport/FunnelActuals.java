package io.leadscore.batch.funnelreport;

import io.leadscore.batch.store.Instants;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * A past period's actual MQLs, wins and revenue, counted with the funnel
 * report's own queries ({@link FunnelQueries}), so a back-test compares the
 * simulator with the figures the report shows, not with a second definition:
 * <ul>
 *   <li><b>MQLs</b>: the leads created in the period that reached MQL by its end — the report's
 *       "reached MQL" for that cohort as of the period's end. MQL moves are made by the nightly rescoring;
 *       where it did not run through the period, the store cannot say who became an MQL then, and the figure
 *       is absent (with the reason) rather than a count of whatever later stages happen to show;</li>
 *   <li><b>wins and revenue</b>: deals won in the period, whichever lead they belong to (the report's won
 *       deal: status won, counted when it closed, for its amount).</li>
 * </ul>
 */
@Service
public class FunnelActuals {
    /** A period has MQL history when rescoring ran at least once in every stretch of this many days of it. */
    public static final int MAX_DAYS_WITHOUT_RESCORING = 7;

    private final NamedParameterJdbcTemplate jdbc;

    FunnelActuals(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The actuals of {@code [from, to)}, as the store shows them now.
     *
     * @throws IllegalArgumentException when {@code from} is not before {@code to}
     */
    public PeriodActuals period(Instant from, Instant to) {
        Cohort cohort = new Cohort(from, to, to);
        MapSqlParameterSource parameters = FunnelQueries.parameters(cohort);
        Long leads = jdbc.queryForObject("SELECT COUNT(*) FROM lead l WHERE " + FunnelQueries.cohortCondition(cohort),
                parameters, Long.class);
        Long mqls = jdbc.queryForObject(FunnelQueries.reachedMql(cohort), parameters, Long.class);
        MapSqlParameterSource window = new MapSqlParameterSource("from", Instants.utc(from)).addValue("to", Instants.utc(to));
        ClosedWon won = closedWon(from, to);
        List<Instant> runs = jdbc.query("SELECT as_of FROM scoring_run WHERE finished_at IS NOT NULL"
                + " AND as_of >= :from AND as_of < :to ORDER BY as_of", window, (rs, i) -> Instants.read(rs, 1));
        String why = coverage(from, to, runs);
        return new PeriodActuals(from, to, leads == null ? 0 : leads, why == null ? mqls : null, won.wins(),
                won.revenue(), why == null
                        ? runs.size() + " rescoring runs covered the period" : why);
    }

    /**
     * The deals won in {@code [from, to)}, whichever lead they belong to: a period's wins and revenue as a quota and
     * a back-test count them (the funnel report shows them beside its cohort's own won deals).
     */
    public record ClosedWon(Instant from, Instant to, long wins, BigDecimal revenue) {
    }

    /**
     * The deals won in a report's cohort dates, up to its as-of time, whichever lead they belong to (what {@code report
     * funnel} and its API show as {@code closed_in_period}); {@code null} for a cohort without both dates, or one
     * that had not begun by its as-of time.
     */
    public ClosedWon closedInPeriod(Cohort cohort) {
        if (cohort.from() == null || cohort.to() == null) {
            return null;
        }
        Instant end = cohort.to().isAfter(cohort.asOf()) ? cohort.asOf() : cohort.to();
        return cohort.from().isBefore(end) ? closedWon(cohort.from(), end) : null;
    }

    /** The deals closed won in {@code [from, to)}: their count and amounts, in one read. */
    public ClosedWon closedWon(Instant from, Instant to) {
        MapSqlParameterSource window = new MapSqlParameterSource("from", Instants.utc(from)).addValue("to", Instants.utc(to));
        return jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(d.amount), 0) FROM deal d WHERE "
                        + FunnelQueries.wonDeal("d") + " AND d.closed_at >= :from AND d.closed_at < :to", window,
                (rs, i) -> new ClosedWon(from, to, rs.getLong(1),
                        rs.getBigDecimal(2) == null ? BigDecimal.ZERO : rs.getBigDecimal(2)));
    }

    /**
     * Null when rescoring ran in the period and no stretch of it longer than the limit went without a run (from its
     * start to the first run, between runs, from the last run to its end); otherwise why its MQLs are unknown.
     */
    static String coverage(Instant from, Instant to, List<Instant> runs) {
        Duration limit = Duration.ofDays(MAX_DAYS_WITHOUT_RESCORING);
        Instant previous = from;
        boolean covered = true;
        for (Instant run : runs) {
            covered &= Duration.between(previous, run).compareTo(limit) <= 0;
            previous = run;
        }
        covered &= Duration.between(previous, to).compareTo(limit) <= 0;
        // a period shorter than the limit needs one run inside it all the same: without one, no lead created in
        // it was ever looked at, and a count of zero MQLs would be a comparison with nothing
        covered &= !runs.isEmpty();
        if (covered) {
            return null;
        }
        return String.format(Locale.ROOT, "no MQL history: rescoring ran %d time%s in the period, not at least once"
                        + " every %d days, so the store cannot say which of its leads became MQLs then", runs.size(),
                runs.size() == 1 ? "" : "s", MAX_DAYS_WITHOUT_RESCORING);
    }
}
