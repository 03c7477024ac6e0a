package io.leadscore.batch.simulation;

import io.leadscore.batch.registry.ModelRecord;
import io.leadscore.batch.registry.ModelRegistry;
import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.PolicyStore;
import io.leadscore.batch.store.StoredPolicy;
import io.leadscore.scoring.domain.Stage;
import io.leadscore.scoring.stages.StageEngine;
import io.leadscore.simulator.backtest.Actuals;
import io.leadscore.simulator.calibration.ArrivalPattern;
import io.leadscore.simulator.calibration.Calibration;
import io.leadscore.simulator.calibration.OpenOpportunity;
import io.leadscore.simulator.calibration.StageCounts;
import io.leadscore.simulator.calibration.StoreObservations;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Reads the simulator's observations from the store, as of a time: only
 * leads, events, stage moves and deals before it count.
 *
 * <p>Response delays: a lead's clock starts when it became sales-ready — its
 * first move to MQL, or its first fast-track signal (demo request, contact
 * request, pricing question) if that came earlier — and stops at its first
 * follow-up; the outcome is whether it reached SAL or beyond. Leads followed
 * up before they were ever sales-ready tell nothing about response time and
 * are left out. Stage counts are cumulative along the main path: a lead that
 * reached SQL also passed SAL. The score distribution of arriving leads is
 * that of the leads created in the {@value #RECENT_LEAD_DAYS} days before, as
 * the last rescoring run scored them.
 */
@Service
public class StoreCalibration {
    /** Weeks of lead arrivals read for the volume and its over-dispersion. */
    static final int ARRIVAL_WEEKS = 26;
    /** Leads created this many days before the calibration time stand for the leads a period brings. */
    static final int RECENT_LEAD_DAYS = 90;
    /** Champion scores sampled from the last rescoring run. */
    static final int SCORE_SAMPLE = 50_000;

    private final JdbcTemplate jdbc;
    private final ModelRegistry registry;
    private final PolicyStore policies;

    public StoreCalibration(JdbcTemplate jdbc, ModelRegistry registry, PolicyStore policies) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.policies = policies;
    }

    /**
     * What a what-if calibrated from the store starts from, as of {@code asOf}: the calibration from the
     * observations before it, the policy in force, the weekly lead volume and the champion.
     */
    public StoreBasis basis(Instant asOf) {
        long started = System.nanoTime();
        Calibration calibration = Calibration.fromObservations(observe(asOf));
        StoredPolicy policy = policies.latest();
        return new StoreBasis(asOf, calibration, policy.policy(), policy.version(), leadsPerWeek(asOf),
                registry.champion().map(ModelRecord::version).orElse(null),
                Duration.ofNanos(System.nanoTime() - started), this);
    }

    /** The observations as of {@code asOf}. */
    public StoreObservations observe(Instant asOf) {
        Object at = Instants.utc(asOf);
        Map<Long, Integer> reached = new HashMap<>();
        jdbc.query("SELECT t.lead_id, t.to_stage FROM stage_transition t JOIN lead l ON l.id = t.lead_id"
                + " WHERE t.occurred_at < ? AND l.created_at < ?", rs -> {
                    int rank = StageEngine.reach(Stage.valueOf(rs.getString(2)));
                    reached.merge(rs.getLong(1), rank, Math::max);
                }, at, at);
        long[] atLeast = new long[6];
        for (int rank : reached.values()) {
            for (int r = 0; r <= rank && r < atLeast.length; r++) {
                atLeast[r]++;
            }
        }
        StoreObservations.Builder b = StoreObservations.builder()
                .referenceThreshold(policies.current().mqlThreshold())
                .stageCounts(new StageCounts(atLeast[1], atLeast[2]), new StageCounts(atLeast[2], atLeast[3]),
                        new StageCounts(atLeast[3], atLeast[4]), new StageCounts(atLeast[4], atLeast[5]));

        Map<Long, Instant> mqlAt = firstTimes("SELECT lead_id, MIN(occurred_at) FROM stage_transition"
                + " WHERE to_stage = 'MQL' AND occurred_at < ? GROUP BY lead_id", at);
        Map<Long, Instant> fastTrackAt = firstTimes("SELECT lead_id, MIN(occurred_at) FROM activity WHERE type IN ("
                + StageEngine.FAST_TRACK_SIGNALS.stream().map(t -> String.valueOf(t.ordinal()))
                        .collect(Collectors.joining(", ")) + ") AND occurred_at < ? GROUP BY lead_id", at);
        Map<Long, Instant> firstTouch = firstTimes("SELECT lead_id, MIN(occurred_at) FROM followup"
                + " WHERE occurred_at < ? GROUP BY lead_id", at);
        Map<Long, Instant> readyAt = new HashMap<>(fastTrackAt);
        mqlAt.forEach((lead, when) -> readyAt.merge(lead, when, StoreCalibration::earliest));
        b.leadHistory(new LeadHistoryReader(jdbc).read(asOf, reached, readyAt, firstTouch));
        List<Double> delays = new ArrayList<>();
        List<Boolean> accepted = new ArrayList<>();
        for (Map.Entry<Long, Instant> touch : firstTouch.entrySet()) {
            Instant ready = earliest(mqlAt.get(touch.getKey()), fastTrackAt.get(touch.getKey()));
            if (ready != null && !ready.isAfter(touch.getValue())) {
                delays.add(Duration.between(ready, touch.getValue()).toMillis() / 3_600_000.0);
                accepted.add(reached.getOrDefault(touch.getKey(), 0) >= StageEngine.reach(Stage.SAL));
            }
        }
        if (!delays.isEmpty()) {
            boolean[] ok = new boolean[accepted.size()];
            for (int i = 0; i < ok.length; i++) {
                ok[i] = accepted.get(i);
            }
            b.responses(delays.stream().mapToDouble(Double::doubleValue).toArray(), ok);
        }

        List<Double> amounts = new ArrayList<>();
        List<Double> cycles = new ArrayList<>();
        jdbc.query("SELECT amount, created_at, closed_at FROM deal WHERE status = 'WON' AND closed_at < ?", rs -> {
            amounts.add(rs.getDouble(1));
            cycles.add(Math.max(0, Duration.between(Instants.read(rs, 2), Instants.read(rs, 3)).toMinutes() / 1440.0));
        }, at);
        if (!amounts.isEmpty()) {
            b.wonAmounts(toArray(amounts)).salesCycleDays(toArray(cycles));
        }
        List<Double> lags = new ArrayList<>();
        jdbc.query("SELECT lead_id, MIN(created_at) FROM deal WHERE created_at < ? GROUP BY lead_id", rs -> {
            Instant touch = firstTouch.get(rs.getLong(1));
            Instant opened = Instants.read(rs, 2);
            if (touch != null && !touch.isAfter(opened)) {
                lags.add(Duration.between(touch, opened).toMinutes() / 1440.0);
            }
        }, at);
        if (!lags.isEmpty()) {
            b.qualificationLagDays(toArray(lags));
        }
        List<OpenOpportunity> open = new ArrayList<>();
        jdbc.query("SELECT created_at, amount FROM deal WHERE created_at < ? AND (status = 'OPEN' OR closed_at >= ?)", rs -> {
            open.add(new OpenOpportunity(Duration.between(Instants.read(rs, 1), asOf).toMinutes() / 1440.0, rs.getDouble(2)));
        }, at, at);
        b.openOpportunities(open);

        arrivals(b, asOf);
        champion(b, asOf);
        return b.build();
    }

    /** When the store's data begins: its first lead's creation; empty without leads. */
    public Optional<Instant> dataStart() {
        return Optional.ofNullable(jdbc.queryForObject("SELECT MIN(created_at) FROM lead", (rs, i) -> Instants.read(rs, 1)));
    }

    /**
     * The time the store's data reaches: the latest lead creation or activity, never after {@code now}. A store
     * loaded from an export ends where the export ends; calibrating as of then, not of today, keeps the weeks
     * after the export from reading as weeks without leads.
     */
    public Instant dataEnd(Instant now) {
        Instant lead = jdbc.queryForObject("SELECT MAX(created_at) FROM lead", (rs, i) -> Instants.read(rs, 1));
        Instant activity = jdbc.queryForObject("SELECT MAX(occurred_at) FROM activity", (rs, i) -> Instants.read(rs, 1));
        Instant latest = lead == null ? activity : activity == null || lead.isAfter(activity) ? lead : activity;
        if (latest == null || latest.isAfter(now)) {
            return now;
        }
        return latest.plusMillis(1);
    }

    /**
     * The lead volume per week the store forecasts for the quarter after {@code asOf}, from the weeks before it
     * ({@link ArrivalPattern#volumeForecast}); empty without leads.
     */
    public Optional<Double> leadsPerWeek(Instant asOf) {
        return leadsPerWeek(asOf, 7 * ArrivalPattern.LEVEL_HORIZON_WEEKS);
    }

    /**
     * The lead volume per week the store forecasts for the {@code periodDays} days after {@code asOf}: seasonal
     * (the same weeks a year before, times the growth since) with a year and a quarter of leads before it, else
     * the mean of the last 26 weeks; empty without leads.
     */
    public Optional<Double> leadsPerWeek(Instant asOf, int periodDays) {
        int horizon = Math.min(ArrivalPattern.SEASON_WEEKS, Math.max(1, (periodDays + 6) / 7));
        Optional<Instant> first = dataStart();
        if (first.isEmpty() || !first.get().isBefore(asOf)) {
            return Optional.empty();
        }
        // whole weeks back from asOf, as far as the forecast looks and the store's leads reach
        int reach = ArrivalPattern.SEASON_WEEKS + ArrivalPattern.GROWTH_WEEKS;
        int weeks = (int) Math.min(reach, Duration.between(first.get(), asOf).toDays() / 7);
        if (weeks < 1) {
            weeks = 1;
        }
        Instant start = asOf.minus(Duration.ofDays(7L * weeks));
        long[] counts = new long[weeks];
        jdbc.query("SELECT created_at FROM lead WHERE created_at >= ? AND created_at < ?", rs -> {
            int week = (int) (Duration.between(start, Instants.read(rs, 1)).toDays() / 7);
            if (week >= 0 && week < counts.length) {
                counts[week]++;
            }
        }, Instants.utc(start), Instants.utc(asOf));
        double forecast = ArrivalPattern.volumeForecast(counts, counts.length, horizon);
        return Double.isNaN(forecast) ? Optional.empty() : Optional.of(forecast);
    }

    private void arrivals(StoreObservations.Builder b, Instant asOf) {
        Instant start = asOf.minus(Duration.ofDays(7L * ARRIVAL_WEEKS));
        int[] weeks = new int[ARRIVAL_WEEKS];
        long[] weekdays = new long[7];
        long[] hours = new long[24];
        long[] total = {0};
        jdbc.query("SELECT created_at FROM lead WHERE created_at >= ? AND created_at < ?", rs -> {
            Instant created = Instants.read(rs, 1);
            int week = (int) (Duration.between(start, created).toDays() / 7);
            if (week >= 0 && week < ARRIVAL_WEEKS) {
                weeks[week]++;
            }
            ZonedDateTime z = created.atZone(ZoneOffset.UTC);
            weekdays[z.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()]++;
            hours[z.getHour()]++;
            total[0]++;
        }, Instants.utc(start), Instants.utc(asOf));
        if (total[0] > 0) {
            b.weeklyLeadCounts(weeks).leadArrivalProfile(weekdays, hours);
        }
    }

    /**
     * The champion's view of arriving leads. The stage rates describe the MQLs at the policy's threshold, so a
     * score distribution (or threshold curve) with nobody at or above it cannot stand for the arrivals: it is
     * left out, and the simulator falls back to the next source (the curve, then its default).
     */
    private void champion(StoreObservations.Builder b, Instant asOf) {
        Optional<ModelRecord> champion = registry.champion();
        if (champion.isEmpty()) {
            return;
        }
        double threshold = policies.current().mqlThreshold();
        var provenance = registry.artifact(champion.get().version()).provenance();
        var curve = youngLeadsCurve(provenance);
        if (curve.at(threshold).shareAbove() > 0) {
            b.thresholdCurve(curve);
        }
        b.scoreAtArrival(scoreAtArrival(provenance));
        List<Long> runs = jdbc.queryForList("SELECT run_id FROM scoring_run WHERE finished_at IS NOT NULL AND as_of <= ?"
                + " ORDER BY as_of DESC, run_id DESC FETCH FIRST 1 ROWS ONLY", Long.class, Instants.utc(asOf));
        if (runs.isEmpty()) {
            return;
        }
        // the leads a period brings are new: their scores, not those of every open lead (which include old,
        // quiet ones), tell how many will reach the threshold; all open leads only when too few are recent
        Object recent = Instants.utc(asOf.minus(Duration.ofDays(RECENT_LEAD_DAYS)));
        List<Double> scores = sampleScores(runs.get(0), recent);
        if (scores.size() < io.leadscore.simulator.calibration.ScoreDistribution.MIN_SAMPLE) {
            scores = sampleScores(runs.get(0), Instants.utc(Instant.EPOCH));
        }
        if (scores.stream().anyMatch(score -> score >= threshold)) {
            b.championScores(toArray(scores));
        }
    }

    /**
     * Conversion by score of the leads a period brings, under the score's claim (a won deal within the horizon of
     * now): the champion's validation snapshots of leads younger than {@link #RECENT_LEAD_DAYS}, the ages whose
     * scores {@link #champion} samples; the whole window for a model that recorded no age bands.
     */
    static io.leadscore.scoring.evaluation.ThresholdCurve youngLeadsCurve(io.leadscore.scoring.artifact.Provenance p) {
        return p.curveOfLeadsUpTo(RECENT_LEAD_DAYS);
    }

    /** The champion's youngest validation band (leads as they arrive): mean calibrated score and observed rate. */
    static io.leadscore.simulator.calibration.ScoreAtArrival scoreAtArrival(io.leadscore.scoring.artifact.Provenance p) {
        return p.metricsByAge().stream().filter(b -> b.band().fromDays() == 0 && b.metrics().rows() > 0
                        && b.metrics().thresholdCurve().leads() > 0).findFirst()
                .map(b -> new io.leadscore.simulator.calibration.ScoreAtArrival(b.band().label(), b.metrics().rows(),
                        Math.min(1, b.metrics().thresholdCurve().points().get(0).expectedConversions()
                                / b.metrics().thresholdCurve().leads()),
                        (double) b.metrics().positives() / b.metrics().rows()))
                .orElse(io.leadscore.simulator.calibration.ScoreAtArrival.none());
    }

    private List<Double> sampleScores(long runId, Object createdFrom) {
        Long scored = jdbc.queryForObject("SELECT COUNT(*) FROM score_history h JOIN lead l ON l.id = h.lead_id"
                + " WHERE h.run_id = ? AND l.created_at >= ?", Long.class, runId, createdFrom);
        long every = scored == null ? 1 : Math.max(1, scored / SCORE_SAMPLE);
        List<Double> scores = new ArrayList<>();
        long[] i = {0};
        jdbc.query("SELECT h.score FROM score_history h JOIN lead l ON l.id = h.lead_id"
                + " WHERE h.run_id = ? AND l.created_at >= ? ORDER BY h.lead_id", rs -> {
                    if (i[0]++ % every == 0) {
                        scores.add(rs.getDouble(1));
                    }
                }, runId, createdFrom);
        return scores;
    }

    /** Reps who followed up leads in [from, to): the team the period's MQLs queue for; empty without follow-ups by name. */
    public Optional<Integer> activeReps(Instant from, Instant to) {
        Integer reps = jdbc.queryForObject("SELECT COUNT(DISTINCT rep) FROM followup WHERE rep IS NOT NULL"
                + " AND occurred_at >= ? AND occurred_at < ?", Integer.class, Instants.utc(from), Instants.utc(to));
        return reps == null || reps == 0 ? Optional.empty() : Optional.of(reps);
    }

    /** Revenue won in [from, to): the basis of a default quota (last period's revenue plus growth). */
    public double revenueWon(Instant from, Instant to) {
        Double revenue = jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM deal WHERE status = 'WON'"
                + " AND closed_at >= ? AND closed_at < ?", Double.class, Instants.utc(from), Instants.utc(to));
        return revenue == null ? 0 : revenue;
    }

    private Map<Long, Instant> firstTimes(String sql, Object asOf) {
        Map<Long, Instant> times = new HashMap<>();
        jdbc.query(sql, rs -> {
            times.put(rs.getLong(1), Instants.read(rs, 2));
        }, asOf);
        return times;
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
