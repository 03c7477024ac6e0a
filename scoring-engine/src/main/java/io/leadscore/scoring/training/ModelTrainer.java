package io.leadscore.scoring.training;

import io.leadscore.scoring.artifact.DataWindow;
import io.leadscore.scoring.evaluation.AgeBand;
import io.leadscore.scoring.evaluation.AgeBandMetrics;
import io.leadscore.scoring.evaluation.Evaluator;
import io.leadscore.scoring.evaluation.ModelMetrics;
import io.leadscore.scoring.scoring.Algorithm;
import io.leadscore.scoring.scoring.Calibration;
import io.leadscore.scoring.scoring.CompiledModel;
import smile.base.cart.CART;
import smile.base.cart.Loss;
import smile.base.cart.SplitRule;
import smile.classification.ClassLabels;
import smile.classification.GradientTreeBoost;
import smile.classification.LogisticRegression;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.type.DataTypes;
import smile.data.type.StructField;
import smile.data.vector.BaseVector;
import smile.data.vector.DoubleVector;
import smile.data.vector.IntVector;
import smile.math.MathEx;
import smile.regression.RegressionTree;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * Trains a model on older leads, calibrates and measures it on the most recent window, and compiles it.
 *
 * <h2>Determinism</h2>
 * The same data, options and seed give the same model. Smile draws from a per-thread generator in
 * {@code MathEx}; boosting draws its subsamples on the calling thread, so {@link #train} sets that thread's
 * generator with {@code MathEx.setSeed(seed)} (which also changes it for any later Smile call on the thread).
 * A forest trains its trees in parallel; each tree gets its own seed derived from the run's seed, which Smile
 * sets on whichever thread builds the tree. Logistic regression draws nothing.
 *
 * <h2>Leads with several rows</h2>
 * When the training rows are snapshots of leads at several ages ({@link TrainingData#groups()}), boosting weighs
 * every lead the same: for each tree, the usual class-stratified share of the leads is drawn (a lead's class is
 * that of its first draw), and each of those leads gets {@link TrainingOptions#snapshotsPerLead()} draws among its
 * rows, with replacement; a row's count of draws is its weight in the tree (Smile's sample counts), and a leaf
 * holds at least {@code minNodeSize × snapshotsPerLead} draws. The intercept is the prior log-odds with each lead's
 * rows weighing 1 together. Over the trees every row of a lead with k rows is used 1/k as often as a lead's only
 * row. A forest and logistic regression take the rows as they are (the training set caps the rows per lead).
 *
 * <h2>Progress</h2>
 * Smile's boosting offers no progress hook, so {@link #train} runs Smile's binomial boosting loop itself
 * from Smile's public parts (the logistic loss, its intercept, class-stratified subsampling, one
 * {@code RegressionTree} per round) and reports each tree. A forest is trained in groups of trees that are
 * merged, reporting after each group; its trees are the same as those of one call with the same seeds.
 *
 * <p>Instances are immutable and may be shared; {@link #train} is safe to call from several threads.
 */
public final class ModelTrainer {

    /** Column names given to Smile; never shown to users. */
    private static final String LABEL = "converted";
    private static final int FOREST_GROUPS = 10;

    private final TrainingOptions options;
    private final Clock clock;

    public ModelTrainer(TrainingOptions options, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ModelTrainer(TrainingOptions options) {
        this(options, Clock.systemUTC());
    }

    public TrainingOptions options() {
        return options;
    }

    /**
     * @param train      older leads to fit on; needs converters and non-converters
     * @param validation the most recent leads, for calibration and metrics; same schema, at least 2 rows
     * @param listener   receives progress on this thread
     * @throws IllegalArgumentException when the schemas differ
     * @throws NotEnoughOutcomesException when the training rows hold only one outcome or validation has under 2 rows
     */
    public TrainingResult train(TrainingData train, TrainingData validation, TrainingListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (!train.schema().equals(validation.schema())) {
            throw new IllegalArgumentException("Training and validation rows were built for different schemas: "
                    + train.schema().fingerprint() + " and " + validation.schema().fingerprint());
        }
        int positives = train.positives();
        if (positives == 0 || positives == train.rows()) {
            throw new NotEnoughOutcomesException("Cannot train on " + train.rows() + " snapshots of which "
                    + (positives == 0 ? "none" : "every one") + " converted: both outcomes are needed");
        }
        if (validation.rows() < 2) {
            throw new NotEnoughOutcomesException("Invalid validation window: " + validation.rows()
                    + " snapshots, expected at least 2");
        }

        listener.stageStarted(TrainingStage.FITTING);
        SmileModel smile;
        CompiledModel model;
        int p = train.schema().size();
        switch (options.algorithm()) {
            case GRADIENT_BOOSTING -> {
                BoostedTrees boosted = boost(train, listener);
                smile = SmileModel.boosting(boosted.model);
                model = SmileCompiler.boosting(boosted.model.trees(), boosted.intercept, options.shrinkage(), p);
            }
            case RANDOM_FOREST -> {
                RandomForest forest = forest(train, positives, listener);
                smile = SmileModel.forest(forest);
                model = SmileCompiler.forest(forest, p);
            }
            case LOGISTIC_REGRESSION -> {
                double[][] x = train.x();
                double[] means = new double[p];
                double[] scales = new double[p];
                standardise(x, means, scales);
                LogisticRegression.Binomial fitted = LogisticRegression.binomial(x, train.y(), options.l2(),
                        options.tolerance(), options.maxIterations());
                listener.treesTrained(1, 1);
                smile = SmileModel.logistic(fitted, means, scales);
                model = SmileCompiler.logistic(fitted, means, scales);
            }
            default -> throw new IllegalStateException("Unknown algorithm " + options.algorithm());
        }

        listener.stageStarted(TrainingStage.CALIBRATING);
        double[] raw = rawScores(model, validation);
        int[] labels = validation.y();
        double[] crossFitted = CalibrationFitter.crossFitted(options.calibration(), raw, labels, options.algorithm());
        Calibration calibration = CalibrationFitter.fit(options.calibration(), raw, labels, options.algorithm());

        listener.stageStarted(TrainingStage.EVALUATING);
        double[] shipped = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            shipped[i] = calibration.probability(raw[i]);
        }
        ModelMetrics metrics = Evaluator.evaluate(shipped, crossFitted, labels);
        double[] ages = validation.ageDays();
        List<AgeBandMetrics> byAge = ages == null ? List.of()
                : Evaluator.byAge(shipped, crossFitted, labels, ages, AgeBand.DEFAULTS);

        return new TrainingResult(options, train.schema(), model, calibration, metrics, byAge,
                new DataWindow(train.from(), train.to(), train.rows(), positives),
                new DataWindow(validation.from(), validation.to(), validation.rows(), validation.positives()),
                clock.instant(), smile);
    }

    /** Rows scored together when the validation window is scored: a block of rows is copied at a time, not all. */
    private static final int SCORING_BLOCK = 4_096;

    private static double[] rawScores(CompiledModel model, TrainingData data) {
        int n = data.rows();
        double[] raw = new double[n];
        double[] block = new double[Math.min(n, SCORING_BLOCK)];
        for (int first = 0; first < n; first += SCORING_BLOCK) {
            int count = Math.min(SCORING_BLOCK, n - first);
            model.rawScores(data.flatRows(first, count), count, block);
            System.arraycopy(block, 0, raw, first, count);
        }
        return raw;
    }

    private record BoostedTrees(GradientTreeBoost model, double intercept) {
    }

    /**
     * Smile 3.1.1's {@code GradientTreeBoost.train2}, step for step, with a progress report per tree: the same
     * loss, intercept, stratified sampling and trees, so the model is the one {@code GradientTreeBoost.fit}
     * would return for the same generator state. On snapshots of leads the sampling draws several rows per lead and
     * the loss weighs a leaf's rows by their draws ({@link WeightedLogisticLoss}, Smile's loss for draws of 0 and 1).
     */
    private BoostedTrees boost(TrainingData train, TrainingListener listener) {
        int n = train.rows();
        DataFrame data = frame(train);
        Formula formula = Formula.lhs(LABEL).expand(data.schema());
        DataFrame x = formula.x(data);
        int[][] order = CART.order(x);
        ClassLabels codec = ClassLabels.fit(train.y());
        int[] y = codec.y;
        int[] classCount = new int[2];
        for (int label : y) {
            classCount[label]++;
        }
        Loss loss = new WeightedLogisticLoss(y);
        double b = loss.intercept(null);
        double[] h = loss.residual();
        LeadSampler byLead = train.hasGroups() ? new LeadSampler(train.groups(), y, options.snapshotsPerLead(), options.seed()) : null;
        if (byLead != null) {
            b = byLead.intercept();
            Arrays.fill(h, b);
        }
        StructField response = new StructField("residual", DataTypes.DoubleType);
        int trees = options.trees();
        RegressionTree[] forest = new RegressionTree[trees];
        int[] permutation = IntStream.range(0, n).toArray();
        int[] samples = new int[n];
        double shrinkage = options.shrinkage();
        int nodeSize = byLead == null ? options.minNodeSize() : options.minNodeSize() * options.snapshotsPerLead();

        MathEx.setSeed(options.seed());
        for (int t = 0; t < trees; t++) {
            if (byLead == null) {
                stratifiedSample(samples, permutation, classCount, y, options.subsample());
            } else {
                byLead.sample(samples, options.subsample());
            }
            RegressionTree tree = new RegressionTree(x, loss, response, options.maxDepth(), options.maxLeaves(),
                    nodeSize, x.ncol(), samples, order);
            forest[t] = tree;
            for (int i = 0; i < n; i++) {
                h[i] += shrinkage * tree.predict(x.get(i));
            }
            listener.treesTrained(t + 1, trees);
        }
        double[] importance = new double[x.ncol()];
        for (RegressionTree tree : forest) {
            double[] imp = tree.importance();
            for (int j = 0; j < imp.length; j++) {
                importance[j] += imp[j];
            }
        }
        return new BoostedTrees(new GradientTreeBoost(formula, forest, b, shrinkage, importance, codec.classes), b);
    }

    /**
     * One row per lead for each tree, then a class-stratified share of those leads without replacement, each
     * chosen lead then drawing {@code draws − 1} more of its rows with replacement, all from the run's seed: a row's
     * sample count is how often it was drawn. With one draw per lead this is the sampling of earlier releases,
     * draw for draw. Rows of a lead are found through a compressed index (rows of lead g at
     * {@code rows[start[g]] … rows[start[g + 1] − 1]}).
     */
    static final class LeadSampler {
        private final int[] y;
        private final int[] start;
        private final int[] rows;
        private final int[] chosen;
        private final int[] groupOf;
        private final int draws;
        private final SplittableRandom random;

        LeadSampler(int[] groups, int[] y, int draws, long seed) {
            this.y = y;
            this.draws = draws;
            int leads = 0;
            for (int g : groups) {
                leads = Math.max(leads, g + 1);
            }
            int[] count = new int[leads + 1];
            for (int g : groups) {
                count[g + 1]++;
            }
            for (int g = 0; g < leads; g++) {
                count[g + 1] += count[g];
            }
            start = count.clone();
            rows = new int[groups.length];
            int[] fill = Arrays.copyOf(count, leads);
            for (int i = 0; i < groups.length; i++) {
                rows[fill[groups[i]]++] = i;
            }
            int present = 0;
            for (int g = 0; g < leads; g++) {
                present += start[g + 1] > start[g] ? 1 : 0;
            }
            chosen = new int[present];
            random = new SplittableRandom(seed);
            groupOf = groups.clone();
        }

        /** ½·ln((1 + μ)/(1 − μ)), μ the mean of the ±1 labels with each lead's rows weighing 1 together. */
        double intercept() {
            double sum = 0;
            int leads = 0;
            for (int g = 0; g + 1 < start.length; g++) {
                int k = start[g + 1] - start[g];
                if (k == 0) {
                    continue;
                }
                double lead = 0;
                for (int r = start[g]; r < start[g + 1]; r++) {
                    lead += 2 * y[rows[r]] - 1;
                }
                sum += lead / k;
                leads++;
            }
            double mu = sum / leads;
            return 0.5 * Math.log((1 + mu) / (1 - mu));
        }

        void sample(int[] samples, double share) {
            Arrays.fill(samples, 0);
            int m = 0;
            int[] classCount = new int[2];
            for (int g = 0; g + 1 < start.length; g++) {
                int k = start[g + 1] - start[g];
                if (k > 0) {
                    int row = rows[start[g] + (k == 1 ? 0 : random.nextInt(k))];
                    chosen[m++] = row;
                    classCount[y[row]]++;
                }
            }
            for (int i = m - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = chosen[i];
                chosen[i] = chosen[j];
                chosen[j] = swap;
            }
            for (int c = 0; c < 2; c++) {
                int wanted = (int) Math.round(classCount[c] * share);
                for (int i = 0, taken = 0; i < m && taken < wanted; i++) {
                    if (y[chosen[i]] == c) {
                        samples[chosen[i]]++;
                        if (draws > 1) {
                            int g = groupOf[chosen[i]];
                            int k = start[g + 1] - start[g];
                            for (int d = 1; d < draws; d++) {
                                samples[rows[start[g] + (k == 1 ? 0 : random.nextInt(k))]]++;
                            }
                        }
                        taken++;
                    }
                }
            }
        }
    }

    /** Smile's {@code GradientTreeBoost.sampling}: the first round(share · n_c) rows of class c in a fresh permutation. */
    private static void stratifiedSample(int[] samples, int[] permutation, int[] classCount, int[] y, double share) {
        int n = samples.length;
        Arrays.fill(samples, 0);
        MathEx.permutate(permutation);
        for (int c = 0; c < classCount.length; c++) {
            int wanted = (int) Math.round(classCount[c] * share);
            for (int i = 0, taken = 0; i < n && taken < wanted; i++) {
                int row = permutation[i];
                if (y[row] == c) {
                    samples[row] = 1;
                    taken++;
                }
            }
        }
    }

    private RandomForest forest(TrainingData train, int positives, TrainingListener listener) {
        DataFrame data = frame(train);
        Formula formula = Formula.lhs(LABEL);
        int p = train.schema().size();
        int negatives = train.rows() - positives;
        // Smile draws n_c / weight_c rows of class c per tree: weighting the larger class by the ratio of the
        // class sizes draws about as many of it as of the smaller one.
        int[] classWeight = {1, 1};
        if (options.balanceClasses()) {
            if (negatives >= positives) {
                classWeight[0] = Math.max(1, negatives / positives);
            } else {
                classWeight[1] = Math.max(1, positives / negatives);
            }
        }
        int mtry = options.featuresPerSplit() == 0 ? Math.max(1, (int) Math.sqrt(p)) : Math.min(p, options.featuresPerSplit());
        long[] seeds = treeSeeds(options.seed(), options.trees());
        int trees = options.trees();
        int groupSize = Math.max(1, (trees + FOREST_GROUPS - 1) / FOREST_GROUPS);
        RandomForest forest = null;
        for (int first = 0; first < trees; first += groupSize) {
            int size = Math.min(groupSize, trees - first);
            RandomForest group = RandomForest.fit(formula, data, size, mtry, SplitRule.GINI, options.maxDepth(),
                    options.maxLeaves(), options.minNodeSize(), options.subsample(), classWeight,
                    LongStream.of(Arrays.copyOfRange(seeds, first, first + size)));
            forest = forest == null ? group : forest.merge(group);
            listener.treesTrained(first + size, trees);
        }
        return forest;
    }

    /** Distinct per-tree seeds above 1 (Smile leaves the generator alone for seeds of 1 or less). */
    static long[] treeSeeds(long seed, int trees) {
        SplittableRandom random = new SplittableRandom(seed);
        LinkedHashSet<Long> seeds = new LinkedHashSet<>();
        while (seeds.size() < trees) {
            seeds.add(random.nextLong(2, Long.MAX_VALUE));
        }
        return seeds.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Smile's frame over the training data's own columns: feature j is column {@code "f" + j}, the label
     * {@value #LABEL}. The columns are wrapped, not copied (Smile's trees only read them), so the rows are held once.
     */
    static DataFrame frame(TrainingData train) {
        double[][] columns = train.columnsForTraining();
        BaseVector<?, ?, ?>[] vectors = new BaseVector<?, ?, ?>[columns.length + 1];
        for (int j = 0; j < columns.length; j++) {
            vectors[j] = DoubleVector.of("f" + j, columns[j]);
        }
        vectors[columns.length] = IntVector.of(LABEL, train.labelsForTraining());
        return DataFrame.of(vectors);
    }

    /**
     * Standardises {@code x} in place, column by column, to mean 0 and standard deviation 1; a constant column
     * keeps scale 1. The expression {@code (x − mean) / scale} is the one {@code LinearModel} evaluates.
     */
    static void standardise(double[][] x, double[] means, double[] scales) {
        int n = x.length;
        int p = means.length;
        for (int j = 0; j < p; j++) {
            double sum = 0;
            for (double[] row : x) {
                sum += row[j];
            }
            double mean = sum / n;
            double squares = 0;
            for (double[] row : x) {
                squares += (row[j] - mean) * (row[j] - mean);
            }
            double sd = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
            means[j] = mean;
            scales[j] = sd > 1e-12 ? sd : 1.0;
        }
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                row[j] = (row[j] - means[j]) / scales[j];
            }
        }
    }
}
