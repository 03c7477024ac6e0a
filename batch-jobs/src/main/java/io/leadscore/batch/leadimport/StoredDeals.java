package io.leadscore.batch.leadimport;

import io.leadscore.batch.store.Instants;
import io.leadscore.scoring.domain.DealStatus;
import io.leadscore.scoring.domain.Timestamps;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The deals the store holds already, as a deal row is checked against them. A deal's row may be sent again with
 * corrections (its amount, its dates, an open deal closed, a lost one reopened or won), but two changes would
 * leave the lead's stage saying what its deals no longer say, since stages only move forward and a won lead stays
 * won: a deal moved to another lead (the first would keep a stage no deal of its own supports), and a won deal
 * reopened or lost (its lead would stay WON with no won deal). Both are refused with the stored deal named.
 */
final class StoredDeals {
    /** A stored deal: the lead it belongs to, its status and when it closed. */
    record Stored(long leadId, String leadKey, DealStatus status, Instant closedAt) {
    }

    private final JdbcTemplate jdbc;
    /** No deal was stored when the check began (a first load): no row can contradict one. */
    private final boolean none;

    StoredDeals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.none = jdbc.queryForList("SELECT 1 FROM deal FETCH FIRST 1 ROWS ONLY", Integer.class).isEmpty();
    }

    /** The stored deal of that id, or {@code null}. */
    Stored find(String dealKey) {
        if (none) {
            return null;
        }
        List<Stored> found = jdbc.query("SELECT d.lead_id, l.lead_key, d.status, d.closed_at FROM deal d"
                + " JOIN lead l ON l.id = d.lead_id WHERE d.deal_key = ?", (rs, i) -> new Stored(rs.getLong(1),
                rs.getString(2), DealStatus.valueOf(rs.getString(3)), Instants.read(rs, 4)), dealKey);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Records on the row what it would change of the stored deal that the stages cannot follow. */
    void check(RowFields row, String dealKey, long leadId, DealStatus status) {
        if (dealKey == null) {
            return;
        }
        Stored stored = find(dealKey);
        if (stored == null) {
            return;
        }
        if (leadId >= 0 && stored.leadId() != leadId) {
            row.problem("lead_id", "deal '" + dealKey + "' is stored for lead '" + stored.leadKey() + "': a deal"
                    + " stays with the lead it was opened for, whose stage it moved (close it lost there and open a"
                    + " new deal for this lead)");
        }
        if (stored.status() == DealStatus.WON && status != null && status != DealStatus.WON) {
            row.problem("status", "deal '" + dealKey + "' was won"
                    + (stored.closedAt() == null ? "" : " on " + Timestamps.format(stored.closedAt()))
                    + " and made lead '" + stored.leadKey() + "' a customer: a won deal stays won, as a won lead"
                    + " does (a new sale is a new deal)");
        }
    }
}
