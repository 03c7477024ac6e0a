package io.leadscore.simulator.backtest;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One period of a rolling-origin back-test: simulated from what was known
 * before {@code from}, compared with what happened in {@code [from, to)}.
 *
 * @param from   the period's first day (the calibration's as-of time is its start)
 * @param to     the day after its last
 * @param result the checks of its MQLs, wins and revenue
 */
public record BacktestPeriod(LocalDate from, LocalDate to, BacktestResult result) {
    public BacktestPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(result, "result");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("Invalid back-test period: " + from + " is not before " + to);
        }
    }
}
