package io.leadscore.scoring.artifact;

import io.leadscore.scoring.evaluation.AgeBand;
import io.leadscore.scoring.evaluation.AgeBandMetrics;
import io.leadscore.scoring.evaluation.CalibrationBin;
import io.leadscore.scoring.evaluation.LiftBin;
import io.leadscore.scoring.evaluation.ModelMetrics;
import io.leadscore.scoring.evaluation.RocPoint;
import io.leadscore.scoring.evaluation.ThresholdCurve;
import io.leadscore.scoring.features.FeatureDefinition;
import io.leadscore.scoring.features.FeatureGroup;
import io.leadscore.scoring.features.FeatureKind;
import io.leadscore.scoring.features.FeatureSchema;
import io.leadscore.scoring.scoring.Algorithm;
import io.leadscore.scoring.scoring.Calibration;
import io.leadscore.scoring.scoring.CompiledModel;
import io.leadscore.scoring.scoring.IsotonicCalibration;
import io.leadscore.scoring.scoring.LinearModel;
import io.leadscore.scoring.scoring.PlattCalibration;
import io.leadscore.scoring.scoring.TreeEnsemble;
import io.leadscore.scoring.scoring.Uncalibrated;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes model files.
 *
 * <h2>Format, version 2</h2>
 * Big-endian throughout.
 * <pre>
 * header   8 bytes  magic "LSMODEL" followed by 0x1A
 *          4 bytes  format version (int)
 *          8 bytes  content length L (long)
 * content  L bytes  five sections, each opened by a four-letter tag:
 *                   SCHM feature schema: every field of every FeatureDefinition
 *                   XSET feature-extractor settings: string key/value pairs
 *                   MODL the compiled model: kind 1 = tree ensemble (algorithm, feature count, base, per-tree
 *                        start and depth, per-node feature, threshold, child, value, cover), kind 2 = logistic
 *                        regression (means, scales, coefficients, intercept)
 *                   CALB the calibration: 1 = Platt (slope, intercept), 2 = isotonic (knots), 3 = none (algorithm)
 *                   PROV provenance, with the validation metrics and the threshold curve; since version 2
 *                        followed by the score's claim (basis, horizon days), the training set's settings
 *                        (string pairs) and the metrics per age band (label, from and to days, metrics)
 * trailer 32 bytes  SHA-256 of header and content
 * </pre>
 * Version 1 files (no claim, no age bands) are read as models trained on one row per lead at 30 days of age.
 * Strings are a length (int) and UTF-8 bytes; arrays a length (int) and their elements; instants seconds (long)
 * and nanoseconds (int). Enumerations are stored by name and looked up among leadscore's own constants: nothing
 * read from a file names a class to load, and no Java serialisation is involved. Every length is checked
 * against the bytes that remain before anything is allocated, and the parts are validated by the same
 * constructors that guard models built in memory.
 */
public final class ModelFile {

    /** The format this release writes. It reads this one and every earlier one. */
    public static final int FORMAT_VERSION = 2;

    static final byte[] MAGIC = {'L', 'S', 'M', 'O', 'D', 'E', 'L', 0x1A};
    static final int HEADER_BYTES = MAGIC.length + 4 + 8;
    static final int CHECKSUM_BYTES = 32;
    /** Above any real model (1,000 trees of 4,096 leaves take about 260 MB); guards memory against a damaged length. */
    static final long MAX_CONTENT_BYTES = 512L * 1024 * 1024;

    private static final int SCHEMA = tag("SCHM");
    private static final int SETTINGS = tag("XSET");
    private static final int MODEL = tag("MODL");
    private static final int CALIBRATION = tag("CALB");
    private static final int PROVENANCE = tag("PROV");

    private static final byte TREES = 1;
    private static final byte LINEAR = 2;
    private static final byte PLATT = 1;
    private static final byte ISOTONIC = 2;
    private static final byte NONE = 3;

    private ModelFile() {
    }

    // ---------------------------------------------------------------- writing

    /** The complete file for {@code artifact}. */
    public static byte[] toBytes(ModelArtifact artifact) {
        try {
            ByteArrayOutputStream contentBytes = new ByteArrayOutputStream(64 * 1024);
            DataOutputStream out = new DataOutputStream(contentBytes);
            writeSchema(out, artifact.schema());
            writeSettings(out, artifact.extractorSettings());
            writeModel(out, artifact.model());
            writeCalibration(out, artifact.calibration());
            writeProvenance(out, artifact.provenance());
            out.flush();
            byte[] content = contentBytes.toByteArray();

            ByteBuffer file = ByteBuffer.allocate(HEADER_BYTES + content.length + CHECKSUM_BYTES);
            file.put(MAGIC).putInt(FORMAT_VERSION).putLong(content.length).put(content);
            file.put(sha256(file.array(), 0, HEADER_BYTES + content.length));
            return file.array();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to memory failed", e);
        }
    }

    public static void write(ModelArtifact artifact, OutputStream out) throws IOException {
        out.write(toBytes(artifact));
    }

    /** Writes to a temporary file beside {@code path} and moves it into place, so a reader never sees half a file. */
    public static void write(ModelArtifact artifact, Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, toBytes(artifact));
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException atomicMoveNotSupported) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeSchema(DataOutputStream out, FeatureSchema schema) throws IOException {
        out.writeInt(SCHEMA);
        out.writeInt(schema.size());
        for (FeatureDefinition f : schema.features()) {
            writeString(out, f.name());
            writeString(out, f.kind().name());
            writeString(out, f.group().name());
            writeString(out, f.source());
            out.writeBoolean(f.level() != null);
            if (f.level() != null) {
                writeString(out, f.level());
            }
        }
    }

    private static void writeSettings(DataOutputStream out, Map<String, String> settings) throws IOException {
        out.writeInt(SETTINGS);
        writeMap(out, settings);
    }

    private static void writeModel(DataOutputStream out, CompiledModel model) throws IOException {
        out.writeInt(MODEL);
        if (model instanceof TreeEnsemble trees) {
            out.writeByte(TREES);
            writeString(out, trees.algorithm().name());
            out.writeInt(trees.featureCount());
            out.writeDouble(trees.base());
            writeInts(out, trees.starts());
            writeInts(out, trees.depths());
            writeInts(out, trees.features());
            writeDoubles(out, trees.thresholds());
            writeInts(out, trees.children());
            writeDoubles(out, trees.values());
            writeDoubles(out, trees.covers());
        } else if (model instanceof LinearModel linear) {
            out.writeByte(LINEAR);
            writeDoubles(out, linear.means());
            writeDoubles(out, linear.scales());
            writeDoubles(out, linear.weights());
            out.writeDouble(linear.intercept());
        } else {
            throw new IllegalArgumentException("Unsupported model " + model);
        }
    }

    private static void writeCalibration(DataOutputStream out, Calibration calibration) throws IOException {
        out.writeInt(CALIBRATION);
        if (calibration instanceof PlattCalibration platt) {
            out.writeByte(PLATT);
            out.writeDouble(platt.slope());
            out.writeDouble(platt.intercept());
        } else if (calibration instanceof IsotonicCalibration isotonic) {
            out.writeByte(ISOTONIC);
            writeDoubles(out, isotonic.raw());
            writeDoubles(out, isotonic.probabilities());
        } else if (calibration instanceof Uncalibrated none) {
            out.writeByte(NONE);
            writeString(out, none.algorithm().name());
        } else {
            throw new IllegalArgumentException("Unsupported calibration " + calibration);
        }
    }

    private static void writeProvenance(DataOutputStream out, Provenance p) throws IOException {
        out.writeInt(PROVENANCE);
        writeString(out, p.modelVersion());
        writeInstant(out, p.trainedAt());
        writeWindow(out, p.training());
        writeWindow(out, p.validation());
        writeString(out, p.algorithm().name());
        writeMap(out, p.hyperparameters());
        out.writeLong(p.seed());
        writeString(out, p.smileVersion());
        writeString(out, p.javaVersion());
        writeString(out, p.leadscoreVersion());
        writeMetrics(out, p.metrics());
        writeString(out, p.claim().basis().name());
        out.writeInt(p.claim().horizonDays());
        writeMap(out, p.trainingSet());
        out.writeInt(p.metricsByAge().size());
        for (AgeBandMetrics band : p.metricsByAge()) {
            writeString(out, band.band().label());
            out.writeDouble(band.band().fromDays());
            out.writeDouble(band.band().toDays());
            writeMetrics(out, band.metrics());
        }
    }

    private static void writeMetrics(DataOutputStream out, ModelMetrics m) throws IOException {
        out.writeInt(m.rows());
        out.writeInt(m.positives());
        writeString(out, m.labelFingerprint());
        out.writeDouble(m.auc());
        out.writeDouble(m.prAuc());
        out.writeDouble(m.logLoss());
        out.writeDouble(m.brier());
        out.writeDouble(m.ece());
        out.writeInt(m.calibrationBins().size());
        for (CalibrationBin b : m.calibrationBins()) {
            out.writeInt(b.leads());
            out.writeDouble(b.meanScore());
            out.writeDouble(b.conversionRate());
            out.writeDouble(b.minScore());
            out.writeDouble(b.maxScore());
        }
        out.writeInt(m.liftByDecile().size());
        for (LiftBin b : m.liftByDecile()) {
            out.writeInt(b.decile());
            out.writeInt(b.leads());
            out.writeInt(b.conversions());
            out.writeDouble(b.conversionRate());
            out.writeDouble(b.lift());
            out.writeDouble(b.cumulativeCapture());
            out.writeDouble(b.minScore());
        }
        out.writeInt(m.roc().size());
        for (RocPoint r : m.roc()) {
            out.writeDouble(r.threshold());
            out.writeDouble(r.falsePositiveRate());
            out.writeDouble(r.truePositiveRate());
        }
        ThresholdCurve curve = m.thresholdCurve();
        out.writeInt(curve.leads());
        out.writeInt(curve.points().size());
        for (ThresholdCurve.Point q : curve.points()) {
            out.writeDouble(q.threshold());
            out.writeInt(q.leadsAbove());
            out.writeDouble(q.shareAbove());
            out.writeDouble(q.precision());
            out.writeDouble(q.recall());
            out.writeDouble(q.expectedConversions());
        }
    }

    private static void writeWindow(DataOutputStream out, DataWindow w) throws IOException {
        writeInstant(out, w.from());
        writeInstant(out, w.to());
        out.writeInt(w.rows());
        out.writeInt(w.positives());
    }

    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    // ---------------------------------------------------------------- reading

    public static ModelArtifact read(Path path) throws IOException {
        long size = Files.size(path);
        if (size > HEADER_BYTES + MAX_CONTENT_BYTES + CHECKSUM_BYTES) {
            throw new ModelFileException("Not a usable model file: " + path + " has " + size + " bytes, more than any model");
        }
        try {
            return fromBytes(Files.readAllBytes(path));
        } catch (ModelFileException e) {
            throw new ModelFileException(path + ": " + e.getMessage(), e);
        }
    }

    public static ModelArtifact read(InputStream in) throws IOException {
        return fromBytes(in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, HEADER_BYTES + MAX_CONTENT_BYTES + CHECKSUM_BYTES + 1)));
    }

    /**
     * @throws ModelFileException when the bytes are not a model file, come from a newer format, are truncated,
     *                            fail the checksum, or hold parts that do not fit together
     */
    public static ModelArtifact fromBytes(byte[] file) throws ModelFileException {
        if (file.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
            throw new ModelFileException("Not a leadscore model file: it does not start with the model file signature");
        }
        if (file.length < HEADER_BYTES) {
            throw new ModelFileException("Model file is truncated: " + file.length + " bytes, shorter than its header");
        }
        ByteBuffer header = ByteBuffer.wrap(file, MAGIC.length, HEADER_BYTES - MAGIC.length);
        int version = header.getInt();
        long contentLength = header.getLong();
        if (version < 1 || version > FORMAT_VERSION) {
            throw new ModelFileException("Unsupported model file format version " + version + ": this release reads versions 1 to "
                    + FORMAT_VERSION + (version > FORMAT_VERSION ? "; the file was written by a newer release" : ""));
        }
        if (contentLength < 0 || contentLength > MAX_CONTENT_BYTES) {
            throw new ModelFileException("Model file is damaged: its header declares " + contentLength + " content bytes");
        }
        long expected = HEADER_BYTES + contentLength + CHECKSUM_BYTES;
        if (file.length < expected) {
            throw new ModelFileException("Model file is truncated: " + file.length + " bytes, expected " + expected);
        }
        if (file.length > expected) {
            throw new ModelFileException("Model file is damaged: " + (file.length - expected) + " unexpected bytes after its end");
        }
        int contentEnd = HEADER_BYTES + (int) contentLength;
        byte[] actual = sha256(file, 0, contentEnd);
        if (!MessageDigest.isEqual(actual, Arrays.copyOfRange(file, contentEnd, file.length))) {
            throw new ModelFileException("Model file checksum mismatch: the file was altered or damaged after it was written");
        }
        ByteBuffer in = ByteBuffer.wrap(file, HEADER_BYTES, (int) contentLength).slice();
        try {
            FeatureSchema schema = readSchema(in);
            Map<String, String> settings = readSettings(in);
            CompiledModel model = readModel(in);
            Calibration calibration = readCalibration(in);
            Provenance provenance = readProvenance(in, version);
            if (in.hasRemaining()) {
                throw new ModelFileException("Model file is damaged: " + in.remaining() + " unread content bytes");
            }
            return new ModelArtifact(schema, settings, model, calibration, provenance);
        } catch (BufferUnderflowException e) {
            throw new ModelFileException("Model file content is truncated: a section ends early", e);
        } catch (IllegalArgumentException | NullPointerException | DateTimeException e) {
            throw new ModelFileException("Model file content is invalid: " + e.getMessage(), e);
        }
    }

    private static FeatureSchema readSchema(ByteBuffer in) throws ModelFileException {
        expectTag(in, SCHEMA, "feature schema");
        int count = readCount(in, 4 * 4 + 1);
        List<FeatureDefinition> features = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = readString(in);
            FeatureKind kind = readEnum(in, FeatureKind.class);
            FeatureGroup group = readEnum(in, FeatureGroup.class);
            String source = readString(in);
            String level = in.get() != 0 ? readString(in) : null;
            features.add(new FeatureDefinition(name, kind, group, source, level));
        }
        return new FeatureSchema(features);
    }

    private static Map<String, String> readSettings(ByteBuffer in) throws ModelFileException {
        expectTag(in, SETTINGS, "extractor settings");
        return readMap(in);
    }

    private static CompiledModel readModel(ByteBuffer in) throws ModelFileException {
        expectTag(in, MODEL, "model");
        byte kind = in.get();
        if (kind == TREES) {
            Algorithm algorithm = readEnum(in, Algorithm.class);
            int featureCount = in.getInt();
            double base = in.getDouble();
            int[] start = readInts(in);
            int[] depth = readInts(in);
            int[] feature = readInts(in);
            double[] threshold = readDoubles(in);
            int[] child = readInts(in);
            double[] value = readDoubles(in);
            double[] cover = readDoubles(in);
            return new TreeEnsemble(algorithm, featureCount, base, start, depth, feature, threshold, child, value, cover);
        }
        if (kind == LINEAR) {
            double[] means = readDoubles(in);
            double[] scales = readDoubles(in);
            double[] weights = readDoubles(in);
            return new LinearModel(means, scales, weights, in.getDouble());
        }
        throw new ModelFileException("Model file holds an unknown kind of model: " + kind);
    }

    private static Calibration readCalibration(ByteBuffer in) throws ModelFileException {
        expectTag(in, CALIBRATION, "calibration");
        byte kind = in.get();
        return switch (kind) {
            case PLATT -> new PlattCalibration(in.getDouble(), in.getDouble());
            case ISOTONIC -> new IsotonicCalibration(readDoubles(in), readDoubles(in));
            case NONE -> new Uncalibrated(readEnum(in, Algorithm.class));
            default -> throw new ModelFileException("Model file holds an unknown kind of calibration: " + kind);
        };
    }

    private static Provenance readProvenance(ByteBuffer in, int version) throws ModelFileException {
        expectTag(in, PROVENANCE, "provenance");
        String modelVersion = readString(in);
        Instant trainedAt = readInstant(in);
        DataWindow training = readWindow(in);
        DataWindow validation = readWindow(in);
        Algorithm algorithm = readEnum(in, Algorithm.class);
        Map<String, String> hyperparameters = readMap(in);
        long seed = in.getLong();
        String smile = readString(in);
        String java = readString(in);
        String leadscore = readString(in);
        ModelMetrics metrics = readMetrics(in);
        if (version < 2) {
            return new Provenance(modelVersion, trainedAt, training, validation, algorithm, hyperparameters, seed, metrics,
                    smile, java, leadscore);
        }
        ScoreClaim claim = new ScoreClaim(readEnum(in, ScoreClaim.Basis.class), in.getInt());
        Map<String, String> trainingSet = readMap(in);
        int bands = readCount(in, 4 + 2 * 8);
        List<AgeBandMetrics> byAge = new ArrayList<>(bands);
        for (int i = 0; i < bands; i++) {
            AgeBand band = new AgeBand(readString(in), in.getDouble(), in.getDouble());
            byAge.add(new AgeBandMetrics(band, readMetrics(in)));
        }
        return new Provenance(modelVersion, trainedAt, training, validation, algorithm, hyperparameters, seed, metrics,
                smile, java, leadscore, claim, trainingSet, byAge);
    }

    private static ModelMetrics readMetrics(ByteBuffer in) throws ModelFileException {
        int rows = in.getInt();
        int positives = in.getInt();
        String fingerprint = readString(in);
        double auc = in.getDouble();
        double prAuc = in.getDouble();
        double logLoss = in.getDouble();
        double brier = in.getDouble();
        double ece = in.getDouble();
        int binCount = readCount(in, 4 + 4 * 8);
        List<CalibrationBin> bins = new ArrayList<>(binCount);
        for (int i = 0; i < binCount; i++) {
            bins.add(new CalibrationBin(in.getInt(), in.getDouble(), in.getDouble(), in.getDouble(), in.getDouble()));
        }
        int liftCount = readCount(in, 3 * 4 + 4 * 8);
        List<LiftBin> lift = new ArrayList<>(liftCount);
        for (int i = 0; i < liftCount; i++) {
            lift.add(new LiftBin(in.getInt(), in.getInt(), in.getInt(), in.getDouble(), in.getDouble(), in.getDouble(), in.getDouble()));
        }
        int rocCount = readCount(in, 3 * 8);
        List<RocPoint> roc = new ArrayList<>(rocCount);
        for (int i = 0; i < rocCount; i++) {
            roc.add(new RocPoint(in.getDouble(), in.getDouble(), in.getDouble()));
        }
        int curveLeads = in.getInt();
        int pointCount = readCount(in, 4 + 5 * 8);
        List<ThresholdCurve.Point> points = new ArrayList<>(pointCount);
        for (int i = 0; i < pointCount; i++) {
            points.add(new ThresholdCurve.Point(in.getDouble(), in.getInt(), in.getDouble(), in.getDouble(), in.getDouble(), in.getDouble()));
        }
        return new ModelMetrics(rows, positives, fingerprint, auc, prAuc, logLoss, brier, ece, bins, lift, roc,
                new ThresholdCurve(curveLeads, points));
    }

    private static DataWindow readWindow(ByteBuffer in) {
        return new DataWindow(readInstant(in), readInstant(in), in.getInt(), in.getInt());
    }

    private static Instant readInstant(ByteBuffer in) {
        long seconds = in.getLong();
        int nanos = in.getInt();
        if (nanos < 0 || nanos > 999_999_999) {
            throw new IllegalArgumentException("Invalid nanoseconds of an instant: " + nanos);
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static Map<String, String> readMap(ByteBuffer in) throws ModelFileException {
        int count = readCount(in, 8);
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String key = readString(in);
            if (map.put(key, readString(in)) != null) {
                throw new ModelFileException("Model file is damaged: key " + key + " appears twice");
            }
        }
        return map;
    }

    private static void expectTag(ByteBuffer in, int expected, String section) throws ModelFileException {
        int tag = in.getInt();
        if (tag != expected) {
            throw new ModelFileException("Model file is damaged: expected the " + section + " section at content byte "
                    + (in.position() - 4));
        }
    }

    /** A count of elements of at least {@code minBytes} each, checked against what remains. */
    private static int readCount(ByteBuffer in, int minBytes) throws ModelFileException {
        int count = in.getInt();
        if (count < 0 || (long) count * minBytes > in.remaining()) {
            throw new ModelFileException("Model file is damaged: a count of " + count + " at content byte "
                    + (in.position() - 4) + " does not fit in the " + in.remaining() + " bytes that follow");
        }
        return count;
    }

    private static String readString(ByteBuffer in) throws ModelFileException {
        int length = readCount(in, 1);
        byte[] bytes = new byte[length];
        in.get(bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFileException("Model file is damaged: a text is not valid UTF-8", e);
        }
    }

    private static <E extends Enum<E>> E readEnum(ByteBuffer in, Class<E> type) throws ModelFileException {
        String name = readString(in);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw new ModelFileException("Model file holds an unknown " + type.getSimpleName() + ": " + name);
    }

    private static int[] readInts(ByteBuffer in) throws ModelFileException {
        int[] values = new int[readCount(in, 4)];
        in.asIntBuffer().get(values);
        in.position(in.position() + 4 * values.length);
        return values;
    }

    private static double[] readDoubles(ByteBuffer in) throws ModelFileException {
        double[] values = new double[readCount(in, 8)];
        in.asDoubleBuffer().get(values);
        in.position(in.position() + 8 * values.length);
        return values;
    }

    private static byte[] sha256(byte[] bytes, int offset, int length) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes, offset, length);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static int tag(String name) {
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }
}
