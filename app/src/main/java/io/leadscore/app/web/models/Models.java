package io.leadscore.app.web.models;

import io.leadscore.app.web.ConflictException;
import io.leadscore.app.web.Viewer;
import io.leadscore.batch.registry.ModelDecision;
import io.leadscore.batch.registry.ModelRecord;
import io.leadscore.batch.registry.ModelRefusedException;
import io.leadscore.batch.registry.ModelRegistry;
import io.leadscore.batch.registry.ModelStatus;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The registry for the console and the API: reads, and the two decisions a
 * person takes here (promote, roll back), recorded with who took them and why.
 */
@Service
class Models {
    private final ModelRegistry registry;

    Models(ModelRegistry registry) {
        this.registry = registry;
    }

    List<ModelViews.Summary> list() {
        return registry.list().stream().map(ModelViews::summary).toList();
    }

    Optional<ModelViews.Summary> champion() {
        return registry.champion().map(ModelViews::summary);
    }

    /** @throws io.leadscore.batch.registry.ModelNotFoundException when there is no such version */
    ModelViews.Detail detail(String asked) {
        String version = ModelRegistry.canonicalVersion(asked);
        ModelRecord record = registry.get(version);
        return ModelViews.detail(record, registry.artifact(version), registry.decisions(version));
    }

    /**
     * Makes a model the champion; the current one is retired.
     *
     * @throws ConflictException when it is the champion already, or its file does not verify
     */
    /** The longest reason a promotion keeps, as long as a policy's note. */
    static final int REASON_LIMIT = 1_000;

    ModelViews.Summary promote(String asked, String reason, Viewer viewer) {
        String version = ModelRegistry.canonicalVersion(asked);
        ModelRecord target = registry.get(version);
        if (target.status() == ModelStatus.CHAMPION) {
            throw new ConflictException(version + " is already the champion");
        }
        String why = reason == null || reason.isBlank() ? "promoted by " + viewer.name() : reason.strip();
        if (why.length() > REASON_LIMIT) {
            // the decision log is read by people: a reason is a sentence or a paragraph, as a policy's note is
            throw new io.leadscore.scoring.domain.InvalidInputException("Invalid reason: " + why.length()
                    + " characters, expected at most " + REASON_LIMIT);
        }
        try {
            return ModelViews.summary(registry.promote(version, why, viewer.actor()));
        } catch (ModelRefusedException e) {
            throw new ConflictException(e.getMessage());
        }
    }

    /**
     * Returns to the champion the current one replaced.
     *
     * @throws ConflictException when there is no champion, or none before it
     */
    ModelViews.Summary rollback(String reason, Viewer viewer) {
        if (reason != null && reason.strip().length() > REASON_LIMIT) {
            throw new io.leadscore.scoring.domain.InvalidInputException("Invalid reason: " + reason.strip().length()
                    + " characters, expected at most " + REASON_LIMIT);
        }
        try {
            return ModelViews.summary(registry.rollback(reason, viewer.actor()));
        } catch (ModelRegistry.RegistryStateException | ModelRefusedException e) {
            throw new ConflictException(e.getMessage());
        }
    }

    /** The version a rollback would return to, if there is one. */
    Optional<String> rollbackTarget() {
        Optional<ModelRecord> champion = registry.champion();
        if (champion.isEmpty()) {
            return Optional.empty();
        }
        List<ModelDecision> history = registry.decisions(champion.get().version());
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).decision() == ModelDecision.Kind.PROMOTED) {
                return Optional.ofNullable(history.get(i).previousVersion());
            }
        }
        return Optional.empty();
    }
}
