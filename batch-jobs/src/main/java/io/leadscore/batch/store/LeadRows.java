package io.leadscore.batch.store;

import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.domain.Seniority;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads a {@link Lead} from the columns {@link #COLUMNS} of the lead table, in that order. */
public final class LeadRows {
    /** The lead's columns as the import stored them, prefixed with {@code l.}. */
    public static final String COLUMNS = "l.lead_key, l.created_at, l.email, l.company, l.industry, l.employees,"
            + " l.annual_revenue, l.country, l.job_title, l.seniority, l.department, l.source, l.campaign,"
            + " l.custom_attributes";
    /** How many columns {@link #COLUMNS} names. */
    public static final int WIDTH = 14;

    private LeadRows() {
    }

    /** The lead whose {@link #COLUMNS} start at column {@code first} of the current row. */
    public static Lead read(ResultSet r, int first) throws SQLException {
        int c = first;
        String key = r.getString(c);
        var createdAt = Instants.read(r, c + 1);
        long employees = r.getLong(c + 5);
        Long employeeCount = r.wasNull() ? null : employees;
        double revenue = r.getDouble(c + 6);
        Double annualRevenue = r.wasNull() ? null : revenue;
        String seniority = r.getString(c + 9);
        return new Lead(key, createdAt, r.getString(c + 2), r.getString(c + 3), r.getString(c + 4), employeeCount,
                annualRevenue, r.getString(c + 7), r.getString(c + 8),
                seniority == null ? null : Seniority.fromWire(seniority).orElse(null), r.getString(c + 10),
                r.getString(c + 11), r.getString(c + 12), CustomAttributes.decode(r.getString(c + 13)));
    }
}
