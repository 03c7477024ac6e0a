package io.leadscore.batch.leadimport;

import io.leadscore.batch.leadimport.ImportRows.LeadRow;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.domain.Seniority;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Checks a leads.csv row against the contract and turns it into a {@link Lead}.
 * Columns the contract does not name become the lead's custom attributes.
 */
final class LeadRowValidator implements ItemProcessor<CsvRecord, LeadRow> {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final CsvHeader header;
    private final RowPlace place;
    private final Map<String, Long> firstLineByKey = new HashMap<>();
    /** The stored values this file leaves as they are: its columns absent from the header ({@link LeadRow#kept}). */
    private final int kept;

    LeadRowValidator(CsvHeader header) {
        this(header, RowPlace.LINE);
    }

    LeadRowValidator(CsvHeader header, RowPlace place) {
        this.header = header;
        this.place = place;
        // a file carries the columns of its header; an item of a live request is the whole lead
        int absent = 0;
        if (place == RowPlace.LINE) {
            for (int i = 0; i < LeadWriter.UPDATED.size(); i++) {
                String column = LeadWriter.UPDATED.get(i);
                boolean carried = column.equals(LeadWriter.CUSTOM) ? !header.extraIndexes().isEmpty()
                        : header.indexOf(column) >= 0;
                absent |= carried ? 0 : 1 << i;
            }
        }
        this.kept = absent;
    }

    /** Remembers a lead id seen before a restart point, so a repeat after it is still caught. */
    void remember(CsvRecord record) {
        int index = header.indexOf("lead_id");
        if (index < record.fields().length) {
            String key = record.fields()[index].strip();
            if (!key.isEmpty()) {
                firstLineByKey.putIfAbsent(key, record.line());
            }
        }
    }

    @Override
    public LeadRow process(CsvRecord record) {
        RowFields row = new RowFields(header, record);
        if (!row.readable()) {
            row.rejectIfProblems();
        }
        String leadId = row.id("lead_id");
        if (leadId != null) {
            Long first = firstLineByKey.putIfAbsent(leadId, record.line());
            if (first != null && first != record.line()) {
                row.problem("lead_id", "lead '" + leadId + "' appears again (first " + place.at(first)
                        + "); a lead id must be unique in the " + place.whole());
            }
        }
        Instant createdAt = row.timestamp("created_at", true);
        Long employees = row.nonNegativeInteger("employees");
        BigDecimal revenue = row.nonNegativeDecimal("annual_revenue", false);
        String country = row.text("country");
        if (country != null) {
            String upper = country.toUpperCase(Locale.ROOT);
            if (!COUNTRIES.contains(upper)) {
                row.problem("country", "unknown country '" + country + "', expected an ISO 3166-1 alpha-2 code such as DE or US");
                country = null;
            } else {
                country = upper;
            }
        }
        Seniority seniority = row.oneOf("seniority", Seniority::fromWire, Seniority.allowedValues(), false);
        row.rejectIfProblems();

        Map<String, String> custom = new TreeMap<>();
        for (int index : header.extraIndexes()) {
            String value = row.value(index);
            if (value != null) {
                custom.put(header.name(index), value);
            }
        }
        Lead lead = new Lead(leadId, createdAt, row.text("email"), row.text("company"),
                TextNormaliser.vocabulary(row.text("industry")), employees,
                revenue == null ? null : revenue.doubleValue(), country, row.text("job_title"), seniority,
                TextNormaliser.vocabulary(row.text("department")), TextNormaliser.vocabulary(row.text("source")),
                row.text("campaign"), custom);
        return new LeadRow(record.line(), lead, kept);
    }
}
