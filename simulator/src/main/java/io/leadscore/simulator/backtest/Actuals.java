package io.leadscore.simulator.backtest;

/**
 * What actually happened in a period that was simulated beforehand.
 *
 * @param mqls    MQLs created in the period, &ge; 0
 * @param wins    deals won in the period, &ge; 0
 * @param revenue revenue of those deals, &ge; 0
 */
public record Actuals(long mqls, long wins, double revenue) {

    public Actuals {
        if (mqls < 0) {
            throw new IllegalArgumentException("Invalid actual MQLs: " + mqls + ", expected >= 0");
        }
        if (wins < 0) {
            throw new IllegalArgumentException("Invalid actual wins: " + wins + ", expected >= 0");
        }
        if (!(revenue >= 0) || Double.isInfinite(revenue)) {
            throw new IllegalArgumentException("Invalid actual revenue: " + revenue + ", expected a finite amount >= 0");
        }
    }
}
