package io.leadscore.simulator.random;

import java.util.Arrays;

/**
 * Binomial(n, p) inverse distribution functions for one fixed p and a range
 * of n, tabulated once and then looked up by binary search. The simulator
 * builds one per run for the share of leads at or above the threshold, which
 * turns the per-day MQL draw (Binomial(day's leads, share)) into a lookup.
 * Each row keeps the distribution function where its weight relative to the
 * mode is at least 1e-17, normalised to end at 1; it gives the same k as
 * {@link DiscreteQuantiles#binomial} except when u lies within round-off
 * (about 1e-15) of a distribution-function value.
 */
public final class BinomialTable {

    /** The largest number of distribution-function values one table holds (8 MB). */
    public static final int MAX_ENTRIES = 1 << 20;

    private final double p;
    private final int minTrials;
    private final int maxTrials;
    /** Per n − minTrials: where its row starts in {@link #cdf}, and its first k. */
    private final int[] rowStart;
    private final int[] rowFirst;
    private final double[] cdf;

    private BinomialTable(double p, int minTrials, int maxTrials, int[] rowStart, int[] rowFirst, double[] cdf) {
        this.p = p;
        this.minTrials = minTrials;
        this.maxTrials = maxTrials;
        this.rowStart = rowStart;
        this.rowFirst = rowFirst;
        this.cdf = cdf;
    }

    /**
     * Tabulates Binomial(n, p) for n from {@code minTrials} to {@code maxTrials}, or returns null when that
     * would take more than {@link #MAX_ENTRIES} values (the caller then computes each quantile directly).
     */
    public static BinomialTable of(double p, int minTrials, int maxTrials) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Invalid binomial probability: " + p + ", expected 0..1");
        }
        if (minTrials < 0 || maxTrials < minTrials) {
            throw new IllegalArgumentException("Invalid binomial trial range: " + minTrials + " to " + maxTrials
                    + ", expected 0 <= min <= max");
        }
        int rows = maxTrials - minTrials + 1;
        int[] rowStart = new int[rows + 1];
        int[] rowFirst = new int[rows];
        int[] lo = new int[rows];
        int[] hi = new int[rows];
        long entries = 0;
        for (int r = 0; r < rows; r++) {
            int n = minTrials + r;
            int[] range = support(n, p);
            lo[r] = range[0];
            hi[r] = range[1];
            entries += range[1] - range[0] + 1;
            if (entries > MAX_ENTRIES) {
                return null;
            }
        }
        double[] cdf = new double[(int) entries];
        int at = 0;
        for (int r = 0; r < rows; r++) {
            rowStart[r] = at;
            rowFirst[r] = lo[r];
            fillRow(minTrials + r, p, lo[r], hi[r], cdf, at);
            at += hi[r] - lo[r] + 1;
        }
        rowStart[rows] = at;
        return new BinomialTable(p, minTrials, maxTrials, rowStart, rowFirst, cdf);
    }

    public double p() {
        return p;
    }

    /** Whether the table holds Binomial(n, p). */
    public boolean covers(int n) {
        return n >= minTrials && n <= maxTrials;
    }

    /** The smallest k with F(k) &ge; u under Binomial(n, p), for u in (0, 1) and n the table {@link #covers}. */
    public int inverse(double u, int n) {
        if (!(u > 0 && u < 1)) {
            throw new IllegalArgumentException("Invalid uniform: " + u + ", expected a number strictly between 0 and 1");
        }
        if (!covers(n)) {
            throw new IllegalArgumentException("Invalid binomial trials: " + n + ", the table holds " + minTrials
                    + " to " + maxTrials);
        }
        int r = n - minTrials;
        int from = rowStart[r];
        int i = Arrays.binarySearch(cdf, from, rowStart[r + 1], u);
        if (i < 0) {
            i = -i - 1;
        }
        return rowFirst[r] + (i - from);
    }

    /** The k range [lo, hi] around the mode whose weights relative to the mode are at least 1e-17. */
    private static int[] support(int n, double p) {
        if (n == 0 || p == 0) {
            return new int[] {0, 0};
        }
        if (p == 1) {
            return new int[] {n, n};
        }
        double odds = p / (1 - p);
        int mode = (int) Math.min(n, Math.floor((n + 1) * p));
        int lo = mode;
        double w = 1;
        while (lo > 0) {
            double next = w * lo / ((n - lo + 1) * odds);
            if (next < 1e-17) {
                break;
            }
            w = next;
            lo--;
        }
        int hi = mode;
        w = 1;
        while (hi < n) {
            double next = w * (n - hi) / (hi + 1) * odds;
            if (next < 1e-17) {
                break;
            }
            w = next;
            hi++;
        }
        return new int[] {lo, hi};
    }

    private static void fillRow(int n, double p, int lo, int hi, double[] out, int at) {
        int length = hi - lo + 1;
        if (length == 1) {
            out[at] = 1.0;
            return;
        }
        double odds = p / (1 - p);
        int mode = (int) Math.min(n, Math.floor((n + 1) * p));
        double[] w = new double[length];
        w[mode - lo] = 1;
        for (int k = mode; k > lo; k--) {
            w[k - 1 - lo] = w[k - lo] * k / ((n - k + 1) * odds);
        }
        for (int k = mode; k < hi; k++) {
            w[k + 1 - lo] = w[k - lo] * (n - k) / (k + 1) * odds;
        }
        double total = 0;
        for (double v : w) {
            total += v;
        }
        double running = 0;
        for (int i = 0; i < length; i++) {
            running += w[i];
            out[at + i] = running / total;
        }
        out[at + length - 1] = 1.0;
    }
}
