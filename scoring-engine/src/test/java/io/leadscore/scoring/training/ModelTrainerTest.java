package io.leadscore.scoring.training;

import io.leadscore.scoring.features.FeatureSchema;
import io.leadscore.scoring.scoring.Algorithm;
import io.leadscore.scoring.scoring.CalibrationMethod;
import io.leadscore.scoring.scoring.CompiledModel;
import io.leadscore.scoring.scoring.IsotonicCalibration;
import io.leadscore.scoring.scoring.PlattCalibration;
import io.leadscore.scoring.scoring.TreeEnsemble;
import io.leadscore.scoring.scoring.Uncalibrated;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import smile.data.DataFrame;
import smile.data.vector.IntVector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ModelTrainerTest {

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void compiledModelGivesSmilesProbabilityOnEveryValidationRow(Algorithm algorithm) {
        TrainingResult result = TrainedModels.result(algorithm);
        double[][] x = TrainedModels.validation().x();

        for (double[] row : x) {
            assertThat(result.model().probability(row)).isCloseTo(result.smileModel().probability(row), within(1e-12));
        }
    }

    @Test
    void compiledBoostingIsBitForBitSmile() {
        TrainingResult result = TrainedModels.result(Algorithm.GRADIENT_BOOSTING);
        for (double[] row : TrainedModels.validation().x()) {
            assertThat(result.model().probability(row)).isEqualTo(result.smileModel().probability(row));
        }
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void batchScoresEqualSingleScores(Algorithm algorithm) {
        CompiledModel model = TrainedModels.result(algorithm).model();
        TrainingData validation = TrainedModels.validation();
        // 150 rows: two full blocks of the tree scorer and a partial one.
        int n = 150;
        double[] flat = validation.flatRows();
        double[] out = new double[n];
        model.rawScores(flat, n, out);
        double[][] x = validation.x();
        for (int i = 0; i < n; i++) {
            assertThat(out[i]).isEqualTo(model.rawScore(x[i]));
        }
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void findsTheSignalInSyntheticLeads(Algorithm algorithm) {
        // The true probabilities of SyntheticLeads reach an AUC of about 0.81 on these rows; a model of
        // 4,000 rows should get within a few points of it.
        assertThat(TrainedModels.result(algorithm).validationMetrics().auc()).isGreaterThan(0.72);
    }

    @Test
    void defaultsTrainABoostedModelWithinDepthSix() {
        TrainingOptions options = TrainingOptions.defaults().toBuilder().trees(5).build();
        TrainingResult result = new ModelTrainer(options).train(TrainedModels.train(), TrainedModels.validation(),
                TrainingListener.NONE);

        TreeEnsemble trees = (TreeEnsemble) result.model();
        assertThat(trees.treeCount()).isEqualTo(5);
        // Smile's depth 6 counts the root as level 1: five decisions at most.
        assertThat(trees.maxDepth()).isLessThanOrEqualTo(5);
        assertThat(result.calibration()).isInstanceOf(PlattCalibration.class);
    }

    @Test
    void sameSeedGivesTheSameModelAndAnotherSeedAnother() {
        TrainingOptions options = TrainedModels.options(Algorithm.GRADIENT_BOOSTING).toBuilder().trees(8).build();
        TreeEnsemble first = train(options);
        TreeEnsemble again = train(options);
        TreeEnsemble other = train(options.toBuilder().seed(8).build());

        assertThat(again.thresholds()).isEqualTo(first.thresholds());
        assertThat(again.values()).isEqualTo(first.values());
        assertThat(other.values()).isNotEqualTo(first.values());
    }

    @Test
    void forestIsDeterministicDespiteParallelTrees() {
        TrainingOptions options = TrainedModels.options(Algorithm.RANDOM_FOREST).toBuilder().trees(6).build();
        TreeEnsemble first = train(options);
        TreeEnsemble again = train(options);

        assertThat(again.thresholds()).isEqualTo(first.thresholds());
        assertThat(again.values()).isEqualTo(first.values());
    }

    private static TreeEnsemble train(TrainingOptions options) {
        return (TreeEnsemble) new ModelTrainer(options)
                .train(TrainedModels.train(), TrainedModels.validation(), TrainingListener.NONE).model();
    }

    @Test
    void reportsEveryTreeAndEveryStageInOrder() {
        List<String> events = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void treesTrained(int done, int total) {
                events.add(done + "/" + total);
            }

            @Override
            public void stageStarted(TrainingStage stage) {
                events.add(stage.name());
            }
        };
        TrainingOptions options = TrainedModels.options(Algorithm.GRADIENT_BOOSTING).toBuilder().trees(3).build();

        new ModelTrainer(options).train(TrainedModels.train(), TrainedModels.validation(), listener);

        assertThat(events).containsExactly("FITTING", "1/3", "2/3", "3/3", "CALIBRATING", "EVALUATING");
    }

    @Test
    void forestReportsProgressInGroupsUpToAllTrees() {
        List<Integer> done = new ArrayList<>();
        TrainingOptions options = TrainedModels.options(Algorithm.RANDOM_FOREST).toBuilder().trees(12).build();

        new ModelTrainer(options).train(TrainedModels.train(), TrainedModels.validation(), (d, total) -> done.add(d));

        assertThat(done).isSorted().endsWith(12);
        assertThat(done.size()).isGreaterThan(1);
    }

    @Test
    void appliesTheChosenCalibration() {
        TrainingOptions base = TrainedModels.options(Algorithm.LOGISTIC_REGRESSION);
        TrainingResult isotonic = new ModelTrainer(base.toBuilder().calibration(CalibrationMethod.ISOTONIC).build())
                .train(TrainedModels.train(), TrainedModels.validation(), TrainingListener.NONE);
        TrainingResult none = new ModelTrainer(base.toBuilder().calibration(CalibrationMethod.NONE).build())
                .train(TrainedModels.train(), TrainedModels.validation(), TrainingListener.NONE);

        assertThat(isotonic.calibration()).isInstanceOf(IsotonicCalibration.class);
        assertThat(none.calibration()).isEqualTo(new Uncalibrated(Algorithm.LOGISTIC_REGRESSION));
    }

    @Test
    void recordsWindowsCountsAndTheClock() {
        Instant now = Instant.parse("2025-01-02T03:04:05Z");
        TrainingResult result = new ModelTrainer(TrainedModels.options(Algorithm.LOGISTIC_REGRESSION),
                Clock.fixed(now, ZoneOffset.UTC)).train(TrainedModels.train(), TrainedModels.validation(), TrainingListener.NONE);

        assertThat(result.trainedAt()).isEqualTo(now);
        assertThat(result.trainingWindow().rows()).isEqualTo(TrainedModels.TRAIN_ROWS);
        assertThat(result.trainingWindow().positives()).isEqualTo(TrainedModels.train().positives());
        assertThat(result.trainingWindow().from()).isEqualTo(SyntheticLeads.TRAIN_FROM);
        assertThat(result.validationWindow().to()).isEqualTo(SyntheticLeads.VALIDATION_TO);
        assertThat(result.validationMetrics().rows()).isEqualTo(TrainedModels.VALIDATION_ROWS);
    }

    @Test
    void syntheticLeadsAreImbalancedLikeRealOnes() {
        double rate = (double) TrainedModels.train().positives() / TrainedModels.TRAIN_ROWS;
        assertThat(rate).isBetween(0.03, 0.10);
    }

    @Test
    void boostingOnSnapshotsWeighsEveryLeadTheSameWhateverItsNumberOfRows() {
        // given the training leads, with every converter looked at ten times (ten rows of one lead)
        TrainingData train = TrainedModels.train();
        double[][] x = train.x();
        int[] y = train.y();
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Integer> leads = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            for (int copy = 0; copy < (y[i] == 1 ? 10 : 1); copy++) {
                rows.add(x[i]);
                labels.add(y[i]);
                leads.add(i);
            }
        }
        double[][] rx = rows.toArray(double[][]::new);
        int[] ry = labels.stream().mapToInt(Integer::intValue).toArray();
        int[] groups = leads.stream().mapToInt(Integer::intValue).toArray();
        TrainingData byLead = new TrainingData(train.schema(), rx, ry, train.from(), train.to(), groups, null);
        TrainingData asRows = new TrainingData(train.schema(), rx, ry, train.from(), train.to());
        TrainingOptions options = TrainedModels.options(Algorithm.GRADIENT_BOOSTING);

        // when trained with the rows tied to their leads, and as independent rows
        CompiledModel fair = new ModelTrainer(options).train(byLead, TrainedModels.validation(), TrainingListener.NONE).model();
        CompiledModel inflated = new ModelTrainer(options).train(asRows, TrainedModels.validation(), TrainingListener.NONE).model();

        // then the leads-weighted model's mean probability on the leads stays near their conversion rate
        Uncalibrated link = new Uncalibrated(Algorithm.GRADIENT_BOOSTING);
        double rate = (double) train.positives() / train.rows();
        double fairMean = 0;
        double inflatedMean = 0;
        for (double[] row : x) {
            fairMean += link.probability(fair.rawScore(row)) / x.length;
            inflatedMean += link.probability(inflated.rawScore(row)) / x.length;
        }
        assertThat(fairMean).isCloseTo(rate, within(0.25 * rate));
        assertThat(inflatedMean).isGreaterThan(2 * rate);
    }

    @Test
    void framesTheTrainingDatasOwnColumnsAsSmileWouldFrameItsRows() {
        // given training data handed over as columns, and the same rows framed the way Smile frames rows
        TrainingData rows = TrainedModels.train();
        double[][] x = rows.x();
        int p = rows.schema().size();
        double[][] columns = new double[p][x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < p; j++) {
                columns[j][i] = x[i][j];
            }
        }
        TrainingData fromColumns = TrainingData.ofColumns(rows.schema(), columns, rows.y(), rows.from(), rows.to(),
                null, null);
        String[] names = new String[p];
        for (int j = 0; j < p; j++) {
            names[j] = "f" + j;
        }
        DataFrame copied = DataFrame.of(x, names).merge(IntVector.of("converted", rows.y()));

        // when
        DataFrame framed = ModelTrainer.frame(fromColumns);

        // then the frames agree in schema and in every cell, and the frame reads the columns in place
        assertThat(framed.schema()).isEqualTo(copied.schema());
        assertThat(framed.size()).isEqualTo(copied.size());
        for (int j = 0; j <= p; j++) {
            for (int i = 0; i < x.length; i++) {
                assertThat(framed.getDouble(i, j)).isEqualTo(copied.getDouble(i, j));
            }
        }
        assertThat(framed.column(0).toDoubleArray()).isEqualTo(columns[0]);
        columns[0][0] += 1;
        assertThat(framed.getDouble(0, 0)).isEqualTo(columns[0][0]);
    }

    @Test
    void trainsTheSameBoostedModelAsTheReleaseThatCopiedTheRowsIntoSmilesFrame() {
        // The raw scores of the synthetic leads' boosted models (one row per lead, and three rows per lead with one
        // draw per lead per tree) as the trainer that copied the rows three times computed them: the column frame
        // changes no bit of the model.
        double[][] x = TrainedModels.validation().x();
        TrainingData train = TrainedModels.train();
        int[] groups = new int[train.rows()];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = i / 3;
        }
        TrainingData threePerLead = new TrainingData(train.schema(), train.x(), train.y(), train.from(), train.to(),
                groups, null);
        TrainingOptions oneDraw = TrainedModels.options(Algorithm.GRADIENT_BOOSTING).toBuilder().snapshotsPerLead(1).build();
        int boosted = scoreFingerprint(TrainedModels.result(Algorithm.GRADIENT_BOOSTING).model(), x);
        int spine = scoreFingerprint(new ModelTrainer(oneDraw).train(threePerLead, TrainedModels.validation(),
                TrainingListener.NONE).model(), x);

        assertThat(boosted).isEqualTo(BOOSTED_FINGERPRINT);
        assertThat(spine).isEqualTo(SPINE_FINGERPRINT);
    }

    private static final int BOOSTED_FINGERPRINT = -2136600410;
    private static final int SPINE_FINGERPRINT = -1423300574;

    /** A hash of every raw score's bits. */
    private static int scoreFingerprint(CompiledModel model, double[][] x) {
        double[] raw = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            raw[i] = model.rawScore(x[i]);
        }
        return Arrays.hashCode(raw);
    }

    @Test
    void drawsTheSameNumberOfSnapshotsForEveryChosenLeadAndAStratifiedShareOfTheLeads() {
        // given 300 leads with 1 to 5 rows each, a lead's rows all of its class (30 converting leads)
        List<Integer> groupList = new ArrayList<>();
        List<Integer> labelList = new ArrayList<>();
        for (int g = 0; g < 300; g++) {
            for (int k = 0; k <= g % 5; k++) {
                groupList.add(g);
                labelList.add(g % 10 == 0 ? 1 : 0);
            }
        }
        int[] groups = groupList.stream().mapToInt(Integer::intValue).toArray();
        int[] y = labelList.stream().mapToInt(Integer::intValue).toArray();
        ModelTrainer.LeadSampler sampler = new ModelTrainer.LeadSampler(groups, y, 3, 7);
        int[] samples = new int[y.length];

        for (int tree = 0; tree < 20; tree++) {
            // when a tree's sample is drawn
            sampler.sample(samples, 0.5);

            // then every chosen lead has 3 draws among its rows, and half of each class's leads are chosen
            int[] perLead = new int[300];
            for (int i = 0; i < y.length; i++) {
                perLead[groups[i]] += samples[i];
            }
            int[] chosen = new int[2];
            for (int g = 0; g < 300; g++) {
                assertThat(perLead[g]).as("draws of lead %d", g).isIn(0, 3);
                chosen[g % 10 == 0 ? 1 : 0] += perLead[g] == 3 ? 1 : 0;
            }
            assertThat(chosen).containsExactly(135, 15);
        }
    }

    @Test
    void drawsSeveralSnapshotsPerLeadByDefaultAndRecordsIt() {
        TrainingResult result = TrainedModels.spineResult();

        assertThat(TrainingOptions.defaults().snapshotsPerLead()).isEqualTo(3);
        assertThat(result.options().hyperparameters()).containsEntry("snapshotsPerLead", "3");
        assertThat(result.validationMetrics().auc()).isGreaterThan(0.72);
    }

    @Test
    void measuresTheValidationWindowByAgeBandWhenItsRowsCarryTheirAges() {
        TrainingResult result = TrainedModels.spineResult();

        assertThat(result.validationByAge()).hasSize(6);
        assertThat(result.validationByAge().stream().mapToInt(b -> b.metrics().rows()).sum())
                .isEqualTo(TrainedModels.VALIDATION_ROWS);
        assertThat(TrainedModels.result(Algorithm.GRADIENT_BOOSTING).validationByAge()).isEmpty();
    }

    @Nested
    class Refuses {

        @Test
        void validationRowsOfAnotherSchema() {
            TrainingData other = SyntheticLeads.validation(TrainedModels.FEATURES + 1, 100, 1);

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                    new ModelTrainer(TrainingOptions.defaults()).train(TrainedModels.train(), other, TrainingListener.NONE));
            assertThat(e).hasMessageContaining("different schemas");
        }

        @Test
        void trainingRowsWithOneOutcome() {
            FeatureSchema schema = SyntheticLeads.schema(16);
            TrainingData allNegative = new TrainingData(schema, new double[][]{new double[16], new double[16]},
                    new int[]{0, 0}, SyntheticLeads.TRAIN_FROM, SyntheticLeads.TRAIN_TO);

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                    new ModelTrainer(TrainingOptions.defaults()).train(allNegative, allNegative, TrainingListener.NONE));
            assertThat(e).hasMessageContaining("both outcomes");
        }
    }
}
