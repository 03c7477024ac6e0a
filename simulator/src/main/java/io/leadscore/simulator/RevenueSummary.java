package io.leadscore.simulator;

/**
 * The distribution of period revenue over the trials. Percentiles use linear
 * interpolation between order statistics (Hyndman and Fan type 7, the default
 * of R and NumPy).
 *
 * @param mean              mean revenue
 * @param p10               10th percentile
 * @param p50               median
 * @param p90               90th percentile
 * @param standardDeviation across trials (0 for one trial)
 * @param meanStandardError Monte Carlo standard error of the mean, sd/√n; NaN for one trial
 * @param fromOpenPipeline  mean revenue from deals already open at the start
 */
public record RevenueSummary(double mean, double p10, double p50, double p90, double standardDeviation,
                             double meanStandardError, double fromOpenPipeline) {

    static RevenueSummary of(double[] revenue, double[] pipelineRevenue) {
        int n = revenue.length;
        double sum = 0;
        double pipeline = 0;
        for (int i = 0; i < n; i++) {
            sum += revenue[i];
            pipeline += pipelineRevenue[i];
        }
        double mean = sum / n;
        double ss = 0;
        for (double r : revenue) {
            ss += (r - mean) * (r - mean);
        }
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        double[] sorted = revenue.clone();
        java.util.Arrays.sort(sorted);
        return new RevenueSummary(mean, percentile(sorted, 0.10), percentile(sorted, 0.50), percentile(sorted, 0.90),
                sd, n > 1 ? sd / Math.sqrt(n) : Double.NaN, pipeline / n);
    }

    /** The p-quantile of sorted values, type 7. */
    static double percentile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
