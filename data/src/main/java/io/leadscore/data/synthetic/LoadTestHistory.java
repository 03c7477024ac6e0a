package io.leadscore.data.synthetic;

import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.domain.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A large lead history for load tests, drawn fast: leads created evenly over
 * two years before an end time, with the catalog's industries, countries,
 * seniorities, departments and sources, and a Poisson number of activities
 * each that thin out after the lead's creation; then, day by day, a day's new
 * leads and a day's activity on random existing leads. There are no deals,
 * follow-ups or ground truth: it is what the nightly rescoring reads, at a
 * million-lead scale ({@code leadscore bench rescore}), where the full
 * generator ({@link SyntheticCrmGenerator}) and the import would take far
 * longer. The same seed gives the same history.
 *
 * <p>Leads are numbered from 0 in the order they are drawn; activities refer
 * to them by that number. Draw {@link #leads} first, then {@link #activities},
 * then any number of {@link #day}s.
 */
public final class LoadTestHistory {
    /** The history's span before its end. */
    public static final Duration SPAN = Duration.ofDays(730);
    /** One closed lead (won or lost, evenly) in this many: closed leads are not rescored. */
    private static final int CLOSED_ONE_IN = 40;
    /** Relative frequency of each activity type, in {@link ActivityType} order: page views and e-mail opens lead. */
    private static final double[] TYPE_CUMULATIVE = Rng.cumulative(40, 6, 8, 3, 2, 20, 8, 4, 0.6, 0.4, 0.5, 0.8, 1, 0.7);
    private static final ActivityType[] TYPES = ActivityType.values();

    private final int leads;
    private final double activitiesPerLead;
    private final Instant end;
    private final Rng rng;
    private int drawn;

    /**
     * @param leads             leads in the history, at least 1
     * @param activitiesPerLead mean activities per lead, &gt; 0
     * @param seed              the random seed
     * @param end               the end of the history: every activity before it
     */
    public LoadTestHistory(int leads, double activitiesPerLead, long seed, Instant end) {
        if (leads < 1) {
            throw new IllegalArgumentException("Invalid leads: " + leads + ", expected at least 1");
        }
        if (!(activitiesPerLead > 0) || Double.isInfinite(activitiesPerLead)) {
            throw new IllegalArgumentException("Invalid activities per lead: " + activitiesPerLead
                    + ", expected a positive number");
        }
        if (TYPE_CUMULATIVE.length != TYPES.length) {
            throw new IllegalStateException("Activity mix for " + TYPE_CUMULATIVE.length + " types, expected " + TYPES.length);
        }
        this.leads = leads;
        this.activitiesPerLead = activitiesPerLead;
        this.end = end;
        this.rng = new Rng(seed);
    }

    /** Receives one activity: the number of the lead it belongs to, when it occurred, and its type. */
    @FunctionalInterface
    public interface ActivitySink {
        void add(int lead, long occurredAtMillis, ActivityType type);
    }

    /** Leads drawn so far, the numbers {@code 0 .. leadsDrawn() - 1}. */
    public int leadsDrawn() {
        return drawn;
    }

    /** Draws the history's leads in creation order, each with its stage: mostly LEAD, one in forty closed. */
    public void leads(BiConsumer<Lead, Stage> sink) {
        long start = end.minus(SPAN).toEpochMilli();
        long span = SPAN.toMillis();
        for (int i = 0; i < leads; i++) {
            Instant created = Instant.ofEpochMilli(start + (long) (span * (double) i / leads));
            Stage stage = rng.nextInt(CLOSED_ONE_IN) == 0 ? (rng.chance(0.5) ? Stage.WON : Stage.LOST) : Stage.LEAD;
            sink.accept(lead(String.format("B-%08d", i + 1), created, true), stage);
        }
        drawn = leads;
    }

    /**
     * Draws every lead's activities, lead by lead, each lead's in time order: a Poisson number around the mean,
     * with exponential gaps that leave most of them soon after the lead's creation.
     *
     * @return the number of activities drawn
     */
    public long activities(ActivitySink sink) {
        long start = end.minus(SPAN).toEpochMilli();
        long span = SPAN.toMillis();
        long endMillis = end.toEpochMilli();
        long total = 0;
        for (int i = 0; i < leads; i++) {
            long created = start + (long) (span * (double) i / leads);
            int count = rng.poisson(activitiesPerLead);
            long room = Math.max(1, endMillis - created);
            long time = created;
            for (int e = 0; e < count; e++) {
                time += 1 + (long) (rng.exponential(room / (10.0 * Math.max(1, count)) * 3));
                if (time >= endMillis) {
                    break;
                }
                sink.add(i, time, TYPES[rng.pick(TYPE_CUMULATIVE)]);
                total++;
            }
        }
        return total;
    }

    /**
     * Draws a day of new data between {@code from} and {@code to}: the leads a day of the history brings
     * (numbered after those drawn so far), then the history's daily volume of activities on random leads drawn
     * so far, the new ones included.
     *
     * @return the number of activities drawn
     */
    public long day(Instant from, Instant to, BiConsumer<Lead, Stage> newLeads, ActivitySink activities) {
        long span = Duration.between(from, to).toMillis();
        int count = Math.max(1, leads / (int) SPAN.toDays());
        for (int i = 0; i < count; i++) {
            Instant created = from.plusMillis((long) (rng.uniform() * span));
            newLeads.accept(lead("N-" + to.toEpochMilli() + "-" + i, created, false), Stage.LEAD);
        }
        drawn += count;
        int perDay = (int) Math.round(leads * activitiesPerLead / SPAN.toDays());
        for (int e = 0; e < perDay; e++) {
            activities.add(rng.nextInt(drawn), from.toEpochMilli() + (long) (rng.uniform() * span),
                    TYPES[rng.pick(TYPE_CUMULATIVE)]);
        }
        return perDay;
    }

    /** A lead with the catalog's firmographics; a day's new leads come with fewer fields, as web forms send them. */
    private Lead lead(String key, Instant created, boolean full) {
        String industry = Catalog.INDUSTRIES[rng.pick(Catalog.INDUSTRY_CUMULATIVE)];
        String source = Catalog.SOURCES[rng.pick(Catalog.SOURCE_CUMULATIVE)];
        if (!full) {
            return new Lead(key, created, null, null, industry, null, null, null, null, null, null, source, null, Map.of());
        }
        String email = key.toLowerCase(java.util.Locale.ROOT) + (rng.nextInt(5) == 0 ? "@gmail.example"
                : "@company" + rng.nextInt(997) + ".example");
        long employees = (long) Math.exp(2 + 6 * rng.uniform());
        double revenue = Math.exp(12 + 6 * rng.uniform());
        return new Lead(key, created, email, null, industry, employees, revenue,
                Catalog.COUNTRIES[rng.pick(Catalog.COUNTRY_CUMULATIVE)], null,
                Catalog.SENIORITIES[rng.pick(Catalog.SENIORITY_CUMULATIVE)], Catalog.DEPARTMENTS[rng.pick(Catalog.DEPARTMENT_CUMULATIVE)],
                source, null, Map.of());
    }
}
