package io.leadscore.simulator.calibration;

import io.leadscore.simulator.random.SplitMixGenerator;
import java.util.Objects;
import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * A stage-to-stage conversion rate and its uncertainty: Beta(alpha, beta),
 * drawn once per trial so that a trial's counts share one rate (a business
 * whose true rate is low is low all quarter), or a fixed rate.
 *
 * @param alpha      the Beta shape for successes; {@code +Infinity} for a fixed rate
 * @param beta       the Beta shape for failures; {@code +Infinity} for a fixed rate
 * @param fixedMean  the rate itself when fixed, otherwise {@code NaN}
 * @param provenance where the rate came from
 */
public record StageRate(double alpha, double beta, double fixedMean, Provenance provenance) {

    public StageRate {
        Objects.requireNonNull(provenance, "provenance");
        boolean fixed = !Double.isNaN(fixedMean);
        if (fixed) {
            if (!(fixedMean >= 0 && fixedMean <= 1)) {
                throw new IllegalArgumentException("Invalid fixed rate: " + fixedMean + ", expected 0..1");
            }
            if (alpha != Double.POSITIVE_INFINITY || beta != Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("Invalid fixed rate shapes: alpha " + alpha + ", beta " + beta
                        + ", expected both +Infinity for a fixed rate");
            }
        } else if (!(alpha > 0 && beta > 0) || Double.isInfinite(alpha) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("Invalid Beta shapes: alpha " + alpha + ", beta " + beta
                    + ", expected finite positive numbers");
        }
    }

    /** A rate without uncertainty. */
    public static StageRate fixed(double rate, Provenance provenance) {
        return new StageRate(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, rate, provenance);
    }

    /** Beta(alpha, beta). */
    public static StageRate beta(double alpha, double beta, Provenance provenance) {
        return new StageRate(alpha, beta, Double.NaN, provenance);
    }

    /**
     * The posterior of a rate after {@code advanced} of {@code entered} leads
     * moved on, under a uniform prior: Beta(advanced + 1, entered − advanced + 1).
     */
    public static StageRate fromCounts(long advanced, long entered, String note) {
        if (entered < 0 || advanced < 0 || advanced > entered) {
            throw new IllegalArgumentException("Invalid stage counts: " + advanced + " advanced of " + entered
                    + " entered, expected 0 <= advanced <= entered");
        }
        return beta(advanced + 1.0, entered - advanced + 1.0, Provenance.fromStore(entered, note));
    }

    /**
     * A default rate from a quoted range, read as its 10th to 90th percentile:
     * the mean is the midpoint and the spread is chosen so that a Beta with
     * that mean has standard deviation (hi − lo) / (2 · 1.2816), the normal
     * approximation of a central 80% interval.
     */
    public static StageRate fromRange(double lo, double hi, String note) {
        if (!(lo > 0 && lo < hi && hi < 1)) {
            throw new IllegalArgumentException("Invalid rate range: " + lo + " to " + hi + ", expected 0 < lo < hi < 1");
        }
        double mean = (lo + hi) / 2;
        double sd = (hi - lo) / (2 * 1.2815515655446004);
        double concentration = mean * (1 - mean) / (sd * sd) - 1;
        return beta(mean * concentration, (1 - mean) * concentration, Provenance.byDefault(note));
    }

    /**
     * A Beta with the given mean and concentration α + β, as the posterior of a rate measured on about
     * {@code concentration} observations; a fixed rate when the mean is 0 or 1.
     */
    public static StageRate withMean(double mean, double concentration, Provenance provenance) {
        if (!(mean >= 0 && mean <= 1)) {
            throw new IllegalArgumentException("Invalid rate: " + mean + ", expected 0..1");
        }
        if (!(concentration > 0)) {
            throw new IllegalArgumentException("Invalid concentration: " + concentration + ", expected > 0");
        }
        if (mean == 0 || mean == 1 || Double.isInfinite(concentration)) {
            return new StageRate(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, mean, provenance);
        }
        return beta(mean * concentration, (1 - mean) * concentration, provenance);
    }

    public boolean isFixed() {
        return !Double.isNaN(fixedMean);
    }

    /** The expected rate. */
    public double mean() {
        return isFixed() ? fixedMean : alpha / (alpha + beta);
    }

    /** The standard deviation of the rate across trials (0 when fixed). */
    public double standardDeviation() {
        if (isFixed()) {
            return 0;
        }
        double s = alpha + beta;
        return Math.sqrt(alpha * beta / (s * s * (s + 1)));
    }

    /** One trial's rate, drawn from {@code rng} unless fixed. */
    public double draw(SplitMixGenerator rng) {
        if (isFixed()) {
            return fixedMean;
        }
        return new BetaDistribution(rng, alpha, beta, BetaDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY).sample();
    }
}
