package io.leadscore.batch.leadimport;

import java.util.List;

/**
 * What an import did, per file, and the rows it refused.
 *
 * @param runId       the import run (job instance) the errors are recorded under
 * @param executionId the job execution
 * @param status      the job's status, e.g. COMPLETED or FAILED
 * @param failure     why the job failed, or {@code null}
 * @param files       per file: rows read, imported, updated, unchanged, rejected
 * @param errors      the first {@link CrmImport#ERRORS_LISTED} row errors, by file and line
 * @param totalErrors how many row errors there are in all
 */
public record ImportReport(long runId, long executionId, String status, String failure, List<FileSummary> files,
                           List<RowError> errors, long totalErrors) {

    public ImportReport {
        files = List.copyOf(files);
        errors = List.copyOf(errors);
    }

    public boolean completed() {
        return "COMPLETED".equals(status);
    }

    /** Counts for one file; {@code rowsRead = imported + updated + unchanged + rejected}. */
    public record FileSummary(ImportFileKind kind, String fileName, long rowsRead, long imported, long updated,
                              long unchanged, long rejected, List<String> extraColumns) {
        public FileSummary {
            extraColumns = List.copyOf(extraColumns);
        }
    }

    /** One problem of one refused row. */
    public record RowError(String file, long line, String column, String reason) {
    }

    public long rowsRead() {
        return files.stream().mapToLong(FileSummary::rowsRead).sum();
    }
}
