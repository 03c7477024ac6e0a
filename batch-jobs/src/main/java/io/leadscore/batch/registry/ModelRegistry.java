package io.leadscore.batch.registry;

import io.leadscore.scoring.artifact.ModelArtifact;
import io.leadscore.scoring.artifact.ModelFile;
import io.leadscore.scoring.artifact.ModelFileException;
import io.leadscore.scoring.evaluation.ModelMetrics;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
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
 */
@Service
public class ModelRegistry {
    private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

    private final ModelRecords models;
    private final ModelDecisions decisions;
    private final Clock clock;
    private final ConcurrentMap<String, ModelArtifact> artifacts = new ConcurrentHashMap<>();

    /** A registry action that the registry's state does not allow: promoting the champion, rolling back the first. */
    public static final class RegistryStateException extends RuntimeException {
        RegistryStateException(String message) {
            super(message);
        }
    }

    public ModelRegistry(ModelRecords models, ModelDecisions decisions, Clock clock) {
        this.models = models;
        this.decisions = decisions;
        this.clock = clock;
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
        ModelRecord record = new ModelRecord(p.modelVersion(), p.algorithm().name().toLowerCase(java.util.Locale.ROOT),
                p.trainedAt(), asOf, file, sha256(file));
        record.windows(p.training().from(), p.training().to(), p.validation().from(), p.validation().to());
        record.counts(p.training().rows(), p.training().positives(), p.validation().rows(), p.validation().positives());
        ModelMetrics m = p.metrics();
        record.metrics(m.auc(), m.prAuc(), m.logLoss(), m.brier(), m.ece());
        record.runId(runId);
        ModelRecord saved = models.save(record);
        decisions.save(new ModelDecision(saved.version(), ModelDecision.Kind.REGISTERED, clock.instant(),
                String.format(java.util.Locale.ROOT, "trained %s on %,d leads; validated on %,d leads (AUC %.4f, ECE %.4f)",
                        saved.algorithm(), p.training().rows(), p.validation().rows(), m.auc(), m.ece()), actor));
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
     * The model file of a version, read and checked (checksum, format) once and then kept.
     *
     * @throws IllegalStateException when the stored file does not verify (checksum or format)
     */
    @Transactional(readOnly = true)
    public ModelArtifact artifact(String version) {
        ModelRecord record = get(version);
        // keyed by content: a version name says nothing across stores, the file's checksum does
        ModelArtifact cached = artifacts.get(record.artifactSha256());
        if (cached != null) {
            return cached;
        }
        ModelArtifact artifact;
        try {
            artifact = ModelFile.fromBytes(record.artifact());
        } catch (ModelFileException e) {
            throw new IllegalStateException("the stored file of model " + version + " is refused: " + e.getMessage(), e);
        }
        artifacts.put(record.artifactSha256(), artifact);
        return artifact;
    }

    /** Makes a model the champion; the current champion is retired. */
    @Transactional
    public ModelRecord promote(String version, String reason, String actor) {
        ModelRecord target = get(version);
        Optional<ModelRecord> current = champion();
        if (current.isPresent() && current.get().version().equals(version)) {
            throw new RegistryStateException(version + " is already the champion");
        }
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
        ModelRecord current = champion().orElseThrow(() -> new RegistryStateException("there is no champion to roll back"));
        String previous = lastPromotion(current.version()).map(ModelDecision::previousVersion).orElse(null);
        if (previous == null) {
            throw new RegistryStateException(current.version() + " was the first champion: there is none before it to roll back to");
        }
        ModelRecord target = get(previous);
        Instant now = clock.instant();
        current.retire();
        decisions.save(new ModelDecision(current.version(), ModelDecision.Kind.ROLLED_BACK, now,
                "rolled back to " + previous, actor));
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

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
