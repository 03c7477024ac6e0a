package io.leadscore.batch.leadimport;

import io.leadscore.batch.leadimport.ImportRows.ActivityRow;
import io.leadscore.scoring.domain.ActivityType;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Checks an activities.csv row: a known lead, a timestamp, one of the contract's types. */
final class ActivityRowValidator implements ItemProcessor<CsvRecord, ActivityRow> {
    static final String TYPES = Arrays.stream(ActivityType.values()).map(ActivityType::wireName)
            .collect(Collectors.joining(", "));

    private final CsvHeader header;
    private final LeadKeyIndex leads;

    ActivityRowValidator(CsvHeader header, LeadKeyIndex leads) {
        this.header = header;
        this.leads = leads;
    }

    @Override
    public ActivityRow process(CsvRecord record) {
        RowFields row = new RowFields(header, record);
        if (!row.readable()) {
            row.rejectIfProblems();
        }
        long leadId = LeadReference.resolve(row, leads);
        Instant occurredAt = row.timestamp("occurred_at", true);
        ActivityType type = row.oneOf("type", ActivityType::fromWire, TYPES, true);
        row.rejectIfProblems();
        return new ActivityRow(record.line(), leadId, occurredAt, type, row.text("detail"));
    }
}
