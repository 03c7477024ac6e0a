package io.leadscore.batch.leadimport;

import io.leadscore.batch.leadimport.ImportRows.LeadRow;
import io.leadscore.batch.store.ContentHash;
import io.leadscore.batch.store.CustomAttributes;
import io.leadscore.batch.store.Instants;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.domain.Stage;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Upserts leads. A new lead enters the funnel at LEAD as of its created_at,
 * and that first stage is recorded in the audit trail with the import as actor.
 */
class LeadWriter extends UpsertWriter<LeadRow> {
    private static final String COLUMNS = "created_at, email, company, industry, employees, annual_revenue, country,"
            + " job_title, seniority, department, source, campaign, custom_attributes, content_hash";

    LeadWriter(JdbcTemplate jdbc, Clock clock, boolean active) {
        super(jdbc, clock, ImportFileKind.LEADS, active);
    }

    @Override
    protected void loadStored(java.util.function.BiConsumer<String, Long> sink) {
        jdbc.query("SELECT lead_key, content_hash FROM lead", rs -> {
            sink.accept(rs.getString(1), rs.getLong(2));
        });
    }

    @Override
    protected String key(LeadRow row) {
        return row.lead().leadId();
    }

    @Override
    protected long hash(LeadRow row) {
        Lead l = row.lead();
        return new ContentHash().add(l.createdAt()).add(l.email()).add(l.company()).add(l.industry())
                .add(l.employees()).add(l.annualRevenue()).add(l.country()).add(l.jobTitle())
                .add(l.seniority() == null ? null : l.seniority().wireName()).add(l.department()).add(l.source())
                .add(l.campaign()).add(CustomAttributes.encode(l.customAttributes())).value();
    }

    @Override
    protected String insertSql() {
        return "INSERT INTO lead (lead_key, " + COLUMNS + ", stage, stage_changed_at, imported_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    @Override
    protected void bindInsert(PreparedStatement ps, LeadRow row, long hash, Instant now) throws SQLException {
        ps.setString(1, row.lead().leadId());
        int next = bindValues(ps, 2, row.lead(), hash);
        ps.setString(next++, Stage.LEAD.name());
        Instants.bind(ps, next++, row.lead().createdAt());
        Instants.bind(ps, next++, now);
        Instants.bind(ps, next, now);
    }

    @Override
    protected String updateSql() {
        return "UPDATE lead SET created_at = ?, email = ?, company = ?, industry = ?, employees = ?, annual_revenue = ?,"
                + " country = ?, job_title = ?, seniority = ?, department = ?, source = ?, campaign = ?,"
                + " custom_attributes = ?, content_hash = ?, updated_at = ? WHERE lead_key = ?";
    }

    @Override
    protected void bindUpdate(PreparedStatement ps, LeadRow row, long hash, Instant now) throws SQLException {
        int next = bindValues(ps, 1, row.lead(), hash);
        Instants.bind(ps, next++, now);
        ps.setString(next, row.lead().leadId());
    }

    private long highestIdBefore;

    @Override
    protected void beforeInsert() {
        Long max = jdbc.queryForObject("SELECT MAX(id) FROM lead", Long.class);
        highestIdBefore = max == null ? 0 : max;
    }

    @Override
    protected void afterInsert(List<LeadRow> inserted, Instant now) {
        String actor = "import #" + runId;
        // the chunk's leads are the rows above the highest id before it: one import runs at a time (its lock),
        // so a primary-key range finds them (H2 scans for a long IN list of keys)
        Map<String, Long> ids = new HashMap<>(inserted.size() * 2);
        jdbc.query("SELECT lead_key, id FROM lead WHERE id > ?", rs -> {
            ids.put(rs.getString(1), rs.getLong(2));
        }, highestIdBefore);
        jdbc.batchUpdate("INSERT INTO stage_transition (lead_id, from_stage, to_stage, occurred_at, reason, actor, run_id)"
                        + " VALUES (?, NULL, ?, ?, ?, ?, ?)",
                inserted, inserted.size(), (ps, row) -> {
                    ps.setLong(1, ids.get(row.lead().leadId()));
                    ps.setString(2, Stage.LEAD.name());
                    Instants.bind(ps, 3, row.lead().createdAt());
                    ps.setString(4, "imported");
                    ps.setString(5, actor);
                    ps.setLong(6, runId);
                });
    }

    private static int bindValues(PreparedStatement ps, int i, Lead l, long hash) throws SQLException {
        Instants.bind(ps, i++, l.createdAt());
        ps.setString(i++, l.email());
        ps.setString(i++, l.company());
        ps.setString(i++, l.industry());
        if (l.employees() == null) {
            ps.setNull(i++, Types.BIGINT);
        } else {
            ps.setLong(i++, l.employees());
        }
        if (l.annualRevenue() == null) {
            ps.setNull(i++, Types.DOUBLE);
        } else {
            ps.setDouble(i++, l.annualRevenue());
        }
        ps.setString(i++, l.country());
        ps.setString(i++, l.jobTitle());
        ps.setString(i++, l.seniority() == null ? null : l.seniority().wireName());
        ps.setString(i++, l.department());
        ps.setString(i++, l.source());
        ps.setString(i++, l.campaign());
        ps.setString(i++, CustomAttributes.encode(l.customAttributes()));
        ps.setLong(i++, hash);
        return i;
    }
}
