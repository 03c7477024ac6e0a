package io.leadscore.batch.registry;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A registered model: its metadata, metrics and model file. */
@Entity
@Table(name = "model")
public class ModelRecord {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 64)
    private String version;

    @Column(nullable = false, length = 32)
    private String algorithm;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ModelStatus status;

    @Column(name = "trained_at", nullable = false)
    private Instant trainedAt;

    @Column(name = "as_of", nullable = false)
    private Instant asOf;

    @Column(name = "train_from")
    private Instant trainFrom;

    @Column(name = "train_to")
    private Instant trainTo;

    @Column(name = "valid_from")
    private Instant validFrom;

    @Column(name = "valid_to")
    private Instant validTo;

    @Column(name = "train_rows")
    private Integer trainRows;

    @Column(name = "train_positives")
    private Integer trainPositives;

    @Column(name = "valid_rows")
    private Integer validRows;

    @Column(name = "valid_positives")
    private Integer validPositives;

    private Double auc;

    @Column(name = "pr_auc")
    private Double prAuc;

    @Column(name = "log_loss")
    private Double logLoss;

    private Double brier;

    private Double ece;

    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    private byte[] artifact;

    @Column(name = "artifact_sha256", nullable = false, length = 64)
    private String artifactSha256;

    @Column(name = "artifact_signature", length = 64)
    private String artifactSignature;

    @Column(name = "signature_key_id", length = 16)
    private String signatureKeyId;

    @Column(name = "run_id")
    private Long runId;

    @Column(name = "promoted_at")
    private Instant promotedAt;

    protected ModelRecord() {
    }

    public ModelRecord(String version, String algorithm, Instant trainedAt, Instant asOf, byte[] artifact,
                       String artifactSha256) {
        this.version = version;
        this.algorithm = algorithm;
        this.status = ModelStatus.CHALLENGER;
        this.trainedAt = trainedAt;
        this.asOf = asOf;
        this.artifact = artifact.clone();
        this.artifactSha256 = artifactSha256;
    }

    void windows(Instant trainFrom, Instant trainTo, Instant validFrom, Instant validTo) {
        this.trainFrom = trainFrom;
        this.trainTo = trainTo;
        this.validFrom = validFrom;
        this.validTo = validTo;
    }

    void counts(int trainRows, int trainPositives, int validRows, int validPositives) {
        this.trainRows = trainRows;
        this.trainPositives = trainPositives;
        this.validRows = validRows;
        this.validPositives = validPositives;
    }

    void metrics(double auc, double prAuc, double logLoss, double brier, double ece) {
        this.auc = auc;
        this.prAuc = prAuc;
        this.logLoss = logLoss;
        this.brier = brier;
        this.ece = ece;
    }

    void signature(String signature, String keyId) {
        this.artifactSignature = signature;
        this.signatureKeyId = keyId;
    }

    void runId(Long runId) {
        this.runId = runId;
    }

    void promote(Instant at) {
        this.status = ModelStatus.CHAMPION;
        this.promotedAt = at;
    }

    void retire() {
        this.status = ModelStatus.RETIRED;
    }

    public Long id() {
        return id;
    }

    public String version() {
        return version;
    }

    public String algorithm() {
        return algorithm;
    }

    public ModelStatus status() {
        return status;
    }

    public Instant trainedAt() {
        return trainedAt;
    }

    public Instant asOf() {
        return asOf;
    }

    public Instant trainFrom() {
        return trainFrom;
    }

    public Instant trainTo() {
        return trainTo;
    }

    public Instant validFrom() {
        return validFrom;
    }

    public Instant validTo() {
        return validTo;
    }

    public Integer trainRows() {
        return trainRows;
    }

    public Integer trainPositives() {
        return trainPositives;
    }

    public Integer validRows() {
        return validRows;
    }

    public Integer validPositives() {
        return validPositives;
    }

    public Double auc() {
        return auc;
    }

    public Double prAuc() {
        return prAuc;
    }

    public Double logLoss() {
        return logLoss;
    }

    public Double brier() {
        return brier;
    }

    public Double ece() {
        return ece;
    }

    public byte[] artifact() {
        return artifact.clone();
    }

    public String artifactSha256() {
        return artifactSha256;
    }

    /** The registry's HMAC-SHA256 of the version and the file's SHA-256, or {@code null} for a model never signed. */
    public String artifactSignature() {
        return artifactSignature;
    }

    /** Which key signed it (a fingerprint, not the key). */
    public String signatureKeyId() {
        return signatureKeyId;
    }

    public Long runId() {
        return runId;
    }

    public Instant promotedAt() {
        return promotedAt;
    }
}
