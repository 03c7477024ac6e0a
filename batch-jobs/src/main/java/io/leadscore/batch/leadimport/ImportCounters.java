package io.leadscore.batch.leadimport;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Per run and file, the counts of the summary, kept in the store and changed in
 * the same transaction as the rows they count: a restart resumes them exactly.
 */
final class ImportCounters {
    private final JdbcTemplate jdbc;
    private final long runId;
    private final ImportFileKind kind;

    ImportCounters(JdbcTemplate jdbc, long runId, ImportFileKind kind) {
        this.jdbc = jdbc;
        this.runId = runId;
        this.kind = kind;
    }

    /** Creates the file's row for this run unless a previous attempt of the run already did. */
    void open(String fileName, List<String> extraColumns) {
        Integer existing = jdbc.queryForObject("SELECT COUNT(*) FROM import_file WHERE run_id = ? AND file_kind = ?",
                Integer.class, runId, kind.label());
        if (existing == null || existing == 0) {
            jdbc.update("INSERT INTO import_file (run_id, file_kind, file_name, rows_read, imported, updated, unchanged,"
                            + " rejected, extra_columns) VALUES (?, ?, ?, 0, 0, 0, 0, 0, ?)",
                    runId, kind.label(), fileName, extraColumns.isEmpty() ? null : String.join("\n", extraColumns));
        }
    }

    void add(long imported, long updated, long unchanged, long rejected) {
        if (imported == 0 && updated == 0 && unchanged == 0 && rejected == 0) {
            return;
        }
        jdbc.update("UPDATE import_file SET rows_read = rows_read + ?, imported = imported + ?, updated = updated + ?,"
                        + " unchanged = unchanged + ?, rejected = rejected + ? WHERE run_id = ? AND file_kind = ?",
                imported + updated + unchanged + rejected, imported, updated, unchanged, rejected, runId, kind.label());
    }
}
