package io.leadscore.batch.leadimport;

import io.leadscore.batch.leadimport.ImportRows.DealRow;
import io.leadscore.batch.store.ContentHash;
import io.leadscore.batch.store.Instants;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/** Upserts deals by their deal_id. */
class DealWriter extends UpsertWriter<DealRow> {

    DealWriter(JdbcTemplate jdbc, Clock clock, boolean active) {
        super(jdbc, clock, ImportFileKind.DEALS, active);
    }

    @Override
    protected void loadStored(java.util.function.BiConsumer<String, Long> sink) {
        jdbc.query("SELECT deal_key, content_hash FROM deal", rs -> {
            sink.accept(rs.getString(1), rs.getLong(2));
        });
    }

    @Override
    protected void loadStored(java.util.List<DealRow> rows, java.util.function.BiConsumer<String, Long> sink) {
        inBatches(rows.stream().map(this::key).collect(java.util.stream.Collectors.toSet()),
                "SELECT deal_key, content_hash FROM deal WHERE deal_key IN (:keys)",
                rs -> sink.accept(rs.getString(1), rs.getLong(2)));
    }

    @Override
    protected String key(DealRow row) {
        return row.dealKey();
    }

    @Override
    protected long hash(DealRow row) {
        return new ContentHash().add(row.leadId()).add(row.createdAt()).add(row.status().wireName()).add(row.closedAt())
                .add(row.amount().stripTrailingZeros().toPlainString()).add(row.lostReason()).value();
    }

    @Override
    protected String insertSql() {
        return "INSERT INTO deal (lead_id, created_at, status, closed_at, amount, lost_reason, content_hash, updated_at,"
                + " import_run, deal_key, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    @Override
    protected void bindInsert(PreparedStatement ps, DealRow row, long hash, Instant now) throws SQLException {
        bindValues(ps, row, hash, now, runId);
        Instants.bind(ps, 11, now);
    }

    @Override
    protected String updateSql() {
        return "UPDATE deal SET lead_id = ?, created_at = ?, status = ?, closed_at = ?, amount = ?, lost_reason = ?,"
                + " content_hash = ?, updated_at = ?, import_run = ? WHERE deal_key = ?";
    }

    @Override
    protected void bindUpdate(PreparedStatement ps, DealRow row, long hash, Instant now) throws SQLException {
        bindValues(ps, row, hash, now, runId);
    }

    private static void bindValues(PreparedStatement ps, DealRow row, long hash, Instant now, long runId)
            throws SQLException {
        ps.setLong(1, row.leadId());
        Instants.bind(ps, 2, row.createdAt());
        ps.setString(3, row.status().name());
        Instants.bind(ps, 4, row.closedAt());
        ps.setBigDecimal(5, row.amount());
        ps.setString(6, row.lostReason());
        ps.setLong(7, hash);
        Instants.bind(ps, 8, now);
        ps.setLong(9, runId);
        ps.setString(10, row.dealKey());
    }
}
