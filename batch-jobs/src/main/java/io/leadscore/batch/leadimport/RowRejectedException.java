package io.leadscore.batch.leadimport;

import java.util.List;

/**
 * A row breaks the contract: the step's skip policy records it and goes on
 * with the next row. Every problem found in the row is carried, not only the first.
 */
public final class RowRejectedException extends RuntimeException {
    private final long line;
    private final List<RowProblem> problems;
    private final String leadId;

    public RowRejectedException(long line, List<RowProblem> problems) {
        this(line, problems, null);
    }

    /** @param leadId the row's lead_id as written (trimmed), or {@code null} when it has none */
    public RowRejectedException(long line, List<RowProblem> problems, String leadId) {
        super("line " + line + ": " + describe(problems), null, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("A rejected row needs at least one problem");
        }
        this.line = line;
        this.problems = List.copyOf(problems);
        this.leadId = leadId;
    }

    /** The row's lead_id as written, or {@code null}. */
    public String leadId() {
        return leadId;
    }

    public long line() {
        return line;
    }

    public List<RowProblem> problems() {
        return problems;
    }

    private static String describe(List<RowProblem> problems) {
        StringBuilder out = new StringBuilder();
        for (RowProblem p : problems) {
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append(p.column() == null ? "" : p.column() + ": ").append(p.reason());
        }
        return out.toString();
    }
}
