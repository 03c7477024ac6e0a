package io.leadscore.app.web.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.leadscore.batch.registry.ModelDecision;
import io.leadscore.batch.registry.ModelRecord;
import io.leadscore.scoring.artifact.DataWindow;
import io.leadscore.scoring.artifact.ModelArtifact;
import io.leadscore.scoring.artifact.Provenance;
import io.leadscore.scoring.evaluation.AgeBandMetrics;
import io.leadscore.scoring.evaluation.CalibrationBin;
import io.leadscore.scoring.evaluation.LiftBin;
import io.leadscore.scoring.evaluation.ModelMetrics;
import io.leadscore.scoring.evaluation.RocPoint;
import io.leadscore.scoring.evaluation.ThresholdCurve;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The registry as the API, the pages and the command line show it, built in
 * one place: metrics that are not numbers (no converters) are null. The API
 * and {@code models show --format json} print the same figures; the command
 * line's document is {@link Flat}, the summary's members at the top.
 */
public final class ModelViews {
    private ModelViews() {
    }

    /** One model in the list. */
    public record Summary(String version, String status, String algorithm,
                   @JsonProperty("trained_at") Instant trainedAt,
                   @JsonProperty("as_of") Instant asOf,
                   @JsonProperty("train_rows") Integer trainRows,
                   @JsonProperty("validation_rows") Integer validationRows,
                   Double auc,
                   @JsonProperty("pr_auc") Double prAuc,
                   @JsonProperty("log_loss") Double logLoss,
                   Double brier,
                   Double ece,
                   @JsonProperty("promoted_at") Instant promotedAt) {
        public boolean champion() {
            return "champion".equals(status);
        }
    }

    /** One model with its provenance, metrics, curves and decisions. */
    public record Detail(Summary model,
                  Window training,
                  Window validation,
                  int features,
                  Map<String, String> hyperparameters,
                  long seed,
                  @JsonProperty("smile_version") String smileVersion,
                  @JsonProperty("java_version") String javaVersion,
                  @JsonProperty("leadscore_version") String leadscoreVersion,
                  @JsonProperty("artifact_sha256") String artifactSha256,
                  String claim,
                  @JsonProperty("training_set") Map<String, String> trainingSet,
                  Metrics metrics,
                  @JsonProperty("metrics_by_age") List<AgeBandView> metricsByAge,
                  List<Decision> decisions) {
    }

    /**
     * The out-of-time evaluation of one lead age band.
     *
     * @param toDays the band's oldest age, exclusive; null for the last band (no upper bound)
     * @param aucSe  the AUC's standard error (Hanley and McNeil), null where the AUC is undefined
     */
    public record AgeBandView(String band,
                       @JsonProperty("from_days") double fromDays,
                       @JsonProperty("to_days") Double toDays,
                       int rows, int positives,
                       @JsonProperty("base_rate") Double baseRate,
                       Double auc,
                       @JsonProperty("auc_se") Double aucSe,
                       @JsonProperty("pr_auc") Double prAuc,
                       @JsonProperty("log_loss") Double logLoss,
                       Double brier,
                       Double ece,
                       List<Bin> calibration) {
    }

    public record Window(Instant from, Instant to, int rows, int positives) {
    }

    /**
     * The out-of-time evaluation.
     *
     * @param roc             [false positive rate, true positive rate] pairs from (0, 0) to (1, 1)
     * @param calibration     reliability bins, lowest scores first
     * @param liftByDecile    deciles, highest scores first
     * @param thresholdCurve  101 points, thresholds 0.00 to 1.00
     */
    public record Metrics(int rows, int positives,
                   @JsonProperty("base_rate") Double baseRate,
                   Double auc,
                   @JsonProperty("pr_auc") Double prAuc,
                   @JsonProperty("log_loss") Double logLoss,
                   Double brier,
                   Double ece,
                   List<List<Double>> roc,
                   List<Bin> calibration,
                   @JsonProperty("lift_by_decile") List<Decile> liftByDecile,
                   @JsonProperty("threshold_curve") List<CurvePoint> thresholdCurve) {
    }

    public record Bin(int leads, @JsonProperty("mean_score") Double meanScore,
               @JsonProperty("conversion_rate") Double conversionRate) {
    }

    public record Decile(int decile, int leads, int conversions,
                  @JsonProperty("conversion_rate") Double conversionRate,
                  Double lift,
                  @JsonProperty("cumulative_capture") Double cumulativeCapture) {
    }

    public record CurvePoint(double threshold,
                      @JsonProperty("share_above") Double shareAbove,
                      Double precision,
                      Double recall,
                      @JsonProperty("expected_conversions") Double expectedConversions) {
    }

    public record Decision(String decision, Instant at, String reason, String actor,
                    @JsonProperty("previous_version") String previousVersion) {
    }

    /**
     * One model as {@code models show} and {@code train} print it: the {@link Summary} members, then the
     * {@link Detail} members (without the nested summary).
     */
    public record Flat(@JsonUnwrapped Summary model, @JsonUnwrapped @JsonIgnoreProperties("model") Detail detail) {
        public static Flat of(Detail detail) {
            return new Flat(detail.model(), detail);
        }
    }

    public static Summary summary(ModelRecord m) {
        return new Summary(m.version(), m.status().name().toLowerCase(Locale.ROOT), m.algorithm(), m.trainedAt(), m.asOf(),
                m.trainRows(), m.validRows(), finite(m.auc()), finite(m.prAuc()), finite(m.logLoss()), finite(m.brier()),
                finite(m.ece()), m.promotedAt());
    }

    public static Detail detail(ModelRecord record, ModelArtifact artifact, List<ModelDecision> decisions) {
        Provenance p = artifact.provenance();
        return new Detail(summary(record), window(p.training()), window(p.validation()), artifact.schema().size(),
                p.hyperparameters(), p.seed(), p.smileVersion(), p.javaVersion(), p.leadscoreVersion(),
                record.artifactSha256(), p.claim().sentence(), p.trainingSet(), metrics(p.metrics()),
                p.metricsByAge().stream().map(ModelViews::ageBand).toList(),
                decisions.stream().map(d -> new Decision(d.decision().name().toLowerCase(Locale.ROOT), d.decidedAt(),
                        d.reason(), d.actor(), d.previousVersion())).toList());
    }

    private static Metrics metrics(ModelMetrics m) {
        return new Metrics(m.rows(), m.positives(), finite(m.baseRate()), finite(m.auc()), finite(m.prAuc()),
                finite(m.logLoss()), finite(m.brier()), finite(m.ece()),
                m.roc().stream().map((RocPoint r) -> List.of(r.falsePositiveRate(), r.truePositiveRate())).toList(),
                m.calibrationBins().stream().map((CalibrationBin b) -> new Bin(b.leads(), finite(b.meanScore()),
                        finite(b.conversionRate()))).toList(),
                m.liftByDecile().stream().map((LiftBin b) -> new Decile(b.decile(), b.leads(), b.conversions(),
                        finite(b.conversionRate()), finite(b.lift()), finite(b.cumulativeCapture()))).toList(),
                m.thresholdCurve().points().stream().map((ThresholdCurve.Point pt) -> new CurvePoint(pt.threshold(),
                        finite(pt.shareAbove()), finite(pt.precision()), finite(pt.recall()),
                        finite(pt.expectedConversions()))).toList());
    }

    private static AgeBandView ageBand(AgeBandMetrics b) {
        ModelMetrics m = b.metrics();
        return new AgeBandView(b.band().label(), b.band().fromDays(), finite(b.band().toDays()), m.rows(), m.positives(),
                finite(m.baseRate()), finite(m.auc()), finite(m.aucStandardError()), finite(m.prAuc()), finite(m.logLoss()), finite(m.brier()),
                finite(m.ece()), m.calibrationBins().stream().map((CalibrationBin c) -> new Bin(c.leads(),
                        finite(c.meanScore()), finite(c.conversionRate()))).toList());
    }

    private static Window window(DataWindow w) {
        return new Window(w.from(), w.to(), w.rows(), w.positives());
    }

    private static Double finite(Double v) {
        return v == null || !Double.isFinite(v) ? null : v;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
