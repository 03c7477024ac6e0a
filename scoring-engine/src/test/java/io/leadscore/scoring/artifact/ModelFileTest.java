package io.leadscore.scoring.artifact;

import io.leadscore.scoring.evaluation.ModelMetrics;
import io.leadscore.scoring.scoring.Algorithm;
import io.leadscore.scoring.scoring.CalibrationMethod;
import io.leadscore.scoring.scoring.GradeBands;
import io.leadscore.scoring.scoring.Scorer;
import io.leadscore.scoring.scoring.TreeEnsemble;
import io.leadscore.scoring.training.ModelTrainer;
import io.leadscore.scoring.training.TrainedModels;
import io.leadscore.scoring.training.TrainingListener;
import io.leadscore.scoring.training.TrainingResult;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ModelFileTest {

    private static final Map<String, String> SETTINGS = Map.of("engagementHalfLifeDays", "14");

    private static ModelArtifact artifact(Algorithm algorithm) {
        return TrainedModels.result(algorithm).toArtifact("test-" + algorithm, SETTINGS, "0.1.0-test");
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void roundTripKeepsEveryPartAndEveryScore(Algorithm algorithm, @TempDir Path dir) throws IOException {
        ModelArtifact written = artifact(algorithm);
        Path file = dir.resolve("model.lsmodel");

        ModelFile.write(written, file);
        ModelArtifact read = ModelFile.read(file);

        assertThat(read.schema()).isEqualTo(written.schema());
        assertThat(read.schema().features()).isEqualTo(written.schema().features());
        assertThat(read.extractorSettings()).isEqualTo(SETTINGS);
        assertThat(read.calibration()).isEqualTo(written.calibration());
        // Records compare doubles with Double.compare, so undefined (NaN) precisions compare equal too.
        assertThat(read.provenance()).isEqualTo(written.provenance());
        assertThat(read.model().algorithm()).isEqualTo(algorithm);
        Scorer before = written.scorer(GradeBands.relativeTo(0.1));
        Scorer after = read.scorer(GradeBands.relativeTo(0.1));
        for (double[] x : TrainedModels.validation().x()) {
            assertThat(after.score(x)).isEqualTo(before.score(x));
        }
        assertThat(ModelFile.toBytes(read)).isEqualTo(ModelFile.toBytes(written));
    }

    @Test
    void keepsAnIsotonicCalibration() throws IOException {
        TrainingResult result = new ModelTrainer(TrainedModels.options(Algorithm.LOGISTIC_REGRESSION).toBuilder()
                .calibration(CalibrationMethod.ISOTONIC).build())
                .train(TrainedModels.train(), TrainedModels.validation(), TrainingListener.NONE);
        ModelArtifact written = result.toArtifact("iso", SETTINGS, "0.1.0-test");

        ModelArtifact read = ModelFile.fromBytes(ModelFile.toBytes(written));

        assertThat(read.calibration()).isEqualTo(written.calibration());
    }

    @Test
    void recordsProvenance() {
        Provenance p = artifact(Algorithm.GRADIENT_BOOSTING).provenance();

        assertThat(p.modelVersion()).isEqualTo("test-GRADIENT_BOOSTING");
        assertThat(p.algorithm()).isEqualTo(Algorithm.GRADIENT_BOOSTING);
        assertThat(p.seed()).isEqualTo(7);
        assertThat(p.hyperparameters()).containsEntry("trees", "40").containsEntry("calibration", "PLATT");
        assertThat(p.training().rows()).isEqualTo(TrainedModels.TRAIN_ROWS);
        assertThat(p.validation().positives()).isEqualTo(TrainedModels.validation().positives());
        assertThat(p.smileVersion()).isEqualTo("3.1.1");
        assertThat(p.javaVersion()).isEqualTo(System.getProperty("java.version"));
        assertThat(p.metrics().thresholdCurve().points()).hasSize(101);
    }

    @Test
    void keepsTheClaimTheTrainingSetAndTheMetricsByAge() throws ModelFileException {
        ModelArtifact written = TrainedModels.spineResult().toArtifact("spine", SETTINGS, "0.1.0-test",
                ScoreClaim.pointInTime(180), Map.of("snapshotAges", "0h,1d, then every 91d", "maxSnapshotsPerLead", "8"));

        ModelArtifact read = ModelFile.fromBytes(ModelFile.toBytes(written));

        Provenance p = read.provenance();
        assertThat(p).isEqualTo(written.provenance());
        assertThat(p.claim().sentence()).isEqualTo("the probability that this open lead produces a won deal within 180 days of now");
        assertThat(p.trainingSet()).containsEntry("maxSnapshotsPerLead", "8");
        assertThat(p.metricsByAge()).extracting(b -> b.band().label())
                .containsExactly("0–1 d", "1–7 d", "7–30 d", "30–90 d", "90–180 d", "180+ d");
        assertThat(p.metricsByAge().stream().mapToInt(b -> b.metrics().rows()).sum()).isEqualTo(p.metrics().rows());
        assertThat(p.metricsByAge().get(5).band().toDays()).isInfinite();
    }

    @Test
    void readsAFormat1FileAsAModelTrainedAtThirtyDaysWithoutMetricsByAge() throws IOException {
        try (InputStream in = resource(ModelFileFixture.MODEL)) {
            Provenance p = ModelFile.read(in).provenance();
            assertThat(p.claim()).isEqualTo(ScoreClaim.atThirtyDays());
            assertThat(p.metricsByAge()).isEmpty();
            assertThat(p.trainingSet()).isEmpty();
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {ModelFileFixture.MODEL, ModelFileFixture.MODEL_2})
    void stillReadsTheFilesWrittenByEarlierReleasesAndScoresTheSame(String model) throws IOException {
        ModelArtifact artifact;
        try (InputStream in = resource(model)) {
            artifact = ModelFile.read(in);
        }
        List<String> lines;
        try (InputStream in = resource(model.equals(ModelFileFixture.MODEL) ? ModelFileFixture.EXPECTED
                : ModelFileFixture.EXPECTED_2)) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).toList();
        }
        Scorer scorer = artifact.scorer(GradeBands.relativeTo(0.1));

        assertThat(artifact.provenance().modelVersion()).startsWith("fixture-gbt-");
        assertThat(artifact.extractorSettings()).isEqualTo(ModelFileFixture.SETTINGS);
        assertThat(lines).hasSize(ModelFileFixture.LEADS);
        for (String line : lines) {
            double[] values = Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray();
            double[] x = Arrays.copyOf(values, values.length - 2);
            assertThat(artifact.model().rawScore(x)).isEqualTo(values[values.length - 2]);
            assertThat(scorer.score(x)).isEqualTo(values[values.length - 1]);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = ModelFileTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as("test resource " + name).isNotNull();
        return in;
    }

    @Nested
    class Refuses {

        private final byte[] good = ModelFile.toBytes(artifact(Algorithm.GRADIENT_BOOSTING));

        @Test
        void aFileWithOneByteChanged() {
            byte[] tampered = good.clone();
            tampered[ModelFile.HEADER_BYTES + 100] ^= 0x01;

            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.fromBytes(tampered));
            assertThat(e).hasMessageContaining("checksum mismatch");
        }

        @Test
        void aTruncatedFile() {
            byte[] truncated = Arrays.copyOf(good, good.length - 40);

            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.fromBytes(truncated));
            assertThat(e).hasMessageContaining("truncated").hasMessageContaining("expected " + good.length);
        }

        @Test
        void aFileCutInsideItsHeader() {
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.fromBytes(Arrays.copyOf(good, 10)));
            assertThat(e).hasMessageContaining("truncated");
        }

        @Test
        void somethingElseEntirely() {
            byte[] javaSerialised = {(byte) 0xAC, (byte) 0xED, 0x00, 0x05, 0x73, 0x72, 0, 0, 0, 0};

            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.fromBytes(javaSerialised));
            assertThat(e).hasMessageStartingWith("Not a leadscore model file");
        }

        @Test
        void aNewerFormat() {
            byte[] newer = good.clone();
            ByteBuffer.wrap(newer).putInt(ModelFile.MAGIC.length, ModelFile.FORMAT_VERSION + 1);

            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.fromBytes(newer));
            assertThat(e).hasMessageContaining("format version " + (ModelFile.FORMAT_VERSION + 1)).hasMessageContaining("newer release");
        }

        @Test
        void bytesAfterTheEnd() {
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.fromBytes(Arrays.copyOf(good, good.length + 3)));
            assertThat(e).hasMessageContaining("3 unexpected bytes");
        }

        @Test
        void aConsistentlyChecksummedFileWithABrokenTree() throws Exception {
            // Whoever can recompute the checksum still cannot slip in a tree that walks out of its arrays.
            TreeEnsemble trees = (TreeEnsemble) artifact(Algorithm.GRADIENT_BOOSTING).model();
            int[] children = trees.children();
            int firstInternal = 0;
            while (trees.isLeaf(firstInternal)) {
                firstInternal++;
            }
            byte[] needle = intsToBytes(children);
            children[firstInternal] = 1_000_000;
            byte[] forged = replace(good, needle, intsToBytes(children));
            reseal(forged);

            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.fromBytes(forged));
            assertThat(e).hasMessageContaining("content is invalid").hasMessageContaining("Invalid children of node " + firstInternal);
        }

        @Test
        void aCountLargerThanTheFile() throws Exception {
            byte[] forged = good.clone();
            // The first thing after the schema tag is the number of features.
            ByteBuffer.wrap(forged).putInt(ModelFile.HEADER_BYTES + 4, Integer.MAX_VALUE);
            reseal(forged);

            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.fromBytes(forged));
            assertThat(e).hasMessageContaining("does not fit");
        }
    }

    private static byte[] intsToBytes(int[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length);
        b.asIntBuffer().put(values);
        return b.array();
    }

    private static byte[] replace(byte[] haystack, byte[] needle, byte[] replacement) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            byte[] out = haystack.clone();
            System.arraycopy(replacement, 0, out, i, replacement.length);
            return out;
        }
        throw new AssertionError("array not found in the file");
    }

    private static void reseal(byte[] file) throws Exception {
        int end = file.length - ModelFile.CHECKSUM_BYTES;
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(file, 0, end);
        System.arraycopy(sha.digest(), 0, file, end, ModelFile.CHECKSUM_BYTES);
    }

    @Test
    void metricsSurviveTheRoundTripIncludingUndefinedValues() throws IOException {
        ModelMetrics metrics = artifact(Algorithm.RANDOM_FOREST).provenance().metrics();
        ModelArtifact read = ModelFile.fromBytes(ModelFile.toBytes(artifact(Algorithm.RANDOM_FOREST)));

        assertThat(metrics.thresholdCurve().at(1.0).precision()).isNaN();
        assertThat(read.provenance().metrics()).isEqualTo(metrics);
    }
}
