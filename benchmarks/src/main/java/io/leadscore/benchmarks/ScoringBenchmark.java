package io.leadscore.benchmarks;

import io.leadscore.scoring.explain.Explainer;
import io.leadscore.scoring.explain.Explanation;
import io.leadscore.scoring.features.FeatureDefinition;
import io.leadscore.scoring.features.FeatureGroup;
import io.leadscore.scoring.features.FeatureKind;
import io.leadscore.scoring.features.FeatureSchema;
import io.leadscore.scoring.features.ReasonPhraser;
import io.leadscore.scoring.scoring.Algorithm;
import io.leadscore.scoring.scoring.GradeBands;
import io.leadscore.scoring.scoring.Scorer;
import io.leadscore.scoring.scoring.TreeEnsemble;
import io.leadscore.scoring.training.ModelTrainer;
import io.leadscore.scoring.training.TrainingData;
import io.leadscore.scoring.training.TrainingListener;
import io.leadscore.scoring.training.TrainingOptions;
import io.leadscore.scoring.training.TrainingResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import smile.classification.GradientTreeBoost;
import smile.data.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Scoring one lead with a boosted model of 100 trees of depth 6: Smile's own prediction (the baseline) against
 * the compiled scorer, one lead at a time and in blocks, and the cost of one lead's explanation.
 *
 * <p>The model is trained in {@link #setUp()} on seeded synthetic leads with a nonlinear signal (~5% convert),
 * so every run measures the same trees. Calls cycle through {@value #POOL} different leads, so neither the
 * branch predictor nor the caches see one lead over and over.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ScoringBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC"})
public class ScoringBenchmark {

    /** Distinct leads the single-lead benchmarks cycle through; a power of two. */
    static final int POOL = 1024;
    /** Leads per {@link #compiledScoreBatch} call. */
    static final int BATCH = 1024;

    @Param({"32"})
    public int features;

    @Param({"20000"})
    public int trainingRows;

    private GradientTreeBoost smile;
    private Tuple[] tuples;
    private double[][] leads;
    private double[] flat;
    private double[] out;
    private Scorer scorer;
    private Explainer explainer;
    private ReasonPhraser phraser;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        FeatureSchema schema = schema(features);
        TrainingData train = leads(schema, trainingRows, 1, Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-10-01T00:00:00Z"));
        TrainingData validation = leads(schema, 5000, 2, Instant.parse("2024-10-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"));
        // 100 trees of Smile depth 6 (the root counts as level 1: five decisions per lead, up to 32 leaves).
        TrainingOptions options = TrainingOptions.builder(Algorithm.GRADIENT_BOOSTING)
                .trees(100).maxDepth(6).maxLeaves(32).minNodeSize(5).seed(20250101L).build();
        TrainingResult result = new ModelTrainer(options).train(train, validation, TrainingListener.NONE);
        TreeEnsemble trees = (TreeEnsemble) result.model();
        if (trees.treeCount() != 100 || trees.maxDepth() != 5) {
            throw new IllegalStateException("Expected 100 trees of depth 6, trained " + trees);
        }
        smile = (GradientTreeBoost) result.smileModel().model();
        scorer = new Scorer(trees, result.calibration(), GradeBands.relativeTo(0.1));
        explainer = new Explainer(trees, schema);
        phraser = (source, s, x) -> source;

        double[][] x = validation.x();
        leads = new double[POOL][];
        tuples = new Tuple[POOL];
        for (int i = 0; i < POOL; i++) {
            leads[i] = x[i];
            tuples[i] = result.smileModel().tuple(x[i]);
            double smileP = result.smileModel().probability(x[i]);
            if (trees.probability(x[i]) != smileP) {
                throw new IllegalStateException("Compiled and Smile probabilities differ on lead " + i);
            }
        }
        flat = new double[BATCH * features];
        for (int i = 0; i < BATCH; i++) {
            System.arraycopy(x[i % POOL], 0, flat, i * features, features);
        }
        out = new double[BATCH];
    }

    private int nextLead() {
        int i = next;
        next = (i + 1) & (POOL - 1);
        return i;
    }

    /** Smile's {@code predict(Tuple, posteriori)}: the baseline. */
    @Benchmark
    public double smilePredict() {
        double[] posteriori = new double[2];
        smile.predict(tuples[nextLead()], posteriori);
        return posteriori[1];
    }

    /** One lead through the compiled trees and the calibration. */
    @Benchmark
    public double compiledScore() {
        return scorer.score(leads[nextLead()]);
    }

    /** A block of {@value #BATCH} leads; reported per lead. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void compiledScoreBatch(Blackhole blackhole) {
        scorer.scoreBatch(flat, BATCH, out);
        blackhole.consume(out);
    }

    /** One lead's TreeSHAP contributions, fit/engagement totals and top reasons. */
    @Benchmark
    public Explanation explain() {
        return explainer.explain(leads[nextLead()], phraser);
    }

    static FeatureSchema schema(int features) {
        if (features < 12) {
            throw new IllegalArgumentException("Invalid feature count: " + features + ", expected at least 12");
        }
        List<FeatureDefinition> f = new ArrayList<>();
        f.add(new FeatureDefinition("employees_log", FeatureKind.NUMERIC, FeatureGroup.FIT, "employees", null));
        f.add(new FeatureDefinition("seniority_rank", FeatureKind.NUMERIC, FeatureGroup.FIT, "seniority", null));
        f.add(new FeatureDefinition("industry=software", FeatureKind.INDICATOR, FeatureGroup.FIT, "industry", "software"));
        f.add(new FeatureDefinition("industry=finance", FeatureKind.INDICATOR, FeatureGroup.FIT, "industry", "finance"));
        f.add(new FeatureDefinition("industry_missing", FeatureKind.INDICATOR, FeatureGroup.FIT, "industry", null));
        f.add(new FeatureDefinition("country=us", FeatureKind.INDICATOR, FeatureGroup.FIT, "country", "us"));
        f.add(new FeatureDefinition("pricing_views_7d", FeatureKind.NUMERIC, FeatureGroup.ENGAGEMENT, "pricing_page_view", null));
        f.add(new FeatureDefinition("webinars_30d", FeatureKind.NUMERIC, FeatureGroup.ENGAGEMENT, "webinar", null));
        f.add(new FeatureDefinition("email_clicks_30d", FeatureKind.NUMERIC, FeatureGroup.ENGAGEMENT, "email_click", null));
        f.add(new FeatureDefinition("days_since_last_activity", FeatureKind.NUMERIC, FeatureGroup.ENGAGEMENT, "last_activity", null));
        f.add(new FeatureDefinition("demo_requested", FeatureKind.INDICATOR, FeatureGroup.ENGAGEMENT, "demo_request", null));
        f.add(new FeatureDefinition("site_visits_log", FeatureKind.NUMERIC, FeatureGroup.ENGAGEMENT, "site_visit", null));
        for (int k = f.size(); k < features; k++) {
            f.add(new FeatureDefinition("custom_" + k, k % 3 == 0 ? FeatureKind.INDICATOR : FeatureKind.NUMERIC,
                    k % 2 == 0 ? FeatureGroup.FIT : FeatureGroup.ENGAGEMENT, "custom_" + k, null));
        }
        return new FeatureSchema(f);
    }

    /**
     * Seeded leads: saturating company size, industry, a seniority × pricing-page interaction, a strong demo
     * signal, decaying recency, weak custom fields; about 5% convert.
     */
    static TrainingData leads(FeatureSchema schema, int rows, long seed, Instant from, Instant to) {
        SplittableRandom random = new SplittableRandom(seed);
        int p = schema.size();
        double[][] x = new double[rows][p];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            double[] r = x[i];
            r[0] = Math.max(0, 4 + 1.5 * gaussian(random));
            r[1] = random.nextInt(5);
            double u = random.nextDouble();
            if (u < 0.3) {
                r[2] = 1;
            } else if (u < 0.5) {
                r[3] = 1;
            } else if (u < 0.65) {
                r[4] = 1;
            }
            r[5] = random.nextDouble() < 0.4 ? 1 : 0;
            r[6] = random.nextDouble() < 0.3 ? exponential(random, 2) : 0;
            r[7] = random.nextDouble() < 0.15 ? 1 + random.nextInt(3) : 0;
            r[8] = exponential(random, 1.5);
            r[9] = exponential(random, 25);
            r[10] = random.nextDouble() < 0.06 ? 1 : 0;
            r[11] = Math.log1p(exponential(random, 6));
            double custom = 0;
            for (int k = 12; k < p; k++) {
                r[k] = schema.get(k).kind() == FeatureKind.INDICATOR ? (random.nextDouble() < 0.3 ? 1 : 0) : gaussian(random);
                custom += 0.05 * r[k];
            }
            double z = -4.3 + 0.9 * Math.tanh(r[0] - 4) + 0.2 * r[1] + 0.8 * r[2] + 0.3 * r[3] - 0.3 * r[4]
                    + 0.3 * r[5] + 0.7 * Math.log1p(r[6]) * (r[1] >= 2 ? 1.4 : 0.5) + 0.5 * Math.min(r[7], 2)
                    + 0.25 * Math.log1p(r[8]) - 0.03 * Math.min(r[9], 60) + 1.8 * r[10] + 0.2 * r[11] + custom;
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        return new TrainingData(schema, x, y, from, to);
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static double exponential(SplittableRandom random, double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }
}
