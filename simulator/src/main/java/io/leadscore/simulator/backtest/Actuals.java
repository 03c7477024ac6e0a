package io.leadscore.simulator.backtest;

/**
 * What actually happened in a period that was simulated beforehand.
 *
 * @param mqls    MQLs of the period, &ge; 0; {@code null} when the history cannot say (no MQL history then)
 * @param wins    deals won in the period, &ge; 0
 * @param revenue revenue of those deals, &ge; 0
 * @param mqlNote why the MQLs are unknown, or where they come from; may be {@code null}
 */
public record Actuals(Long mqls, long wins, double revenue, String mqlNote) {

    public Actuals {
        if (mqls != null && mqls < 0) {
            throw new IllegalArgumentException("Invalid actual MQLs: " + mqls + ", expected >= 0");
        }
        if (wins < 0) {
            throw new IllegalArgumentException("Invalid actual wins: " + wins + ", expected >= 0");
        }
        if (!(revenue >= 0) || Double.isInfinite(revenue)) {
            throw new IllegalArgumentException("Invalid actual revenue: " + revenue + ", expected a finite amount >= 0");
        }
    }

    /** All three known. */
    public Actuals(long mqls, long wins, double revenue) {
        this(Long.valueOf(mqls), wins, revenue, null);
    }

    /** Wins and revenue known, the MQLs not, for the reason given. */
    public static Actuals withoutMqls(long wins, double revenue, String why) {
        return new Actuals(null, wins, revenue, why);
    }
}
