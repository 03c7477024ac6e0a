package io.leadscore.data.synthetic;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a generation wrote: where, how many data rows per file (headers not
 * counted), the span of lead creation, and the rates the world realised.
 *
 * @param directory        the output directory
 * @param options          the options the files were generated with
 * @param leadRows         rows of leads.csv (and of truth.csv)
 * @param activityRows     rows of activities.csv
 * @param dealRows         rows of deals.csv
 * @param followUpRows     rows of followups.csv
 * @param firstLeadCreated earliest lead {@code created_at}
 * @param lastLeadCreated  latest lead {@code created_at}
 * @param historyEnd       {@code until} at 00:00 UTC: every written timestamp is before it
 * @param rates            the realised funnel
 */
public record GenerationSummary(
        Path directory,
        GeneratorOptions options,
        long leadRows,
        long activityRows,
        long dealRows,
        long followUpRows,
        Instant firstLeadCreated,
        Instant lastLeadCreated,
        Instant historyEnd,
        RealizedRates rates) {

    public static final String LEADS_FILE = "leads.csv";
    public static final String ACTIVITIES_FILE = "activities.csv";
    public static final String DEALS_FILE = "deals.csv";
    public static final String FOLLOW_UPS_FILE = "followups.csv";
    public static final String TRUTH_FILE = "truth.csv";

    public GenerationSummary {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(firstLeadCreated, "firstLeadCreated");
        Objects.requireNonNull(lastLeadCreated, "lastLeadCreated");
        Objects.requireNonNull(historyEnd, "historyEnd");
        Objects.requireNonNull(rates, "rates");
    }

    /** Data rows per file name, in the order leads, activities, deals, follow-ups, truth (unmodifiable). */
    public Map<String, Long> rowsByFile() {
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put(LEADS_FILE, leadRows);
        rows.put(ACTIVITIES_FILE, activityRows);
        rows.put(DEALS_FILE, dealRows);
        rows.put(FOLLOW_UPS_FILE, followUpRows);
        rows.put(TRUTH_FILE, leadRows);
        return Collections.unmodifiableMap(rows);
    }
}
