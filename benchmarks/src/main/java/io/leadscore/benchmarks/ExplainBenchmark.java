package io.leadscore.benchmarks;

import io.leadscore.scoring.explain.Explainer;
import io.leadscore.scoring.explain.Explanation;
import io.leadscore.scoring.explain.ShapAlgorithms;
import io.leadscore.scoring.features.FeatureSchema;
import io.leadscore.scoring.scoring.Algorithm;
import io.leadscore.scoring.scoring.TreeEnsemble;
import io.leadscore.scoring.training.ModelTrainer;
import io.leadscore.scoring.training.TrainingData;
import io.leadscore.scoring.training.TrainingListener;
import io.leadscore.scoring.training.TrainingOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * One lead's exact TreeSHAP contributions: Lundberg et al.'s Algorithm 2 over each path (how the explainer
 * computed them before; the baseline) against the per-leaf precomputed weights it uses now, and the whole
 * explanation (contributions, totals and reasons) as a request pays for it.
 *
 * <p>The models are those of the product's defaults, trained in {@link #setUp()} on the seeded synthetic leads
 * of {@link ScoringBenchmark}: boosting, 100 trees of depth 6 (the champion of {@code demo}); a random forest,
 * 200 trees of depth 12 and up to 512 leaves, whose paths are mostly too wide for a table. Calls cycle through
 * {@value #POOL} different leads. Before timing, the set-up checks that both algorithms give the same
 * contributions to 1e-12 on every lead of the pool.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ExplainBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC"})
public class ExplainBenchmark {

    static final int POOL = 1024;

    @Param({"GRADIENT_BOOSTING", "RANDOM_FOREST"})
    public Algorithm algorithm;

    private double[][] leads;
    private double[] out;
    private ShapAlgorithms shap;
    private Explainer explainer;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        FeatureSchema schema = ScoringBenchmark.schema(32);
        TrainingData train = ScoringBenchmark.leads(schema, 20_000, 1, Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-10-01T00:00:00Z"));
        TrainingData validation = ScoringBenchmark.leads(schema, 5000, 2, Instant.parse("2024-10-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"));
        TrainingOptions options = TrainingOptions.builder(algorithm).seed(20250101L).build();
        TreeEnsemble trees = (TreeEnsemble) new ModelTrainer(options).train(train, validation, TrainingListener.NONE).model();
        shap = new ShapAlgorithms(trees);
        explainer = new Explainer(trees, schema);
        leads = new double[POOL][];
        out = new double[schema.size()];
        double[] expected = new double[schema.size()];
        for (int i = 0; i < POOL; i++) {
            leads[i] = validation.x()[i];
            shap.algorithmTwo(leads[i], expected);
            shap.leafTables(leads[i], out);
            for (int j = 0; j < out.length; j++) {
                if (Math.abs(out[j] - expected[j]) > 1e-12) {
                    throw new IllegalStateException("The two algorithms differ on lead " + i + ", feature " + j
                            + ": " + out[j] + " against " + expected[j]);
                }
            }
        }
        System.err.printf("%s: %d trees, %d nodes, depth %d, %d table entries%n", algorithm, trees.treeCount(),
                trees.nodeCount(), trees.maxDepth(), shap.tableSize());
    }

    private int nextLead() {
        int i = next;
        next = (i + 1) & (POOL - 1);
        return i;
    }

    /** Algorithm 2, the baseline. */
    @Benchmark
    public double[] algorithmTwo() {
        shap.algorithmTwo(leads[nextLead()], out);
        return out;
    }

    /** The per-leaf tables. */
    @Benchmark
    public double[] leafTables() {
        shap.leafTables(leads[nextLead()], out);
        return out;
    }

    /** The explainer's whole answer for one lead: contributions, fit and engagement, three reasons each way. */
    @Benchmark
    public Explanation explain() {
        return explainer.explain(leads[nextLead()], (source, s, x) -> source);
    }
}
