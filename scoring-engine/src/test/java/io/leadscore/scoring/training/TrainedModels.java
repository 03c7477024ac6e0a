package io.leadscore.scoring.training;

import io.leadscore.scoring.scoring.Algorithm;

import java.util.EnumMap;
import java.util.Map;

/**
 * Small models of each algorithm on seeded synthetic leads, trained once per test JVM and shared by the test
 * classes that only read them (training several times over would make the suite slow, not stronger).
 */
public final class TrainedModels {

    public static final int FEATURES = 24;
    public static final int TRAIN_ROWS = 4000;
    public static final int VALIDATION_ROWS = 2000;

    private static final TrainingData TRAIN = SyntheticLeads.training(FEATURES, TRAIN_ROWS, 11);
    private static final TrainingData VALIDATION = SyntheticLeads.validation(FEATURES, VALIDATION_ROWS, 12);
    private static final Map<Algorithm, TrainingResult> RESULTS = new EnumMap<>(Algorithm.class);

    private TrainedModels() {
    }

    public static TrainingData train() {
        return TRAIN;
    }

    public static TrainingData validation() {
        return VALIDATION;
    }

    /** Options small enough for a unit test: tens of trees, shallow. */
    public static TrainingOptions options(Algorithm algorithm) {
        TrainingOptions.Builder b = TrainingOptions.builder(algorithm).seed(7);
        return switch (algorithm) {
            case GRADIENT_BOOSTING -> b.trees(40).maxDepth(4).maxLeaves(12).minNodeSize(10).build();
            case RANDOM_FOREST -> b.trees(30).maxDepth(8).maxLeaves(64).minNodeSize(5).build();
            case LOGISTIC_REGRESSION -> b.build();
        };
    }

    /**
     * Gradient boosting on snapshots: the training rows in groups of three (three snapshots of one lead) and the
     * validation rows with lead ages from 0 to 399 days, so that it has metrics in every default age band.
     */
    public static synchronized TrainingResult spineResult() {
        if (spine == null) {
            int[] groups = new int[TRAIN_ROWS];
            for (int i = 0; i < TRAIN_ROWS; i++) {
                groups[i] = i / 3;
            }
            double[] ages = new double[VALIDATION_ROWS];
            for (int i = 0; i < VALIDATION_ROWS; i++) {
                ages[i] = i % 400;
            }
            TrainingData train = new TrainingData(TRAIN.schema(), TRAIN.x(), TRAIN.y(), TRAIN.from(), TRAIN.to(), groups, null);
            TrainingData validation = new TrainingData(VALIDATION.schema(), VALIDATION.x(), VALIDATION.y(), VALIDATION.from(),
                    VALIDATION.to(), null, ages);
            spine = new ModelTrainer(options(Algorithm.GRADIENT_BOOSTING)).train(train, validation, TrainingListener.NONE);
        }
        return spine;
    }

    private static TrainingResult spine;

    public static synchronized TrainingResult result(Algorithm algorithm) {
        return RESULTS.computeIfAbsent(algorithm,
                a -> new ModelTrainer(options(a)).train(TRAIN, VALIDATION, TrainingListener.NONE));
    }
}
