package io.leadscore.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscore.scoring.domain.Activity;
import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.Deal;
import io.leadscore.scoring.domain.DealStatus;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.domain.Seniority;
import io.leadscore.scoring.domain.Timestamps;
import io.leadscore.scoring.evaluation.AgeBand;
import io.leadscore.scoring.evaluation.AgeBandMetrics;
import io.leadscore.scoring.evaluation.Evaluator;
import io.leadscore.scoring.evaluation.ModelMetrics;
import io.leadscore.scoring.features.EngagementState;
import io.leadscore.scoring.features.FeatureConfig;
import io.leadscore.scoring.features.FeatureExtractor;
import io.leadscore.scoring.labels.LabelRule;
import io.leadscore.scoring.labels.LeadHistory;
import io.leadscore.scoring.labels.TrainingSet;
import io.leadscore.scoring.labels.TrainingSetBuilder;
import io.leadscore.scoring.labels.TrainingSetConfig;
import io.leadscore.scoring.labels.SnapshotSchedule;
import io.leadscore.scoring.scoring.GradeBands;
import io.leadscore.scoring.scoring.Scorer;
import io.leadscore.scoring.training.TrainingResult;
import io.leadscore.scoring.policy.Policy;
import io.leadscore.scoring.training.ModelTrainer;
import io.leadscore.scoring.training.TrainingData;
import io.leadscore.scoring.training.TrainingListener;
import io.leadscore.scoring.training.TrainingOptions;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model against the ceiling, at every age a lead is scored: on a generated world whose leads' intent unfolds over
 * their life (later buying windows) and whose truth is known at every snapshot age ({@code p_by_age}), a model
 * trained on point-in-time snapshots as of a date is judged on the out-of-time holdout — leads looked at after the
 * cut, at every age they had reached — band by band, against the oracle: the best ranking the past allows, the
 * truth given only what is observable at each snapshot ({@link ObservableOracle}), not the truth given the generator's
 * latent state, which no model can see.
 *
 * <p>The design it replaces, one row per lead at 30 days of age, is trained on the same world and judged on the same
 * rows: it never saw a lead of 90 or 300 days, and fails the same bounds; so does the learner of the release before on
 * the same snapshots, one snapshot per lead per tree, by expected AUC. The world, the three trainings and the oracle
 * take about three minutes of CPU, 40 s of it the oracle's.
 */
class ModelQualityTest {
    /**
     * The world's size and seed: the regular build's is 40,000 leads of seed 3, the one the bounds below are measured
     * on; the learning curve of docs/benchmarks.md is measured on larger worlds and other seeds with these properties
     * (and a larger heap, {@code -Dleadscore.test.heap=6g}).
     */
    private static final int LEADS = Integer.getInteger("leadscore.quality.leads", 40_000);
    private static final long SEED = Long.getLong("leadscore.quality.seed", 3);
    private static final List<AgeBand> OLD = AgeBand.DEFAULTS.subList(3, 6);
    /**
     * How far below the oracle the model's expected AUC given the latent truth may stand in a band from 30 days on.
     * The product's learner stands 0.030 to 0.039 below it on this world, the learner of one snapshot per lead per
     * tree 0.052 to 0.074 (docs/benchmarks.md); the goal is 0.02, which no setting of the learner measured
     * reaches on this world. The gap shrinks with the leads trained on, 0.012 to 0.013 per doubling: a world of 160,000
     * leads of this seed meets it (0.008 to 0.018), too large for the suite's time.
     */
    static final double EXPECTED_GAP = 0.045;
    /**
     * How far below the oracle the model's AUC on the outcomes drawn may stand in a band from 30 days on: the product's
     * learner stands from 0.027 above to 0.026 below it, one snapshot per lead per tree 0.023 to 0.053 below.
     */
    static final double DRAWN_GAP = 0.035;
    /**
     * Also fit the oracle on the product's feature vector alone and report it beside the oracle (40 s more of CPU, so
     * not in every build): whether the features carry what the oracle sees (docs/benchmarks.md).
     */
    private static final boolean FEATURE_ORACLE = Boolean.getBoolean("leadscore.quality.featureOracle");
    /**
     * Other settings of the learner to train on the same snapshots and report beside the product's, by expected AUC per
     * band (a minute of CPU each, so not in every build): settings separated by {@code ;}, each a list of
     * {@code key=value} among {@code trees}, {@code shrinkage}, {@code maxDepth}, {@code maxLeaves}, {@code minNodeSize},
     * {@code subsample}, {@code snapshotsPerLead}, {@code leadsEvery} (train on every k-th lead only: the learning
     * curve, on the same holdout and oracle) and {@code drop} (features held out of training, names separated by
     * {@code |}, a trailing {@code *} a prefix, a leading one a suffix), e.g.
     * {@code -Dleadscore.quality.learners="shrinkage=0.05;leadsEvery=2"} (docs/benchmarks.md).
     */
    private static final String LEARNERS = System.getProperty("leadscore.quality.learners", "");

    @TempDir
    static Path dir;
    static GeneratedExport world;
    static List<LeadHistory> histories;
    static TrainingSet set;
    static TrainingResult spine;
    /** The truth given the generator's latent state ({@code p_by_age}) of each row of the set. */
    static double[] latent;
    /** The best the past allows, on the holdout's rows. */
    static double[] oracle;
    /** The oracle's regression on the product's features alone, on the holdout's rows; only with {@link #FEATURE_ORACLE}. */
    static double[] featureOracle;

    @BeforeAll
    static void trainOnSnapshots() {
        world = GeneratedExport.generate(dir, GeneratorOptions.defaults().withLeads(LEADS).withSeed(SEED));
        histories = histories(world);
        Policy policy = Policy.defaults();
        // eight training snapshots per lead rather than the product's six: a band of 40,000 leads holds only 50 to
        // 80 converters, and the more of each lead's ages training sees, the better it learns them
        TrainingSetConfig config = TrainingSetConfig.of(policy).withMaxSnapshotsPerLead(8)
                .withFeatures(FeatureConfig.builder().policy(policy).excludedFields(List.of("sales_verdict")).build());
        set = TrainingSetBuilder.build(histories, world.until, config);
        var split = set.split();
        System.err.printf(Locale.ROOT, "world of %,d leads (seed %d): %,d snapshots, %,d training (%,d converted), %,d"
                + " holdout (%,d converted), %d features%n", LEADS, SEED, set.rows(), split.trainRows(),
                Arrays.stream(set.trainY()).sum(), set.rows() - split.trainRows(), Arrays.stream(set.validationY()).sum(),
                set.schema().size());
        // the set's own columns, shared rather than copied into rows (a larger world's set then fits the heap once)
        spine = new ModelTrainer(TrainingOptions.defaults()).train(set.trainingData(), set.validationData(),
                TrainingListener.NONE);
        latent = truthOfRows();
        long started = System.nanoTime();
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        oracle = new ObservableOracle(set, histories, world.until, latent).predict(set, split.trainRows());
        System.err.printf(Locale.ROOT, "oracle fitted in %.1f s (%.1f s of CPU)%n", (System.nanoTime() - started) / 1e9,
                (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1e9);
        if (FEATURE_ORACLE) {
            featureOracle = ObservableOracle.ofProductFeatures(set, histories, world.until, latent)
                    .predict(set, split.trainRows());
        }
    }

    @Test
    void scoresLeadsOfEveryAgeAboutAsWellAsTheTruthAllowsAndIsCalibratedInEachBand() {
        double[] ages = set.validationAgeDays();
        List<AgeBandMetrics> truth = Evaluator.byAge(oracle, set.validationY(), ages, AgeBand.DEFAULTS);
        List<AgeBandMetrics> model = spine.validationByAge();

        report("snapshots", model, truth);
        List<AgeBandMetrics> hidden = Evaluator.byAge(Arrays.copyOfRange(latent, set.split().trainRows(),
                set.rows()), set.validationY(), ages, AgeBand.DEFAULTS);
        report("latent truth", hidden, truth);
        double[][] expected = expectedAucByBand(spine, ages, true);
        for (int b = 0; b < truth.size(); b++) {
            ModelMetrics m = model.get(b).metrics();
            ModelMetrics o = truth.get(b).metrics();
            String band = truth.get(b).band().label();
            assertThat(m.positives()).as("converters in %s", band).isGreaterThan(40);
            if (truth.get(b).band().fromDays() >= 30) {
                // the goal is 0.02; what is left is what the model learns from 1-2 % converters, not what it is
                // shown (the oracle's regression on the product's features alone ranks as well as on its richer
                // summary), and it shrinks with the number of leads trained on
                assertThat(expected[0][b]).as("%s: model expected AUC %.4f, oracle %.4f", band, expected[0][b],
                        expected[1][b]).isGreaterThanOrEqualTo(expected[1][b] - EXPECTED_GAP);
                assertThat(m.auc()).as("%s: model AUC %.4f, oracle %.4f", band, m.auc(), o.auc())
                        .isGreaterThanOrEqualTo(o.auc() - DRAWN_GAP);
                assertThat(m.auc()).as("%s: model AUC %.4f, latent truth %.4f", band, m.auc(),
                        hidden.get(b).metrics().auc()).isGreaterThan(hidden.get(b).metrics().auc() - 0.13);
            }
            assertThat(m.ece()).as("%s: ECE", band).isLessThanOrEqualTo(0.02);
        }
        for (String learner : LEARNERS.split(";")) {
            if (!learner.isBlank()) {
                reportLearner(learner.strip(), ages);
            }
        }
    }

    /**
     * Trains the learner {@code setting} ({@link #LEARNERS}) on the training snapshots and prints its expected AUC per
     * band. The training window's columns are built for the leads kept only, never as a copy of every row.
     */
    private static void reportLearner(String setting, double[] ages) {
        TrainingOptions.Builder options = TrainingOptions.defaults().toBuilder();
        int every = 1;
        List<String> dropped = new ArrayList<>();
        for (String pair : setting.split(",")) {
            String[] kv = pair.strip().split("=", 2);
            String value = kv.length == 2 ? kv[1].strip() : "";
            switch (kv[0].strip()) {
                case "trees" -> options.trees(Integer.parseInt(value));
                case "shrinkage" -> options.shrinkage(Double.parseDouble(value));
                case "maxDepth" -> options.maxDepth(Integer.parseInt(value));
                case "maxLeaves" -> options.maxLeaves(Integer.parseInt(value));
                case "minNodeSize" -> options.minNodeSize(Integer.parseInt(value));
                case "subsample" -> options.subsample(Double.parseDouble(value));
                case "snapshotsPerLead" -> options.snapshotsPerLead(Integer.parseInt(value));
                case "leadsEvery" -> every = Integer.parseInt(value);
                case "drop" -> dropped.addAll(List.of(value.split("\\|")));
                default -> throw new IllegalArgumentException("Unknown learner setting '" + pair
                        + "' in leadscore.quality.learners, expected trees, shrinkage, maxDepth, maxLeaves, minNodeSize,"
                        + " subsample, snapshotsPerLead, leadsEvery or drop");
            }
        }
        var split = set.split();
        int[] groups = set.trainGroups();
        int k = every;
        int[] keep = IntStream.range(0, split.trainRows()).filter(i -> groups[i] % k == 0).toArray();
        String[] names = set.schema().names();
        // a dropped feature is held constant in training, so no tree splits on it: the model of the features left
        boolean[] constant = new boolean[names.length];
        int droppedCount = 0;
        for (int j = 0; j < names.length; j++) {
            for (String d : dropped) {
                boolean match = d.endsWith("*") ? names[j].startsWith(d.substring(0, d.length() - 1))
                        : d.startsWith("*") ? names[j].endsWith(d.substring(1)) : names[j].equals(d);
                if (match) {
                    constant[j] = true;
                }
            }
            droppedCount += constant[j] ? 1 : 0;
        }
        double[][] columns = new double[names.length][keep.length];
        int[] y = new int[keep.length];
        int[] keptGroups = new int[keep.length];
        double[] keptAges = new double[keep.length];
        int[] allY = set.trainY();
        double[] allAges = set.trainAgeDays();
        for (int i = 0; i < keep.length; i++) {
            double[] row = set.row(keep[i]);
            for (int j = 0; j < names.length; j++) {
                columns[j][i] = constant[j] ? 0 : row[j];
            }
            y[i] = allY[keep[i]];
            keptGroups[i] = groups[keep[i]] / k;
            keptAges[i] = allAges[keep[i]];
        }
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        TrainingResult result = new ModelTrainer(options.build()).train(
                TrainingData.ofColumns(set.schema(), columns, y, split.trainFrom(), split.trainTo(), keptGroups, keptAges),
                set.validationData(), TrainingListener.NONE);
        double seconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1e9;
        double[][] expected = expectedAucByBand(result, ages, false);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "learner %s (%,d snapshots, %d features dropped, %.1f s of CPU): expected AUC", setting, keep.length,
                droppedCount, seconds));
        for (int b = 0; b < AgeBand.DEFAULTS.size(); b++) {
            line.append(String.format(Locale.ROOT, "  %s %.4f (oracle %+.4f)", AgeBand.DEFAULTS.get(b).label(),
                    expected[0][b], expected[0][b] - expected[1][b]));
        }
        System.err.println(line);
    }

    @Test
    void theLearnerOfOneSnapshotPerLeadPerTreeFallsShortOfTheExpectedAucBound() {
        // given the boosting of the release that drew one snapshot per lead for each tree, on the same snapshots
        TrainingResult oneDraw = new ModelTrainer(TrainingOptions.defaults().toBuilder().snapshotsPerLead(1).build())
                .train(set.trainingData(), set.validationData(), TrainingListener.NONE);

        // then the bound the product's learner meets is one it would not: in some band from 30 days on its expected
        // AUC is further than EXPECTED_GAP below the oracle's
        double[][] expected = expectedAucByBand(oneDraw, set.validationAgeDays(), false);
        double worst = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < AgeBand.DEFAULTS.size(); b++) {
            if (AgeBand.DEFAULTS.get(b).fromDays() >= 30) {
                worst = Math.max(worst, expected[1][b] - expected[0][b]);
            }
        }
        assertThat(worst).as("largest shortfall of one draw per lead against the oracle, from 30 days on")
                .isGreaterThan(EXPECTED_GAP);
    }

    @Test
    void theDesignOfOneRowPerLeadAtThirtyDaysFailsTheSameBounds() {
        // given the model of releases before point-in-time training: one snapshot per lead, at 30 days of age
        Policy policy = Policy.defaults();
        TrainingSetConfig atThirty = TrainingSetConfig.of(policy)
                .withSchedule(SnapshotSchedule.parse("30d", "3650d")).withMaxSnapshotsPerLead(1)
                .withFeatures(FeatureConfig.builder().policy(policy).excludedFields(List.of("sales_verdict")).build());
        TrainingSet old = TrainingSetBuilder.build(histories, world.until, atThirty);
        var split = old.split();
        TrainingResult result = new ModelTrainer(TrainingOptions.defaults()).train(
                new TrainingData(old.schema(), old.trainX(), old.trainY(), split.trainFrom(), split.trainTo()),
                new TrainingData(old.schema(), old.validationX(), old.validationY(), split.validationFrom(),
                        split.validationTo()), TrainingListener.NONE);

        // when it scores the snapshots of the holdout, at the ages the nightly job meets them
        double[] scores = scoreValidationRows(old.featureSpace().extractor(),
                result.toArtifact("old", Map.of(), "test").scorer(GradeBands.relativeTo(0.5)));
        double[] ages = set.validationAgeDays();
        List<AgeBandMetrics> model = Evaluator.byAge(scores, set.validationY(), ages, OLD);
        List<AgeBandMetrics> truth = Evaluator.byAge(oracle, set.validationY(), ages, OLD);
        report("one row at 30 days", model, truth);

        // then for leads half a year old and more it ranks clearly worse than the model trained at every age
        ModelMetrics oldest = model.get(2).metrics();
        ModelMetrics spineOldest = spine.validationByAge().get(5).metrics();
        assertThat(oldest.auc()).as("180+ d: 30-day design %.4f, snapshots %.4f", oldest.auc(), spineOldest.auc())
                .isLessThan(spineOldest.auc() - 0.05);
    }

    private static void report(String what, List<AgeBandMetrics> model, List<AgeBandMetrics> truth) {
        for (int b = 0; b < truth.size(); b++) {
            ModelMetrics m = model.get(b).metrics();
            ModelMetrics o = truth.get(b).metrics();
            System.err.printf(Locale.ROOT, "%s %-9s rows %6d conv %4d  AUC %.4f oracle %.4f  ECE %.4f oracle %.4f%n", what,
                    truth.get(b).band().label(), m.rows(), m.positives(), m.auc(), o.auc(), m.ece(), o.ece());
        }
    }

    /**
     * Per band, the AUC the model ([0]) and the oracle ([1]) would have on average over the holdout's outcomes, given
     * the latent truth: each row counts as a converter with weight p ({@code p_by_age}) and as a non-converter with
     * weight 1 − p. The band's AUC on the outcomes drawn moves by about ±0.03 with 50 to 80 converters; this one,
     * which reads every row, moves far less, and says whether a change of the features or the learner moved the model.
     */
    private static double[][] expectedAucByBand(TrainingResult result, double[] ages, boolean print) {
        int from = set.split().trainRows();
        double[] p = Arrays.copyOfRange(latent, from, set.rows());
        Scorer scorer = result.toArtifact("spine", Map.of(), "test").scorer(GradeBands.relativeTo(0.5));
        double[][] x = set.validationX();
        double[] scores = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            scores[i] = scorer.score(x[i]);
        }
        List<AgeBandMetrics> onFeatures = featureOracle == null ? null
                : Evaluator.byAge(featureOracle, set.validationY(), ages, AgeBand.DEFAULTS);
        double[][] expected = new double[2][AgeBand.DEFAULTS.size()];
        for (int b = 0; b < AgeBand.DEFAULTS.size(); b++) {
            AgeBand band = AgeBand.DEFAULTS.get(b);
            expected[0][b] = expectedAuc(scores, p, ages, band);
            expected[1][b] = expectedAuc(oracle, p, ages, band);
            if (print) {
                System.err.printf(Locale.ROOT, "expected AUC given the latent truth %-9s model %.4f oracle %.4f%s%n",
                        band.label(), expected[0][b], expected[1][b], onFeatures == null ? ""
                                : String.format(Locale.ROOT, "  oracle on the product's features %.4f (AUC %.4f)",
                                        expectedAuc(featureOracle, p, ages, band), onFeatures.get(b).metrics().auc()));
            }
        }
        return expected;
    }

    /** Σ p_i (1 − p_j) [s_i &gt; s_j] (ties half) over pairs i ≠ j of the band, over Σ p_i (1 − p_j). */
    static double expectedAuc(double[] scores, double[] p, double[] ages, AgeBand band) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (ages[i] >= band.fromDays() && ages[i] < band.toDays()) {
                rows.add(new double[] {scores[i], p[i]});
            }
        }
        rows.sort(Comparator.comparingDouble(r -> r[0]));
        double above = 0;
        double negativesBelow = 0;
        double positives = 0;
        double negatives = 0;
        double selfPairs = 0;
        for (int k = 0; k < rows.size(); ) {
            int end = k;
            double tiedPositives = 0;
            double tiedNegatives = 0;
            double tiedSelf = 0;
            for (; end < rows.size() && rows.get(end)[0] == rows.get(k)[0]; end++) {
                double q = rows.get(end)[1];
                tiedPositives += q;
                tiedNegatives += 1 - q;
                tiedSelf += q * (1 - q);
            }
            above += tiedPositives * negativesBelow + 0.5 * (tiedPositives * tiedNegatives - tiedSelf);
            negativesBelow += tiedNegatives;
            positives += tiedPositives;
            negatives += tiedNegatives;
            selfPairs += tiedSelf;
            k = end;
        }
        return above / (positives * negatives - selfPairs);
    }

    /** The latent truth at each row's age, from {@code p_by_age}. */
    private static double[] truthOfRows() {
        double[] ages = set.ageDays();
        double[] p = new double[ages.length];
        List<String> ids = set.leadIds();
        for (int i = 0; i < p.length; i++) {
            String id = ids.get(i);
            String byAge = world.truth(id, "p_by_age");
            double wanted = Math.round(ages[i] * 24) / 24.0;
            p[i] = Double.NaN;
            for (String pair : byAge.split(";")) {
                double age = Double.parseDouble(pair.substring(0, pair.indexOf(':')));
                if (Math.abs(age - wanted) < 1e-3) {
                    p[i] = Double.parseDouble(pair.substring(pair.indexOf(':') + 1));
                }
            }
            assertThat(p[i]).as("truth of %s at %s days", id, ages[i]).isNotNaN();
        }
        return p;
    }

    /** Calibrated scores of another model on the holdout's snapshots, features rebuilt from the events before each. */
    private static double[] scoreValidationRows(FeatureExtractor extractor, Scorer scorer) {
        Map<String, LeadHistory> byId = new HashMap<>();
        histories.forEach(h -> byId.put(h.lead().leadId(), h));
        int from = set.split().trainRows();
        double[] scores = new double[set.rows() - from];
        EngagementState state = extractor.newState(world.until);
        List<String> ids = set.leadIds();
        List<Instant> at = set.snapshotAt();
        for (int i = 0; i < scores.length; i++) {
            LeadHistory h = byId.get(ids.get(from + i));
            Instant t = at.get(from + i);
            LabelRule.fillState(state, h.activities(), t);
            scores[i] = scorer.score(extractor.extract(h.lead(), state, t));
        }
        return scores;
    }

    /** The export read back as the import reads it: free text normalised, the company's own columns kept. */
    private static List<LeadHistory> histories(GeneratedExport world) {
        Map<String, List<Activity>> activities = new HashMap<>();
        int lead = world.activities.column("lead_id");
        int at = world.activities.column("occurred_at");
        int type = world.activities.column("type");
        for (String[] row : world.activities.rows) {
            activities.computeIfAbsent(row[lead], k -> new ArrayList<>()).add(new Activity(row[lead],
                    Timestamps.parse(row[at]), ActivityType.fromWire(row[type]).orElseThrow(), null));
        }
        Map<String, List<Deal>> deals = new HashMap<>();
        CsvTable d = world.deals;
        for (String[] row : d.rows) {
            DealStatus status = DealStatus.fromWire(row[d.column("status")]).orElseThrow();
            String closed = CsvTable.value(row, d.column("closed_at"));
            deals.computeIfAbsent(row[d.column("lead_id")], k -> new ArrayList<>()).add(new Deal(row[d.column("deal_id")],
                    row[d.column("lead_id")], Timestamps.parse(row[d.column("created_at")]), status,
                    status.isClosed() ? Timestamps.parse(closed) : null, new BigDecimal(row[d.column("amount")]), null));
        }
        CsvTable l = world.leads;
        List<String> known = List.of("lead_id", "created_at", "email", "company", "industry", "employees", "annual_revenue",
                "country", "job_title", "seniority", "department", "source", "campaign");
        List<LeadHistory> histories = new ArrayList<>(l.rows.size());
        for (String[] row : l.rows) {
            Map<String, String> custom = new TreeMap<>();
            for (int c = 0; c < l.header.size(); c++) {
                if (!known.contains(l.header.get(c)) && CsvTable.value(row, c) != null) {
                    custom.put(l.header.get(c), row[c].strip());
                }
            }
            String id = row[l.column("lead_id")];
            String employees = CsvTable.value(row, l.column("employees"));
            String revenue = CsvTable.value(row, l.column("annual_revenue"));
            String seniority = CsvTable.value(row, l.column("seniority"));
            String country = CsvTable.value(row, l.column("country"));
            Lead parsed = new Lead(id, Timestamps.parse(row[l.column("created_at")]),
                    CsvTable.value(row, l.column("email")), CsvTable.value(row, l.column("company")),
                    text(row, l.column("industry")), employees == null ? null : Long.parseLong(employees.strip()),
                    revenue == null ? null : Double.parseDouble(revenue.strip()),
                    country == null ? null : country.strip().toUpperCase(Locale.ROOT), CsvTable.value(row, l.column("job_title")),
                    seniority == null ? null : Seniority.fromWire(seniority).orElse(null), text(row, l.column("department")),
                    text(row, l.column("source")), CsvTable.value(row, l.column("campaign")), custom);
            histories.add(new LeadHistory(parsed, activities.getOrDefault(id, List.of()), deals.getOrDefault(id, List.of())));
        }
        return histories;
    }

    private static String text(String[] row, int column) {
        String v = CsvTable.value(row, column);
        return v == null ? null : v.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }
}
