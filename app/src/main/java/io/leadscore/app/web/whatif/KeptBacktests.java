package io.leadscore.app.web.whatif;

import io.leadscore.batch.simulation.StoreBacktests;
import io.leadscore.scoring.domain.InvalidInputException;
import io.leadscore.simulator.SimulationOptions;
import io.leadscore.simulator.backtest.BacktestSeries;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The store's rolling back-test for the what-if page, computed once per
 * period length and kept until the store changes (the fingerprint of
 * {@link StoreBases}). A back-test calibrates the store once per past
 * period — about a minute on the demo's 20,000 leads — so the page asks for
 * it beside the forecast and it is computed once, not per visit.
 */
@Service
class KeptBacktests {
    /** Trials per period: the percentiles of a period to about a point. */
    static final int TRIALS = 1_000;
    private static final Logger log = LoggerFactory.getLogger(KeptBacktests.class);

    private final StoreBacktests backtests;
    private final StoreBases stores;
    private final Clock clock;
    private final Map<Integer, Kept> kept = new ConcurrentHashMap<>();

    private record Kept(List<Long> fingerprint, BacktestSeries series) {
    }

    KeptBacktests(StoreBacktests backtests, StoreBases stores, Clock clock) {
        this.backtests = backtests;
        this.stores = stores;
        this.clock = clock;
    }

    /** @throws InvalidInputException when the period is not 7 to 366 days (answered 400) */
    static void checkPeriod(int periodDays) {
        if (periodDays < 7 || periodDays > 366) {
            throw new InvalidInputException("Invalid period-days: " + periodDays + ", expected 7 to 366 here");
        }
    }

    /** Every past period of {@code periodDays} days with enough history before it, back-tested on the store as it is. */
    BacktestSeries current(int periodDays) {
        checkPeriod(periodDays);
        List<Long> fingerprint = stores.fingerprint();
        Kept k = kept.get(periodDays);
        if (k != null && k.fingerprint().equals(fingerprint)) {
            return k.series();
        }
        synchronized (this) {
            k = kept.get(periodDays);
            if (k != null && k.fingerprint().equals(fingerprint)) {
                return k.series();
            }
            long started = System.nanoTime();
            BacktestSeries series = backtests.all(periodDays, SimulationOptions.defaults().withTrials(TRIALS),
                    clock.instant(), StoreBacktests.Progress.NONE);
            log.info("Back-tested {} periods of {} days in {} s", series.periods().size(), periodDays,
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());
            kept.put(periodDays, new Kept(fingerprint, series));
            return series;
        }
    }
}
