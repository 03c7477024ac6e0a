package io.leadscore.batch.leadimport;

import io.leadscore.batch.leadimport.ImportRows.DealRow;
import io.leadscore.scoring.domain.DealStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Checks a deals.csv row. A won or lost deal needs a closed_at not before its
 * created_at; an open deal's closed_at, if a CRM writes one (a planned date),
 * is not a close and is not stored. A deal stored already keeps its lead, and
 * a won one stays won ({@link StoredDeals}).
 */
final class DealRowValidator implements ItemProcessor<CsvRecord, DealRow> {
    private final CsvHeader header;
    private final LeadKeyIndex leads;
    private final RowPlace place;
    private final StoredDeals stored;
    private final Map<String, Long> firstLineByKey = new HashMap<>();

    DealRowValidator(CsvHeader header, LeadKeyIndex leads, RowPlace place, StoredDeals stored) {
        this.header = header;
        this.leads = leads;
        this.place = place;
        this.stored = stored;
    }

    void remember(CsvRecord record) {
        int index = header.indexOf("deal_id");
        if (index < record.fields().length) {
            String key = record.fields()[index].strip();
            if (!key.isEmpty()) {
                firstLineByKey.putIfAbsent(key, record.line());
            }
        }
    }

    @Override
    public DealRow process(CsvRecord record) {
        RowFields row = new RowFields(header, record);
        if (!row.readable()) {
            row.rejectIfProblems();
        }
        String dealId = row.id("deal_id");
        if (dealId != null) {
            Long first = firstLineByKey.putIfAbsent(dealId, record.line());
            if (first != null && first != record.line()) {
                row.problem("deal_id", "deal '" + dealId + "' appears again (first " + place.at(first)
                        + "); a deal id must be unique in the " + place.whole());
            }
        }
        long leadId = LeadReference.resolve(row, leads);
        Instant createdAt = row.timestamp("created_at", true);
        DealStatus status = row.oneOf("status", DealStatus::fromWire, DealStatus.allowedValues(), true);
        Instant closedAt = row.timestamp("closed_at", false);
        if (status != null && status.isClosed() && closedAt == null && row.text("closed_at") == null) {
            row.problem("closed_at", "missing value: a " + status.wireName() + " deal needs the time it closed");
        }
        if (status == DealStatus.OPEN) {
            closedAt = null;
        }
        if (closedAt != null && createdAt != null && closedAt.isBefore(createdAt)) {
            row.problem("closed_at", "closed " + row.text("closed_at") + " before it was created (" + row.text("created_at") + ")");
        }
        BigDecimal amount = row.amount("amount", true);
        stored.check(row, dealId, leadId, status);
        row.rejectIfProblems();
        return new DealRow(record.line(), dealId, leadId, createdAt, status, closedAt, amount, row.text("lost_reason"));
    }
}
