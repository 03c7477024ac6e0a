package io.leadscore.batch.leadimport;

import io.leadscore.batch.leadimport.ImportRows.LeadRow;
import io.leadscore.batch.stages.StageTransitions;
import io.leadscore.batch.store.ContentHash;
import io.leadscore.batch.store.Instants;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.policy.Policy;
import io.leadscore.scoring.stages.LeadStage;
import io.leadscore.scoring.stages.StageEngine;
import io.leadscore.scoring.stages.StageEvent;
import io.leadscore.scoring.stages.Transition;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Upserts leads. A new lead enters the funnel as the stage engine says (at
 * LEAD as of its created_at), and that first stage is recorded in the audit
 * trail with the import as actor. A stored lead takes the values of the
 * columns its row carries: a file without a column (a partial export) keeps
 * the stored values of it, an empty field clears one ({@link LeadRow#kept}).
 */
class LeadWriter extends UpsertWriter<LeadRow> {
    private static final String COLUMNS = "created_at, email, company, industry, employees, annual_revenue, country,"
            + " job_title, seniority, department, source, campaign, custom_attributes, content_hash";

    /** The columns an update sets, in order; created_at, required, is always carried. */
    static final List<String> UPDATED = List.of("created_at", "email", "company", "industry", "employees",
            "annual_revenue", "country", "job_title", "seniority", "department", "source", "campaign", "custom_attributes");
    /** The custom attributes, carried by a file with any column the contract does not name. */
    static final String CUSTOM = "custom_attributes";

    private final StageTransitions transitions;
    private final Policy policy;

    LeadWriter(JdbcTemplate jdbc, Clock clock, boolean active, StageTransitions transitions, Policy policy) {
        super(jdbc, clock, ImportFileKind.LEADS, active);
        this.transitions = transitions;
        this.policy = policy;
    }

    @Override
    protected void loadStored(java.util.function.BiConsumer<String, Long> sink) {
        jdbc.query("SELECT lead_key, content_hash FROM lead", rs -> {
            sink.accept(rs.getString(1), rs.getLong(2));
        });
    }

    @Override
    protected void loadStored(List<LeadRow> rows, java.util.function.BiConsumer<String, Long> sink) {
        inBatches(rows.stream().map(this::key).collect(java.util.stream.Collectors.toSet()),
                "SELECT lead_key, content_hash FROM lead WHERE lead_key IN (:keys)",
                rs -> sink.accept(rs.getString(1), rs.getLong(2)));
    }

    /** Who the audit trail names for leads this writer brings in: the import run, or the live request's sender. */
    private String actor;

    void actor(String actor) {
        this.actor = actor;
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
                .add(l.campaign()).add(row.attributes()).value();
    }

    @Override
    protected String insertSql() {
        return "INSERT INTO lead (lead_key, " + COLUMNS + ", stage, stage_changed_at, imported_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    @Override
    protected void bindInsert(PreparedStatement ps, LeadRow row, long hash, Instant now) throws SQLException {
        ps.setString(1, row.lead().leadId());
        int next = bindValues(ps, 2, row, hash, false);
        Transition arrival = arrival(row, now);
        ps.setString(next++, arrival.to().name());
        Instants.bind(ps, next++, arrival.at());
        Instants.bind(ps, next++, now);
        Instants.bind(ps, next, now);
    }

    @Override
    protected String updateSql() {
        StringBuilder sql = new StringBuilder("UPDATE lead SET created_at = ?");
        for (String column : UPDATED.subList(1, UPDATED.size())) {
            // a column the file does not carry keeps its stored value
            sql.append(", ").append(column).append(" = CASE WHEN ? THEN ").append(column).append(" ELSE ? END");
        }
        return sql.append(", content_hash = ?, updated_at = ? WHERE lead_key = ?").toString();
    }

    @Override
    protected void bindUpdate(PreparedStatement ps, LeadRow row, long hash, Instant now) throws SQLException {
        int next = bindValues(ps, 1, row, hash, true);
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
        String actor = this.actor != null ? this.actor : "import #" + runId;
        // the chunk's leads are the rows above the highest id before it: one import runs at a time (its lock),
        // so a primary-key range finds them (H2 scans for a long IN list of keys)
        Map<String, Long> ids = new HashMap<>(inserted.size() * 2);
        jdbc.query("SELECT lead_key, id FROM lead WHERE id > ?", rs -> {
            ids.put(rs.getString(1), rs.getLong(2));
        }, highestIdBefore);
        List<StageTransitions.LeadMove> arrivals = new ArrayList<>(inserted.size());
        for (LeadRow row : inserted) {
            arrivals.add(new StageTransitions.LeadMove(ids.get(row.lead().leadId()), arrival(row, now)));
        }
        transitions.arrived(arrivals, actor, runId);
    }

    /** The lead's first stage, by the stage rules. */
    private Transition arrival(LeadRow row, Instant now) {
        return StageEngine.decide(LeadStage.none(), new StageEvent.Arrived(row.lead().createdAt()), policy, now).move()
                .orElseThrow();
    }

    /**
     * Binds the values of {@link #UPDATED}, then the hash; for an update ({@code keepFlags}) each value but
     * created_at after the flag that says whether the row leaves the column's stored value as it is.
     */
    private static int bindValues(PreparedStatement ps, int i, LeadRow row, long hash, boolean keepFlags)
            throws SQLException {
        Lead l = row.lead();
        Instants.bind(ps, i++, l.createdAt());
        i = keep(ps, i, row, 1, keepFlags);
        ps.setString(i++, l.email());
        i = keep(ps, i, row, 2, keepFlags);
        ps.setString(i++, l.company());
        i = keep(ps, i, row, 3, keepFlags);
        ps.setString(i++, l.industry());
        i = keep(ps, i, row, 4, keepFlags);
        if (l.employees() == null) {
            ps.setNull(i++, Types.BIGINT);
        } else {
            ps.setLong(i++, l.employees());
        }
        i = keep(ps, i, row, 5, keepFlags);
        if (l.annualRevenue() == null) {
            ps.setNull(i++, Types.DOUBLE);
        } else {
            ps.setDouble(i++, l.annualRevenue());
        }
        i = keep(ps, i, row, 6, keepFlags);
        ps.setString(i++, l.country());
        i = keep(ps, i, row, 7, keepFlags);
        ps.setString(i++, l.jobTitle());
        i = keep(ps, i, row, 8, keepFlags);
        ps.setString(i++, l.seniority() == null ? null : l.seniority().wireName());
        i = keep(ps, i, row, 9, keepFlags);
        ps.setString(i++, l.department());
        i = keep(ps, i, row, 10, keepFlags);
        ps.setString(i++, l.source());
        i = keep(ps, i, row, 11, keepFlags);
        ps.setString(i++, l.campaign());
        i = keep(ps, i, row, 12, keepFlags);
        ps.setString(i++, row.attributes());
        ps.setLong(i++, hash);
        return i;
    }

    private static int keep(PreparedStatement ps, int i, LeadRow row, int column, boolean keepFlags) throws SQLException {
        if (keepFlags) {
            ps.setBoolean(i++, (row.kept() & (1 << column)) != 0);
        }
        return i;
    }
}
