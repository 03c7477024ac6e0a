package io.leadscore.simulator.calibration;

import io.leadscore.simulator.random.NormalQuantile;
import java.util.Objects;

/**
 * Lognormal deal amounts: ln(amount) ~ Normal(mu, sigma).
 *
 * @param mu         mean of ln(amount)
 * @param sigma      standard deviation of ln(amount), &ge; 0
 * @param provenance where the parameters came from
 */
public record LogNormalDealSize(double mu, double sigma, Provenance provenance) implements DealSizeModel {

    public LogNormalDealSize {
        Objects.requireNonNull(provenance, "provenance");
        if (!Double.isFinite(mu)) {
            throw new IllegalArgumentException("Invalid deal-size mu: " + mu + ", expected a finite number");
        }
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("Invalid deal-size sigma: " + sigma + ", expected a finite number >= 0");
        }
    }

    /** The lognormal with this median amount and log-scale spread. */
    public static LogNormalDealSize ofMedian(double median, double sigma, Provenance provenance) {
        if (!(median > 0) || Double.isInfinite(median)) {
            throw new IllegalArgumentException("Invalid median deal size: " + median + ", expected a positive amount");
        }
        return new LogNormalDealSize(Math.log(median), sigma, provenance);
    }

    /** The maximum-likelihood lognormal of the positive amounts (zero amounts cannot be on a log scale and are left out). */
    public static LogNormalDealSize fit(double[] amounts) {
        double sum = 0;
        int n = 0;
        for (double a : amounts) {
            if (!(a >= 0) || Double.isInfinite(a)) {
                throw new IllegalArgumentException("Invalid won amount: " + a + ", expected a finite number >= 0");
            }
            if (a > 0) {
                sum += Math.log(a);
                n++;
            }
        }
        if (n < 2) {
            throw new IllegalArgumentException("Invalid won amounts: " + n + " positive amounts, expected at least 2 to fit a lognormal");
        }
        double mean = sum / n;
        double ss = 0;
        for (double a : amounts) {
            if (a > 0) {
                double e = Math.log(a) - mean;
                ss += e * e;
            }
        }
        int zeros = amounts.length - n;
        String note = "lognormal fit to " + n + " won amounts" + (zeros > 0 ? " (" + zeros + " zero amounts left out)" : "");
        return new LogNormalDealSize(mean, Math.sqrt(ss / (n - 1)), Provenance.fromStore(n, note));
    }

    @Override
    public double relativeMeanError() {
        if (provenance.source() != Source.STORE || provenance.count() < 2) {
            return 0;
        }
        return Math.sqrt(Math.expm1(sigma * sigma)) / Math.sqrt(provenance.count());
    }

    public double median() {
        return Math.exp(mu);
    }

    @Override
    public double mean() {
        return Math.exp(mu + sigma * sigma / 2);
    }

    @Override
    public double quantile(double u) {
        return sigma == 0 ? Math.exp(mu) : Math.exp(mu + sigma * NormalQuantile.inverse(u));
    }

    @Override
    public String kind() {
        return "lognormal";
    }
}
