package io.leadscore.app.web.leads;

import io.leadscore.app.web.NotFoundException;
import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.LeadRows;
import io.leadscore.scoring.domain.Activity;
import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.domain.Stage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Reads leads for the console and the API, read-only, with bound parameters
 * only. E-mail addresses are read, searched and returned only when the caller
 * may see them.
 */
@Service
class LeadQueries {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    /** The latest events listed with a lead (the counts cover all of them). */
    static final int EVENTS_LISTED = 100;

    private final JdbcTemplate jdbc;
    private final LiveReasons live;
    private final Clock clock;

    LeadQueries(JdbcTemplate jdbc, LiveReasons live, Clock clock) {
        this.jdbc = jdbc;
        this.live = live;
        this.clock = clock;
    }

    /**
     * Leads whose id or company (or e-mail, for those who may see it) contains the text, highest score first;
     * with no text, the highest-scored leads.
     *
     * @param stage only leads at this stage, or {@code null}
     */
    List<LeadViews.Row> search(String text, String stage, int limit, boolean withEmail) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("Invalid limit: " + limit + ", expected 1 to " + MAX_LIMIT);
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
        if (stage != null && !stage.isBlank()) {
            Stage s = Stage.fromWire(stage).orElseThrow(() -> new IllegalArgumentException("Invalid stage: '" + stage
                    + "', expected one of " + List.of(Stage.values()).stream().map(Stage::wireName).toList()));
            sql.append(" AND l.stage = ?");
            args.add(s.name());
        }
        sql.append(" ORDER BY s.score DESC NULLS LAST, l.id FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return jdbc.query(sql.toString(), (rs, i) -> new LeadViews.Row(rs.getString(1), rs.getString(2),
                withEmail ? rs.getString(3) : null, rs.getString(4), Instants.read(rs, 5), rs.getString(6),
                (Double) rs.getObject(7, Double.class), rs.getString(8), Instants.read(rs, 9)), args.toArray());
    }

    /** @throws NotFoundException when no lead has the id */
    LeadViews.Detail detail(String leadKey, boolean withEmail) {
        record Row(long id, Lead lead, String stage, Instant stageChangedAt, Instant mqlAt, String slaState) {
        }
        List<Row> rows = jdbc.query("SELECT l.id, " + LeadRows.COLUMNS + ", l.stage, l.stage_changed_at, l.mql_at,"
                        + " l.sla_state FROM lead l WHERE l.lead_key = ?",
                (rs, i) -> new Row(rs.getLong(1), LeadRows.read(rs, 2), rs.getString(2 + LeadRows.WIDTH),
                        Instants.read(rs, 3 + LeadRows.WIDTH), Instants.read(rs, 4 + LeadRows.WIDTH),
                        rs.getString(5 + LeadRows.WIDTH)), leadKey);
        if (rows.isEmpty()) {
            throw new NotFoundException("there is no lead " + leadKey);
        }
        Row row = rows.get(0);
        Lead l = row.lead();
        LeadViews.Profile profile = new LeadViews.Profile(l.leadId(), l.createdAt(), withEmail ? l.email() : null,
                l.company(), l.industry(), l.employees(), l.annualRevenue(), l.country(), l.jobTitle(),
                l.seniority() == null ? null : l.seniority().name().toLowerCase(Locale.ROOT), l.department(), l.source(),
                l.campaign(), l.customAttributes(), row.stage(), row.stageChangedAt(), row.mqlAt(), row.slaState());
        long id = row.id();
        List<LeadViews.Score> score = jdbc.query("SELECT score, grade, scored_at, model_version, run_id, reasons"
                        + " FROM lead_score WHERE lead_id = ?",
                (rs, i) -> new LeadViews.Score(rs.getDouble(1), rs.getString(2), Instants.read(rs, 3), rs.getString(4),
                        rs.getLong(5), rs.getString(6)), id);
        List<LeadViews.ScorePoint> history = jdbc.query("SELECT r.as_of, h.run_id, h.score, h.grade, r.model_version,"
                        + " r.mql_threshold FROM score_history h JOIN scoring_run r ON r.run_id = h.run_id"
                        + " WHERE h.lead_id = ? ORDER BY r.as_of, h.run_id",
                (rs, i) -> new LeadViews.ScorePoint(Instants.read(rs, 1), rs.getLong(2), rs.getDouble(3), rs.getString(4),
                        rs.getString(5), rs.getDouble(6)), id);
        List<LeadViews.StageMove> stages = jdbc.query("SELECT occurred_at, from_stage, to_stage, reason, actor, run_id"
                        + " FROM stage_transition WHERE lead_id = ? ORDER BY occurred_at, id",
                (rs, i) -> new LeadViews.StageMove(Instants.read(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), (Long) rs.getObject(6, Long.class)), id);
        List<LeadViews.FollowUpRow> followUps = jdbc.query("SELECT occurred_at, rep, channel, outcome, reason"
                        + " FROM followup WHERE lead_id = ? ORDER BY occurred_at, id",
                (rs, i) -> new LeadViews.FollowUpRow(Instants.read(rs, 1), rs.getString(2), lower(rs.getString(3)),
                        lower(rs.getString(4)), rs.getString(5)), id);
        List<LeadViews.DealRow> deals = jdbc.query("SELECT deal_key, created_at, status, closed_at, amount, lost_reason"
                        + " FROM deal WHERE lead_id = ? ORDER BY created_at, id",
                (rs, i) -> new LeadViews.DealRow(rs.getString(1), Instants.read(rs, 2), lower(rs.getString(3)),
                        Instants.read(rs, 4), rs.getBigDecimal(5), rs.getString(6)), id);
        List<Activity> activities = new ArrayList<>();
        List<String> details = new ArrayList<>();
        jdbc.query("SELECT occurred_at, type, detail FROM activity WHERE lead_id = ? ORDER BY occurred_at, id", rs -> {
            activities.add(new Activity(l.leadId(), Instants.read(rs, 1), ActivityType.ofOrdinal(rs.getInt(2)), null));
            details.add(rs.getString(3));
        }, id);
        Map<String, Long> byType = new TreeMap<>();
        for (Activity a : activities) {
            byType.merge(a.type().wireName(), 1L, Long::sum);
        }
        List<LeadViews.Event> latest = new ArrayList<>();
        for (int i = activities.size() - 1; i >= 0 && latest.size() < EVENTS_LISTED; i--) {
            latest.add(new LeadViews.Event(activities.get(i).occurredAt(), activities.get(i).type().wireName(), details.get(i)));
        }
        LeadViews.LiveReasons reasons = live.explain(l, activities, clock.instant()).orElse(null);
        return new LeadViews.Detail(profile, score.isEmpty() ? null : score.get(0), history, stages, followUps, deals,
                new LeadViews.Activity(activities.size(), new LinkedHashMap<>(byType), latest), reasons);
    }

    /** Stage counts of the whole store, in stage order, for the search page's chart. */
    Map<String, Long> stageCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Stage s : Stage.values()) {
            counts.put(s.wireName(), 0L);
        }
        jdbc.query("SELECT stage, COUNT(*) FROM lead GROUP BY stage", rs -> {
            counts.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getLong(2));
        });
        return counts;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
