package io.leadscore.data.synthetic;

import java.time.LocalDate;

/**
 * What to generate. Start from {@link #defaults()} and change what differs:
 * {@code GeneratorOptions.defaults().withLeads(100_000).withSeed(7)}.
 *
 * @param leads                  number of leads, 1 to {@value #MAX_LEADS}
 * @param seed                   every random draw derives from it: the same options give byte-identical files
 * @param until                  the export date: the history ends at 00:00 UTC of this day and nothing in the
 *                               files happens at or after it. A fixed date, not today, so that a seed always
 *                               gives the same files
 * @param historyDays            days of history before {@code until} over which leads arrive, 1 to 3660
 * @param labelHorizonDays       a lead converts when it wins a deal within this many days of its creation
 *                               (docs/crm-csv.md); 1 to 3660, as in {@code Policy}
 * @param responseDecayTauHours  τ of the response-time multiplier m(t) = (1 + t/τ)^(−k), in hours, &gt; 0
 * @param responseDecayK         k of that multiplier, 0 (response time does not matter) to 3
 * @param world                  the textbook funnel, or a messy history with deals around the MQL hand-off,
 *                               skipped stages, missing follow-ups, a strong season and a team change
 */
public record GeneratorOptions(
        int leads,
        long seed,
        LocalDate until,
        int historyDays,
        int labelHorizonDays,
        double responseDecayTauHours,
        double responseDecayK,
        World world) {

    public static final int DEFAULT_LEADS = 20_000;
    public static final long DEFAULT_SEED = 42;
    public static final LocalDate DEFAULT_UNTIL = LocalDate.of(2026, 11, 1);
    public static final int DEFAULT_HISTORY_DAYS = 730;
    public static final int DEFAULT_LABEL_HORIZON_DAYS = 180;
    /**
     * τ = 30 minutes, the fit of a 10,000-lead vendor table (DOMAIN.md). With
     * that table's k ≈ 0.72 a response after a day would keep only 6% of the
     * chance of one within minutes, and no per-lead chance could still reach the
     * quoted MQL→SAL rates; the default k is gentler so that the effect is
     * plain in the follow-ups without drowning everything a model can observe.
     */
    public static final double DEFAULT_RESPONSE_DECAY_TAU_HOURS = 0.5;
    public static final double DEFAULT_RESPONSE_DECAY_K = 0.2;
    public static final int MAX_LEADS = 10_000_000;

    public GeneratorOptions {
        if (leads < 1 || leads > MAX_LEADS) {
            throw new IllegalArgumentException("Invalid number of leads: " + leads + ", expected 1 to " + MAX_LEADS);
        }
        if (until == null) {
            throw new IllegalArgumentException("Missing until date: the export date at which the history ends");
        }
        if (historyDays < 1 || historyDays > 3660) {
            throw new IllegalArgumentException("Invalid history days: " + historyDays + ", expected 1 to 3660");
        }
        if (labelHorizonDays < 1 || labelHorizonDays > 3660) {
            throw new IllegalArgumentException("Invalid label horizon days: " + labelHorizonDays + ", expected 1 to 3660");
        }
        if (until.minusDays(historyDays).isBefore(LocalDate.of(1970, 1, 1)) || until.isAfter(LocalDate.of(2199, 12, 31))) {
            throw new IllegalArgumentException("Invalid until date: " + until + " with " + historyDays
                    + " days of history (from " + until.minusDays(historyDays) + "), expected a history within"
                    + " 1970-01-01 to 2199-12-31, the times an import accepts");
        }
        if (!(responseDecayTauHours > 0) || Double.isInfinite(responseDecayTauHours)) {
            throw new IllegalArgumentException("Invalid response decay tau: " + responseDecayTauHours
                    + " hours, expected a positive number of hours");
        }
        if (!(responseDecayK >= 0 && responseDecayK <= 3)) {
            throw new IllegalArgumentException("Invalid response decay k: " + responseDecayK + ", expected 0 to 3");
        }
        if (world == null) {
            throw new IllegalArgumentException("Missing world: expected one of textbook, messy");
        }
    }

    /** The textbook world. */
    public GeneratorOptions(int leads, long seed, LocalDate until, int historyDays, int labelHorizonDays,
            double responseDecayTauHours, double responseDecayK) {
        this(leads, seed, until, historyDays, labelHorizonDays, responseDecayTauHours, responseDecayK, World.TEXTBOOK);
    }

    /** 20,000 leads, seed 42, history of 730 days up to 2026-11-01, a 180-day label horizon, τ = 0.5 h, k = 0.2, textbook world. */
    public static GeneratorOptions defaults() {
        return new GeneratorOptions(DEFAULT_LEADS, DEFAULT_SEED, DEFAULT_UNTIL, DEFAULT_HISTORY_DAYS,
                DEFAULT_LABEL_HORIZON_DAYS, DEFAULT_RESPONSE_DECAY_TAU_HOURS, DEFAULT_RESPONSE_DECAY_K);
    }

    public GeneratorOptions withLeads(int count) {
        return new GeneratorOptions(count, seed, until, historyDays, labelHorizonDays, responseDecayTauHours, responseDecayK, world);
    }

    public GeneratorOptions withSeed(long value) {
        return new GeneratorOptions(leads, value, until, historyDays, labelHorizonDays, responseDecayTauHours, responseDecayK, world);
    }

    public GeneratorOptions withUntil(LocalDate date) {
        return new GeneratorOptions(leads, seed, date, historyDays, labelHorizonDays, responseDecayTauHours, responseDecayK, world);
    }

    public GeneratorOptions withHistoryDays(int days) {
        return new GeneratorOptions(leads, seed, until, days, labelHorizonDays, responseDecayTauHours, responseDecayK, world);
    }

    public GeneratorOptions withLabelHorizonDays(int days) {
        return new GeneratorOptions(leads, seed, until, historyDays, days, responseDecayTauHours, responseDecayK, world);
    }

    public GeneratorOptions withResponseDecay(double tauHours, double k) {
        return new GeneratorOptions(leads, seed, until, historyDays, labelHorizonDays, tauHours, k, world);
    }

    public GeneratorOptions withWorld(World value) {
        return new GeneratorOptions(leads, seed, until, historyDays, labelHorizonDays, responseDecayTauHours, responseDecayK,
                value);
    }

    /** The first day of the history: {@code until - historyDays}. */
    public LocalDate historyStart() {
        return until.minusDays(historyDays);
    }
}
