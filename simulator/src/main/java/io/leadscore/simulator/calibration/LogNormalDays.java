package io.leadscore.simulator.calibration;

import io.leadscore.simulator.random.NormalQuantile;
import java.util.Objects;
import org.apache.commons.math3.special.Erf;

/**
 * A duration in days, lognormal: ln(days) ~ Normal(mu, sigma). Used for the
 * sales cycle (opportunity opened to won) and the qualification lag (first
 * touch to opportunity opened). Sales-cycle lengths are right-skewed; a
 * lognormal is the usual first model (DOMAIN.md), an assumption to check
 * against the store's own history.
 *
 * @param mu         mean of ln(days)
 * @param sigma      standard deviation of ln(days), &ge; 0 (0: always the median)
 * @param provenance where the parameters came from
 */
public record LogNormalDays(double mu, double sigma, Provenance provenance) {

    /** Fewer observations than this fall back to the default. */
    public static final int MIN_OBSERVATIONS = 10;
    /** Durations are floored at one minute before taking logs (a deal opened on the touch itself). */
    public static final double FLOOR_DAYS = 1.0 / 1440;
    private static final double Z90 = 1.2815515655446004;

    public LogNormalDays {
        Objects.requireNonNull(provenance, "provenance");
        if (!Double.isFinite(mu)) {
            throw new IllegalArgumentException("Invalid lognormal mu: " + mu + ", expected a finite number");
        }
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("Invalid lognormal sigma: " + sigma + ", expected a finite number >= 0");
        }
    }

    /** The lognormal whose 10th and 90th percentiles are {@code p10} and {@code p90} days. */
    public static LogNormalDays fromP10P90(double p10, double p90, Provenance provenance) {
        if (!(p10 > 0 && p90 > p10) || Double.isInfinite(p90)) {
            throw new IllegalArgumentException("Invalid percentiles: P10 " + p10 + ", P90 " + p90
                    + ", expected 0 < P10 < P90");
        }
        return new LogNormalDays(Math.log(Math.sqrt(p10 * p90)), Math.log(p90 / p10) / (2 * Z90), provenance);
    }

    /** Always exactly {@code days} (sigma 0). */
    public static LogNormalDays fixed(double days, Provenance provenance) {
        if (!(days > 0) || Double.isInfinite(days)) {
            throw new IllegalArgumentException("Invalid fixed duration: " + days + " days, expected > 0");
        }
        return new LogNormalDays(Math.log(days), 0, provenance);
    }

    /**
     * The maximum-likelihood lognormal of observed durations (mu = mean of
     * ln, sigma = standard deviation of ln with n − 1), or {@code fallback}
     * with a note when there are fewer than {@link #MIN_OBSERVATIONS}.
     *
     * @param days     observed durations in days, each &ge; 0 and finite
     * @param what     what the durations are, for the provenance note
     * @param fallback the default to use when the data is too thin
     */
    public static LogNormalDays fit(double[] days, String what, LogNormalDays fallback) {
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(fallback, "fallback");
        for (double d : days) {
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("Invalid duration: " + d + " days in " + what + ", expected a finite number >= 0");
            }
        }
        if (days.length < MIN_OBSERVATIONS) {
            return new LogNormalDays(fallback.mu, fallback.sigma, Provenance.byDefault(fallback.provenance.note()
                    + "; only " + days.length + " " + what + " observed, at least " + MIN_OBSERVATIONS + " needed"));
        }
        double sum = 0;
        for (double d : days) {
            sum += Math.log(Math.max(d, FLOOR_DAYS));
        }
        double mean = sum / days.length;
        double ss = 0;
        for (double d : days) {
            double e = Math.log(Math.max(d, FLOOR_DAYS)) - mean;
            ss += e * e;
        }
        double sd = Math.sqrt(ss / (days.length - 1));
        return new LogNormalDays(mean, sd, Provenance.fromStore(days.length,
                "lognormal fit to " + days.length + " " + what));
    }

    public double median() {
        return Math.exp(mu);
    }

    public double mean() {
        return Math.exp(mu + sigma * sigma / 2);
    }

    /** The u-quantile in days, u in (0, 1); +Infinity for u = 1. */
    public double quantile(double u) {
        if (sigma == 0) {
            return Math.exp(mu);
        }
        return Math.exp(mu + sigma * NormalQuantile.inverse(u));
    }

    /** P(duration &le; days). */
    public double cdf(double days) {
        if (days <= 0) {
            return 0;
        }
        double z = (Math.log(days) - mu);
        if (sigma == 0) {
            return z >= 0 ? 1 : 0;
        }
        return 0.5 * Erf.erfc(-z / (sigma * Math.sqrt(2)));
    }
}
