package io.leadscore.batch.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One registry decision with its reason and who took it. */
@Entity
@Table(name = "model_decision")
public class ModelDecision {
    /** What was decided. */
    public enum Kind {
        REGISTERED,
        PROMOTED,
        KEPT_CHALLENGER,
        RETIRED,
        ROLLED_BACK,
        /** An operator vouched for a model registered before models were signed, or under another key. */
        SIGNED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "model_version", nullable = false, length = 64)
    private String modelVersion;

    @Column(nullable = false, length = 32)
    private String decision;

    @Column(name = "decided_at", nullable = false)
    private Instant decidedAt;

    @Column(nullable = false)
    private String reason;

    @Column(nullable = false, length = 200)
    private String actor;

    @Column(name = "previous_version", length = 64)
    private String previousVersion;

    protected ModelDecision() {
    }

    public ModelDecision(String modelVersion, Kind decision, Instant decidedAt, String reason, String actor) {
        this(modelVersion, decision, decidedAt, reason, actor, null);
    }

    /** A promotion that replaced {@code previousVersion} (null when there was no champion). */
    public ModelDecision(String modelVersion, Kind decision, Instant decidedAt, String reason, String actor,
                         String previousVersion) {
        this.modelVersion = modelVersion;
        this.decision = decision.name();
        this.decidedAt = decidedAt;
        this.reason = reason;
        this.actor = actor;
        this.previousVersion = previousVersion;
    }

    public Long id() {
        return id;
    }

    public String modelVersion() {
        return modelVersion;
    }

    public Kind decision() {
        return Kind.valueOf(decision);
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public String reason() {
        return reason;
    }

    public String actor() {
        return actor;
    }

    public String previousVersion() {
        return previousVersion;
    }
}
