package io.leadscore.batch.leadimport;

import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The store's lead ids by the export's lead_id, loaded once per step: rows of
 * activities, deals and follow-ups name their lead by the export's id, and must
 * name a lead that exists (in this import or before it).
 */
final class LeadKeyIndex {
    private final Map<String, Long> idByKey;
    private final String batch;
    private final Map<String, Integer> refused;

    private LeadKeyIndex(Map<String, Long> idByKey, String batch, Map<String, Integer> refused) {
        this.idByKey = idByKey;
        this.batch = batch;
        this.refused = refused;
    }

    /** What the rows arrived in, for messages: "this import", "this request". */
    String batch() {
        return batch;
    }

    /**
     * An index of the given keys only (a live request names a few leads, not the whole store).
     *
     * @param refused the request's leads that were refused, by their item's index: an item naming one is told so
     */
    static LeadKeyIndex of(Map<String, Long> idByKey, Map<String, Integer> refused) {
        return new LeadKeyIndex(Map.copyOf(idByKey), "this request", Map.copyOf(refused));
    }

    /** The index of the request's lead item with this key that was refused, or -1. */
    int refusedItem(String leadKey) {
        return refused.getOrDefault(leadKey, -1);
    }

    static LeadKeyIndex load(JdbcTemplate jdbc) {
        Map<String, Long> ids = new HashMap<>();
        jdbc.query("SELECT lead_key, id FROM lead", rs -> {
            ids.put(rs.getString(1), rs.getLong(2));
        });
        return new LeadKeyIndex(ids, "this import", Map.of());
    }

    /** The store id of a lead, or -1 when no lead has that key. */
    long idOf(String leadKey) {
        Long id = idByKey.get(leadKey);
        return id == null ? -1 : id;
    }

    int size() {
        return idByKey.size();
    }
}
