package io.leadscore.batch.leadimport;

import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The skip listener of an import step: each refused row becomes one error per
 * problem (file, line, column, reason) in the store, and counts as rejected.
 * Spring Batch calls it inside the chunk's transaction, so a restart neither
 * loses nor repeats an error.
 */
class ImportErrorRecorder implements SkipListener<CsvRecord, Object> {
    private final ImportFileKind kind;
    private final String fileName;
    private final JdbcTemplate jdbc;

    ImportErrorRecorder(ImportFileKind kind, String fileName, JdbcTemplate jdbc) {
        this.kind = kind;
        this.fileName = fileName;
        this.jdbc = jdbc;
    }

    @Override
    public void onSkipInProcess(CsvRecord record, Throwable failure) {
        long runId = StepSynchronizationManager.getContext().getStepExecution().getJobExecution()
                .getJobInstance().getInstanceId();
        List<RowProblem> problems = failure instanceof RowRejectedException rejected
                ? rejected.problems()
                : List.of(new RowProblem(null, String.valueOf(failure.getMessage())));
        // a refused lead's id, so that a row naming it later in the import is told where it was refused
        String key = kind == ImportFileKind.LEADS && failure instanceof RowRejectedException rejected
                && rejected.leadId() != null && rejected.leadId().length() <= 1_000 ? rejected.leadId() : null;
        List<Object[]> rows = new ArrayList<>(problems.size());
        for (RowProblem problem : problems) {
            rows.add(new Object[] {runId, kind.label(), fileName, record.line(), problem.column(), problem.reason(), key});
        }
        jdbc.batchUpdate("INSERT INTO import_error (run_id, file_kind, file_name, line_number, column_name, reason,"
                + " row_key) VALUES (?, ?, ?, ?, ?, ?, ?)", rows);
        new ImportCounters(jdbc, runId, kind).add(0, 0, 0, 1);
    }
}
