package io.leadscore.batch.leadimport;

import io.leadscore.batch.leadimport.ImportPreflight.CheckedFile;
import io.leadscore.batch.store.JobLock;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.JobParametersValidator;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Imports a CRM export: checks every given file first (a file refused whole
 * leaves the store untouched), then runs {@code crmImportJob} and reads back
 * its summary.
 */
@Service
public class CrmImport {
    public static final String JOB_NAME = "crmImportJob";
    /** Errors listed in a report; the total is always given. */
    public static final int ERRORS_LISTED = 1_000;
    /** A run's row errors in the order every report lists them: by file in load order, then by line. */
    private static final String ERRORS = "SELECT file_name, line_number, column_name, reason FROM import_error"
            + " WHERE run_id = ? ORDER BY CASE file_kind WHEN 'leads' THEN 0 WHEN 'activities' THEN 1"
            + " WHEN 'deals' THEN 2 ELSE 3 END, line_number, id";

    /** Every row error of a run, in report order, however many (the report itself lists the first {@value #ERRORS_LISTED}). */
    public void allErrors(long runId, java.util.function.Consumer<ImportReport.RowError> sink) {
        jdbc.query(ERRORS, rs -> {
            sink.accept(new ImportReport.RowError(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
        }, runId);
    }

    private final JobOperator jobOperator;
    private final Job crmImportJob;
    private final JdbcTemplate jdbc;
    private final JobLock jobLock;
    private final Clock clock;

    public CrmImport(JobOperator jobOperator, Job crmImportJob, JdbcTemplate jdbc, JobLock jobLock, Clock clock) {
        this.jobOperator = jobOperator;
        this.crmImportJob = crmImportJob;
        this.jdbc = jdbc;
        this.jobLock = jobLock;
        this.clock = clock;
    }

    /** The files of one import; any subset of the four. */
    public record Request(String leads, String activities, String deals, String followups) {
        public Map<ImportFileKind, String> files() {
            Map<ImportFileKind, String> files = new EnumMap<>(ImportFileKind.class);
            if (leads != null) {
                files.put(ImportFileKind.LEADS, leads);
            }
            if (activities != null) {
                files.put(ImportFileKind.ACTIVITIES, activities);
            }
            if (deals != null) {
                files.put(ImportFileKind.DEALS, deals);
            }
            if (followups != null) {
                files.put(ImportFileKind.FOLLOWUPS, followups);
            }
            return files;
        }
    }

    static JobParametersValidator parametersValidator() {
        String[] optional = Arrays.stream(ImportFileKind.values())
                .flatMap(k -> java.util.stream.Stream.of(k.label(), k.label() + ".rows"))
                .toArray(String[]::new);
        DefaultJobParametersValidator names = new DefaultJobParametersValidator(new String[] {"requested.at"}, optional);
        return parameters -> {
            names.validate(parameters);
            boolean any = Arrays.stream(ImportFileKind.values()).anyMatch(k -> parameters.getString(k.label()) != null);
            if (!any) {
                throw new org.springframework.batch.core.job.parameters.InvalidJobParametersException(
                        "An import needs at least one of the files: leads, activities, deals, followups");
            }
        };
    }

    /**
     * Checks the files and imports them.
     *
     * @throws FileRejectedException when a file is refused whole; nothing was written
     * @throws IllegalArgumentException when no file is given
     * @throws JobLock.HeldException when another import is running
     */
    public ImportReport run(Request request) throws FileRejectedException {
        Map<ImportFileKind, String> files = request.files();
        if (files.isEmpty()) {
            throw new IllegalArgumentException("Nothing to import: give at least one of --leads, --activities, --deals, --followups");
        }
        return run(ImportPreflight.check(files));
    }

    /** Imports files already checked by {@link ImportPreflight#check}. */
    public ImportReport run(Map<ImportFileKind, CheckedFile> checked) {
        JobParametersBuilder parameters = new JobParametersBuilder()
                .addString("requested.at", clock.instant().toString());
        for (CheckedFile file : checked.values()) {
            parameters.addString(file.kind().label(), file.fileName());
            parameters.addLong(file.kind().label() + ".rows", file.rows(), false);
        }
        try (JobLock.Held lock = jobLock.acquire(JOB_NAME)) {
            JobExecution execution = jobOperator.start(crmImportJob, parameters.toJobParameters());
            return report(execution);
        } catch (JobLock.HeldException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("The import could not start: " + e.getMessage(), e);
        }
    }

    /** The summary of an import run, read from the store. */
    public ImportReport report(JobExecution execution) {
        long runId = execution.getJobInstance().getInstanceId();
        List<ImportReport.FileSummary> files = jdbc.query(
                "SELECT file_kind, file_name, rows_read, imported, updated, unchanged, rejected, extra_columns"
                        + " FROM import_file WHERE run_id = ?",
                (rs, i) -> new ImportReport.FileSummary(ImportFileKind.fromLabel(rs.getString(1)), rs.getString(2),
                        rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7),
                        rs.getString(8) == null ? List.of() : List.of(rs.getString(8).split("\n"))),
                runId);
        List<ImportReport.FileSummary> ordered = new ArrayList<>(files);
        ordered.sort(java.util.Comparator.comparing(ImportReport.FileSummary::kind));
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM import_error WHERE run_id = ?", Long.class, runId);
        List<ImportReport.RowError> errors = jdbc.query(ERRORS + " FETCH FIRST " + ERRORS_LISTED + " ROWS ONLY",
                (rs, i) -> new ImportReport.RowError(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)),
                runId);
        BatchStatus status = execution.getStatus();
        String failure = execution.getAllFailureExceptions().stream().map(Throwable::getMessage).findFirst().orElse(null);
        return new ImportReport(runId, execution.getId(), status.name(), failure, ordered, errors, total == null ? 0 : total);
    }
}
