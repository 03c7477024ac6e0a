package io.leadscore.batch.leadimport;

import io.leadscore.batch.leadimport.ImportRows.FollowUpRow;
import io.leadscore.scoring.domain.FollowUpChannel;
import io.leadscore.scoring.domain.FollowUpOutcome;
import io.leadscore.scoring.domain.Timestamps;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Checks a followups.csv row: a known lead, a timestamp, an outcome, an optional channel. A follow-up has no id
 * of its own: it is known by its lead, its time and its rep ({@link FollowUpWriter}), so a second row of the same
 * three in one file (or request) that says something else (another outcome, channel or reason) is refused rather
 * than taking the place of the first without a word. The same row twice is one follow-up, as an activity is.
 */
final class FollowUpRowValidator implements ItemProcessor<CsvRecord, FollowUpRow> {
    private final CsvHeader header;
    private final LeadKeyIndex leads;
    private final RowPlace place;
    private final Map<String, First> firstByKey = new HashMap<>();

    /** The first row of a follow-up's key: its line and what it said. */
    private record First(long line, long said) {
    }

    FollowUpRowValidator(CsvHeader header, LeadKeyIndex leads) {
        this(header, leads, RowPlace.LINE);
    }

    FollowUpRowValidator(CsvHeader header, LeadKeyIndex leads, RowPlace place) {
        this.header = header;
        this.leads = leads;
        this.place = place;
    }

    /** Remembers a follow-up read before a restart point, so a repeat after it is still caught. */
    void remember(CsvRecord record) {
        try {
            process(record);
        } catch (RowRejectedException e) {
            // a row refused before the restart was reported then; a good one is remembered by process
        }
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
        String rep = row.text("rep");
        if (leadId >= 0 && occurredAt != null && outcome != null) {
            long said = FollowUpWriter.hash(channel == null ? null : channel.name(), outcome.name(), row.text("reason"));
            First first = firstByKey.putIfAbsent(FollowUpWriter.key(leadId, occurredAt, rep), new First(record.line(), said));
            if (first != null && first.line() != record.line() && first.said() != said) {
                row.problem("occurred_at", "a follow-up of lead '" + row.id("lead_id") + "'"
                        + (rep == null ? " with no rep" : " by rep '" + rep + "'") + " at "
                        + Timestamps.format(occurredAt) + " appears again with another outcome, channel or reason"
                        + " (first " + place.at(first.line()) + "); a follow-up is known by its lead, its time and its"
                        + " rep: give each its own time");
            }
        }
        row.rejectIfProblems();
        return new FollowUpRow(record.line(), leadId, occurredAt, rep, channel, outcome, row.text("reason"));
    }
}
