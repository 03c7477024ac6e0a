package io.leadscore.batch.funnelreport;

/**
 * Sample percentiles by linear interpolation between the closest ranks:
 * definition 7 of Hyndman and Fan, "Sample Quantiles in Statistical Packages"
 * (The American Statistician, 1996), the default of R and NumPy and Excel's
 * PERCENTILE.INC, so a report's median and P90 can be checked in a spreadsheet.
 */
final class Percentiles {
    private Percentiles() {
    }

    /**
     * @param sorted values in ascending order, at least one
     * @param p      the percentile as a fraction, in [0, 1]
     */
    static double of(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("Invalid sample: empty, expected at least one value");
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Invalid percentile: " + p + ", expected a fraction in [0, 1]");
        }
        double h = (sorted.length - 1) * p;
        int below = (int) Math.floor(h);
        if (below == sorted.length - 1) {
            return sorted[below];
        }
        return sorted[below] + (h - below) * (sorted[below + 1] - sorted[below]);
    }
}
