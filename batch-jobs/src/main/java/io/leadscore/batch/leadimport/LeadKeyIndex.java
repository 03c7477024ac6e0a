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
    private final Map<String, String> refused;

    private LeadKeyIndex(Map<String, Long> idByKey, String batch, Map<String, String> refused) {
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
        Map<String, String> where = new HashMap<>();
        refused.forEach((key, item) -> where.put(key, "leads item " + item));
        return new LeadKeyIndex(Map.copyOf(idByKey), "this request", Map.copyOf(where));
    }

    /** Where the lead with this key was refused in this batch ("leads item 1", "leads.csv line 2"), or null. */
    String refusedWhere(String leadKey) {
        return refused.get(leadKey);
    }

    /** Every lead of the store, and the leads rows import run {@code runId} refused (by their lead_id as written). */
    static LeadKeyIndex load(JdbcTemplate jdbc, long runId) {
        Map<String, Long> ids = new HashMap<>();
        jdbc.query("SELECT lead_key, id FROM lead", rs -> {
            ids.put(rs.getString(1), rs.getLong(2));
        });
        Map<String, String> refused = new HashMap<>();
        jdbc.query("SELECT row_key, file_name, MIN(line_number) FROM import_error WHERE run_id = ? AND file_kind = ?"
                + " AND row_key IS NOT NULL GROUP BY row_key, file_name", rs -> {
            refused.putIfAbsent(rs.getString(1), java.nio.file.Path.of(rs.getString(2)).getFileName() + " line "
                    + rs.getLong(3));
        }, runId, ImportFileKind.LEADS.label());
        return new LeadKeyIndex(ids, "this import", refused);
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
