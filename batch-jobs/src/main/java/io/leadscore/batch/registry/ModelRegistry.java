package io.leadscore.batch.registry;

import io.leadscore.scoring.artifact.ModelArtifact;
import io.leadscore.scoring.artifact.ModelFile;
import io.leadscore.scoring.artifact.ModelFileException;
import io.leadscore.scoring.artifact.ModelSignature;
import io.leadscore.scoring.evaluation.ModelMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registry of trained models. Every trained model is registered as a
 * challenger; one model at most is the champion the nightly job scores with.
 * Every decision is logged with its reason and actor. A promotion remembers
 * the champion it replaced, so a rollback walks back along the chain of
 * champions (v3 → v2 → v1), not between the last two.
 *
 * <p>Integrity: a registered model's SHA-256 is recorded and signed with the
 * installation's key ({@link ModelSigningKey}, kept outside the store). Every
 * time a model's file is read — to score with it, show it, hand it out — and
 * before it is promoted or rolled back to, its bytes are checked against the
 * recorded SHA-256, the signature against the key, and the file against its
 * own checksum and version; a model that fails is refused with a
 * {@link ModelRefusedException} that names the version and the reason.
 */
@Service
public class ModelRegistry {
    private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

    private final ModelRecords models;
    private final ModelDecisions decisions;
    private final Clock clock;
    private final ModelSigningKey key;
    /** Parsed files by their verified SHA-256: parsing is the costly part, verifying the bytes is not. */
    private final ConcurrentMap<String, ModelArtifact> artifacts = new ConcurrentHashMap<>();

    /** A registry action that the registry's state does not allow: promoting the champion, rolling back the first. */
    public static final class RegistryStateException extends RuntimeException {
        RegistryStateException(String message) {
            super(message);
        }
    }

    public ModelRegistry(ModelRecords models, ModelDecisions decisions, Clock clock, ModelSigningKey key) {
        this.models = models;
        this.decisions = decisions;
        this.clock = clock;
        this.key = key;
    }

    /** The version the next registered model gets: v1, v2, … */
    @Transactional(readOnly = true)
    public String nextVersion() {
        return "v" + (models.count() + 1);
    }

    /**
     * Registers a trained model as a challenger.
     *
     * @param file  the model file's bytes ({@link ModelFile#toBytes})
     * @param asOf  what the training knew: data up to this time
     * @param runId the training run, or {@code null}
     */
    @Transactional
    public ModelRecord register(ModelArtifact artifact, byte[] file, Instant asOf, Long runId, String actor) {
        var p = artifact.provenance();
        String sha256 = ModelSignature.sha256(file);
        ModelRecord record = new ModelRecord(p.modelVersion(), p.algorithm().name().toLowerCase(java.util.Locale.ROOT),
                p.trainedAt(), asOf, file, sha256);
        ModelSignature signature = key.signature();
        record.signature(signature.sign(p.modelVersion(), sha256), signature.keyId());
        record.windows(p.training().from(), p.training().to(), p.validation().from(), p.validation().to());
        record.counts(p.training().rows(), p.training().positives(), p.validation().rows(), p.validation().positives());
        ModelMetrics m = p.metrics();
        record.metrics(m.auc(), m.prAuc(), m.logLoss(), m.brier(), m.ece());
        record.runId(runId);
        ModelRecord saved = models.save(record);
        decisions.save(new ModelDecision(saved.version(), ModelDecision.Kind.REGISTERED, clock.instant(),
                String.format(java.util.Locale.ROOT, "trained %s on %,d snapshots; validated on %,d snapshots (AUC %s, ECE %s)",
                        saved.algorithm(), p.training().rows(), p.validation().rows(),
                        io.leadscore.scoring.evaluation.ModelMetrics.figure(m.auc()),
                        io.leadscore.scoring.evaluation.ModelMetrics.figure(m.ece())), actor));
        return saved;
    }

    @Transactional(readOnly = true)
    public Optional<ModelRecord> champion() {
        List<ModelRecord> champions = models.findByStatus(ModelStatus.CHAMPION);
        return champions.isEmpty() ? Optional.empty() : Optional.of(champions.get(0));
    }

    @Transactional(readOnly = true)
    public List<ModelRecord> list() {
        return models.findAllByOrderByIdDesc();
    }

    /**
     * A version as a person writes it, as the registry names it: {@code 3}, {@code V3} and {@code v3} are all
     * {@code v3} (the command line, the API and the console accept each); anything else stays as given.
     */
    public static String canonicalVersion(String version) {
        if (version != null && version.strip().matches("[vV]?[0-9]{1,9}")) {
            return "v" + version.strip().replaceFirst("^[vV]", "");
        }
        return version;
    }

    /** @throws ModelNotFoundException naming the version and the versions there are */
    @Transactional(readOnly = true)
    public ModelRecord get(String version) {
        return models.findByVersion(version).orElseThrow(() -> new ModelNotFoundException("no model " + version
                + " in the registry" + (models.count() == 0 ? " (it is empty: run 'leadscore train')"
                : "; 'leadscore models list' shows the versions there are")));
    }

    @Transactional(readOnly = true)
    public List<ModelDecision> decisions(String version) {
        return decisions.findByModelVersionOrderByIdAsc(version);
    }

    @Transactional(readOnly = true)
    public List<ModelDecision> decisions() {
        return decisions.findAllByOrderByIdDesc();
    }

    /**
     * The model file of a version, verified each time (its bytes against the recorded SHA-256, the signature
     * against the key, the file against its own checksum and version); parsed once per content.
     *
     * @throws ModelRefusedException when it does not verify
     */
    @Transactional(readOnly = true)
    public ModelArtifact artifact(String version) {
        return verified(get(version));
    }

    /**
     * Checks a model as {@link #artifact} does, e.g. before a run is started with it.
     *
     * @throws ModelRefusedException naming the version and the reason
     */
    @Transactional(readOnly = true)
    public void verify(String version) {
        verified(get(version));
    }

    private ModelArtifact verified(ModelRecord record) {
        String version = record.version();
        byte[] bytes = record.artifact();
        String actual = ModelSignature.sha256(bytes);
        if (!actual.equalsIgnoreCase(record.artifactSha256().strip())) {
            throw new ModelRefusedException(version, "its file does not match the SHA-256 recorded when it was registered"
                    + " (the stored file was changed since); roll back or promote another model, or retrain");
        }
        ModelSignature signature = key.signature();
        if (record.artifactSignature() == null) {
            throw new ModelRefusedException(version, "it carries no signature (registered before models were signed);"
                    + " if you trust it, 'leadscore models sign " + version + "', else retrain");
        }
        if (!signature.verifies(version, actual, record.artifactSignature())) {
            boolean otherKey = record.signatureKeyId() != null && !record.signatureKeyId().equals(signature.keyId());
            throw new ModelRefusedException(version, otherKey
                    ? "it was signed with another model-signing key (key id " + record.signatureKeyId() + ", this"
                    + " installation's is " + signature.keyId() + "); give this process the key that signed it ("
                    + ModelSigningKey.ENVIRONMENT_VARIABLE + " or leadscore.model-signing.key-file)"
                    : "its signature does not verify: the registry entry was changed outside leadscore;"
                    + " roll back or promote another model, or retrain");
        }
        ModelArtifact cached = artifacts.get(actual);
        if (cached != null) {
            return cached;
        }
        ModelArtifact artifact;
        try {
            artifact = ModelFile.fromBytes(bytes);
        } catch (ModelFileException e) {
            throw new ModelRefusedException(version, "its file is damaged: " + e.getMessage(), e);
        }
        if (!version.equals(artifact.provenance().modelVersion())) {
            throw new ModelRefusedException(version, "its file is model " + artifact.provenance().modelVersion() + "'s");
        }
        artifacts.put(actual, artifact);
        return artifact;
    }

    /**
     * Vouches for a model that carries no valid signature of this installation's key — one registered before
     * models were signed, or signed with a key that is gone: its file is checked against its own checksum, its
     * version and the recorded SHA-256, then signed, and the decision is recorded. Only for a file the operator
     * trusts: the signature says that someone holding the key approved these bytes.
     *
     * @throws ModelRefusedException when the file is damaged or does not match the recorded SHA-256
     */
    @Transactional
    public ModelRecord sign(String version, String actor) {
        ModelRecord record = get(version);
        byte[] bytes = record.artifact();
        String actual = ModelSignature.sha256(bytes);
        if (!actual.equalsIgnoreCase(record.artifactSha256().strip())) {
            throw new ModelRefusedException(version, "its file does not match the SHA-256 recorded when it was registered;"
                    + " it is not signed");
        }
        try {
            ModelArtifact artifact = ModelFile.fromBytes(bytes);
            if (!version.equals(artifact.provenance().modelVersion())) {
                throw new ModelRefusedException(version, "its file is model " + artifact.provenance().modelVersion()
                        + "'s; it is not signed");
            }
        } catch (ModelFileException e) {
            throw new ModelRefusedException(version, "its file is damaged: " + e.getMessage() + "; it is not signed", e);
        }
        ModelSignature signature = key.signature();
        record.signature(signature.sign(version, actual), signature.keyId());
        decisions.save(new ModelDecision(version, ModelDecision.Kind.SIGNED, clock.instant(),
                "signed with key " + signature.keyId() + " (SHA-256 " + actual.substring(0, 12) + "…)", actor));
        log.info("Model {} signed with key {} by {}", version, signature.keyId(), actor);
        return record;
    }

    /**
     * Makes a model the champion; the current champion is retired. The model is verified first.
     *
     * @throws ModelRefusedException  when its file does not verify (nothing changes)
     * @throws RegistryStateException when it is the champion already
     */
    @Transactional
    public ModelRecord promote(String version, String reason, String actor) {
        ModelRecord target = get(version);
        Optional<ModelRecord> current = champion();
        if (current.isPresent() && current.get().version().equals(version)) {
            throw new RegistryStateException(version + " is already the champion");
        }
        verified(target);
        Instant now = clock.instant();
        String previous = current.map(ModelRecord::version).orElse(null);
        current.ifPresent(c -> {
            c.retire();
            decisions.save(new ModelDecision(c.version(), ModelDecision.Kind.RETIRED, now, "replaced by " + version, actor));
        });
        target.promote(now);
        decisions.save(new ModelDecision(version, ModelDecision.Kind.PROMOTED, now, reason, actor, previous));
        log.info("Model {} is the champion ({}); {}", version, actor, reason);
        return target;
    }

    /** Records that a challenger stays a challenger, and why. */
    @Transactional
    public void keep(String version, String reason, String actor) {
        get(version);
        decisions.save(new ModelDecision(version, ModelDecision.Kind.KEPT_CHALLENGER, clock.instant(), reason, actor));
    }

    /**
     * Returns to the champion the current one replaced.
     *
     * @return the champion now
     * @throws RegistryStateException when there is no champion, or none before it
     */
    @Transactional
    public ModelRecord rollback(String actor) {
        return rollback(null, actor);
    }

    /**
     * Returns to the champion the current one replaced, with the reason a person gave (kept in the decision log
     * beside what was done).
     *
     * @param reason why, or {@code null} for none
     */
    @Transactional
    public ModelRecord rollback(String reason, String actor) {
        ModelRecord current = champion().orElseThrow(() -> new RegistryStateException("there is no champion to roll back"));
        String previous = lastPromotion(current.version()).map(ModelDecision::previousVersion).orElse(null);
        if (previous == null) {
            throw new RegistryStateException(current.version() + " was the first champion: there is none before it to roll back to");
        }
        ModelRecord target = get(previous);
        verified(target);
        Instant now = clock.instant();
        current.retire();
        decisions.save(new ModelDecision(current.version(), ModelDecision.Kind.ROLLED_BACK, now,
                "rolled back to " + previous + (reason == null || reason.isBlank() ? "" : ": " + reason.strip()), actor));
        target.promote(now);
        String before = lastPromotion(previous).map(ModelDecision::previousVersion).orElse(null);
        decisions.save(new ModelDecision(previous, ModelDecision.Kind.PROMOTED, now,
                "champion again after " + current.version() + " was rolled back", actor, before));
        log.info("Model {} rolled back; {} is the champion again ({})", current.version(), previous, actor);
        return target;
    }

    private Optional<ModelDecision> lastPromotion(String version) {
        List<ModelDecision> history = decisions.findByModelVersionOrderByIdAsc(version);
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).decision() == ModelDecision.Kind.PROMOTED) {
                return Optional.of(history.get(i));
            }
        }
        return Optional.empty();
    }
}
