package io.leadscore.batch.leadimport;

import java.util.List;
import java.util.Locale;

/** The four files of the import contract, in the order they are loaded: leads before the rows that refer to them. */
public enum ImportFileKind {
    LEADS("leads",
            List.of("lead_id", "created_at"),
            List.of("lead_id", "created_at", "email", "company", "industry", "employees", "annual_revenue",
                    "country", "job_title", "seniority", "department", "source", "campaign")),
    ACTIVITIES("activities",
            List.of("lead_id", "occurred_at", "type"),
            List.of("lead_id", "occurred_at", "type", "detail")),
    DEALS("deals",
            List.of("deal_id", "lead_id", "created_at", "status", "amount"),
            List.of("deal_id", "lead_id", "created_at", "status", "closed_at", "amount", "lost_reason")),
    FOLLOWUPS("followups",
            List.of("lead_id", "occurred_at", "outcome"),
            List.of("lead_id", "occurred_at", "rep", "channel", "outcome", "reason"));

    private final String label;
    private final List<String> required;
    private final List<String> known;

    ImportFileKind(String label, List<String> required, List<String> known) {
        this.label = label;
        this.required = required;
        this.known = known;
    }

    /** The name used in summaries, job parameters and the store, e.g. {@code leads}. */
    public String label() {
        return label;
    }

    /** Columns without which the whole file is refused. */
    public List<String> requiredColumns() {
        return required;
    }

    /** Columns the contract names; other columns of a leads file are custom attributes. */
    public List<String> knownColumns() {
        return known;
    }

    public static ImportFileKind fromLabel(String label) {
        for (ImportFileKind kind : values()) {
            if (kind.label.equals(label.toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown import file kind: " + label);
    }
}
