package io.leadscore.batch.funnelreport;

import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.StoredPolicy;
import io.leadscore.scoring.domain.Stage;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The report tables: one {@code funnel_report} row per run and its sections'
 * rows. Each section is written whole in its step's transaction, replacing
 * what an earlier attempt of the run wrote, so a restarted run ends with
 * exactly one copy; a report counts as done once it is published.
 */
final class FunnelReportStore {
    // Ordered here rather than in SQL: the stores' text collations differ, and the order must not.
    private static final Comparator<FunnelReport.Rejection> REJECTION_ORDER =
            Comparator.comparingLong(FunnelReport.Rejection::count).reversed()
                    .thenComparing(FunnelReport.Rejection::origin)
                    .thenComparing(FunnelReport.Rejection::reason);
    private static final Comparator<FunnelReport.Segment> SEGMENT_ORDER =
            Comparator.comparing(FunnelReport.Segment::revenue).reversed()
                    .thenComparing(Comparator.comparingLong(FunnelReport.Segment::leads).reversed())
                    .thenComparing(FunnelReport.Segment::name, Comparator.nullsLast(Comparator.naturalOrder()));

    private final JdbcTemplate jdbc;
    private final Clock clock;

    FunnelReportStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The breakdowns of the segment section. */
    enum Dimension {
        SOURCE, CAMPAIGN
    }

    /** What a run covers and the SLA it measures against. */
    record Header(long runId, Cohort cohort, int policyVersion, double slaHours) {
    }

    /** Creates the run's report row with the policy in force, unless an earlier attempt of the run did. */
    Header open(long runId, Cohort cohort, StoredPolicy policy) {
        Optional<Header> existing = header(runId);
        if (existing.isPresent()) {
            return existing.get();
        }
        jdbc.update("INSERT INTO funnel_report (run_id, as_of, cohort_from, cohort_to, policy_version, sla_hours, started_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                runId, Instants.utc(cohort.asOf()), Instants.utc(cohort.from()), Instants.utc(cohort.to()),
                policy.version(), policy.policy().slaHours(), Instants.utc(clock.instant()));
        return new Header(runId, cohort, policy.version(), policy.policy().slaHours());
    }

    Optional<Header> header(long runId) {
        return jdbc.query("SELECT run_id, cohort_from, cohort_to, as_of, policy_version, sla_hours FROM funnel_report"
                        + " WHERE run_id = ?",
                (rs, i) -> new Header(rs.getLong(1), new Cohort(Instants.read(rs, 2), Instants.read(rs, 3),
                        Instants.read(rs, 4)), rs.getInt(5), rs.getDouble(6)), runId).stream().findFirst();
    }

    Header started(long runId) {
        return header(runId).orElseThrow(() -> new IllegalStateException("Funnel report run " + runId + " has not started"));
    }

    /** Writes every stage's count, and for the main path how many reached it; returns the rows written. */
    int writeStages(long runId, Map<Stage, Long> atStage, Map<Stage, Long> reached) {
        jdbc.update("DELETE FROM funnel_report_stage WHERE run_id = ?", runId);
        List<Stage> stages = List.of(Stage.values());
        jdbc.batchUpdate("INSERT INTO funnel_report_stage (run_id, stage, at_stage, reached) VALUES (?, ?, ?, ?)",
                stages, stages.size(), (ps, stage) -> {
                    ps.setLong(1, runId);
                    ps.setString(2, stage.name());
                    ps.setLong(3, atStage.getOrDefault(stage, 0L));
                    if (FunnelReport.MAIN_PATH.contains(stage)) {
                        ps.setLong(4, reached.getOrDefault(stage, 0L));
                    } else {
                        ps.setNull(4, Types.BIGINT);
                    }
                });
        jdbc.update("UPDATE funnel_report SET leads = ? WHERE run_id = ?",
                atStage.values().stream().mapToLong(Long::longValue).sum(), runId);
        return stages.size();
    }

    void writeSla(long runId, FunnelReport.SlaAttainment sla) {
        jdbc.update("UPDATE funnel_report SET mqls = ?, sla_open = ?, followed_up = ?, within_sla = ?, breaches = ?,"
                        + " recycled = ?, median_response_hours = ?, p90_response_hours = ? WHERE run_id = ?",
                sla.mqls(), sla.open(), sla.followedUp(), sla.withinSla(), sla.breaches(), sla.recycled(),
                sla.medianResponseHours(), sla.p90ResponseHours(), runId);
    }

    void writeAcceptance(long runId, FunnelReport.SalesAcceptance acceptance) {
        jdbc.update("UPDATE funnel_report SET decided = ?, accepted = ?, mql_decided = ?, mql_accepted = ? WHERE run_id = ?",
                acceptance.decided(), acceptance.accepted(), acceptance.mqlDecided(), acceptance.mqlAccepted(), runId);
    }

    int writeRejections(long runId, List<FunnelReport.Rejection> rejections) {
        jdbc.update("DELETE FROM funnel_report_rejection WHERE run_id = ?", runId);
        jdbc.batchUpdate("INSERT INTO funnel_report_rejection (run_id, origin, reason, rejections) VALUES (?, ?, ?, ?)",
                rejections, Math.max(1, rejections.size()), (ps, r) -> {
                    ps.setLong(1, runId);
                    ps.setString(2, r.origin().name());
                    ps.setString(3, r.reason());
                    ps.setLong(4, r.count());
                });
        return rejections.size();
    }

    /** Writes the segments of both dimensions and the cohort's totals (every lead is in one source segment). */
    int writeSegments(long runId, Map<Dimension, List<FunnelReport.Segment>> segments) {
        jdbc.update("DELETE FROM funnel_report_segment WHERE run_id = ?", runId);
        int written = 0;
        for (Map.Entry<Dimension, List<FunnelReport.Segment>> dimension : segments.entrySet()) {
            List<FunnelReport.Segment> rows = dimension.getValue();
            jdbc.batchUpdate("INSERT INTO funnel_report_segment (run_id, dimension, segment, leads, mqls, won_deals, revenue)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    rows, Math.max(1, rows.size()), (ps, s) -> {
                        ps.setLong(1, runId);
                        ps.setString(2, dimension.getKey().name());
                        ps.setString(3, s.name() == null ? "" : s.name());
                        ps.setLong(4, s.leads());
                        ps.setLong(5, s.mqls());
                        ps.setLong(6, s.wonDeals());
                        ps.setBigDecimal(7, s.revenue());
                    });
            written += rows.size();
        }
        List<FunnelReport.Segment> sources = segments.getOrDefault(Dimension.SOURCE, List.of());
        jdbc.update("UPDATE funnel_report SET won_deals = ?, revenue = ? WHERE run_id = ?",
                sources.stream().mapToLong(FunnelReport.Segment::wonDeals).sum(),
                sources.stream().map(FunnelReport.Segment::revenue).reduce(BigDecimal.ZERO, BigDecimal::add), runId);
        return written;
    }

    void publish(long runId) {
        jdbc.update("UPDATE funnel_report SET completed_at = ? WHERE run_id = ?", Instants.utc(clock.instant()), runId);
    }

    /** The report row's own columns. */
    private record Head(Cohort cohort, FunnelReport.SlaAttainment sla, long leads,
                        FunnelReport.SalesAcceptance acceptance, long wonDeals, BigDecimal revenue, Instant completedAt) {
    }

    /** A published report; empty when the run does not exist or has not finished. */
    Optional<FunnelReport> find(long runId) {
        Optional<Head> found = jdbc.query("SELECT cohort_from, cohort_to, as_of, policy_version, sla_hours, leads, mqls,"
                        + " sla_open, followed_up, within_sla, breaches, recycled, median_response_hours, p90_response_hours,"
                        + " accepted, won_deals, revenue, completed_at, decided, mql_decided, mql_accepted FROM funnel_report"
                        + " WHERE run_id = ? AND completed_at IS NOT NULL",
                (rs, i) -> new Head(new Cohort(Instants.read(rs, 1), Instants.read(rs, 2), Instants.read(rs, 3)), sla(rs),
                        rs.getLong(6), FunnelReport.SalesAcceptance.of(rs.getLong(19), rs.getLong(15), rs.getLong(20),
                        rs.getLong(21)), rs.getLong(16), rs.getBigDecimal(17), Instants.read(rs, 18)),
                runId).stream().findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Head head = found.get();
        Map<Stage, Long> atStage = new EnumMap<>(Stage.class);
        Map<Stage, Long> reached = new EnumMap<>(Stage.class);
        jdbc.query("SELECT stage, at_stage, reached FROM funnel_report_stage WHERE run_id = ?", rs -> {
            Stage stage = Stage.valueOf(rs.getString(1));
            atStage.put(stage, rs.getLong(2));
            reached.put(stage, rs.getLong(3));
        }, runId);
        List<FunnelReport.StageCount> stages = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            stages.add(new FunnelReport.StageCount(stage, atStage.getOrDefault(stage, 0L)));
        }
        List<FunnelReport.FunnelStep> funnel = new ArrayList<>();
        Long previous = null;
        for (Stage stage : FunnelReport.MAIN_PATH) {
            long count = reached.getOrDefault(stage, 0L);
            funnel.add(new FunnelReport.FunnelStep(stage, count, previous == null ? null : share(count, previous)));
            previous = count;
        }
        List<FunnelReport.Rejection> rejections = new ArrayList<>(jdbc.query(
                "SELECT origin, reason, rejections FROM funnel_report_rejection WHERE run_id = ?",
                (rs, i) -> new FunnelReport.Rejection(FunnelReport.RejectionOrigin.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getLong(3)), runId));
        rejections.sort(REJECTION_ORDER);
        return Optional.of(new FunnelReport(runId, head.cohort(), head.leads(), stages, funnel, head.sla(), head.acceptance(),
                rejections, segments(runId, Dimension.SOURCE), segments(runId, Dimension.CAMPAIGN), head.wonDeals(),
                head.revenue(), head.completedAt()));
    }

    /** The latest published reports' run ids, newest first. */
    List<Long> recent(int limit) {
        return jdbc.queryForList("SELECT run_id FROM funnel_report WHERE completed_at IS NOT NULL"
                + " ORDER BY completed_at DESC, run_id DESC FETCH FIRST " + limit + " ROWS ONLY", Long.class);
    }

    private List<FunnelReport.Segment> segments(long runId, Dimension dimension) {
        List<FunnelReport.Segment> segments = new ArrayList<>(jdbc.query(
                "SELECT segment, leads, mqls, won_deals, revenue FROM funnel_report_segment WHERE run_id = ? AND dimension = ?",
                (rs, i) -> new FunnelReport.Segment(rs.getString(1).isEmpty() ? null : rs.getString(1), rs.getLong(2),
                        rs.getLong(3), rs.getLong(4), rs.getBigDecimal(5)),
                runId, dimension.name()));
        segments.sort(SEGMENT_ORDER);
        return segments;
    }

    private static FunnelReport.SlaAttainment sla(ResultSet rs) throws SQLException {
        long mqls = rs.getLong(7);
        long open = rs.getLong(8);
        long withinSla = rs.getLong(10);
        return new FunnelReport.SlaAttainment(rs.getInt(4), rs.getDouble(5), mqls, open, rs.getLong(9), withinSla,
                rs.getLong(11), rs.getLong(12), share(withinSla, mqls - open), nullableDouble(rs, 13),
                nullableDouble(rs, 14));
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
