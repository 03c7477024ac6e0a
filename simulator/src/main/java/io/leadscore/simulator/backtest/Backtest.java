package io.leadscore.simulator.backtest;

import io.leadscore.simulator.SimulationResult;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Compares a finished period's actual figures with the distribution simulated
 * for it. A well-calibrated simulator puts about 80% of actuals inside
 * P10–P90 over many periods and spreads percentile ranks evenly; actuals that
 * keep landing in one tail point at a biased input (a rate, the decay, the
 * volume).
 */
public final class Backtest {

    private Backtest() {
    }

    public static BacktestResult check(SimulationResult simulated, Actuals actuals) {
        Objects.requireNonNull(simulated, "simulated");
        Objects.requireNonNull(actuals, "actuals");
        int[] mqls = simulated.mqlsPerTrial();
        int[] wins = simulated.winsPerTrial();
        double[] m = new double[mqls.length];
        double[] w = new double[wins.length];
        for (int i = 0; i < mqls.length; i++) {
            m[i] = mqls[i];
            w[i] = wins[i];
        }
        MetricCheck mqlCheck = actuals.mqls() == null ? unknown("mqls", m, actuals.mqlNote())
                : check("mqls", m, actuals.mqls());
        return new BacktestResult(simulated.trials(), List.of(
                mqlCheck,
                check("wins", w, actuals.wins()),
                check("revenue", simulated.revenuePerTrial(), actuals.revenue())));
    }

    /** Mid-rank percentile, type-7 P10/P50/P90 and CRPS of {@code values} (sorted in place) for {@code actual}. */
    static MetricCheck check(String metric, double[] values, double actual) {
        Arrays.sort(values);
        int n = values.length;
        int below = lowerBound(values, actual);
        int atOrBelow = upperBound(values, actual);
        double rank = (below + 0.5 * (atOrBelow - below)) / n;
        double p10 = percentile(values, 0.10);
        double p50 = percentile(values, 0.50);
        double p90 = percentile(values, 0.90);
        return new MetricCheck(metric, actual, rank, p10, p50, p90, actual >= p10 && actual <= p90,
                crps(values, actual), null);
    }

    /** The simulated percentiles of a metric whose actual figure the history cannot give, with the reason. */
    static MetricCheck unknown(String metric, double[] values, String why) {
        Arrays.sort(values);
        return new MetricCheck(metric, Double.NaN, Double.NaN, percentile(values, 0.10), percentile(values, 0.50),
                percentile(values, 0.90), false, Double.NaN, why == null ? "unknown" : why);
    }

    /**
     * The continuous ranked probability score of the empirical distribution of {@code sorted} for the
     * outcome y: CRPS = E|X − y| − ½·E|X − X'| (Gneiting and Raftery, JASA 2007, eq. 21), with
     * E|X − X'| = (2/n²)·Σᵢ (2i − n − 1)·x₍ᵢ₎ over the sorted sample (i from 1). Lower is better; it is in
     * the metric's units, and for a single value it is the absolute error.
     */
    static double crps(double[] sorted, double y) {
        int n = sorted.length;
        double absolute = 0;
        double spread = 0;
        for (int i = 0; i < n; i++) {
            absolute += Math.abs(sorted[i] - y);
            spread += (2.0 * (i + 1) - n - 1) * sorted[i];
        }
        return absolute / n - spread / ((double) n * n);
    }

    private static int lowerBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double percentile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
