package io.leadscore.batch.leads;

import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.LeadRows;
import io.leadscore.scoring.domain.Activity;
import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.DealStatus;
import io.leadscore.scoring.domain.FollowUpChannel;
import io.leadscore.scoring.domain.FollowUpOutcome;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.domain.Stage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads leads for the console and the API (see the package description). */
@Component
public class LeadRecords {
    private final JdbcTemplate jdbc;

    public LeadRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A search hit; {@code email} is {@code null} unless asked for, and so are a never-scored lead's score fields. */
    public record Hit(String leadId, String company, String email, Stage stage, Instant createdAt, String source,
                      Double score, String grade, Instant scoredAt) {
    }

    /**
     * Leads whose id or company (or e-mail, when {@code withEmail}) contains the text, ignoring case, highest score
     * first; with no text, the highest-scored leads.
     *
     * @param stage only leads at this stage, or {@code null}
     * @param limit at most this many, at least 1
     */
    public List<Hit> search(String text, Stage stage, int limit, boolean withEmail) {
        if (limit < 1) {
            throw new IllegalArgumentException("Invalid limit: " + limit + ", expected at least 1");
        }
        StringBuilder sql = new StringBuilder("SELECT l.lead_key, l.company, l.email, l.stage, l.created_at, l.source,"
                + " s.score, s.grade, s.scored_at FROM lead l LEFT JOIN lead_score s ON s.lead_id = l.id WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            String pattern = "%" + escapeLike(text.strip().toLowerCase(Locale.ROOT)) + "%";
            sql.append(" AND (LOWER(l.lead_key) LIKE ? ESCAPE '\\' OR LOWER(l.company) LIKE ? ESCAPE '\\'");
            args.add(pattern);
            args.add(pattern);
            if (withEmail) {
                sql.append(" OR LOWER(l.email) LIKE ? ESCAPE '\\'");
                args.add(pattern);
            }
            sql.append(')');
        }
        if (stage != null) {
            sql.append(" AND l.stage = ?");
            args.add(stage.name());
        }
        sql.append(" ORDER BY s.score DESC NULLS LAST, l.id FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return jdbc.query(sql.toString(), (rs, i) -> new Hit(rs.getString(1), rs.getString(2),
                withEmail ? rs.getString(3) : null, Stage.valueOf(rs.getString(4)), Instants.read(rs, 5), rs.getString(6),
                rs.getObject(7, Double.class), rs.getString(8), Instants.read(rs, 9)), args.toArray());
    }

    /** The current score, from the last rescoring that scored the lead; {@code mqlReasons} why it last became an MQL. */
    public record CurrentScore(double score, String grade, Instant scoredAt, String modelVersion, long runId,
                               String mqlReasons) {
    }

    /** One run's score of the lead, with the run's as-of time, model and threshold. */
    public record ScorePoint(Instant asOf, long runId, double score, String grade, String modelVersion,
                             double mqlThreshold) {
    }

    /** One move of the audit trail; {@code from} is {@code null} for the first stage, {@code runId} for a person. */
    public record StageMove(Instant at, Stage from, Stage to, String reason, String actor, Long runId) {
    }

    /** A follow-up; rep, channel and reason may be {@code null}. */
    public record FollowUpRow(Instant at, String rep, FollowUpChannel channel, FollowUpOutcome outcome, String reason) {
    }

    /** A deal; closing time and lost reason may be {@code null}. */
    public record DealRow(String dealId, Instant createdAt, DealStatus status, Instant closedAt, BigDecimal amount,
                          String lostReason) {
    }

    /**
     * One lead with everything the store knows of it.
     *
     * @param score       the current score, or {@code null} when never scored
     * @param activities  every activity, oldest first, with its detail
     */
    public record LeadRecord(long id, Lead lead, Stage stage, Instant stageChangedAt, Instant mqlAt, String slaState,
                             CurrentScore score, List<ScorePoint> scoreHistory, List<StageMove> stageHistory,
                             List<FollowUpRow> followUps, List<DealRow> deals, List<Activity> activities) {
    }

    /** The lead with that id (the CRM's key), if any; its e-mail address is in {@code lead()} (personal data). */
    public Optional<LeadRecord> find(String leadKey) {
        record Row(long id, Lead lead, Stage stage, Instant stageChangedAt, Instant mqlAt, String slaState) {
        }
        List<Row> rows = jdbc.query("SELECT l.id, " + LeadRows.COLUMNS + ", l.stage, l.stage_changed_at, l.mql_at,"
                        + " l.sla_state FROM lead l WHERE l.lead_key = ?",
                (rs, i) -> new Row(rs.getLong(1), LeadRows.read(rs, 2), Stage.valueOf(rs.getString(2 + LeadRows.WIDTH)),
                        Instants.read(rs, 3 + LeadRows.WIDTH), Instants.read(rs, 4 + LeadRows.WIDTH),
                        rs.getString(5 + LeadRows.WIDTH)), leadKey);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Row row = rows.get(0);
        long id = row.id();
        List<CurrentScore> score = jdbc.query("SELECT score, grade, scored_at, model_version, run_id, reasons"
                        + " FROM lead_score WHERE lead_id = ?",
                (rs, i) -> new CurrentScore(rs.getDouble(1), rs.getString(2), Instants.read(rs, 3), rs.getString(4),
                        rs.getLong(5), rs.getString(6)), id);
        List<ScorePoint> history = jdbc.query("SELECT r.as_of, h.run_id, h.score, h.grade, r.model_version,"
                        + " r.mql_threshold FROM score_history h JOIN scoring_run r ON r.run_id = h.run_id"
                        + " WHERE h.lead_id = ? ORDER BY r.as_of, h.run_id",
                (rs, i) -> new ScorePoint(Instants.read(rs, 1), rs.getLong(2), rs.getDouble(3), rs.getString(4),
                        rs.getString(5), rs.getDouble(6)), id);
        List<StageMove> stages = jdbc.query("SELECT occurred_at, from_stage, to_stage, reason, actor, run_id"
                        + " FROM stage_transition WHERE lead_id = ? ORDER BY occurred_at, id",
                (rs, i) -> new StageMove(Instants.read(rs, 1), rs.getString(2) == null ? null : Stage.valueOf(rs.getString(2)),
                        Stage.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getObject(6, Long.class)), id);
        List<FollowUpRow> followUps = jdbc.query("SELECT occurred_at, rep, channel, outcome, reason"
                        + " FROM followup WHERE lead_id = ? ORDER BY occurred_at, id",
                (rs, i) -> new FollowUpRow(Instants.read(rs, 1), rs.getString(2),
                        rs.getString(3) == null ? null : FollowUpChannel.valueOf(rs.getString(3)),
                        FollowUpOutcome.valueOf(rs.getString(4)), rs.getString(5)), id);
        List<DealRow> deals = jdbc.query("SELECT deal_key, created_at, status, closed_at, amount, lost_reason"
                        + " FROM deal WHERE lead_id = ? ORDER BY created_at, id",
                (rs, i) -> new DealRow(rs.getString(1), Instants.read(rs, 2), DealStatus.valueOf(rs.getString(3)),
                        Instants.read(rs, 4), rs.getBigDecimal(5), rs.getString(6)), id);
        String key = row.lead().leadId();
        List<Activity> activities = jdbc.query("SELECT occurred_at, type, detail FROM activity WHERE lead_id = ?"
                        + " ORDER BY occurred_at, id",
                (rs, i) -> new Activity(key, Instants.read(rs, 1), ActivityType.ofOrdinal(rs.getInt(2)), rs.getString(3)),
                id);
        return Optional.of(new LeadRecord(id, row.lead(), row.stage(), row.stageChangedAt(), row.mqlAt(), row.slaState(),
                score.isEmpty() ? null : score.get(0), history, stages, followUps, deals, activities));
    }

    /** Leads per stage in the whole store, every stage present, in stage order. */
    public Map<Stage, Long> stageCounts() {
        Map<Stage, Long> counts = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            counts.put(s, 0L);
        }
        jdbc.query("SELECT stage, COUNT(*) FROM lead GROUP BY stage", rs -> {
            counts.put(Stage.valueOf(rs.getString(1)), rs.getLong(2));
        });
        return counts;
    }

    /** Leads at one stage now. */
    public long atStage(Stage stage) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM lead WHERE stage = ?", Long.class, stage.name());
        return n == null ? 0 : n;
    }

    /** The text with LIKE's wildcards and escape character escaped (the escape character is a backslash). */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
