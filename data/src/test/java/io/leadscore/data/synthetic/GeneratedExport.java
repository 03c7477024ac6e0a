package io.leadscore.data.synthetic;

import io.leadscore.scoring.domain.Timestamps;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** A generated world read back from its files, as an importer would see it. */
final class GeneratedExport {
    final GenerationSummary summary;
    final CsvTable leads;
    final CsvTable activities;
    final CsvTable deals;
    final CsvTable followUps;
    final CsvTable truth;
    /** Lead id to created_at, in file order. */
    final Map<String, Instant> leadCreated = new LinkedHashMap<>();
    /** Lead id to its truth row. */
    final Map<String, String[]> truthByLead = new LinkedHashMap<>();
    final Instant until;

    private GeneratedExport(GenerationSummary summary) {
        this.summary = summary;
        Path dir = summary.directory();
        leads = CsvTable.read(dir.resolve(GenerationSummary.LEADS_FILE));
        activities = CsvTable.read(dir.resolve(GenerationSummary.ACTIVITIES_FILE));
        deals = CsvTable.read(dir.resolve(GenerationSummary.DEALS_FILE));
        followUps = CsvTable.read(dir.resolve(GenerationSummary.FOLLOW_UPS_FILE));
        truth = CsvTable.read(dir.resolve(GenerationSummary.TRUTH_FILE));
        int id = leads.column("lead_id");
        int created = leads.column("created_at");
        for (String[] row : leads.rows) {
            leadCreated.put(row[id], Timestamps.parse(row[created]));
        }
        for (String[] row : truth.rows) {
            truthByLead.put(row[0], row);
        }
        until = summary.options().until().atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static GeneratedExport generate(Path dir, GeneratorOptions options) {
        return new GeneratedExport(new SyntheticCrmGenerator().generate(dir, options, ProgressListener.NONE));
    }

    /** Whether the lead's label horizon had passed at the export date (its outcome is known). */
    boolean mature(String leadId) {
        return !leadCreated.get(leadId).plus(Duration.ofDays(summary.options().labelHorizonDays())).isAfter(until);
    }

    String truth(String leadId, String column) {
        return CsvTable.value(truthByLead.get(leadId), truth.column(column));
    }
}
