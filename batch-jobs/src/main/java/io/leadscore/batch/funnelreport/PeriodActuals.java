package io.leadscore.batch.funnelreport;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * What happened in a past period, by the funnel report's definitions
 * ({@link FunnelActuals}).
 *
 * @param from        the period's start
 * @param to          its end (exclusive)
 * @param leads       leads created in the period
 * @param mqls        of those, the ones that reached MQL by its end (the report's "reached MQL" for the
 *                    cohort {@code [from, to)} as of {@code to}); {@code null} when the store has no MQL
 *                    history for the period
 * @param wins        deals won in the period (closed won in {@code [from, to)}, whoever the lead)
 * @param revenue     the sum of their amounts
 * @param mqlHistory  why the MQL figure is there or not: the rescoring runs that covered the period
 */
public record PeriodActuals(Instant from, Instant to, long leads, Long mqls, long wins, BigDecimal revenue,
                            String mqlHistory) {
    public PeriodActuals {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(revenue, "revenue");
        Objects.requireNonNull(mqlHistory, "mqlHistory");
    }
}
