package io.leadscore.app.cli;

import io.leadscore.batch.leadimport.CrmImport;
import io.leadscore.batch.leadimport.FileRejectedException;
import io.leadscore.batch.leadimport.ImportFileKind;
import io.leadscore.batch.leadimport.ImportPreflight;
import io.leadscore.batch.leadimport.ImportReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code leadscore import}: loads a CRM export (docs/crm-csv.md). */
@Command(name = "import", description = {
        "Loads a CRM export: leads, activities, deals, follow-ups (any subset; leads load first).",
        "Bad rows are reported with file, line, column and reason; every good row is imported.",
        "A file that cannot be read or lacks a required column rejects the import before anything is written."})
final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    LeadscoreCommand root;

    @Option(names = "--leads", paramLabel = "FILE", description = "leads.csv")
    String leads;

    @Option(names = "--activities", paramLabel = "FILE", description = "activities.csv")
    String activities;

    @Option(names = "--deals", paramLabel = "FILE", description = "deals.csv")
    String deals;

    @Option(names = "--followups", paramLabel = "FILE", description = "followups.csv")
    String followups;

    @Override
    public Integer call() {
        GlobalOptions globals = root.globals();
        Map<ImportFileKind, ImportPreflight.CheckedFile> checked =
                preflight(new CrmImport.Request(leads, activities, deals, followups));
        try (StoreSession session = StoreSession.openOrCreate(globals)) {
            importInto(session, checked, new Output(System.out, globals.format()));
            return 0;
        }
    }

    /**
     * Every file read once before anything is written.
     *
     * @throws UsageException when no file is given, or one cannot be read, is not CSV or lacks a required column
     */
    static Map<ImportFileKind, ImportPreflight.CheckedFile> preflight(CrmImport.Request request) {
        if (request.files().isEmpty()) {
            throw new UsageException("nothing to import: give at least one of --leads, --activities, --deals, --followups");
        }
        try {
            return ImportPreflight.check(request.files());
        } catch (FileRejectedException e) {
            throw new UsageException(e.getMessage() + "; nothing was imported");
        }
    }

    /**
     * Imports checked files into the store and prints the report.
     *
     * @throws JobFailedException when the import job failed (what it committed is kept)
     */
    static ImportReport importInto(StoreSession session, Map<ImportFileKind, ImportPreflight.CheckedFile> checked,
                                   Output out) {
        CrmImport crmImport = session.bean(CrmImport.class);
        ImportReport report = crmImport.run(checked);
        print(report, out, crmImport);
        if (!report.completed()) {
            throw new JobFailedException("the import failed: " + report.failure()
                    + "; the rows already committed are kept, run the same import again to finish it");
        }
        return report;
    }

    static void print(ImportReport report, Output out) {
        print(report, out, null);
    }

    /**
     * @param store where every row error of the run can be read again: CSV, the form for programs, lists them all
     *              (the report holds the first {@value CrmImport#ERRORS_LISTED}); {@code null} lists those
     */
    static void print(ImportReport report, Output out, CrmImport store) {
        switch (out.format()) {
            case json -> out.json(json(report));
            case csv -> {
                // one row per file with its counts, then one per rejected row with where and why (no counts)
                List<List<?>> rows = new ArrayList<>();
                for (ImportReport.FileSummary f : report.files()) {
                    rows.add(List.of(f.fileName(), f.rowsRead(), f.imported(), f.updated(), f.unchanged(), f.rejected(),
                            "", "", ""));
                }
                java.util.function.Consumer<ImportReport.RowError> row = e -> rows.add(List.of(e.file(), "", "", "",
                        "", "", e.line(), e.column() == null ? "" : e.column(), e.reason()));
                if (store != null && report.totalErrors() > report.errors().size()) {
                    store.allErrors(report.runId(), row);
                } else {
                    report.errors().forEach(row);
                }
                out.csv(List.of("file", "read", "imported", "updated", "unchanged", "rejected", "line", "column",
                        "reason"), rows);
            }
            case table -> table(report, out);
        }
    }

    static Map<String, Object> json(ImportReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("run_id", report.runId());
        root.put("status", report.status());
        Map<String, Object> files = new LinkedHashMap<>();
        for (ImportReport.FileSummary f : report.files()) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("file", f.fileName());
            file.put("read", f.rowsRead());
            file.put("imported", f.imported());
            file.put("updated", f.updated());
            file.put("unchanged", f.unchanged());
            file.put("rejected", f.rejected());
            file.put("extra_columns", f.extraColumns());
            files.put(f.kind().label(), file);
        }
        root.put("files", files);
        List<Map<String, Object>> errors = new ArrayList<>();
        for (ImportReport.RowError e : report.errors()) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("file", e.file());
            error.put("line", e.line());
            error.put("column", e.column());
            error.put("reason", e.reason());
            errors.add(error);
        }
        root.put("errors", errors);
        root.put("errors_total", report.totalErrors());
        root.put("errors_truncated", report.totalErrors() > report.errors().size());
        return root;
    }

    private static void table(ImportReport report, Output out) {
        List<List<?>> rows = new ArrayList<>();
        for (ImportReport.FileSummary f : report.files()) {
            rows.add(List.of(f.fileName(), f.rowsRead(), f.imported(), f.updated(), f.unchanged(), f.rejected()));
        }
        out.table(List.of("file", "read", "imported", "updated", "unchanged", "rejected"), rows);
        for (ImportReport.FileSummary f : report.files()) {
            if (!f.extraColumns().isEmpty()) {
                out.line("");
                out.line((f.kind() == ImportFileKind.LEADS
                        ? "Custom attributes kept from " : "Columns ignored in ") + f.fileName() + ": "
                        + String.join(", ", f.extraColumns()));
            }
        }
        if (report.totalErrors() > 0) {
            out.line("");
            out.line(report.totalErrors() + " problem(s) in rejected rows" + (report.totalErrors() > report.errors().size()
                    ? " (the first " + report.errors().size() + " below; all are in the store's import_error table, run "
                    + report.runId() + ")" : " (also in the store's import_error table, run " + report.runId() + ")") + ":");
            for (ImportReport.RowError e : report.errors()) {
                out.line("  " + e.file() + ":" + e.line() + (e.column() == null ? "" : " [" + e.column() + "]") + " " + e.reason());
            }
        }
    }
}
