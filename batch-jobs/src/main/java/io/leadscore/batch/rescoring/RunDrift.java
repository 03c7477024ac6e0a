package io.leadscore.batch.rescoring;

import io.leadscore.batch.store.Instants;
import io.leadscore.scoring.evaluation.AgeBand;
import io.leadscore.scoring.evaluation.ThresholdCurve;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The drift of one rescoring run: the population stability index of its scores against the champion's scores on its
 * validation window ({@link PopulationStability}).
 *
 * <p>The run's leads of at most the observation window's age (30 days by default) are the ones compared, so that a
 * shift in who arrives shows, against the whole window: five of the schedule's first ten ages lie in a lead's first
 * month, and within a young band the window holds a lead at its scheduled ages only (one and three days in 1–7 d)
 * where the run's leads are of every age, so a band by band comparison of young leads would read that difference as
 * drift. When fewer than {@link #MIN_RECENT_LEADS} leads are that young (a store of few arrivals, or one whose
 * arrivals stopped), every lead is compared with the champion's scores of its own age band, mixed in the run's
 * proportions ({@link PopulationStability#index(long[][], List)}): a store whose leads grew old is not taken for a
 * drifted one because the whole window holds younger leads.
 */
final class RunDrift {
    /** Fewer recent leads than this, and the run's drift is measured over all its leads, age band by age band. */
    static final int MIN_RECENT_LEADS = 200;

    private RunDrift() {
    }

    static double measure(JdbcTemplate jdbc, ChampionModel champion, long runId, Instant asOf, int observationDays) {
        PopulationStability stability = stabilityOf(champion);
        long[] young = total(counts(jdbc, stability, runId, asOf, asOf.minus(java.time.Duration.ofDays(observationDays))),
                stability.bins());
        if (Arrays.stream(young).sum() >= MIN_RECENT_LEADS) {
            return stability.index(young);
        }
        return stability.index(counts(jdbc, stability, runId, asOf, null), bandCurves(champion));
    }

    static PopulationStability stabilityOf(ChampionModel champion) {
        return PopulationStability.of(champion.artifact().provenance().metrics().thresholdCurve());
    }

    /**
     * The run's scores of the leads created at or after {@code since} (every lead when it is {@code null}), counted
     * per age band of the lead (its age at the run's as-of time, in {@link AgeBand#DEFAULTS}) and bin.
     */
    static long[][] counts(JdbcTemplate jdbc, PopulationStability stability, long runId, Instant asOf, Instant since) {
        List<AgeBand> bands = AgeBand.DEFAULTS;
        long[][] counts = new long[bands.size()][stability.bins()];
        long asOfMillis = asOf.toEpochMilli();
        org.springframework.jdbc.core.RowCallbackHandler count = rs -> {
            double age = Math.max(0, asOfMillis - Instants.read(rs, 2).toEpochMilli()) / 86_400_000.0;
            counts[bands.indexOf(AgeBand.of(bands, age))][stability.binOf(rs.getDouble(1))]++;
        };
        String sql = "SELECT h.score, l.created_at FROM score_history h JOIN lead l ON l.id = h.lead_id WHERE h.run_id = ?";
        if (since == null) {
            jdbc.query(sql, count, runId);
        } else {
            jdbc.query(sql + " AND l.created_at >= ?", count, runId, Instants.utc(since));
        }
        return counts;
    }

    /**
     * When the newest lead of the store arrived more than the observation window before {@code asOf}: a sentence that
     * says so. A drift then often means the imports stopped (every lead has been quiet since), not that the leads
     * changed.
     */
    static java.util.Optional<String> staleness(JdbcTemplate jdbc, Instant asOf, int observationDays) {
        Instant newest = jdbc.query("SELECT MAX(created_at) FROM lead WHERE created_at <= ?",
                rs -> rs.next() ? Instants.read(rs, 1) : null, Instants.utc(asOf));
        if (newest == null) {
            return java.util.Optional.empty();
        }
        long days = java.time.Duration.between(newest, asOf).toDays();
        return days > observationDays ? java.util.Optional.of("the newest lead arrived " + days
                + " days before the run's as-of time: check that imports still run") : java.util.Optional.empty();
    }

    /** The counts of every band together. */
    static long[] total(long[][] byBand, int bins) {
        long[] total = new long[bins];
        for (long[] band : byBand) {
            for (int i = 0; i < bins; i++) {
                total[i] += band[i];
            }
        }
        return total;
    }

    /** The champion's threshold curve of each default age band, {@code null} where its report has none. */
    static List<ThresholdCurve> bandCurves(ChampionModel champion) {
        List<ThresholdCurve> curves = new ArrayList<>();
        for (AgeBand band : AgeBand.DEFAULTS) {
            curves.add(champion.artifact().provenance().metricsByAge().stream().filter(m -> m.band().equals(band))
                    .map(m -> m.metrics().thresholdCurve()).findFirst().orElse(null));
        }
        return curves;
    }
}
