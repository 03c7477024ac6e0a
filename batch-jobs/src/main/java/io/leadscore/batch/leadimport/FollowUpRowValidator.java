package io.leadscore.batch.leadimport;

import io.leadscore.batch.leadimport.ImportRows.FollowUpRow;
import io.leadscore.scoring.domain.FollowUpChannel;
import io.leadscore.scoring.domain.FollowUpOutcome;
import java.time.Instant;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Checks a followups.csv row: a known lead, a timestamp, an outcome, an optional channel. */
final class FollowUpRowValidator implements ItemProcessor<CsvRecord, FollowUpRow> {
    private final CsvHeader header;
    private final LeadKeyIndex leads;

    FollowUpRowValidator(CsvHeader header, LeadKeyIndex leads) {
        this.header = header;
        this.leads = leads;
    }

    @Override
    public FollowUpRow process(CsvRecord record) {
        RowFields row = new RowFields(header, record);
        if (!row.readable()) {
            row.rejectIfProblems();
        }
        long leadId = LeadReference.resolve(row, leads);
        Instant occurredAt = row.timestamp("occurred_at", true);
        FollowUpChannel channel = row.oneOf("channel", FollowUpChannel::fromWire, FollowUpChannel.allowedValues(), false);
        FollowUpOutcome outcome = row.oneOf("outcome", FollowUpOutcome::fromWire, FollowUpOutcome.allowedValues(), true);
        row.rejectIfProblems();
        return new FollowUpRow(record.line(), leadId, occurredAt, row.text("rep"), channel, outcome, row.text("reason"));
    }
}
