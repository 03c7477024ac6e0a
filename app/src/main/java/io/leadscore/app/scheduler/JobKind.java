package io.leadscore.app.scheduler;

import io.leadscore.batch.rescoring.Rescoring;
import io.leadscore.batch.slacheck.SlaCheck;
import java.util.Optional;

/** The jobs that run in the background of {@code serve}. */
public enum JobKind {
    RESCORING(Rescoring.JOB_NAME, "rescoring"),
    SLA_CHECK(SlaCheck.JOB_NAME, "SLA check");

    private final String jobName;
    private final String label;

    JobKind(String jobName, String label) {
        this.jobName = jobName;
        this.label = label;
    }

    /** The Spring Batch job name, also the name of its job lock. */
    public String jobName() {
        return jobName;
    }

    /** How people call it. */
    public String label() {
        return label;
    }

    /** "a rescoring", "an SLA check". */
    public String withArticle() {
        return (label.startsWith("S") ? "an " : "a ") + label;
    }

    public static Optional<JobKind> ofJobName(String jobName) {
        for (JobKind k : values()) {
            if (k.jobName.equals(jobName)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
