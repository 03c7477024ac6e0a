package io.leadscore.simulator.calibration;

import java.util.Objects;

/**
 * The amount of a won deal: a lognormal fit or a bootstrap of past won
 * amounts. Deal sizes are right-skewed and a lognormal per segment is the
 * usual model (DOMAIN.md); with enough history the bootstrap makes no shape
 * assumption at all.
 */
public sealed interface DealSizeModel permits LogNormalDealSize, BootstrapDealSize {

    /** At least this many won amounts for a bootstrap; fewer but {@value LogNormalDays#MIN_OBSERVATIONS} or more get a lognormal fit. */
    int MIN_BOOTSTRAP = 200;

    /** The expected amount of one won deal. */
    double mean();

    /** The u-quantile of the amount, u in (0, 1), non-decreasing in u. */
    double quantile(double u);

    Provenance provenance();

    /** "lognormal" or "bootstrap". */
    String kind();

    /**
     * The standard error of {@link #mean()} relative to it, from the amounts it rests on (coefficient of
     * variation over the square root of their number); 0 for a default, which rests on none.
     */
    default double relativeMeanError() {
        return 0;
    }

    /**
     * The model for a store's won amounts: a bootstrap from
     * {@value #MIN_BOOTSTRAP} amounts, a lognormal fit to the positive ones
     * from {@value LogNormalDays#MIN_OBSERVATIONS}, otherwise {@code fallback}
     * with a note saying how many there were.
     */
    static DealSizeModel fromWonAmounts(double[] amounts, DealSizeModel fallback) {
        Objects.requireNonNull(amounts, "amounts");
        Objects.requireNonNull(fallback, "fallback");
        if (amounts.length >= MIN_BOOTSTRAP) {
            return BootstrapDealSize.of(amounts);
        }
        int positive = 0;
        for (double a : amounts) {
            if (!(a >= 0) || Double.isInfinite(a)) {
                throw new IllegalArgumentException("Invalid won amount: " + a + ", expected a finite number >= 0");
            }
            if (a > 0) {
                positive++;
            }
        }
        if (positive >= LogNormalDays.MIN_OBSERVATIONS) {
            return LogNormalDealSize.fit(amounts);
        }
        String note = fallback.provenance().note() + "; only " + amounts.length + " won amounts in the store, at least "
                + LogNormalDays.MIN_OBSERVATIONS + " needed";
        if (fallback instanceof LogNormalDealSize l) {
            return new LogNormalDealSize(l.mu(), l.sigma(), Provenance.byDefault(note));
        }
        return fallback;
    }
}
