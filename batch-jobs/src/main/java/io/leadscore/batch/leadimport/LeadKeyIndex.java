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

    private LeadKeyIndex(Map<String, Long> idByKey, String batch) {
        this.idByKey = idByKey;
        this.batch = batch;
    }

    /** What the rows arrived in, for messages: "this import", "this request". */
    String batch() {
        return batch;
    }

    /** An index of the given keys only (a live request names a few leads, not the whole store). */
    static LeadKeyIndex of(Map<String, Long> idByKey) {
        return new LeadKeyIndex(Map.copyOf(idByKey), "this request");
    }

    static LeadKeyIndex load(JdbcTemplate jdbc) {
        Map<String, Long> ids = new HashMap<>();
        jdbc.query("SELECT lead_key, id FROM lead", rs -> {
            ids.put(rs.getString(1), rs.getLong(2));
        });
        return new LeadKeyIndex(ids, "this import");
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
