package io.leadscore.batch.leadimport;

import io.leadscore.batch.leadimport.ImportRows.FollowUpRow;
import io.leadscore.batch.store.ContentHash;
import io.leadscore.batch.store.Instants;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Upserts follow-ups. The export gives them no id: a follow-up is identified by
 * its lead, its time and its rep, and a re-exported one with another outcome,
 * channel or reason updates the stored one.
 */
class FollowUpWriter extends UpsertWriter<FollowUpRow> {

    FollowUpWriter(JdbcTemplate jdbc, Clock clock, boolean active) {
        super(jdbc, clock, ImportFileKind.FOLLOWUPS, active);
    }

    @Override
    protected void loadStored(java.util.function.BiConsumer<String, Long> sink) {
        jdbc.query("SELECT lead_id, occurred_at, rep_key, content_hash FROM followup", rs -> {
            String rep = rs.getString(3);
            sink.accept(key(rs.getLong(1), Instants.read(rs, 2), rep.isEmpty() ? null : rep), rs.getLong(4));
        });
    }

    @Override
    protected void loadStored(java.util.List<FollowUpRow> rows, java.util.function.BiConsumer<String, Long> sink) {
        inBatches(rows.stream().map(FollowUpRow::leadId).collect(java.util.stream.Collectors.toSet()),
                "SELECT lead_id, occurred_at, rep_key, content_hash FROM followup WHERE lead_id IN (:keys)", rs -> {
                    String rep = rs.getString(3);
                    sink.accept(key(rs.getLong(1), Instants.read(rs, 2), rep.isEmpty() ? null : rep), rs.getLong(4));
                });
    }

    @Override
    protected String key(FollowUpRow row) {
        return key(row.leadId(), row.occurredAt(), row.rep());
    }

    static String key(long leadId, Instant occurredAt, String rep) {
        return leadId + "|" + occurredAt.getEpochSecond() + "." + occurredAt.getNano() + "|" + (rep == null ? "" : rep);
    }

    @Override
    protected long hash(FollowUpRow row) {
        return hash(row.channel() == null ? null : row.channel().name(), row.outcome().name(), row.reason());
    }

    static long hash(String channel, String outcome, String reason) {
        return new ContentHash().add(channel).add(outcome).add(reason).value();
    }

    @Override
    protected String insertSql() {
        return "INSERT INTO followup (channel, outcome, reason, content_hash, import_run, lead_id, occurred_at, rep_key, rep)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    @Override
    protected void bindInsert(PreparedStatement ps, FollowUpRow row, long hash, Instant now) throws SQLException {
        bindValues(ps, row, hash, runId);
        ps.setString(9, row.rep());
    }

    @Override
    protected String updateSql() {
        return "UPDATE followup SET channel = ?, outcome = ?, reason = ?, content_hash = ?, import_run = ?"
                + " WHERE lead_id = ? AND occurred_at = ? AND rep_key = ?";
    }

    @Override
    protected void bindUpdate(PreparedStatement ps, FollowUpRow row, long hash, Instant now) throws SQLException {
        bindValues(ps, row, hash, runId);
    }

    private static void bindValues(PreparedStatement ps, FollowUpRow row, long hash, long runId) throws SQLException {
        ps.setString(1, row.channel() == null ? null : row.channel().name());
        ps.setString(2, row.outcome().name());
        ps.setString(3, row.reason());
        ps.setLong(4, hash);
        ps.setLong(5, runId);
        ps.setLong(6, row.leadId());
        Instants.bind(ps, 7, row.occurredAt());
        ps.setString(8, row.rep() == null ? "" : row.rep());
    }
}
