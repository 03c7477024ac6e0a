package io.leadscore.batch.leadimport;

/**
 * One reason a row was refused.
 *
 * @param column the column as the file names it, or {@code null} when the problem is the row as a whole
 * @param reason what is wrong and what was expected
 */
public record RowProblem(String column, String reason) {
}
