package io.leadscore.data.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Writes a synthetic CRM history whose ground truth is known: a CRM export in
 * the import format ({@code docs/crm-csv.md}) with the mess of real
 * exports kept within that contract, plus {@code truth.csv}, the probability
 * with which each lead was decided to convert. data/README.md is the data
 * dictionary and describes how the world is built.
 *
 * <p>Files written to the output directory (created if missing, files
 * overwritten): {@value GenerationSummary#LEADS_FILE},
 * {@value GenerationSummary#ACTIVITIES_FILE}, {@value GenerationSummary#DEALS_FILE},
 * {@value GenerationSummary#FOLLOW_UPS_FILE} and {@value GenerationSummary#TRUTH_FILE}.
 *
 * <p>Deterministic: the same options give byte-identical files on any machine
 * and JDK. Leads are streamed to the files one at a time, so memory grows only
 * with a few numbers per lead.
 */
public final class SyntheticCrmGenerator {
    static final String[] LEAD_COLUMNS = {"lead_id", "created_at", "email", "company", "industry", "employees",
        "annual_revenue", "country", "job_title", "seniority", "department", "source", "campaign",
        "budget_band", "tech_stack", "website_score", "sales_verdict"};
    static final String[] ACTIVITY_COLUMNS = {"lead_id", "occurred_at", "type", "detail"};
    static final String[] DEAL_COLUMNS = {"deal_id", "lead_id", "created_at", "status", "closed_at", "amount", "lost_reason"};
    static final String[] FOLLOW_UP_COLUMNS = {"lead_id", "occurred_at", "rep", "channel", "outcome", "reason"};
    static final String[] TRUTH_COLUMNS = {"lead_id", "p_convert", "label", "segment", "fit", "intent", "engagement",
        "fast_track", "mql_at", "worked", "first_response_at", "response_hours", "response_multiplier", "revival",
        "later_windows", "returned_at", "p_by_age"};

    /**
     * Generates the files.
     *
     * @param outDir   directory to write to; created when missing, existing files of the same names replaced
     * @param options  what to generate
     * @param progress told about every 1% of leads and once at the end
     * @return row counts, the span of the history and the funnel the world realised
     * @throws IllegalArgumentException when {@code outDir} exists and is not a directory
     * @throws UncheckedIOException     when a file cannot be written
     */
    public GenerationSummary generate(Path outDir, GeneratorOptions options, ProgressListener progress) {
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new IllegalArgumentException("Invalid output directory: " + outDir + " is a file, expected a directory");
        }
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create output directory " + outDir + ": " + e.getMessage(), e);
        }
        int leads = options.leads();
        // Setup draws (companies, reps, arrivals) come from their own stream; each lead then has its own.
        Rng setup = new Rng(Rng.stream(options.seed(), -1));
        // About 2.5 leads per company on average, more for large accounts.
        CompanyPool companies = new CompanyPool(Math.max(20, (int) (leads * 0.4)), setup);
        SalesPaths paths = SalesPaths.of(options, companies.size());
        ArrivalSchedule arrivals = new ArrivalSchedule(leads, options.historyStart().toEpochDay(), options.historyDays(),
                paths.monthFactors(), companies, setup);
        FunnelTally tally = new FunnelTally();
        long leadRows;
        long activityRows;
        long dealRows;
        long followUpRows;
        long firstCreated;
        long lastCreated;
        // Exports differ in their framing: the CRM's lead export has a byte-order mark and CRLF (RFC 4180),
        // the marketing-automation export plain LF. The contract allows both.
        try (CsvSink leadsOut = new CsvSink(outDir.resolve(GenerationSummary.LEADS_FILE), true, "\r\n", LEAD_COLUMNS);
             CsvSink activitiesOut = new CsvSink(outDir.resolve(GenerationSummary.ACTIVITIES_FILE), false, "\n", ACTIVITY_COLUMNS);
             CsvSink dealsOut = new CsvSink(outDir.resolve(GenerationSummary.DEALS_FILE), false, "\r\n", DEAL_COLUMNS);
             CsvSink followUpsOut = new CsvSink(outDir.resolve(GenerationSummary.FOLLOW_UPS_FILE), false, "\n", FOLLOW_UP_COLUMNS);
             CsvSink truthOut = new CsvSink(outDir.resolve(GenerationSummary.TRUTH_FILE), false, "\n", TRUTH_COLUMNS)) {
            LeadSimulator simulator = new LeadSimulator(options, companies, arrivals, setup, leadsOut, activitiesOut,
                    dealsOut, followUpsOut, truthOut, tally, paths);
            int step = Math.max(1, leads / 100);
            for (int i = 0; i < leads; i++) {
                simulator.simulate(i);
                if ((i + 1) % step == 0 || i + 1 == leads) {
                    progress.onProgress(i + 1, leads);
                }
            }
            leadRows = leadsOut.rows();
            activityRows = activitiesOut.rows();
            dealRows = dealsOut.rows();
            followUpRows = followUpsOut.rows();
            firstCreated = simulator.firstCreated();
            lastCreated = simulator.lastCreated();
        }
        Instant historyEnd = options.until().atStartOfDay(ZoneOffset.UTC).toInstant();
        return new GenerationSummary(outDir, options, leadRows, activityRows, dealRows, followUpRows,
                Instant.ofEpochMilli(firstCreated), Instant.ofEpochMilli(lastCreated), historyEnd,
                tally.rates(activityRows, leadRows));
    }
}
