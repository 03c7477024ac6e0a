package io.leadscore.scoring.training;

import io.leadscore.scoring.features.FeatureDefinition;
import io.leadscore.scoring.features.FeatureGroup;
import io.leadscore.scoring.features.FeatureKind;
import io.leadscore.scoring.features.FeatureSchema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded synthetic leads with a known, nonlinear conversion signal: saturating company size, industry
 * levels, a seniority × pricing-page interaction, a strong demo-request signal, decaying recency, and
 * pure-noise columns. About 5% convert (4–6% depending on the seed). Fit and engagement features, numeric and indicator.
 */
public final class SyntheticLeads {

    /** Columns with signal; {@link #schema(int)} adds noise columns after them. */
    public static final int SIGNAL_FEATURES = 16;

    public static final Instant TRAIN_FROM = Instant.parse("2024-01-01T00:00:00Z");
    public static final Instant TRAIN_TO = Instant.parse("2024-10-01T00:00:00Z");
    public static final Instant VALIDATION_TO = Instant.parse("2025-01-01T00:00:00Z");

    private SyntheticLeads() {
    }

    public static FeatureSchema schema(int features) {
        if (features < SIGNAL_FEATURES) {
            throw new IllegalArgumentException("At least " + SIGNAL_FEATURES + " features, got " + features);
        }
        List<FeatureDefinition> f = new ArrayList<>();
        f.add(numeric("employees_log", FeatureGroup.FIT, "employees"));
        f.add(numeric("revenue_log", FeatureGroup.FIT, "revenue"));
        f.add(numeric("seniority_rank", FeatureGroup.FIT, "seniority"));
        f.add(level("industry=software", "industry", "software"));
        f.add(level("industry=finance", "industry", "finance"));
        f.add(level("industry=retail", "industry", "retail"));
        f.add(new FeatureDefinition("industry_missing", FeatureKind.INDICATOR, FeatureGroup.FIT, "industry", null));
        f.add(level("country=us", "country", "us"));
        f.add(numeric("pricing_views_7d", FeatureGroup.ENGAGEMENT, "pricing_page_view"));
        f.add(numeric("webinars_30d", FeatureGroup.ENGAGEMENT, "webinar"));
        f.add(numeric("email_clicks_30d", FeatureGroup.ENGAGEMENT, "email_click"));
        f.add(numeric("days_since_last_activity", FeatureGroup.ENGAGEMENT, "last_activity"));
        f.add(new FeatureDefinition("demo_requested", FeatureKind.INDICATOR, FeatureGroup.ENGAGEMENT, "demo_request", null));
        f.add(new FeatureDefinition("trial_started", FeatureKind.INDICATOR, FeatureGroup.ENGAGEMENT, "trial", null));
        f.add(numeric("content_downloads_30d", FeatureGroup.ENGAGEMENT, "content_download"));
        f.add(numeric("site_visits_log", FeatureGroup.ENGAGEMENT, "site_visit"));
        for (int k = SIGNAL_FEATURES; k < features; k++) {
            FeatureGroup group = k % 2 == 0 ? FeatureGroup.FIT : FeatureGroup.ENGAGEMENT;
            FeatureKind kind = k % 3 == 0 ? FeatureKind.INDICATOR : FeatureKind.NUMERIC;
            f.add(new FeatureDefinition("noise_" + k, kind, group, "custom_" + k, null));
        }
        return new FeatureSchema(f);
    }

    private static FeatureDefinition numeric(String name, FeatureGroup group, String source) {
        return new FeatureDefinition(name, FeatureKind.NUMERIC, group, source, null);
    }

    private static FeatureDefinition level(String name, String source, String level) {
        return new FeatureDefinition(name, FeatureKind.INDICATOR, FeatureGroup.FIT, source, level);
    }

    /** Training rows of the window {@link #TRAIN_FROM} to {@link #TRAIN_TO}. */
    public static TrainingData training(int features, int rows, long seed) {
        return generate(schema(features), rows, seed, TRAIN_FROM, TRAIN_TO);
    }

    /** Validation rows of the window {@link #TRAIN_TO} to {@link #VALIDATION_TO}. */
    public static TrainingData validation(int features, int rows, long seed) {
        return generate(schema(features), rows, seed, TRAIN_TO, VALIDATION_TO);
    }

    public static TrainingData generate(FeatureSchema schema, int rows, long seed, Instant from, Instant to) {
        SplittableRandom random = new SplittableRandom(seed);
        int p = schema.size();
        double[][] x = new double[rows][p];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            double[] r = x[i];
            r[0] = Math.max(0, 4 + 1.5 * gaussian(random));
            r[1] = Math.max(0, 0.9 * r[0] + 0.8 * gaussian(random));
            r[2] = random.nextInt(5);
            double u = random.nextDouble();
            int industry = u < 0.25 ? 3 : u < 0.45 ? 4 : u < 0.65 ? 5 : u < 0.8 ? 6 : -1;
            if (industry > 0) {
                r[industry] = 1;
            }
            r[7] = random.nextDouble() < 0.4 ? 1 : 0;
            r[8] = random.nextDouble() < 0.3 ? exponential(random, 2.0) : 0;
            r[9] = random.nextDouble() < 0.15 ? 1 + random.nextInt(3) : 0;
            r[10] = exponential(random, 1.5);
            r[11] = exponential(random, 25);
            r[12] = random.nextDouble() < 0.06 ? 1 : 0;
            r[13] = random.nextDouble() < 0.1 ? 1 : 0;
            r[14] = random.nextDouble() < 0.2 ? 1 + random.nextInt(4) : 0;
            r[15] = Math.log1p(exponential(random, 6));
            for (int k = SIGNAL_FEATURES; k < p; k++) {
                r[k] = schema.get(k).kind() == FeatureKind.INDICATOR
                        ? (random.nextDouble() < 0.3 ? 1 : 0)
                        : gaussian(random);
            }
            y[i] = random.nextDouble() < probability(r) ? 1 : 0;
        }
        return new TrainingData(schema, x, y, from, to);
    }

    /** The true conversion probability of a row (the signal the models should find). */
    public static double probability(double[] r) {
        boolean senior = r[2] >= 2;
        double z = -4.5
                + 0.9 * Math.tanh(r[0] - 4)
                + 0.8 * r[3] + 0.3 * r[4] - 0.4 * r[5] - 0.3 * r[6]
                + 0.2 * r[2]
                + 0.7 * Math.log1p(r[8]) * (senior ? 1.4 : 0.5)
                + 0.5 * Math.min(r[9], 2)
                + 0.25 * Math.log1p(r[10])
                - 0.03 * Math.min(r[11], 60)
                + 1.8 * r[12] + 0.8 * r[13]
                + 0.3 * r[7]
                + 0.15 * r[14];
        return 1 / (1 + Math.exp(-z));
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller; one of the pair is enough here.
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double exponential(SplittableRandom random, double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }
}
