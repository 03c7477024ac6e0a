package io.leadscore.batch.leadimport;

import io.leadscore.scoring.domain.Printable;

/**
 * One reason a row was refused.
 *
 * @param column the column as the file names it, or {@code null} when the problem is the row as a whole
 * @param reason what is wrong and what was expected
 */
public record RowProblem(String column, String reason) {
    /** Values quoted from the file are shown, never obeyed: control characters (terminal escapes) are escaped. */
    public RowProblem {
        column = Printable.of(column);
        reason = Printable.of(reason);
    }
}
