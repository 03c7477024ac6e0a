package io.leadscore.simulator.calibration;

import java.util.Arrays;
import java.util.Objects;

/**
 * Deal amounts resampled from past won amounts with equal weight. The amounts
 * are kept sorted so that the quantile is non-decreasing in u (a common random
 * number then maps to a comparable deal in every scenario).
 */
public final class BootstrapDealSize implements DealSizeModel {

    private final double[] sorted;
    private final double mean;
    private final Provenance provenance;

    private BootstrapDealSize(double[] sorted, Provenance provenance) {
        this.sorted = sorted;
        this.provenance = provenance;
        double sum = 0;
        for (double a : sorted) {
            sum += a;
        }
        this.mean = sum / sorted.length;
    }

    /** A bootstrap of these won amounts (copied), at least one, each finite and &ge; 0. */
    public static BootstrapDealSize of(double[] amounts) {
        Objects.requireNonNull(amounts, "amounts");
        if (amounts.length == 0) {
            throw new IllegalArgumentException("Invalid won amounts: none, expected at least one for a bootstrap");
        }
        double[] copy = amounts.clone();
        for (double a : copy) {
            if (!(a >= 0) || Double.isInfinite(a)) {
                throw new IllegalArgumentException("Invalid won amount: " + a + ", expected a finite number >= 0");
            }
        }
        Arrays.sort(copy);
        return new BootstrapDealSize(copy, Provenance.fromStore(copy.length,
                "bootstrap of " + copy.length + " won amounts"));
    }

    @Override
    public double relativeMeanError() {
        if (sorted.length < 2 || mean <= 0) {
            return 0;
        }
        double ss = 0;
        for (double a : sorted) {
            ss += (a - mean) * (a - mean);
        }
        return Math.sqrt(ss / (sorted.length - 1)) / mean / Math.sqrt(sorted.length);
    }

    /** How many amounts are resampled. */
    public int size() {
        return sorted.length;
    }

    @Override
    public double mean() {
        return mean;
    }

    @Override
    public double quantile(double u) {
        int i = (int) (u * sorted.length);
        return sorted[Math.min(i, sorted.length - 1)];
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    @Override
    public String kind() {
        return "bootstrap";
    }
}
