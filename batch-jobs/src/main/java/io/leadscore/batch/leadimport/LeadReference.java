package io.leadscore.batch.leadimport;

/** A row's lead_id, which must name a lead of this import or of the store. */
final class LeadReference {
    private LeadReference() {
    }

    /** The store id of the row's lead, or -1 with a problem recorded on the row. */
    static long resolve(RowFields row, LeadKeyIndex leads) {
        String key = row.id("lead_id");
        if (key == null) {
            return -1;
        }
        long id = leads.idOf(key);
        if (id < 0 && leads.refusedWhere(key) != null) {
            row.problem("lead_id", "lead '" + key + "' was refused in " + leads.batch() + " ("
                    + leads.refusedWhere(key) + ") and is not in the store: correct that lead first");
        } else if (id < 0) {
            row.problem("lead_id", "unknown lead '" + key + "': it is neither in " + leads.batch()
                    + "'s leads nor in the store");
        }
        return id;
    }
}
